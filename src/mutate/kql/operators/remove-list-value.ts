import type { Expr, Query } from '../../../kql/ast.js'
import { replaceNode } from '../../../shared/tree.js'
import type { QueryMutation, QueryOperator } from '../../query/types.js'
import { expressions } from '../tree.js'

const CASELESS = new Set(['in~', '!in~', 'has_any', 'has_all'])
const shown = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v))
const same = (a: unknown, b: unknown, caseless: boolean): boolean => (caseless && typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b)

/** One value of a list removed: each value of `in (…)`/`has_any (…)` and each item of a `dynamic([…])` list (a `let`'s, say). */
export const removeListValue: QueryOperator<Query> = {
  id: 'remove-list-value',
  format: 'sentinel-kql',
  description: "Remove one value of an `in`/`has_any`/`has_all` list or of a `dynamic([…])` list: the rule's tests should need every value.",
  mutate(q) {
    const out: QueryMutation<Query>[] = []
    // Which lists are read case-insensitively: a dynamic list used by has_any counts duplicates without case.
    const caselessNames = new Set<string>()
    for (const { e } of expressions(q)) if (e.k === 'list' && CASELESS.has(e.op)) for (const i of e.items) if (i.k === 'name') caselessNames.add(i.name)
    for (const { e } of expressions(q)) {
      if (e.k === 'list' && !e.sub && e.items.length >= 2 && e.items.every((i) => i.k === 'lit' && !Array.isArray(i.v))) {
        const values = e.items.map((i) => (i as Extract<Expr, { k: 'lit' }>).v)
        e.items.forEach((item, i) => {
          const v = values[i]
          const twice = values.some((w, j) => j !== i && same(v, w, CASELESS.has(e.op)))
          out.push({ tree: replaceNode(q, e, { ...e, items: e.items.filter((_, j) => j !== i) }), at: item.at, change: `remove ${shown(v)} from '${e.op}'`, ...(twice ? { equivalent: `${shown(v)} is listed twice` } : { leafValues: typeof v === 'string' || typeof v === 'number' ? [v] : [] }) })
        })
      }
      if (e.k === 'lit' && Array.isArray(e.v) && e.v.length >= 2) {
        const list = e.v
        const owner = letName(q, e)
        const caseless = owner !== undefined && caselessNames.has(owner)
        list.forEach((v, i) => {
          const twice = list.some((w, j) => j !== i && same(v, w, caseless))
          out.push({ tree: replaceNode(q, e, { ...e, v: list.filter((_, j) => j !== i) }), at: e.at, change: `remove ${shown(v)} from ${owner ?? 'a dynamic list'}`, ...(twice ? { equivalent: `${shown(v)} is listed twice` } : typeof v === 'string' || typeof v === 'number' ? { leafValues: [v] } : {}) })
        })
      }
    }
    return out
  },
}

/** The name a `let` gives a literal, if it is one's whole value. */
function letName(q: Query, lit: Expr): string | undefined {
  for (const s of q.statements) if (s.k === 'let-scalar' && s.expr === lit) return s.name
  return undefined
}
