import { claimedVariants, pipelineFor } from '../../sigma/pipeline/index.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'unsupported'

export default defineCheck<MessageIds>({
  id: 'field-variant-unsupported',
  meta: {
    kind: 'problem',
    description: "A detection field must be provided on every log variant the rule's logsource claims (through that variant's field-mapping pipeline); otherwise the rule is blind there.",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    yieldsTo: ['field-not-in-logsource'],
    messages: { unsupported: "'{{field}}' is not provided on {{variant}}: {{reason}}" },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        if (item.field === null || item.modifiers.includes('exists')) return
        if (item.values.every((v) => v.value === null)) return
        for (const variant of claimedVariants(item.rule.logsource)) {
          const reason = pipelineFor(item.rule.logsource, variant)?.unsupported(item.field)
          if (reason !== undefined) {
            ctx.report({ at: { path: item.path, key: true }, messageId: 'unsupported', data: { field: item.field, variant, reason } })
          }
        }
      },
    }
  },
})
