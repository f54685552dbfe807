import { parseCondition, printCondition, type ConditionNode } from '../../sigma/condition/index.js'
import type { YamlPath } from '../../shared/yaml/index.js'
import type { SigmaMutation } from '../types.js'

// Helpers the Sigma operators share: walking a detection's field entries, editing a copy at a
// path, and rewriting conditions through their parse tree.

export type Detection = Readonly<Record<string, unknown>>

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** One `field|modifiers: value` entry of a selection (a map, or one map of a list of maps). */
export interface FieldEntry {
  selection: string
  /** Path of the map holding the entry, from the detection (`[selection]` or `[selection, i]`). */
  map: (string | number)[]
  key: string
  field: string
  modifiers: string[]
  value: unknown
}

export function selections(d: Detection): [string, unknown][] {
  return Object.entries(d).filter(([k]) => k !== 'condition' && k !== 'timeframe')
}

export function fieldEntries(d: Detection): FieldEntry[] {
  const out: FieldEntry[] = []
  const add = (selection: string, map: (string | number)[], m: Record<string, unknown>): void => {
    for (const [key, value] of Object.entries(m)) {
      const [field = '', ...modifiers] = key.split('|')
      out.push({ selection, map, key, field, modifiers, value })
    }
  }
  for (const [name, v] of selections(d)) {
    if (isMap(v)) add(name, [name], v)
    else if (Array.isArray(v)) v.forEach((item, i) => isMap(item) && add(name, [name, i], item))
  }
  return out
}

/** A deep copy with `edit` applied to the container at `path` (the detection itself for `[]`). */
export function editAt(d: Detection, path: readonly (string | number)[], edit: (container: unknown) => unknown): Record<string, unknown> {
  const copy = structuredClone(d) as Record<string, unknown>
  if (path.length === 0) return edit(copy) as Record<string, unknown>
  let parent: Record<string | number, unknown> = copy
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  parent[last] = edit(parent[last])
  return copy
}

/** The map with one key renamed in place (key order kept, so the YAML diff stays one line). */
export function renameKey(m: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(m)) out[k === from ? to : k] = v
  return out
}

export function withoutKey(m: Record<string, unknown>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(m)) if (k !== key) out[k] = v
  return out
}

/** The values an entry tests (a list, or its one scalar). */
export function valuesOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v]
}

/** Modifiers after which string values are no longer matched as (wildcard) strings. */
const NOT_STRING = new Set(['re', 'cidr', 'exists', 'lt', 'lte', 'gt', 'gte', 'fieldref', 'minute', 'hour', 'day', 'week', 'month', 'year', 'base64', 'base64offset', 'utf16', 'utf16le', 'utf16be', 'wide', 'expand'])

/** A field matched by (wildcard) string comparison: the string operators apply to it. */
export function isStringMatch(e: FieldEntry): boolean {
  return !e.modifiers.some((m) => NOT_STRING.has(m)) && valuesOf(e.value).every((v) => typeof v === 'string')
}

/** A Sigma string ends with an unescaped `*`. */
function endsWithStar(s: string): boolean {
  if (!s.endsWith('*')) return false
  let slashes = 0
  for (let i = s.length - 2; i >= 0 && s[i] === '\\'; i--) slashes++
  return slashes % 2 === 0
}

/** The wildcard pattern a string value stands for under a string-match modifier (pySigma's rules). */
export function patternOf(value: string, match: 'exact' | 'contains' | 'startswith' | 'endswith'): string {
  const lead = match === 'contains' || match === 'endswith' ? (value.startsWith('*') ? '' : '*') : ''
  const tail = match === 'contains' || match === 'startswith' ? (endsWithStar(value) ? '' : '*') : ''
  return lead + value + tail
}

export const STRING_MATCH = ['contains', 'startswith', 'endswith'] as const
export type StringMatch = (typeof STRING_MATCH)[number] | 'exact'

export function stringMatchOf(modifiers: readonly string[]): StringMatch {
  return (modifiers.find((m) => (STRING_MATCH as readonly string[]).includes(m)) as StringMatch | undefined) ?? 'exact'
}

// ---- conditions -------------------------------------------------------------------------------

/** Each condition of the detection (a string, or each string of a list) with its path. */
export function conditions(d: Detection): { text: string; path: YamlPath }[] {
  const c = d['condition']
  if (typeof c === 'string') return [{ text: c, path: ['detection', 'condition'] }]
  if (Array.isArray(c)) return c.flatMap((t, i) => (typeof t === 'string' ? [{ text: t, path: ['detection', 'condition', i] }] : []))
  return []
}

export function parseOrNull(text: string): ConditionNode | null {
  try {
    return parseCondition(text)
  } catch {
    return null
  }
}

/** Every node of a condition tree, parents first. */
export function nodes(root: ConditionNode): ConditionNode[] {
  const out: ConditionNode[] = [root]
  for (let i = 0; i < out.length; i++) {
    const n = out[i]!
    if (n.type === 'and' || n.type === 'or') out.push(...n.args)
    else if (n.type === 'not') out.push(n.arg)
  }
  return out
}

/** The tree with `target` (by identity) replaced; an `and`/`or` left with one argument becomes it. */
export function replaceNode(root: ConditionNode, target: ConditionNode, by: ConditionNode): ConditionNode {
  if (root === target) return by
  switch (root.type) {
    case 'and':
    case 'or': {
      const args = root.args.map((a) => replaceNode(a, target, by))
      return args.every((a, i) => a === root.args[i]) ? root : { ...root, args }
    }
    case 'not': {
      const arg = replaceNode(root.arg, target, by)
      return arg === root.arg ? root : { ...root, arg }
    }
    default:
      return root
  }
}

/** `node` without its `i`-th argument (a single survivor stands alone). */
export function withoutArg(node: ConditionNode & { type: 'and' | 'or' }, i: number): ConditionNode {
  const args = node.args.filter((_, j) => j !== i)
  return args.length === 1 ? args[0]! : { ...node, args }
}

/**
 * One mutant per operand of an `and` in any condition that `pick` accepts, with that operand
 * removed (remove-selection takes the positive ones, drop-filter the `not`-ed ones).
 */
export function withoutAndOperands(
  d: Detection,
  pick: (arg: ConditionNode) => boolean,
  change: (arg: ConditionNode, and: ConditionNode) => string,
): SigmaMutation[] {
  const out: SigmaMutation[] = []
  for (const c of conditions(d)) {
    const tree = parseOrNull(c.text)
    if (!tree) continue
    for (const n of nodes(tree)) {
      if (n.type !== 'and') continue
      n.args.forEach((arg, i) => {
        if (!pick(arg)) return
        const assign = satisfying(d, arg)
        out.push({
          detection: withCondition(d, c.path, replaceNode(tree, n, withoutArg(n, i))),
          ...operandPath(d, arg, c.path),
          ...(assign ? { assign } : {}),
          change: change(arg, n),
        })
      })
    }
  }
  return out
}

/** The detection with the condition at `path` rewritten to `tree`. */
export function withCondition(d: Detection, path: YamlPath, tree: ConditionNode): Record<string, unknown> {
  return editAt(d, path.slice(1) as (string | number)[], () => printCondition(tree))
}

/** Where a removed condition operand is reported: its selection's key when it names one. */
export function operandPath(d: Detection, node: ConditionNode, conditionPath: YamlPath): { path: YamlPath; at: 'key' | 'value' } {
  const name = node.type === 'not' ? node.arg : node
  if (name.type === 'id' && name.name in d) return { path: ['detection', name.name], at: 'key' }
  if (name.type === 'of') {
    const re = new RegExp(`^${name.target.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
    const first = selections(d).find(([k]) => name.target === 'them' || re.test(k))
    if (first) return { path: ['detection', first[0]], at: 'key' }
  }
  return { path: conditionPath, at: 'value' }
}

export function describeNode(n: ConditionNode): string {
  return printCondition(n)
}

/**
 * Values that satisfy a selection, field by field (first value, wildcards dropped), when it is a
 * plain map of string matches: an event edit that makes the selection true.
 */
export function satisfying(d: Detection, node: ConditionNode): Record<string, unknown> | undefined {
  const target = node.type === 'not' ? node.arg : node
  if (target.type !== 'id') return undefined
  const entries = fieldEntries(d).filter((e) => e.selection === target.name && e.map.length === 1)
  if (entries.length === 0 || !entries.every(isStringMatch)) return undefined
  const out: Record<string, unknown> = {}
  for (const e of entries) out[e.field] = String(valuesOf(e.value)[0]).replace(/(?<!\\)[*?]/g, '')
  return out
}
