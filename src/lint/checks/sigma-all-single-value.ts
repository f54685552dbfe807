import { modifierOffset } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { replaceScalar, Lines } from '../text.js'

export type MessageIds = 'single'

export default defineCheck<MessageIds>({
  id: 'sigma-all-single-value',
  meta: {
    kind: 'problem',
    description: "The `all` modifier needs at least two values: the spec says a single value must not use it (a second value was probably lost).",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: { single: "'|all' with a single value has no effect" },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        const i = item.modifiers.indexOf('all')
        if (i === -1 || item.key === null) return
        const count = Array.isArray(item.raw) ? item.raw.length : 1
        if (count >= 2) return
        const newKey = item.key.split('|').filter((p, n) => !(n === i + 1 && p === 'all')).join('|')
        const fix = newKey === '' || ctx.text === undefined ? undefined : replaceScalar(new Lines(ctx.text), ctx.locate(item.path, true), newKey)
        ctx.report({ at: { path: item.path, key: true, offset: modifierOffset(item, i), token: 'all' }, messageId: 'single', ...(fix ? { fix } : {}) })
      },
    }
  },
})
