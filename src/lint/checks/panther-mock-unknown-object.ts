import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'unknown'

export default defineCheck<MessageIds>({
  id: 'panther-mock-unknown-object',
  meta: {
    kind: 'problem',
    description: "A test mock's `objectName` must be a name the rule module uses; PAT patches it on the module, so a typo mocks nothing.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['panther'],
    fixable: false,
    messages: { unknown: "mock '{{name}}' is not a name used in {{file}}" },
  },
  create(ctx) {
    return {
      pantherTest(test) {
        const info = test.rule.python
        if (info === undefined || !info.exists || info.syntaxError !== undefined || info.unchecked !== undefined) return
        const mocks = test.value.Mocks
        if (!Array.isArray(mocks)) return
        mocks.forEach((m, j) => {
          const name = m !== null && typeof m === 'object' ? (m as Record<string, unknown>).objectName : undefined
          if (typeof name !== 'string' || info.names.includes(name.split('.')[0] as string)) return
          ctx.report({ at: { path: [...test.path, 'Mocks', j, 'objectName'] }, messageId: 'unknown', data: { name, file: valueText(test.rule.value.Filename) } })
        })
      },
    }
  },
})
