import { defineCheck } from '../define-check.js'
import { Lines, removeSequenceLine } from '../text.js'

export type MessageIds = 'duplicate'

export default defineCheck<MessageIds>({
  id: 'sigma-duplicate-tag',
  meta: {
    kind: 'suggestion',
    description: 'A tag listed twice is redundant.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: { duplicate: "tag '{{tag}}' is listed twice" },
  },
  create(ctx) {
    return {
      rule(rule) {
        const list = rule.value.tags
        if (!Array.isArray(list)) return
        const seen = new Set<string>()
        list.forEach((t, i) => {
          if (typeof t !== 'string') return
          const k = t.toLowerCase()
          if (!seen.has(k)) return void seen.add(k)
          const fix = ctx.text === undefined ? undefined : removeSequenceLine(new Lines(ctx.text), ctx.locate(['tags', i]))
          ctx.report({ at: { path: ['tags', i] }, messageId: 'duplicate', data: { tag: t }, ...(fix ? { fix } : {}) })
        })
      },
    }
  },
})
