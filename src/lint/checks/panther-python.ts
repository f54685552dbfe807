import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'syntax' | 'missingFunction' | 'unchecked'

const ENTRY: Record<string, string> = { rule: 'rule', scheduled_rule: 'rule', policy: 'policy' }

export default defineCheck<MessageIds>({
  id: 'panther-python',
  meta: {
    kind: 'problem',
    description: 'The Python module of a Panther rule must parse, and define `rule()` (`policy()` for policies).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['panther'],
    fixable: false,
    messages: {
      syntax: 'Python syntax error: {{message}}',
      missingFunction: "{{file}} defines no {{function}}() function",
      unchecked: '{{file}} was not checked: {{reason}}',
    },
  },
  create(ctx) {
    return {
      pantherRule(rule) {
        const info = rule.python
        if (info === undefined || !info.exists || rule.pythonPath === undefined) return
        if (info.unchecked !== undefined) {
          ctx.report({ at: { path: ['Filename'] }, messageId: 'unchecked', data: { file: valueText(rule.value.Filename), reason: info.unchecked } })
          return
        }
        if (info.syntaxError) {
          const { message, line, column } = info.syntaxError
          ctx.report({ at: { place: { file: rule.pythonPath, line, column } }, messageId: 'syntax', data: { message } })
          return
        }
        const fn = ENTRY[rule.analysisType ?? '']
        if (fn !== undefined && !info.functions.includes(fn)) {
          ctx.report({ at: { path: ['Filename'] }, messageId: 'missingFunction', data: { file: valueText(rule.value.Filename), function: fn } })
        }
      },
    }
  },
})
