/**
 * Explanations: which selections matched an event, and whether the rule did. Built from the
 * same compiled selection predicates as `match`, evaluated one by one.
 */
import { type Predicate, type ResolvedNode, evaluateCondition } from './condition/index.js'

export interface Explanation {
  match: boolean
  /** Every selection by name (filter selections as `<filter>:<name>`) → whether it matched. */
  selections: Record<string, boolean>
}

export interface ExplainPart {
  /** Prefix for selection names (`''` for the rule, `<filter>:` for a filter). */
  prefix: string
  selections: ReadonlyMap<string, Predicate>
  /** The condition list (OR-linked). */
  conditions: readonly ResolvedNode[]
}

/** An own property even for a selection named `__proto__`. */
function put(obj: Record<string, boolean>, key: string, value: boolean): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
  else obj[key] = value
}

/**
 * Builds `explain(record)`: the rule part and every filter part must hold (filters are ANDed with
 * the rule, reference §3.e).
 */
export function buildExplain(parts: readonly ExplainPart[]): (record: unknown) => Explanation {
  return (record) => {
    const selections: Record<string, boolean> = {}
    let match = true
    for (const part of parts) {
      const local: Record<string, boolean> = {}
      for (const [name, p] of part.selections) {
        const hit = p(record)
        put(local, name, hit)
        put(selections, part.prefix + name, hit)
      }
      if (!part.conditions.some((c) => evaluateCondition(c, local))) match = false
    }
    return { match, selections }
  }
}
