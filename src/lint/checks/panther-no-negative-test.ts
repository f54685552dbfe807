import { defineCheck } from '../define-check.js'

export type MessageIds = 'noNegative' | 'noTests'

export default defineCheck<MessageIds>({
  id: 'panther-no-negative-test',
  meta: {
    kind: 'suggestion',
    description: 'A Panther rule should have tests, including at least one with `ExpectedResult: false` (a rule that matches everything passes positive tests only).',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['panther'],
    fixable: false,
    messages: { noNegative: 'no test expects the rule not to match (ExpectedResult: false)', noTests: 'the rule has no tests' },
  },
  create(ctx) {
    return {
      pantherRule(rule) {
        if (rule.analysisType !== 'rule' && rule.analysisType !== 'scheduled_rule' && rule.analysisType !== 'policy') return
        if (rule.tests.length === 0) ctx.report({ at: { path: [rule.idKey] }, messageId: 'noTests' })
        else if (!rule.tests.some((t) => t.expected === false)) ctx.report({ at: { path: ['Tests'], key: true }, messageId: 'noNegative' })
      },
    }
  },
})
