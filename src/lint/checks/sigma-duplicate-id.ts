import { defineCheck } from '../define-check.js'
import type { Place } from '../types.js'

export type MessageIds = 'duplicate'

export default defineCheck<MessageIds>({
  id: 'sigma-duplicate-id',
  meta: {
    kind: 'problem',
    description: 'Sigma rule ids must be unique across the repository.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { duplicate: "id '{{id}}' is also used by {{other}}" },
  },
  create(ctx) {
    const seen = new Map<string, Place[]>()
    return {
      rule(rule) {
        if (typeof rule.id !== 'string') return
        const id = rule.id.toLowerCase()
        const list = seen.get(id) ?? []
        list.push(ctx.locate(['id']))
        seen.set(id, list)
      },
      finalize() {
        for (const [id, places] of seen) {
          if (places.length < 2) continue
          places.forEach((p, i) => {
            const other = places[i === 0 ? 1 : 0] as Place
            ctx.report({ at: { place: p }, messageId: 'duplicate', data: { id, other: `${other.file}:${other.line}` } })
          })
        }
      },
    }
  },
})
