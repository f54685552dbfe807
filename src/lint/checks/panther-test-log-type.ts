import { defineCheck } from '../define-check.js'

export type MessageIds = 'notInLogTypes'

export default defineCheck<MessageIds>({
  id: 'panther-test-log-type',
  meta: {
    kind: 'problem',
    description: "A test's `p_log_type` must be one of the rule's `LogTypes`; otherwise the test exercises a log the rule never receives.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['panther'],
    fixable: false,
    messages: { notInLogTypes: "test '{{test}}' has p_log_type '{{logType}}', which is not in LogTypes ({{logTypes}})" },
  },
  create(ctx) {
    return {
      pantherTest(test) {
        const rule = test.rule
        if (test.logType === undefined || rule.logTypes.length === 0 || rule.logTypes.includes(test.logType)) return
        ctx.report({
          at: { path: [...test.path, 'Log', 'p_log_type'] },
          messageId: 'notInLogTypes',
          data: { test: test.name ?? `#${test.index + 1}`, logType: test.logType, logTypes: rule.logTypes.join(', ') },
        })
      },
    }
  },
})
