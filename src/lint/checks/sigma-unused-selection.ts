import { defineCheck } from '../define-check.js'
import { patternMatches } from '../sigma/condition-refs.js'

export type MessageIds = 'unused'

export default defineCheck<MessageIds>({
  id: 'sigma-unused-selection',
  meta: {
    kind: 'problem',
    description: 'Every search identifier should be used by the condition; an unused one is usually a forgotten filter.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { unused: "search identifier '{{name}}' is not used by the condition" },
  },
  create(ctx) {
    return {
      rule(rule) {
        if (rule.conditions.length === 0) return
        const used = new Set<string>()
        for (const c of rule.conditions) {
          for (const ref of c.refs) {
            if (ref.kind === 'id') used.add(ref.name)
            else for (const n of patternMatches(ref.pattern, c.names)) used.add(n)
          }
        }
        for (const sel of rule.selections) {
          if (!used.has(sel.name)) ctx.report({ at: { path: sel.path, key: true }, messageId: 'unused', data: { name: sel.name } })
        }
      },
    }
  },
})
