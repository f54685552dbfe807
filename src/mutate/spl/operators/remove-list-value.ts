import type { Pipeline, SearchExpr } from '../../../spl/ast.js'
import { replaceNode } from '../../../shared/tree.js'
import type { QueryMutation, QueryOperator } from '../../query/types.js'
import { briefSearch, searchNodes } from '../tree.js'

const lower = (s: string): string => s.toLowerCase()

/** One value of `field IN (…)` removed, or one alternative of an `OR` (`verb=create OR verb=update`). */
export const removeListValue: QueryOperator<Pipeline> = {
  id: 'remove-list-value',
  format: 'splunk-spl',
  description: "Remove one value of an `IN (…)` list or one alternative of an `OR`: the detection's tests should need every value.",
  mutate(p, ctx) {
    const out: QueryMutation<Pipeline>[] = []
    for (const { e } of searchNodes(p)) {
      if (!ctx.written(e.at)) continue
      if (e.t === 'in' && e.values.length >= 2) {
        e.values.forEach((v, i) => {
          // Search values compare without case: `a` and `A` are the same value.
          const twice = e.values.some((w, j) => j !== i && lower(w.value) === lower(v.value))
          out.push({ tree: replaceNode(p, e, { ...e, values: e.values.filter((_, j) => j !== i) }), at: e.at, change: `remove ${JSON.stringify(v.value)} from ${e.field} IN (…)`, ...(twice ? { equivalent: `${JSON.stringify(v.value)} is listed twice` } : { leafValues: [v.value] }) })
        })
      }
      if (e.t === 'or' && e.items.length >= 2) {
        e.items.forEach((item, i) => {
          const rest = e.items.filter((_, j) => j !== i)
          const twice = rest.some((r) => lower(briefSearch(r, 1e9)) === lower(briefSearch(item, 1e9)))
          const replacement: SearchExpr = rest.length === 1 ? rest[0]! : { ...e, items: rest }
          out.push({ tree: replaceNode(p, e, replacement), at: item.at, change: `remove '${briefSearch(item)}' from an OR`, ...(twice ? { equivalent: 'the same alternative is listed twice' } : item.t === 'cmp' ? { leafValues: [item.value] } : {}) })
        })
      }
    }
    return out
  },
}
