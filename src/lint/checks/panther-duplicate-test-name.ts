import { defineCheck } from '../define-check.js'

export type MessageIds = 'duplicate'

export default defineCheck<MessageIds>({
  id: 'panther-duplicate-test-name',
  meta: {
    kind: 'problem',
    description: "Test names must be unique within a rule: reports and `--filter` address tests by name.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['panther'],
    fixable: false,
    messages: { duplicate: "test name '{{name}}' is already used by test {{first}}" },
  },
  create(ctx) {
    return {
      pantherRule(rule) {
        const seen = new Map<string, number>()
        for (const t of rule.tests) {
          if (t.name === undefined) continue
          const first = seen.get(t.name)
          if (first === undefined) seen.set(t.name, t.index + 1)
          else ctx.report({ at: { path: [...t.path, 'Name'] }, messageId: 'duplicate', data: { name: t.name, first } })
        }
      },
    }
  },
})
