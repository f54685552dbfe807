import { modifierOffset } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { AFTER_CIDR, AFTER_RE, COMPARISONS, ENCODINGS, FIRST_ONLY, MODIFIERS, REGEX_FLAGS, TIME_PARTS, WILDCARDING } from '../sigma/modifiers.js'

export type MessageIds = 'first' | 'flagWithoutRe' | 'afterRe' | 'afterCidr' | 'encodeAfterWildcard' | 'base64offsetContains' | 'timeAfterComparison' | 'repeated'

export default defineCheck<MessageIds>({
  id: 'sigma-modifier-order',
  meta: {
    kind: 'problem',
    description: 'Modifier chains must be in an order Sigma can apply (re/cidr/exists first, regex flags after re, no encoding after contains, …).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: {
      first: "'{{modifier}}' must be the first modifier",
      flagWithoutRe: "regex flag '{{modifier}}' needs 're' before it",
      afterRe: "'{{modifier}}' cannot follow 're'",
      afterCidr: "'{{modifier}}' cannot follow 'cidr'",
      encodeAfterWildcard: "'{{modifier}}' after '{{previous}}' would encode the wildcards; put '{{previous}}' last",
      base64offsetContains: "'base64offset' without a following 'contains' only matches the whole value",
      timeAfterComparison: "'{{modifier}}' must come before the comparison '{{previous}}'",
      repeated: "modifier '{{modifier}}' is repeated",
    },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        const mods = item.modifiers
        const seen = new Set<string>()
        mods.forEach((m, i) => {
          if (!MODIFIERS.has(m)) return
          const at = { path: item.path, key: true, offset: modifierOffset(item, i), token: m }
          const before = mods.slice(0, i)
          const prevWild = before.find((p) => WILDCARDING.has(p))
          const prevCmp = before.find((p) => COMPARISONS.has(p))
          if (seen.has(m) && m !== 'base64') ctx.report({ at, messageId: 'repeated', data: { modifier: m } })
          else if (FIRST_ONLY.has(m) && i > 0) ctx.report({ at, messageId: 'first', data: { modifier: m } })
          else if (REGEX_FLAGS.has(m) && !before.includes('re')) ctx.report({ at, messageId: 'flagWithoutRe', data: { modifier: m } })
          else if (mods[0] === 're' && i > 0 && !AFTER_RE.has(m)) ctx.report({ at, messageId: 'afterRe', data: { modifier: m } })
          else if (mods[0] === 'cidr' && i > 0 && !AFTER_CIDR.has(m)) ctx.report({ at, messageId: 'afterCidr', data: { modifier: m } })
          else if (ENCODINGS.has(m) && prevWild !== undefined) ctx.report({ at, messageId: 'encodeAfterWildcard', data: { modifier: m, previous: prevWild } })
          else if (TIME_PARTS.has(m) && prevCmp !== undefined) ctx.report({ at, messageId: 'timeAfterComparison', data: { modifier: m, previous: prevCmp } })
          else if (m === 'base64offset' && !mods.slice(i + 1).includes('contains')) ctx.report({ at, messageId: 'base64offsetContains' })
          seen.add(m)
        })
      },
    }
  },
})
