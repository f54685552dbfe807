import type { EvalExpr, Pipeline, SearchExpr } from '../../../spl/ast.js'
import { nodesOf, replaceNode } from '../../../shared/tree.js'
import type { QueryMutation, QueryOperator } from '../../query/types.js'
import { briefSearch, searchNodes } from '../tree.js'

/** `AND` ↔ `OR`, in a search (an implicit AND too) or a `where`/`eval` expression, one node at a time. */
export const swapAndOr: QueryOperator<Pipeline> = {
  id: 'swap-and-or',
  format: 'splunk-spl',
  description: 'Replace `AND` with `OR` and the reverse: tests should pin the connective.',
  mutate(p, ctx) {
    const out: QueryMutation<Pipeline>[] = []
    for (const { e } of searchNodes(p)) {
      if ((e.t !== 'and' && e.t !== 'or') || !ctx.written(e.items[1]?.at ?? e.at)) continue
      const swapped: SearchExpr = { ...e, t: e.t === 'and' ? 'or' : 'and' }
      const same = new Set(e.items.map((i) => briefSearch(i, 1e9).toLowerCase())).size === 1
      out.push({ tree: replaceNode(p, e, swapped), at: e.items[1]?.at ?? e.at, change: `${e.t === 'and' ? 'AND' : 'OR'} → ${e.t === 'and' ? 'OR' : 'AND'}`, ...(same ? { equivalent: 'every operand is the same' } : {}) })
    }
    for (const { node } of nodesOf(p.commands)) {
      const e = node as unknown as EvalExpr
      if (e.t !== 'bin' || (e.op !== 'AND' && e.op !== 'OR') || !ctx.written(e.at)) continue
      out.push({ tree: replaceNode(p, e, { ...e, op: e.op === 'AND' ? 'OR' : 'AND' }), at: e.at, change: `${e.op} → ${e.op === 'AND' ? 'OR' : 'AND'}` })
    }
    return out
  },
}
