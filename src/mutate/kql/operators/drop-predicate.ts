import type { Expr, Query } from '../../../kql/ast.js'
import { kqlLiteral, nodesOf, replaceNode } from '../../../shared/tree.js'
import type { QueryMutation, QueryOperator } from '../../query/types.js'
import { brief, conjunction, conjuncts, isNegation, startOf, wheres } from '../tree.js'

/** The strings a predicate compares with: what a test event needs for the dropped predicate to decide. */
function stringLiterals(e: Expr): string[] {
  const out: string[] = []
  for (const { node } of nodesOf(e, kqlLiteral)) if (node['k'] === 'lit') out.push(...[node['v']].flat().filter((v): v is string => typeof v === 'string' && v !== ''))
  return [...new Set(out)]
}

/** One operand of a `where`'s `and` chain dropped (the whole `where` when it has one); `negated` picks the operands that exclude. */
function drops(q: Query, negated: boolean): QueryMutation<Query>[] {
  const out: QueryMutation<Query>[] = []
  // In query order (the tree nests the first operator deepest).
  for (const pipe of [...wheres(q)].sort((a, b) => a.op.at - b.op.at)) {
    const items = conjuncts(pipe.op.pred)
    items.forEach((item, i) => {
      if (isNegation(item) !== negated) return
      const tree = items.length === 1 ? replaceNode(q, pipe, pipe.input) : replaceNode(q, pipe.op.pred, conjunction(items.filter((_, j) => j !== i), pipe.op.pred.at))
      const values = stringLiterals(item)
      out.push({ tree, at: startOf(item), change: items.length === 1 ? `drop '| where ${brief(item)}'` : `drop '${brief(item)}' from a where`, ...(values.length ? { leafValues: values } : {}) })
    })
  }
  return out
}

export const dropPredicate: QueryOperator<Query> = {
  id: 'drop-predicate',
  format: 'sentinel-kql',
  description: "Drop one predicate of a `where` (the whole `where` when it has one): the rule's tests should need each condition.",
  mutate: (q) => drops(q, false),
}

export const dropNot: QueryOperator<Query> = {
  id: 'drop-not',
  format: 'sentinel-kql',
  description: 'Drop one excluding predicate of a `where` (`not(…)`, `!has`, `!in`, `!=`…): a test should show what it keeps out.',
  mutate: (q) => drops(q, true),
}
