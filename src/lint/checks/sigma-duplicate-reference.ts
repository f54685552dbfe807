import { defineCheck } from '../define-check.js'
import { Lines, removeSequenceLine } from '../text.js'

export type MessageIds = 'duplicate'

export default defineCheck<MessageIds>({
  id: 'sigma-duplicate-reference',
  meta: {
    kind: 'suggestion',
    description: 'A reference listed twice is redundant.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: { duplicate: "reference '{{reference}}' is listed twice" },
  },
  create(ctx) {
    return {
      rule(rule) {
        const list = rule.value.references
        if (!Array.isArray(list)) return
        const seen = new Set<string>()
        list.forEach((t, i) => {
          if (typeof t !== 'string') return
          const k = t.trim()
          if (!seen.has(k)) return void seen.add(k)
          const fix = ctx.text === undefined ? undefined : removeSequenceLine(new Lines(ctx.text), ctx.locate(['references', i]))
          ctx.report({ at: { path: ['references', i] }, messageId: 'duplicate', data: { reference: t }, ...(fix ? { fix } : {}) })
        })
      },
    }
  },
})
