import { dump } from 'js-yaml'
import { lineDiff } from '../diff.js'
import type { SigmaMutation } from '../types.js'

/**
 * Mutants of a Panther Simple Detection (the YAML `Detection` list of match expressions), the
 * Sigma operators' counterparts: remove a value, an item of a list (a `None` item: drop-filter),
 * All ↔ Any, change how a string matches, negate a condition, widen to `Exists`, move a bound.
 */
export interface SimpleMutation {
  operator: string
  detection: unknown[]
  path: (string | number)[]
  at: 'key' | 'value'
  change: string
  equivalent?: string
  hints: Pick<SigmaMutation, 'probe' | 'leafValues' | 'assign'>
}

type Expr = Record<string, unknown>
const isObj = (v: unknown): v is Expr => typeof v === 'object' && v !== null && !Array.isArray(v)

const MATCH = ['Equals', 'StartsWith', 'EndsWith', 'Contains']
const IMATCH = ['IEquals', 'IStartsWith', 'IEndsWith', 'IContains']
const NEGATION: Record<string, string> = {
  Equals: 'DoesNotEqual', IEquals: 'IDoesNotEqual', StartsWith: 'DoesNotStartWith', IStartsWith: 'IDoesNotStartWith', EndsWith: 'DoesNotEndWith',
  IEndsWith: 'IDoesNotEndWith', Contains: 'DoesNotContain', IContains: 'IDoesNotContain', IsIn: 'IsNotIn', IIsIn: 'IIsNotIn', Exists: 'DoesNotExist',
  IsNull: 'IsNotNull', IsNullOrEmpty: 'IsNotNullOrEmpty', IsIPAddressInCIDR: 'IsIPAddressNotInCIDR', Has: 'DoesNotHave', IHas: 'IDoesNotHave',
}
for (const [a, b] of Object.entries({ ...NEGATION })) NEGATION[b] = a
const BOUNDS = new Set(['IsGreaterThan', 'IsGreaterThanOrEquals', 'IsLessThan', 'IsLessThanOrEquals'])
const COMBINATORS = ['All', 'Any', 'OnlyOne', 'None'] as const

/** The dotted field a match expression reads, when it names one plainly. */
function fieldOf(e: Expr): string | undefined {
  if (typeof e['Key'] === 'string') return e['Key']
  if (Array.isArray(e['DeepKey']) && e['DeepKey'].every((k) => typeof k === 'string')) return e['DeepKey'].join('.')
  return undefined
}

/** Field values that make the expressions of an item (or of its None/All list) true, as event edits. */
function satisfying(item: unknown): Pick<SigmaMutation, 'assign' | 'leafValues'> {
  const exprs = isObj(item) ? (Array.isArray(item['None']) ? item['None'] : Array.isArray(item['All']) ? item['All'] : [item]) : []
  const assign: Record<string, unknown> = {}
  const values: (string | number)[] = []
  for (const e of exprs) {
    if (!isObj(e)) continue
    const v = 'Value' in e ? e['Value'] : Array.isArray(e['Values']) ? e['Values'][0] : undefined
    const field = fieldOf(e)
    if (typeof v === 'string' || typeof v === 'number') {
      values.push(v)
      if (field && !String(e['Condition']).includes('Not')) assign[field] = v
    }
  }
  return { ...(Object.keys(assign).length ? { assign } : {}), ...(values.length ? { leafValues: values } : {}) }
}

function edit(detection: readonly unknown[], path: (string | number)[], fn: (v: unknown) => unknown): unknown[] {
  const copy = structuredClone(detection) as unknown[]
  if (path.length === 0) return fn(copy) as unknown[]
  let parent: Record<string | number, unknown> = copy as unknown as Record<number, unknown>
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  parent[last] = fn(parent[last])
  return copy
}

export function simpleMutations(detection: readonly unknown[]): SimpleMutation[] {
  const out: SimpleMutation[] = []
  const visit = (list: unknown[], path: (string | number)[], combinator: (typeof COMBINATORS)[number]): void => {
    list.forEach((item, i) => {
      const at = [...path, i]
      if (list.length >= 2) {
        const isFilter = isObj(item) && 'None' in item && combinator === 'All'
        out.push({
          operator: isFilter ? 'drop-filter' : combinator === 'All' ? 'remove-selection' : 'remove-item',
          detection: edit(detection, path, (l) => (l as unknown[]).filter((_, j) => j !== i)),
          path: at,
          at: 'value',
          change: `remove item ${i + 1} of ${path.length ? String(path[path.length - 1]) : 'Detection'}${isFilter ? ' (a None filter)' : ''}`,
          hints: satisfying(item),
        })
      }
      if (!isObj(item)) return
      for (const c of COMBINATORS) {
        if (!Array.isArray(item[c])) continue
        if (c === 'All' || c === 'Any') {
          const other = c === 'All' ? 'Any' : 'All'
          out.push({
            operator: 'swap-and-or',
            detection: edit(detection, at, (e) => Object.fromEntries(Object.entries(e as Expr).map(([k, v]) => [k === c ? other : k, v]))),
            path: [...at, c],
            at: 'key',
            change: `${c} → ${other}`,
            ...((item[c] as unknown[]).length < 2 ? { equivalent: `${c} of one expression` } : {}),
            hints: {},
          })
        }
        visit(item[c] as unknown[], [...at, c], c)
      }
      const cond = item['Condition']
      if (typeof cond !== 'string') return
      const field = fieldOf(item)
      const values = Array.isArray(item['Values']) ? (item['Values'] as unknown[]) : 'Value' in item ? [item['Value']] : []
      const probeValues = values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      const hints = { ...(field ? { probe: { field, values: probeValues } } : {}), leafValues: probeValues }
      if (Array.isArray(item['Values']) && item['Values'].length >= 2) {
        const vs = item['Values'] as unknown[]
        vs.forEach((v, j) => {
          out.push({
            operator: 'remove-value',
            detection: edit(detection, [...at, 'Values'], (l) => (l as unknown[]).filter((_, k) => k !== j)),
            path: [...at, 'Values', j],
            at: 'value',
            change: `remove ${JSON.stringify(v)} from ${field ?? 'Values'}`,
            ...(vs.filter((x) => x === v).length > 1 ? { equivalent: `${JSON.stringify(v)} is listed twice` } : {}),
            hints: { ...(field ? { probe: { field, values: [v] } } : {}) },
          })
        })
      }
      const family = MATCH.includes(cond) ? MATCH : IMATCH.includes(cond) ? IMATCH : undefined
      for (const to of family?.filter((c) => c !== cond) ?? []) {
        out.push({ operator: 'change-match', detection: edit(detection, [...at, 'Condition'], () => to), path: [...at, 'Condition'], at: 'value', change: `${field ?? 'value'}: ${cond} → ${to}`, hints })
      }
      if (NEGATION[cond]) {
        out.push({ operator: 'negate-condition', detection: edit(detection, [...at, 'Condition'], () => NEGATION[cond]), path: [...at, 'Condition'], at: 'value', change: `${field ?? 'value'}: ${cond} → ${NEGATION[cond]}`, hints })
      }
      if (cond !== 'Exists' && cond !== 'DoesNotExist' && !cond.includes('Not') && !cond.includes('Null')) {
        out.push({
          operator: 'widen-value',
          detection: edit(detection, at, (e) => {
            const { Value: _v, Values: _vs, ...rest } = e as Expr
            return { ...rest, Condition: 'Exists' }
          }),
          path: [...at, 'Condition'],
          at: 'value',
          change: `${field ?? 'value'}: ${cond} → Exists (any value)`,
          hints,
        })
      }
      if (BOUNDS.has(cond) && typeof item['Value'] === 'number') {
        const n = item['Value']
        for (const d of [-1, 1]) {
          out.push({ operator: 'shift-bound', detection: edit(detection, [...at, 'Value'], () => n + d), path: [...at, 'Value'], at: 'value', change: `${field ?? 'value'}: ${cond} ${n} → ${n + d}`, hints: { ...(field ? { probe: { field, values: [n, n + d, n - d] } } : {}) } })
        }
      }
    })
  }
  visit([...detection], [], 'All')
  return out
}

export function simpleDiff(original: unknown, mutant: unknown): string {
  const yaml = (d: unknown) => dump({ Detection: d }, { lineWidth: -1, indent: 2 })
  return lineDiff(yaml(original), yaml(mutant))
}
