import type { EvalExpr } from '../../spl/ast.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'caseSensitive'

/** `field = "text"` (or !=) in an eval expression, where the text has letters. */
function* literalComparisons(e: EvalExpr): Generator<{ field: string; op: string; value: string; at: number }> {
  if (e.t === 'bin') {
    if ((e.op === '=' || e.op === '==' || e.op === '!=') && e.left.t === 'field' && e.right.t === 'str' && /[A-Za-z]/.test(e.right.value)) {
      yield { field: e.left.name, op: e.op, value: e.right.value, at: e.left.at }
    }
    yield* literalComparisons(e.left)
    yield* literalComparisons(e.right)
  } else if (e.t === 'not' || e.t === 'neg') yield* literalComparisons(e.item)
  else if (e.t === 'call' && e.fn !== 'lower' && e.fn !== 'upper') for (const a of e.args) yield* literalComparisons(a)
}

export default defineCheck<MessageIds>({
  id: 'spl-where-case',
  meta: {
    kind: 'suggestion',
    description:
      '`where` compares strings case-sensitively, while `search` matches values case-insensitively: `where verb="Create"` misses `create`. Compare `lower(field)` to a lower-case literal, or filter in `search`.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['splunk-spl'],
    fixable: false,
    messages: {
      caseSensitive: "where {{field}}{{op}}\"{{value}}\" is case-sensitive (search {{field}}={{value}} would match any case); use lower({{field}}){{op}}\"{{lower}}\" or a search term",
    },
  },
  create(ctx) {
    return {
      splRule(rule) {
        for (const c of rule.pipeline.commands) {
          if (c.c !== 'where') continue
          for (const cmp of literalComparisons(c.expr)) {
            ctx.report({ at: { place: rule.at(cmp.at) }, messageId: 'caseSensitive', data: { field: cmp.field, op: cmp.op, value: cmp.value, lower: cmp.value.toLowerCase() } })
          }
        }
      },
    }
  },
})
