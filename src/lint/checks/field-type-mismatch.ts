import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { domainFor, lookupField } from '../domain/kubernetes-audit.js'

export type MessageIds = 'notInteger' | 'object'

export default defineCheck<MessageIds>({
  id: 'field-type-mismatch',
  meta: {
    kind: 'problem',
    description: "A value must have a type its field can hold: `responseStatus.code` is an integer HTTP status, so `'ALLOW'` never matches.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: {
      notInteger: "'{{field}}' is an integer field; '{{value}}' can never match it",
      object: "'{{field}}' is an object; comparing it with '{{value}}' never matches (name a field inside it)",
    },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        if (item.field === null || item.modifiers.some((m) => m === 'exists' || m === 'fieldref' || m === 're')) return
        const domain = domainFor(item.rule.logsource)
        if (domain === undefined) return
        const found = lookupField(domain, item.field)
        if (found.kind !== 'known') return
        for (const v of item.values) {
          if (v.value === null || typeof v.value === 'object') continue
          const text = valueText(v.value)
          if (found.spec.type === 'integer' && typeof v.value === 'string' && !/^[-+]?[0-9*?]+$/.test(text)) {
            ctx.report({ at: { path: v.path }, messageId: 'notInteger', data: { field: item.field, value: text } })
          } else if (found.spec.type === 'object' && text !== '*') {
            ctx.report({ at: { path: v.path }, messageId: 'object', data: { field: item.field, value: text } })
          }
        }
      },
    }
  },
})
