import { isPlainStringItem } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { parseSigmaString } from '../sigma/wildcard.js'

export type MessageIds = 'escaped'

export default defineCheck<MessageIds>({
  id: 'sigma-escaped-wildcard',
  meta: {
    kind: 'problem',
    description: "A backslash before `*` or `?` makes it a literal character: `C:\\Windows\\*` matches the text `C:\\Windows*`, not the folder's contents.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { escaped: "'{{value}}' contains an escaped (literal) wildcard; write '\\\\{{char}}' for a backslash followed by a wildcard" },
  },
  create(ctx) {
    return {
      value(v) {
        // An escaped wildcard is a backslash right before `*` or `?`: most values (paths too) have none.
        if (typeof v.value !== 'string' || !(v.value.includes('\\*') || v.value.includes('\\?')) || !isPlainStringItem(v.item)) return
        if (!parseSigmaString(v.value).escapedWildcard) return
        const char = /\\([*?])/.exec(v.value)?.[1] ?? '*'
        ctx.report({ at: { path: v.path }, messageId: 'escaped', data: { value: v.value, char } })
      },
    }
  },
})
