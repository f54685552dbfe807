import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'invalid' | 'case'

const SEVERITIES = ['Info', 'Low', 'Medium', 'High', 'Critical']

export default defineCheck<MessageIds>({
  id: 'panther-severity',
  meta: {
    kind: 'problem',
    description: '`Severity` must be exactly one of Info, Low, Medium, High, Critical (title case: PAT rejects `HIGH`).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['panther'],
    fixable: true,
    messages: {
      invalid: "Severity '{{value}}' is not one of {{allowed}}",
      case: "Severity '{{value}}' must be written '{{fixed}}'",
    },
  },
  create(ctx) {
    return {
      pantherRule(rule) {
        const v = rule.value.Severity
        if (v === undefined || (typeof v === 'string' && SEVERITIES.includes(v))) return
        const fixed = typeof v === 'string' ? SEVERITIES.find((s) => s.toLowerCase() === v.toLowerCase()) : undefined
        if (fixed === undefined) {
          ctx.report({ at: { path: ['Severity'] }, messageId: 'invalid', data: { value: valueText(v), allowed: SEVERITIES.join(', ') } })
          return
        }
        const start = ctx.offsetOf(ctx.locate(['Severity']))
        const q = ctx.text?.[start] === '"' || ctx.text?.[start] === "'" ? 1 : 0
        const fix = ctx.text?.slice(start + q, start + q + fixed.length) === v ? { start: start + q, end: start + q + fixed.length, text: fixed } : undefined
        ctx.report({ at: { path: ['Severity'] }, messageId: 'case', data: { value: v as string, fixed }, ...(fix ? { fix } : {}) })
      },
    }
  },
})
