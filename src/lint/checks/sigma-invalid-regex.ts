import { isRegexItem, toJsRegex } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'invalid' | 'notString'

export default defineCheck<MessageIds>({
  id: 'sigma-invalid-regex',
  meta: {
    kind: 'problem',
    description: 'Values of `|re` items must be valid regular expressions.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { invalid: 'invalid regular expression: {{reason}}', notString: '`|re` needs a string value' },
  },
  create(ctx) {
    return {
      value(v) {
        if (!isRegexItem(v.item)) return
        if (typeof v.value !== 'string') {
          ctx.report({ at: { path: v.path }, messageId: 'notString' })
          return
        }
        let regex: { source: string; flags: string }
        try {
          regex = toJsRegex(v.value, v.item.modifiers)
          new RegExp(regex.source, regex.flags)
        } catch (e) {
          const reason = (e as Error).message.replace(/^Invalid regular expression: /, '').replace(/^\/.*\/[a-z]*: /s, '')
          ctx.report({ at: { path: v.path }, messageId: 'invalid', data: { reason } })
        }
      },
    }
  },
})
