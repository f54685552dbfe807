import { modifierOffset } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { MODIFIERS } from '../sigma/modifiers.js'

export type MessageIds = 'unknown' | 'unknownCase'

export default defineCheck<MessageIds>({
  id: 'sigma-unknown-modifier',
  meta: {
    kind: 'problem',
    description: 'Value modifiers must be ones Sigma defines (names are case-sensitive).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: {
      unknown: "unknown modifier '{{modifier}}'",
      unknownCase: "unknown modifier '{{modifier}}' (modifiers are lower case: '{{lower}}')",
    },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        item.modifiers.forEach((m, i) => {
          if (MODIFIERS.has(m)) return
          const at = { path: item.path, key: true, offset: modifierOffset(item, i), token: m }
          const lower = m.toLowerCase()
          if (MODIFIERS.has(lower)) {
            const place = ctx.locate(item.path, true)
            const start = ctx.offsetOf(place) + (ctx.text?.[ctx.offsetOf(place)] === "'" || ctx.text?.[ctx.offsetOf(place)] === '"' ? 1 : 0) + modifierOffset(item, i)
            const fix = ctx.text?.slice(start, start + m.length) === m ? { start, end: start + m.length, text: lower } : undefined
            ctx.report({ at, messageId: 'unknownCase', data: { modifier: m, lower }, ...(fix ? { fix } : {}) })
          } else ctx.report({ at, messageId: 'unknown', data: { modifier: m } })
        })
      },
    }
  },
})
