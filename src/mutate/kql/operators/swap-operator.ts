import type { Expr, Query } from '../../../kql/ast.js'
import { replaceNode } from '../../../shared/tree.js'
import { hasCase, type QueryMutation, type QueryOperator } from '../../query/types.js'
import { expressions } from '../tree.js'

/** String literals an operator compares with (its right side, or its list's items). */
function comparedValues(e: Expr): string[] {
  const lits = e.k === 'bin' ? [e.r] : e.k === 'list' ? e.items : []
  return lits.flatMap((x) => (x.k === 'lit' ? (Array.isArray(x.v) ? x.v : [x.v]) : [])).filter((v): v is string => typeof v === 'string')
}

function swaps(q: Query, pairs: readonly [string, string][], hints: (values: string[]) => { equivalent?: string; leafValues: string[] }): QueryMutation<Query>[] {
  const to = new Map<string, string>()
  for (const [a, b] of pairs) to.set(a, b).set(b, a)
  const out: QueryMutation<Query>[] = []
  for (const { e } of expressions(q)) {
    if ((e.k !== 'bin' && e.k !== 'list') || !to.has(e.op)) continue
    const op = to.get(e.op)!
    const h = hints(comparedValues(e))
    out.push({
      tree: replaceNode(q, e, { ...e, op }),
      at: e.at,
      change: `${e.op} → ${op}`,
      ...(h.equivalent ? { equivalent: h.equivalent } : {}),
      ...(h.leafValues.length ? { leafValues: h.leafValues } : {}),
    })
  }
  return out
}

const CASE_PAIRS: [string, string][] = [['==', '=~'], ['!=', '!~'], ['in', 'in~'], ['!in', '!in~'], ['has', 'has_cs'], ['!has', '!has_cs'], ['contains', 'contains_cs'], ['!contains', '!contains_cs'], ['startswith', 'startswith_cs'], ['!startswith', '!startswith_cs'], ['endswith', 'endswith_cs'], ['!endswith', '!endswith_cs']]

export const swapCase: QueryOperator<Query> = {
  id: 'swap-case',
  format: 'sentinel-kql',
  description: 'Swap a case-sensitive operator for its case-insensitive twin and back (`==` ↔ `=~`, `in` ↔ `in~`, `has` ↔ `has_cs`): tests should pin the case rule.',
  mutate: (q) =>
    swaps(q, CASE_PAIRS, (values) => ({
      ...(values.length > 0 && !values.some(hasCase) ? { equivalent: 'the values compared have no letters that change with case' } : {}),
      leafValues: values.filter(hasCase).map((v) => (v === v.toUpperCase() ? v.toLowerCase() : v.toUpperCase())),
    })),
}

const TERM_PAIRS: [string, string][] = [['has', 'contains'], ['!has', '!contains'], ['has_cs', 'contains_cs'], ['!has_cs', '!contains_cs']]

export const swapHasContains: QueryOperator<Query> = {
  id: 'swap-has-contains',
  format: 'sentinel-kql',
  description: 'Swap `has` (whole terms) and `contains` (any substring): tests should show which one the rule means.',
  // A value inside a longer word: contains sees it, has does not.
  mutate: (q) => swaps(q, TERM_PAIRS, (values) => ({ leafValues: values.filter((v) => v !== '').map((v) => `x${v}x`) })),
}
