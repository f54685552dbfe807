/** Stage three of the condition: a resolved tree → a predicate over selection predicates. */
import type { ResolvedNode } from './resolve.js'

export type Predicate = (record: unknown) => boolean

function allOf(ps: Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate]
    return (r) => a(r) && b(r)
  }
  return (r) => {
    for (let i = 0; i < ps.length; i++) if (!(ps[i] as Predicate)(r)) return false
    return true
  }
}

function anyOf(ps: Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate]
    return (r) => a(r) || b(r)
  }
  return (r) => {
    for (let i = 0; i < ps.length; i++) if ((ps[i] as Predicate)(r)) return true
    return false
  }
}

/** Compiles a resolved condition; `selection(name)` gives each selection's predicate. */
export function compileCondition(node: ResolvedNode, selection: (name: string) => Predicate): Predicate {
  switch (node.type) {
    case 'id':
      return selection(node.name)
    case 'of': {
      const ps = node.selections.map(selection)
      if (ps.length === 0) return () => false
      return node.quantifier === 'all' ? allOf(ps) : anyOf(ps)
    }
    case 'not': {
      const p = compileCondition(node.arg, selection)
      return (r) => !p(r)
    }
    case 'and':
      return allOf(node.args.map((a) => compileCondition(a, selection)))
    case 'or':
      return anyOf(node.args.map((a) => compileCondition(a, selection)))
  }
}

/** A condition list: any element matching is a match (spec: OR of the queries). */
export function anyCondition(ps: Predicate[]): Predicate {
  return ps.length === 0 ? () => false : anyOf(ps)
}

/** Evaluates a resolved condition against precomputed selection results (for explanations). */
export function evaluateCondition(node: ResolvedNode, results: Readonly<Record<string, boolean>>): boolean {
  switch (node.type) {
    case 'id':
      return results[node.name] === true
    case 'of':
      return node.quantifier === 'all'
        ? node.selections.length > 0 && node.selections.every((s) => results[s] === true)
        : node.selections.some((s) => results[s] === true)
    case 'not':
      return !evaluateCondition(node.arg, results)
    case 'and':
      return node.args.every((a) => evaluateCondition(a, results))
    case 'or':
      return node.args.some((a) => evaluateCondition(a, results))
  }
}
