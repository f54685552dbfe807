import { defineCheck } from '../define-check.js'
import { patternMatches } from '../sigma/condition-refs.js'

export type MessageIds = 'empty'

export default defineCheck<MessageIds>({
  id: 'sigma-empty-of-pattern',
  meta: {
    kind: 'problem',
    description: "A `1 of`/`all of` selector must match at least one search identifier; pySigma silently drops one that matches none.",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { empty: "'{{quantifier}} of {{pattern}}' matches no search identifier" },
  },
  create(ctx) {
    return {
      condition(c) {
        for (const ref of c.refs) {
          if (ref.kind === 'of' && patternMatches(ref.pattern, c.names).length === 0) {
            ctx.report({ at: { path: c.path, offset: ref.patternOffset, token: ref.pattern }, messageId: 'empty', data: { quantifier: ref.quantifier, pattern: ref.pattern } })
          }
        }
      },
    }
  },
})
