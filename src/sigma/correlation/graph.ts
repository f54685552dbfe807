/**
 * The reference graph of correlation rules: each correlation's `rules:` items name detection
 * rules or other correlations (by id or name). A correlation that reaches itself through its
 * references can never be evaluated (its inner correlation must run first); a reference to
 * nothing can never match. Both are reported at the `rules:` item that makes them.
 */

/** One correlation as the graph sees it. */
export interface CorrelationRefs {
  /** How the correlation is shown (id, else name, else title). */
  key: string
  /** The id and name other correlations may reference it by. */
  names: readonly (string | undefined)[]
  /** Its `rules:` items, in order. */
  rules: readonly string[]
}

export interface CorrelationGraphProblem {
  kind: 'cycle' | 'missing'
  /** Index of the correlation in the input list. */
  correlation: number
  /** Index of the `rules:` item at fault. */
  item: number
  message: string
}

/**
 * Cycles and missing references. `isRule(ref)` tells whether a reference names a detection rule
 * the caller knows. Iterative (no recursion): chains of any length are fine.
 */
export function correlationGraphProblems(correlations: readonly CorrelationRefs[], isRule: (ref: string) => boolean): CorrelationGraphProblem[] {
  const byRef = new Map<string, number>()
  correlations.forEach((c, i) => {
    for (const n of c.names) if (n !== undefined && !byRef.has(n)) byRef.set(n, i)
  })
  // Edges to correlations (a reference that names both a correlation and a rule is the correlation, as the engine reads it).
  const edges = correlations.map((c) => c.rules.map((r) => byRef.get(r)))
  const problems: CorrelationGraphProblem[] = []
  correlations.forEach((c, i) => {
    c.rules.forEach((ref, j) => {
      const target = edges[i]?.[j]
      if (target === undefined) {
        if (!isRule(ref)) problems.push({ kind: 'missing', correlation: i, item: j, message: `correlation '${c.key}' references '${ref}', which is neither a rule nor a correlation (by id or name)` })
        return
      }
      const path = pathBetween(edges, target, i)
      if (path === undefined) return
      const names = [i, ...path].map((k) => `'${correlations[k]?.key}'`)
      problems.push({
        kind: 'cycle',
        correlation: i,
        item: j,
        message: target === i ? `correlation '${c.key}' references itself` : `correlation references form a cycle: ${names.join(' → ')}`,
      })
    })
  })
  return problems
}

/** The correlations from `from` to `to` following references (both ends included), or undefined. */
function pathBetween(edges: readonly (readonly (number | undefined)[])[], from: number, to: number): number[] | undefined {
  const parent = new Map<number, number>([[from, -1]])
  const queue = [from]
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q] as number
    if (at === to) {
      const path: number[] = []
      for (let k = at; k !== -1; k = parent.get(k) as number) path.push(k)
      return path.reverse()
    }
    for (const next of edges[at] ?? []) {
      if (next === undefined || parent.has(next)) continue
      parent.set(next, at)
      queue.push(next)
    }
  }
  return undefined
}
