import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { Lines, removeSequenceLine } from '../text.js'
import type { YamlPath } from '../../shared/yaml/index.js'

export type MessageIds = 'duplicate'

const CASED = new Set(['re', 'base64', 'base64offset', 'cased'])

export default defineCheck<MessageIds>({
  id: 'sigma-duplicate-value',
  meta: {
    kind: 'suggestion',
    description: 'A value listed twice for the same field (case-insensitively, as Sigma matches) is redundant.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: { duplicate: "value '{{value}}' is already listed (line {{first}})" },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        if (item.values.length < 2) return
        const folded = !item.modifiers.some((m) => CASED.has(m))
        // Paths, located only for a duplicate: most lists have none.
        const seen = new Map<string, YamlPath>()
        for (const v of item.values) {
          if (v.value !== null && typeof v.value === 'object') continue
          const key = typeof v.value === 'string' && folded ? v.value.toLowerCase() : `${typeof v.value}:${valueText(v.value)}`
          const firstPath = seen.get(key)
          if (firstPath === undefined) {
            seen.set(key, v.path)
            continue
          }
          const first = ctx.locate(firstPath).line
          const fix = ctx.text === undefined ? undefined : removeSequenceLine(new Lines(ctx.text), ctx.locate(v.path))
          ctx.report({ at: { path: v.path }, messageId: 'duplicate', data: { value: valueText(v.value), first }, ...(fix ? { fix } : {}) })
        }
      },
    }
  },
})
