/**
 * The number a correlation compares with its condition, computed over the occurrences in one
 * group's window.
 */
import { numericValue } from '../values/match.js'
import { type CorrelationDefinition, satisfies } from './definition.js'

/** One event (or inner correlation match) counted by a correlation. */
export interface Occurrence {
  /** Which referenced rule or correlation produced it (as written in `rules`). */
  rule: string
  time: number
  record: unknown
  /** value_* types: the field value(s) read from the record (one per condition field). */
  values: unknown[]
}

export interface Outcome {
  value: number
  /** The occurrences that make up the match. */
  occurrences: Occurrence[]
}

function key(values: unknown[]): string | undefined {
  if (values.some((v) => v === undefined || v === null)) return undefined
  return JSON.stringify(values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))))
}

/** Percentile with linear interpolation between closest ranks (NumPy's default). */
export function percentileOf(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const pos = ((sorted.length - 1) * p) / 100
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo)
}

/** Earliest-first check that the rules occur in the written order. */
function orderedMatch(rules: string[], occ: Occurrence[]): Occurrence[] | undefined {
  const picked: Occurrence[] = []
  let i = 0
  for (const o of occ) {
    if (o.rule === rules[i]) {
      picked.push(o)
      i++
      if (i === rules.length) return picked
    }
  }
  return undefined
}

/**
 * Evaluates the correlation over a window (occurrences in time order). Returns the outcome when
 * the condition holds, else undefined.
 */
export function evaluateWindow(def: CorrelationDefinition, occ: Occurrence[]): Outcome | undefined {
  const c = def.condition
  switch (def.type) {
    case 'event_count':
      return satisfies(c, occ.length) ? { value: occ.length, occurrences: occ } : undefined
    case 'value_count': {
      const distinct = new Set<string>()
      for (const o of occ) {
        const k = key(o.values)
        if (k !== undefined) distinct.add(k)
      }
      return satisfies(c, distinct.size) ? { value: distinct.size, occurrences: occ } : undefined
    }
    case 'temporal': {
      const distinct = new Set(occ.map((o) => o.rule))
      return satisfies(c, distinct.size) ? { value: distinct.size, occurrences: occ } : undefined
    }
    case 'temporal_ordered': {
      // The condition counts rules seen in order; the default asks for all of them.
      let best: Occurrence[] = []
      for (let n = def.rules.length; n >= 1; n--) {
        const m = orderedMatch(def.rules.slice(0, n), occ)
        if (m) {
          best = m
          break
        }
      }
      return satisfies(c, best.length) ? { value: best.length, occurrences: best } : undefined
    }
    case 'value_sum':
    case 'value_avg': {
      const nums = occ.map((o) => numericValue(o.values[0])).filter((n): n is number => n !== undefined)
      if (nums.length === 0) return undefined
      const sum = nums.reduce((a, b) => a + b, 0)
      const value = def.type === 'value_sum' ? sum : sum / nums.length
      return satisfies(c, value) ? { value, occurrences: occ } : undefined
    }
    case 'value_percentile': {
      if (c.percentile !== undefined) {
        const nums = occ
          .map((o) => numericValue(o.values[0]))
          .filter((n): n is number => n !== undefined)
          .sort((a, b) => a - b)
        if (nums.length === 0) return undefined
        const value = percentileOf(nums, c.percentile)
        return satisfies(c, value) ? { value, occurrences: occ } : undefined
      }
      // Without `percentile`: the share (in %) of the window's events that carry each value (the
      // spec's example: a process name seen in at most 1% of a computer's process starts).
      const byValue = new Map<string, Occurrence[]>()
      let total = 0
      for (const o of occ) {
        const k = key(o.values)
        if (k === undefined) continue
        total++
        const list = byValue.get(k)
        if (list) list.push(o)
        else byValue.set(k, [o])
      }
      for (const list of byValue.values()) {
        const share = (list.length / total) * 100
        if (satisfies(c, share)) return { value: share, occurrences: list }
      }
      return undefined
    }
  }
}

/**
 * Whether the condition can only become true as events are added (lower bounds on counts and
 * sums): such correlations fire as soon as the condition holds; the others wait for the window
 * to close.
 */
export function firesEarly(def: CorrelationDefinition): boolean {
  const growing = def.type === 'event_count' || def.type === 'value_count' || def.type === 'temporal' || def.type === 'temporal_ordered' || def.type === 'value_sum'
  return growing && def.condition.bounds.every((b) => b.op === 'gt' || b.op === 'gte')
}
