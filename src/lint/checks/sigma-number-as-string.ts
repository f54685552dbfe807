import { isPlainStringItem } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'number'

export default defineCheck<MessageIds>({
  id: 'sigma-number-as-string',
  meta: {
    kind: 'suggestion',
    description: 'A quoted integer is a string; backends compare it as text, which misses numeric fields (write the number unquoted).',
    defaultSeverity: 'note',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { number: "'{{value}}' is a number written as a string" },
  },
  create(ctx) {
    return {
      value(v) {
        if (typeof v.value !== 'string' || v.item.field === null || v.item.modifiers.length > 0 || !isPlainStringItem(v.item)) return
        if (/^-?[1-9][0-9]*$|^0$/.test(v.value)) ctx.report({ at: { path: v.path }, messageId: 'number', data: { value: v.value } })
      },
    }
  },
})
