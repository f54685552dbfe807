import { SENTINEL_TABLES } from '../../variants/sentinel.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'table' | 'column'

export default defineCheck<MessageIds>({
  id: 'kql-unknown-name',
  meta: {
    kind: 'problem',
    description: 'Tables the query reads must be Sentinel tables ruleproof has a view of, and columns must exist in them (AzureDiagnostics is wide: any column is accepted there).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sentinel-kql'],
    fixable: false,
    messages: {
      table: "table '{{name}}' is not one ruleproof has a Sentinel view of ({{known}}): the rule cannot be tested",
      column: '{{message}}',
    },
  },
  create(ctx) {
    return {
      kqlRule(rule) {
        const e = rule.runError
        if (!e || e.kind !== 'runtime') return
        const table = /^unknown table '(.*)'$/.exec(e.message)
        if (table) ctx.report({ at: { place: rule.place(e.offset) }, messageId: 'table', data: { name: table[1]!, known: Object.keys(SENTINEL_TABLES).join(', ') } })
        else ctx.report({ at: { place: rule.place(e.offset) }, messageId: 'column', data: { message: e.message } })
      },
    }
  },
})
