import { ABSOLUTE_CONDITIONS, LIST_CONDITIONS, lookupCondition } from './conditions.js'
import { keySteps, keyText, resolveSteps, type KeyStep } from './keys.js'

/**
 * Evaluates Simple Detection match expressions (`Detection:`, `InlineFilters:`, the
 * `Conditions` of `DynamicSeverities`) on a raw event. A list is an implicit All.
 * Where a KeyPath with `[*]` reaches several values, a positive condition holds when any value
 * satisfies it and a negative one (`DoesNot…`, `IsNot…`) when every value does.
 * Expressions are assumed valid (see grammar.ts); malformed ones evaluate to false.
 */
export function matchExpressions(exprs: unknown, event: unknown, reads?: Set<string>): boolean {
  if (Array.isArray(exprs)) return exprs.every((e) => matchExpression(e, event, reads))
  return matchExpression(exprs, event, reads)
}

const COMBINATORS = ['All', 'Any', 'OnlyOne', 'None'] as const

export function matchExpression(expr: unknown, event: unknown, reads?: Set<string>): boolean {
  if (expr === null || typeof expr !== 'object' || Array.isArray(expr)) return false
  const e = expr as Record<string, unknown>
  for (const combinator of COMBINATORS) {
    if (combinator in e) {
      const items = Array.isArray(e[combinator]) ? (e[combinator] as unknown[]) : []
      const hits = items.filter((item) => matchExpression(item, event, reads)).length
      if (combinator === 'All') return hits === items.length
      if (combinator === 'Any') return hits > 0
      if (combinator === 'OnlyOne') return hits === 1
      return hits === 0
    }
  }
  const name = typeof e.Condition === 'string' ? e.Condition : ''
  if ((ABSOLUTE_CONDITIONS as readonly string[]).includes(name)) return name === 'AlwaysTrue'
  const steps = keySteps(e)
  if (steps === undefined) return multiKey(e, name, event, reads)
  reads?.add(keyText(steps))
  const resolved = resolveSteps(event, steps)
  if ((LIST_CONDITIONS as readonly string[]).includes(name)) return listCondition(name, resolved.values, e.Expressions, reads)
  const cond = lookupCondition(name)
  if (!cond) return false
  const expected = 'Values' in e ? e.Values : e.Value
  const one = (present: boolean, value: unknown): boolean => {
    if (cond.presence) return present
    if (!present) return cond.arity === 'none' && cond.test(undefined, expected)
    return cond.test(value, expected)
  }
  const values = resolved.values
  if (values.length === 0) {
    const positive = one(false, undefined)
    return cond.negated ? !positive : positive
  }
  const outcomes = values.map((v) => one(true, v))
  return cond.negated ? outcomes.every((o) => !o) : outcomes.some((o) => o)
}

function listCondition(name: string, found: unknown[], expressions: unknown, reads?: Set<string>): boolean {
  // A wildcard may reach several lists; the elements of all of them are considered.
  const lists = found.filter(Array.isArray) as unknown[][]
  if (lists.length === 0) return name === 'NoElement'
  const elements = lists.flat()
  const hits = elements.filter((el) => matchExpressions(expressions, el, reads)).length
  switch (name) {
    case 'AnyElement':
      return hits > 0
    case 'AllElements':
      return hits === elements.length
    case 'OnlyOneElement':
      return hits === 1
    default:
      return hits === 0
  }
}

function multiKey(e: Record<string, unknown>, name: string, event: unknown, reads?: Set<string>): boolean {
  const specs = e.Values
  if (!Array.isArray(specs) || specs.length !== 2) return false
  const cond = lookupCondition(name)
  if (!cond) return false
  const [left, right] = specs.map((spec) => {
    const steps = keySteps(spec as Record<string, unknown>) as KeyStep[] | undefined
    if (!steps) return undefined
    reads?.add(keyText(steps))
    return resolveSteps(event, steps).values[0]
  })
  const positive = left === undefined || right === undefined ? cond.presence : cond.test(left, right)
  return cond.negated ? !positive : positive
}
