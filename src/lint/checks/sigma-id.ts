import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'missing' | 'invalid'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export default defineCheck<MessageIds>({
  id: 'sigma-id',
  meta: {
    kind: 'problem',
    description: 'A Sigma rule needs an `id` that is a UUID (random version 4 recommended).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { missing: 'rule has no id', invalid: "id '{{id}}' is not a UUID" },
  },
  create(ctx) {
    return {
      rule(rule) {
        const id = rule.value.id
        if (id === undefined || id === null) {
          if (rule.kind === 'rule') ctx.report({ at: { path: [] }, messageId: 'missing' })
        } else if (typeof id !== 'string' || !UUID.test(id)) ctx.report({ at: { path: ['id'] }, messageId: 'invalid', data: { id: valueText(id) } })
      },
    }
  },
})
