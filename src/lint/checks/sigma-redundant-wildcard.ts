import { isPlainStringItem } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { ANY } from '../../sigma/values/sigma-string.js'
import { parseSigmaString } from '../sigma/wildcard.js'
import { Lines, replaceScalar } from '../text.js'

export type MessageIds = 'redundant'

export default defineCheck<MessageIds>({
  id: 'sigma-redundant-wildcard',
  meta: {
    kind: 'style',
    description: 'A leading/trailing `*` is redundant next to `contains`, `startswith` (trailing) or `endswith` (leading).',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: { redundant: "'{{value}}': the wildcard is already implied by '|{{modifier}}'" },
  },
  create(ctx) {
    return {
      value(v) {
        // No `*` at all (most values): nothing to strip.
        if (typeof v.value !== 'string' || v.value === '*' || !v.value.includes('*') || !isPlainStringItem(v.item)) return
        const mods = v.item.modifiers
        const modifier = mods.find((m) => m === 'contains' || m === 'startswith' || m === 'endswith')
        if (modifier === undefined || mods.some((m) => m === 'base64' || m === 'base64offset' || m.startsWith('utf16') || m === 'wide')) return
        const tokens = parseSigmaString(v.value).tokens
        const lead = tokens[0] === ANY && modifier !== 'startswith'
        const trail = tokens[tokens.length - 1] === ANY && modifier !== 'endswith' && v.value.endsWith('*')
        if (!lead && !trail) return
        let stripped = v.value
        if (lead) stripped = stripped.replace(/^\*+/, '')
        if (trail) stripped = stripped.replace(/\*+$/, '')
        // `\\*` at the end: the star is a wildcard after an escaped backslash; keep the backslashes.
        const fix = stripped === '' || ctx.text === undefined ? undefined : replaceScalar(new Lines(ctx.text), ctx.locate(v.path), stripped)
        ctx.report({ at: { path: v.path }, messageId: 'redundant', data: { value: v.value, modifier }, ...(fix ? { fix } : {}) })
      },
    }
  },
})
