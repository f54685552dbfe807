import { defineCheck } from '../define-check.js'

export type MessageIds = 'unsupported'

export default defineCheck<MessageIds>({
  id: 'kql-unsupported',
  meta: {
    kind: 'suggestion',
    description: 'The query uses an operator or function outside ruleproof\'s KQL engine (docs/kql.md): its tests cannot run, so the rule is not gated.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sentinel-kql'],
    fixable: false,
    yieldsTo: ['kql-syntax'],
    messages: { unsupported: '{{message}}' },
  },
  create(ctx) {
    return {
      kqlRule(rule) {
        const e = rule.parseError ?? (rule.runError?.kind === 'unsupported' ? rule.runError : undefined)
        if (!e) return
        const message = e.kind === 'syntax' ? `unsupported by ruleproof's KQL engine: ${e.message}` : e.message
        ctx.report({ at: { place: rule.place(e.offset) }, messageId: 'unsupported', data: { message } })
      },
    }
  },
})
