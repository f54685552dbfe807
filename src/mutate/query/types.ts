/** Mutation of a query language's syntax tree (KQL, SPL): the operator modules' shared shape. */

/** One small change to a query tree, before it is compiled and run. */
export interface QueryMutation<T> {
  /** The whole mutated tree (sharing what did not change with the original). */
  tree: T
  /** Offset in the query text of the mutated element: where the report points. */
  at: number
  /** What changed, in a few words (`drop 'Verb in~ (…)' from a where`). */
  change: string
  /** Logically identical to the original: reported as equivalent, not run. */
  equivalent?: string
  /** Values to try in the test events' string leaves when searching for a distinguishing event. */
  leafValues?: (string | number)[]
}

/** A mutation operator of a query format: one module per operator, like a lint check. */
export interface QueryOperator<T> {
  id: string
  format: 'sentinel-kql' | 'splunk-spl'
  /** One line for docs/mutate.md. */
  description: string
  mutate(tree: T, context: QueryContext): QueryMutation<T>[]
}

export interface QueryContext {
  /** Whether the element at an offset was written in the rule (not brought in by a macro): only those are mutated. */
  written(at: number): boolean
}

/** Letters that change with case: a value without any compares the same either way. */
export const hasCase = (s: string): boolean => s.toLowerCase() !== s.toUpperCase()
