import { defineCheck } from '../define-check.js'

export type MessageIds = 'missing' | 'empty'

export interface Options {
  /** Top-level keys every Sigma rule must have. @defaultValue ['title', 'description'] */
  keys: string[]
}

export default defineCheck<MessageIds, Options>({
  id: 'sigma-required-metadata',
  meta: {
    kind: 'suggestion',
    description: 'A Sigma rule should carry a title and a description (configurable list of keys).',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { missing: "rule has no '{{key}}'", empty: "'{{key}}' is empty" },
    schema: { type: 'object', properties: { keys: { type: 'array', items: { type: 'string' }, uniqueItems: true } }, additionalProperties: false },
  },
  defaultOptions: { keys: ['title', 'description'] },
  create(ctx) {
    return {
      rule(rule) {
        if (rule.kind !== 'rule') return
        for (const key of ctx.options.keys) {
          const v = rule.value[key]
          if (v === undefined) ctx.report({ at: { path: [] }, messageId: 'missing', data: { key } })
          else if (v === null || (typeof v === 'string' && v.trim() === '')) ctx.report({ at: { path: [key], key: true }, messageId: 'empty', data: { key } })
        }
      },
    }
  },
})
