import { defineCheck } from '../define-check.js'
import { parseSuppressions } from '../suppress.js'

export type MessageIds = 'missingReason' | 'unknownCheck'

export default defineCheck<MessageIds>({
  id: 'suppression-reason',
  meta: {
    kind: 'problem',
    description: 'An inline `# ruleproof-disable-…` comment must name existing checks and give a reason after `--`.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma', 'panther'],
    fixable: false,
    messages: {
      missingReason: "suppression comment has no reason: add '-- <why>'",
      unknownCheck: "suppression comment names unknown check '{{check}}'",
    },
  },
  create(ctx) {
    return {
      fileEnd(file) {
        for (const s of parseSuppressions(file.file, file.text)) {
          if (s.reason === undefined) ctx.report({ at: { place: s.place }, messageId: 'missingReason' })
          if (s.checks !== 'all') for (const c of s.checks) if (!ctx.knownChecks.has(c)) ctx.report({ at: { place: s.place }, messageId: 'unknownCheck', data: { check: c } })
        }
      },
    }
  },
})
