import { defineCheck } from '../define-check.js'

export type MessageIds = 'untested'

export default defineCheck<MessageIds>({
  id: 'panther-log-type-untested',
  meta: {
    kind: 'suggestion',
    description: "Every `LogTypes` entry should have a test whose `p_log_type` is that log type (a test without p_log_type counts for a rule's only log type).",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['panther'],
    fixable: false,
    messages: { untested: "no test covers log type '{{logType}}'" },
  },
  create(ctx) {
    return {
      pantherRule(rule) {
        if (rule.analysisType !== 'rule' || rule.logTypes.length === 0) return
        const covered = new Set(rule.tests.map((t) => t.logType ?? (rule.logTypes.length === 1 ? rule.logTypes[0] : undefined)))
        const list = rule.value.LogTypes as unknown[]
        const reported = new Set<string>()
        list.forEach((lt, i) => {
          if (typeof lt === 'string' && !covered.has(lt) && !reported.has(lt) && reported.add(lt)) ctx.report({ at: { path: ['LogTypes', i] }, messageId: 'untested', data: { logType: lt } })
        })
      },
    }
  },
})
