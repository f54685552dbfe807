import { defineCheck } from '../define-check.js'

export type MessageIds = 'load'

export default defineCheck<MessageIds>({
  id: 'kql-schema',
  meta: {
    kind: 'problem',
    description: 'A Sentinel analytics rule must follow the analytics rule schema (keys, types, severity, durations, entity mappings), and its sidecar tests must be well-formed; each error is at its key.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sentinel-kql'],
    fixable: false,
    messages: { load: '{{message}}' },
  },
  create(ctx) {
    return {
      kqlRule(rule) {
        for (const f of rule.loadFindings) {
          // Stubs without a query are a note of the loader, not a problem of the file.
          if (f.severity === 'note') continue
          ctx.report({ at: { place: { file: f.file, line: f.line, column: f.column } }, messageId: 'load', data: { message: f.message } })
        }
      },
    }
  },
})
