import { isRegexItem, toJsRegex } from '../check-utils.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'exponential' | 'polynomial'

export interface Options {
  /** Report polynomial backtracking of at least this degree. @defaultValue 3 */
  minPolynomialDegree: number
}

export default defineCheck<MessageIds, Options>({
  id: 'sigma-regex-redos',
  meta: {
    kind: 'problem',
    description: 'Regular expressions should not backtrack catastrophically (ReDoS), checked with recheck.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: {
      exponential: 'regular expression can backtrack exponentially on some inputs (ReDoS)',
      polynomial: 'regular expression can take degree-{{degree}} polynomial time on some inputs (ReDoS)',
    },
    schema: {
      type: 'object',
      properties: { minPolynomialDegree: { type: 'integer', minimum: 2 } },
      additionalProperties: false,
    },
  },
  defaultOptions: { minPolynomialDegree: 3 },
  create(ctx) {
    return {
      value(v) {
        const redos = ctx.host.redos
        if (redos === undefined || !isRegexItem(v.item) || typeof v.value !== 'string') return
        let regex: { source: string; flags: string }
        try {
          regex = toJsRegex(v.value, v.item.modifiers)
          new RegExp(regex.source, regex.flags)
        } catch {
          return // sigma-invalid-regex reports it
        }
        const verdict = redos(regex.source, regex.flags)
        if (verdict.status !== 'vulnerable') return
        if (verdict.complexity === 'exponential') ctx.report({ at: { path: v.path }, messageId: 'exponential' })
        else {
          const degree = Number(verdict.complexity?.split('-')[1] ?? 2)
          if (degree >= ctx.options.minPolynomialDegree) ctx.report({ at: { path: v.path }, messageId: 'polynomial', data: { degree } })
        }
      },
    }
  },
})
