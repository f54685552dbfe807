import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'invalid'

const STATUS = ['stable', 'test', 'experimental', 'deprecated', 'unsupported']

export default defineCheck<MessageIds>({
  id: 'sigma-status',
  meta: {
    kind: 'problem',
    description: '`status` must be one of stable, test, experimental, deprecated, unsupported.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: { invalid: "status '{{value}}' is not one of {{allowed}}" },
  },
  create(ctx) {
    return {
      rule(rule) {
        const v = rule.value.status
        if (v === undefined || v === null || (typeof v === 'string' && STATUS.includes(v))) return
        const lower = typeof v === 'string' ? v.toLowerCase() : ''
        const fix = STATUS.includes(lower) && ctx.text !== undefined ? { start: ctx.offsetOf(ctx.locate(['status'])), end: ctx.offsetOf(ctx.locate(['status'])) + lower.length, text: lower } : undefined
        const safe = fix && ctx.text?.slice(fix.start, fix.end) === v ? fix : undefined
        ctx.report({ at: { path: ['status'] }, messageId: 'invalid', data: { value: valueText(v), allowed: STATUS.join(', ') }, ...(safe ? { fix: safe } : {}) })
      },
    }
  },
})
