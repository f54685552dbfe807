import { defineCheck } from '../define-check.js'

export type MessageIds = 'prefix'

export default defineCheck<MessageIds>({
  id: 'sigma-selection-starts-with-not',
  meta: {
    kind: 'problem',
    description: "Search identifiers must not start with `not` (pySigma splits `notification` into `not ification`).",
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { prefix: "search identifier '{{name}}' starts with 'not'; pySigma reads it as 'not {{rest}}'" },
  },
  create(ctx) {
    return {
      detection(sel) {
        const m = /^not([A-Za-z0-9_-]+)$/.exec(sel.name)
        if (m) ctx.report({ at: { path: sel.path, key: true }, messageId: 'prefix', data: { name: sel.name, rest: m[1] as string } })
      },
    }
  },
})
