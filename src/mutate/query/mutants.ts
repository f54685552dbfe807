import type { LoadedRule } from '../../model/rule.js'
import type { SourceLocation } from '../../model/source.js'
import { lineDiff } from '../diff.js'
import type { QueryContext, QueryMutation, QueryOperator } from './types.js'

/** A query mutant placed in its file, with its diff and (unless equivalent or broken) its rule. */
export interface QueryMutant {
  operator: string
  mutation: QueryMutation<unknown>
  location: SourceLocation
  diff: string
  rule?: LoadedRule
  error?: string
}

/** How a format's rules are mutated: its tree, how it prints, how a mutant is rebuilt and placed. */
export interface QueryFormat<T> {
  tree: T
  operators: readonly QueryOperator<T>[]
  context: QueryContext
  /** The tree as text, a line per statement or command (both sides of the diff). */
  print(tree: T): string
  /** The rule with another tree (its tests and declarations kept), or why it does not build. */
  build(tree: T): LoadedRule | string
  locate(at: number): SourceLocation
}

// The tree without offsets: two operators reaching the same query make one mutant.
const canonical = (tree: unknown): string => JSON.stringify(tree, (k, v: unknown) => (k === 'at' ? undefined : v instanceof Map ? [...v.keys()] : v))

/** Every mutant of a query rule, each operator in turn; duplicates and no-ops folded. */
export function queryMutants<T>(f: QueryFormat<T>): QueryMutant[] {
  const original = f.print(f.tree)
  const seen = new Set<string>([canonical(f.tree)])
  const out: QueryMutant[] = []
  for (const op of f.operators) {
    for (const m of op.mutate(f.tree, f.context)) {
      const key = canonical(m.tree)
      if (seen.has(key) && !m.equivalent) {
        if (key === canonical(f.tree)) m.equivalent = 'the query is unchanged'
        else continue
      }
      seen.add(key)
      const mutant: QueryMutant = { operator: op.id, mutation: m as QueryMutation<unknown>, location: f.locate(m.at), diff: lineDiff(original, f.print(m.tree)) }
      if (!m.equivalent) {
        const built = f.build(m.tree)
        if (typeof built === 'string') mutant.error = built
        else mutant.rule = built
      }
      out.push(mutant)
    }
  }
  return out
}
