import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'invalid'

const STATUS = ['informational', 'low', 'medium', 'high', 'critical']

export default defineCheck<MessageIds>({
  id: 'sigma-level',
  meta: {
    kind: 'problem',
    description: '`level` must be one of informational, low, medium, high, critical.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: { invalid: "level '{{value}}' is not one of {{allowed}}" },
  },
  create(ctx) {
    return {
      rule(rule) {
        const v = rule.value.level
        if (v === undefined || v === null || (typeof v === 'string' && STATUS.includes(v))) return
        const lower = typeof v === 'string' ? v.toLowerCase() : ''
        const fix = STATUS.includes(lower) && ctx.text !== undefined ? { start: ctx.offsetOf(ctx.locate(['level'])), end: ctx.offsetOf(ctx.locate(['level'])) + lower.length, text: lower } : undefined
        const safe = fix && ctx.text?.slice(fix.start, fix.end) === v ? fix : undefined
        ctx.report({ at: { path: ['level'] }, messageId: 'invalid', data: { value: valueText(v), allowed: STATUS.join(', ') }, ...(safe ? { fix: safe } : {}) })
      },
    }
  },
})
