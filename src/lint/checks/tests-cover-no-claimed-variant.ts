import { defineCheck } from '../define-check.js'
import { claimedVariants } from '../../sigma/pipeline/index.js'
import { variantForPantherLogType } from '../../variants/index.js'

export type MessageIds = 'uncovered'

export default defineCheck<MessageIds>({
  id: 'tests-cover-no-claimed-variant',
  meta: {
    kind: 'problem',
    description: "A rule's tests must exercise at least one of the log variants the rule claims (Sigma: its logsource; Panther: its LogTypes).",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma', 'panther'],
    fixable: false,
    messages: { uncovered: 'the tests cover {{tested}}, none of the variants the rule claims ({{claimed}})' },
  },
  create(ctx) {
    return {
      rule(rule) {
        if (rule.kind !== 'rule' || rule.loaded.kind !== 'rule') return
        const tests = rule.loaded.tests
        const claimed = claimedVariants(rule.logsource)
        if (tests.length === 0 || claimed.length === 0) return
        const tested = [...new Set(tests.map((t) => t.variant))]
        if (tested.some((v) => claimed.includes(v))) return
        ctx.report({ at: { path: ['tests'], key: true }, messageId: 'uncovered', data: { tested: tested.join(', '), claimed: claimed.join(', ') } })
      },
      pantherRule(rule) {
        if (rule.tests.length === 0 || rule.logTypes.length === 0) return
        const claimed = rule.logTypes
        const tested = [...new Set(rule.tests.map((t) => t.logType ?? (claimed.length === 1 ? claimed[0] : 'unknown log type')))] as string[]
        if (tested.some((t) => claimed.includes(t))) return
        const show = (l: string[]) => l.map((t) => (variantForPantherLogType(t) ? `${t} (${variantForPantherLogType(t)})` : t)).join(', ')
        ctx.report({ at: { path: ['Tests'], key: true }, messageId: 'uncovered', data: { tested: show(tested), claimed: show(claimed) } })
      },
    }
  },
})
