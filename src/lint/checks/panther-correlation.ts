import { readDetection, readSignals } from '../../panther/correlation/index.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'detection' | 'test'

export default defineCheck<MessageIds>({
  id: 'panther-correlation',
  meta: {
    kind: 'problem',
    description:
      "A correlation rule's `Detection` (Group or Sequence, MatchCriteria, Transitions, Schedule) and its tests' `RuleOutputs` must be something Panther can evaluate: IDs that exist, counts that can be met, times that are minutes or timestamps.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['panther'],
    fixable: false,
    messages: { detection: '{{message}}', test: 'test {{name}}: {{message}}' },
  },
  create(ctx) {
    return {
      pantherRule(rule) {
        if (rule.analysisType !== 'correlation_rule' || !('Detection' in rule.value)) return
        const { detection, issues } = readDetection(rule.value.Detection)
        // What Panther accepts but ruleproof cannot run offline is a skip in `test`, not a lint error.
        for (const issue of issues) if (issue.kind === 'invalid') ctx.report({ at: { path: issue.path }, messageId: 'detection', data: { message: issue.message } })
        if (!detection || !Array.isArray(rule.value.Tests)) return
        rule.value.Tests.forEach((t, i) => {
          if (t === null || typeof t !== 'object') return
          const test = t as Record<string, unknown>
          const name = JSON.stringify(typeof test.Name === 'string' ? test.Name : `#${i + 1}`)
          for (const issue of readSignals(detection, test.RuleOutputs, ['Tests', i]).issues) {
            ctx.report({ at: { path: issue.path }, messageId: 'test', data: { name, message: issue.message } })
          }
        })
      },
    }
  },
})
