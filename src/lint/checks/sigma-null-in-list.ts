import { defineCheck } from '../define-check.js'

export type MessageIds = 'mixed'

export default defineCheck<MessageIds>({
  id: 'sigma-null-in-list',
  meta: {
    kind: 'problem',
    description: 'A `null` value must not be mixed into a value list (the spec\'s invalid example `FieldB: [\'\', null]`): write the null test as a selection of its own.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { mixed: "'null' is mixed into a list of {{count}} values: backends cannot express it; put '{{field}}: null' in a selection of its own" },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        if (item.field === null || !Array.isArray(item.raw) || item.values.length < 2) return
        for (const v of item.values) {
          if (v.value !== null) continue
          ctx.report({ at: { path: v.path }, messageId: 'mixed', data: { count: item.values.length, field: item.field } })
        }
      },
    }
  },
})
