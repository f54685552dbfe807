import { officialSyntaxErrors } from '../../kql/official.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'syntax'

export default defineCheck<MessageIds>({
  id: 'kql-syntax',
  meta: {
    kind: 'problem',
    description: 'The query must parse with Microsoft\'s KQL parser (`@kusto/language-service-next`); each syntax error is reported at its file:line:column, inside the YAML block scalar.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sentinel-kql'],
    fixable: false,
    messages: { syntax: 'KQL syntax error {{code}}: {{message}}' },
  },
  create(ctx) {
    return {
      kqlRule(rule) {
        if (!rule.source) return
        // Microsoft's parser is loaded on first use (seconds): only for KQL files.
        for (const d of officialSyntaxErrors(rule.source.query)) ctx.report({ at: { place: rule.place(d.start) }, messageId: 'syntax', data: { code: d.code, message: d.message } })
      },
    }
  },
})
