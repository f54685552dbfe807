import { checkDetection, SigmaCompileError } from '../../sigma/compile/index.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'compile'

const itself = (name: string | symbol) => [`%${String(name)}%`]
/** Every name is an own property (the compiler reads placeholders as own keys only). */
const anyPlaceholder = new Proxy({} as Record<string, string[]>, {
  get: (_t, name) => itself(name),
  has: () => true,
  getOwnPropertyDescriptor: (_t, name) => ({ value: itself(name), writable: true, enumerable: true, configurable: true }),
})

export default defineCheck<MessageIds>({
  id: 'sigma-compile',
  meta: {
    kind: 'problem',
    description: "A schema-valid Sigma detection must also compile: condition syntax, modifier types, regexes, networks and placeholders as ruleproof's evaluator (and pySigma) accept them.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    yieldsTo: ['sigma-invalid-cidr', 'sigma-invalid-regex', 'sigma-unknown-modifier', 'sigma-modifier-order'],
    messages: { compile: '{{message}}' },
  },
  create(ctx) {
    return {
      rule(rule) {
        if (rule.kind !== 'rule' || !rule.loaded.valid) return
        const detection = rule.value.detection
        if (detection === null || typeof detection !== 'object') return
        try {
          // Placeholders are configuration, not rule errors: any name expands to itself here.
          // Lint needs the verdict only, not the matchers.
          checkDetection(detection as Record<string, unknown>, { placeholders: anyPlaceholder })
        } catch (e) {
          if (!(e instanceof SigmaCompileError)) throw e
          // Dangling references have their own checks (sigma-undefined-selection, sigma-empty-of-pattern).
          if (/which is not a selection of the detection|matches no selection|covers no selection/.test(e.message)) return
          const path = ['detection', ...e.path]
          ctx.report({ at: e.column !== undefined ? { path, offset: e.column - 1 } : { path }, messageId: 'compile', data: { message: e.message } })
        }
      },
    }
  },
})
