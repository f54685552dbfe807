/**
 * The correlation engine: referenced rules are evaluated on every pushed record, their matches
 * become occurrences per group-by tuple, and each group keeps a sliding window of `timespan`.
 * Window semantics are documented in docs/sigma-engine.md ("Correlations").
 */
import { type FieldAccessor, defaultAccessor } from '../fields.js'
import { parseTimestamp } from '../values/time.js'
import { type Occurrence, evaluateWindow, firesEarly } from './aggregate.js'
import { type CorrelationDefinition, CorrelationError, aliasField, readCorrelation, resolveAliases } from './definition.js'
import { correlationGraphProblems } from './graph.js'

/** Anything with `match(record)`, e.g. a `CompiledDetection`. */
export interface MatchingRule {
  match(record: unknown): boolean
}

export interface CorrelationEngineOptions {
  /** Correlation documents (parsed YAML) or definitions read with `readCorrelation`. */
  correlations: readonly (unknown | CorrelationDefinition)[]
  /** Base rules by id and/or name (both keys may point to the same rule). */
  rules: ReadonlyMap<string, MatchingRule>
  /**
   * Event time in ms since the epoch (or an ISO 8601 string / Date). Records without a time take
   * the latest time seen. @defaultValue the first of `timestamp`, `@timestamp`,
   * `requestReceivedTimestamp`, `stageTimestamp`, `time`, `eventTime`
   */
  timestampOf?: (record: unknown) => number | string | Date | undefined
  /** Reads group-by and condition fields. @defaultValue `defaultAccessor` */
  accessor?: (field: string) => FieldAccessor | undefined
}

export interface CorrelationMatch {
  /** The correlation's id, else name, else title. */
  correlation: string
  type: CorrelationDefinition['type']
  /** Group-by field → value. */
  group: Record<string, unknown>
  /** What the condition compared: count, distinct values, matched rules, sum, average, percentile or share. */
  value: number
  /** Time of the first and last occurrence that make up the match (ms). */
  first: number
  last: number
  /** Time at which the match was decided (ms): the completing event, or the window's end. */
  timestamp: number
  /** The records (or inner correlation matches) that make up the match, in time order. */
  events: unknown[]
}

export interface CorrelationEngine {
  /** Feeds one record (in time order); returns the correlation matches it completes. */
  push(record: unknown): CorrelationMatch[]
  /** Ends the stream: closes every open window; returns the matches that closing decides. */
  flush(): CorrelationMatch[]
  /** The checked definitions, in evaluation order (inner correlations first). */
  readonly definitions: readonly CorrelationDefinition[]
}

const DEFAULT_TIME_FIELDS = ['timestamp', '@timestamp', 'requestReceivedTimestamp', 'stageTimestamp', 'time', 'eventTime']

function defaultTimestamp(record: unknown): number | undefined {
  if (typeof record !== 'object' || record === null) return undefined
  for (const f of DEFAULT_TIME_FIELDS) {
    const v = (record as Record<string, unknown>)[f]
    if (v !== undefined) {
      const t = parseTimestamp(v)
      if (t !== undefined) return t
    }
  }
  return undefined
}

function toMs(x: number | string | Date | undefined): number | undefined {
  if (x === undefined) return undefined
  if (x instanceof Date) return x.getTime()
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined
  return parseTimestamp(x)
}

interface Group {
  values: unknown[]
  occ: Occurrence[]
}

interface Runtime {
  def: CorrelationDefinition
  early: boolean
  /** Per referenced rule: group-by accessors and condition-field accessors. */
  groupAcc: Map<string, FieldAccessor[]>
  valueAcc: Map<string, FieldAccessor[]>
  groups: Map<string, Group>
  /** The earliest window end among groups (waiting correlations only). */
  nextDeadline: number
}

/** A correlation match presented to an outer (chained) correlation as a record. */
function matchRecord(m: CorrelationMatch): Record<string, unknown> {
  return { ...m.group, correlation: m.correlation, value: m.value, timestamp: m.timestamp }
}

/**
 * Builds an engine over an ordered stream. Throws `CorrelationError` for bad documents, unknown
 * rule references and reference cycles.
 */
export function createCorrelationEngine(options: CorrelationEngineOptions): CorrelationEngine {
  const defs = options.correlations.map((c, i) => {
    try {
      return isDefinition(c) ? c : readCorrelation(c)
    } catch (err) {
      if (err instanceof CorrelationError) throw new CorrelationError(`correlation ${i}: ${err.message}`, err.path)
      throw err
    }
  })
  const byRef = new Map<string, CorrelationDefinition>()
  for (const d of defs) for (const k of [d.id, d.name]) if (k !== undefined) byRef.set(k, d)
  const graph = correlationGraphProblems(
    defs.map((d) => ({ key: d.name ?? d.key, names: [d.id, d.name], rules: d.rules })),
    (r) => options.rules.has(r),
  )
  const first = graph[0]
  if (first) throw new CorrelationError(first.message, ['correlation', 'rules', first.item])
  // Alias keys may name a rule by its other reference (id or name): bind them to the `rules:` items.
  const identity = (ref: string): unknown => byRef.get(ref) ?? options.rules.get(ref)
  defs.forEach((d, i) => {
    const bound = resolveAliases(d, identity)
    if (bound === d) return
    defs[i] = bound
    for (const k of [d.id, d.name]) if (k !== undefined && byRef.get(k) === d) byRef.set(k, bound)
  })

  // Inner correlations first (chaining); a cycle is an error.
  const order: CorrelationDefinition[] = []
  const state = new Map<CorrelationDefinition, 'visiting' | 'done'>()
  const visit = (d: CorrelationDefinition) => {
    if (state.get(d) === 'done') return
    if (state.get(d) === 'visiting') throw new CorrelationError(`correlation '${d.key}' is part of a reference cycle`, ['correlation', 'rules'])
    state.set(d, 'visiting')
    for (const r of d.rules) {
      const inner = byRef.get(r)
      if (inner) visit(inner)
    }
    state.set(d, 'done')
    order.push(d)
  }
  defs.forEach(visit)

  const accessor = options.accessor ?? defaultAccessor
  const field = (name: string): FieldAccessor => accessor(name) ?? (() => undefined)
  const recordKey = (name: string): FieldAccessor => (r) => (r as Record<string, unknown>)[name]
  /** A group-by or condition field as read for one referenced rule (aliases applied). */
  const fieldFor = (def: CorrelationDefinition, rule: string, name: string): FieldAccessor => {
    const mapped = aliasField(def, name, rule) ?? name
    // Inner correlation matches carry their group values under their own group-by names.
    return byRef.has(rule) ? recordKey(mapped) : field(mapped)
  }

  const runtimes: Runtime[] = order.map((def) => ({
    def,
    early: firesEarly(def),
    groupAcc: new Map(def.rules.map((r) => [r, def.groupBy.map((g) => fieldFor(def, r, g))])),
    valueAcc: new Map(def.rules.map((r) => [r, def.condition.fields.map((f) => fieldFor(def, r, f))])),
    groups: new Map(),
    nextDeadline: Infinity,
  }))

  const timeOf = options.timestampOf ? (r: unknown) => toMs(options.timestampOf?.(r)) : defaultTimestamp
  let now = -Infinity

  const emit = (rt: Runtime, g: Group, occ: Occurrence[], value: number, timestamp: number): CorrelationMatch => {
    const group: Record<string, unknown> = {}
    rt.def.groupBy.forEach((name, i) => (group[name] = g.values[i]))
    return {
      correlation: rt.def.key,
      type: rt.def.type,
      group,
      value,
      first: (occ[0] as Occurrence).time,
      last: (occ[occ.length - 1] as Occurrence).time,
      timestamp,
      events: occ.map((o) => o.record),
    }
  }

  /** Closes the windows of waiting correlations whose end lies before `until`. */
  const closeWindows = (rt: Runtime, until: number, out: CorrelationMatch[]) => {
    if (rt.early || rt.nextDeadline >= until) return
    let next = Infinity
    for (const [k, g] of rt.groups) {
      while (g.occ.length > 0 && (g.occ[0] as Occurrence).time + rt.def.timespanMs < until) {
        const end = (g.occ[0] as Occurrence).time + rt.def.timespanMs
        const inWindow = g.occ.filter((o) => o.time <= end)
        const outcome = evaluateWindow(rt.def, inWindow)
        if (outcome) out.push(emit(rt, g, outcome.occurrences, outcome.value, end))
        // Windows of waiting correlations do not overlap: sliding one event at a time would
        // always end in a near-empty window that satisfies any upper bound.
        g.occ = g.occ.filter((o) => o.time > end)
      }
      if (g.occ.length === 0) rt.groups.delete(k)
      else next = Math.min(next, (g.occ[0] as Occurrence).time + rt.def.timespanMs)
    }
    rt.nextDeadline = next
  }

  const add = (rt: Runtime, rule: string, record: unknown, time: number, out: CorrelationMatch[]) => {
    const groupValues = (rt.groupAcc.get(rule) as FieldAccessor[]).map((a) => a(record))
    // Like SIEM `by` clauses, an event lacking a group-by field is not grouped.
    if (groupValues.some((v) => v === undefined || v === null)) return
    const k = JSON.stringify(groupValues)
    let g = rt.groups.get(k)
    if (!g) {
      g = { values: groupValues, occ: [] }
      rt.groups.set(k, g)
    }
    const values = (rt.valueAcc.get(rule) as FieldAccessor[]).map((a) => a(record))
    if (rt.early) {
      const from = time - rt.def.timespanMs
      while (g.occ.length > 0 && (g.occ[0] as Occurrence).time < from) g.occ.shift()
      g.occ.push({ rule, time, record, values })
      const outcome = evaluateWindow(rt.def, g.occ)
      if (outcome) {
        out.push(emit(rt, g, outcome.occurrences, outcome.value, time))
        rt.groups.delete(k)
      }
    } else {
      g.occ.push({ rule, time, record, values })
      rt.nextDeadline = Math.min(rt.nextDeadline, (g.occ[0] as Occurrence).time + rt.def.timespanMs)
    }
  }

  return {
    definitions: order,
    push(record) {
      const t = timeOf(record)
      // Records out of order (or without a time) are taken to happen at the latest time seen.
      const time = t === undefined || t < now ? (now === -Infinity ? 0 : now) : t
      now = time
      const out: CorrelationMatch[] = []
      const produced = new Map<string, CorrelationMatch[]>()
      const ruleHits = new Map<string, boolean>()
      const hit = (ref: string) => {
        let h = ruleHits.get(ref)
        if (h === undefined) {
          h = (options.rules.get(ref) as MatchingRule).match(record)
          ruleHits.set(ref, h)
        }
        return h
      }
      for (const rt of runtimes) {
        const local: CorrelationMatch[] = []
        closeWindows(rt, time, local)
        // An event matched by several referenced rules is one event, except for the temporal
        // types, which count rules.
        const perRule = rt.def.type === 'temporal' || rt.def.type === 'temporal_ordered'
        let counted = false
        for (const ref of rt.def.rules) {
          const inner = byRef.get(ref)
          if (inner) {
            for (const m of produced.get(inner.key) ?? []) add(rt, ref, matchRecord(m), m.timestamp, local)
          } else if ((perRule || !counted) && hit(ref)) {
            add(rt, ref, record, time, local)
            counted = true
          }
        }
        produced.set(rt.def.key, local)
        out.push(...local)
      }
      return out
    },
    flush() {
      const out: CorrelationMatch[] = []
      const produced = new Map<string, CorrelationMatch[]>()
      for (const rt of runtimes) {
        const local: CorrelationMatch[] = []
        // Matches of inner correlations decided now feed this one before it closes.
        for (const ref of rt.def.rules) {
          const inner = byRef.get(ref)
          if (inner) for (const m of produced.get(inner.key) ?? []) add(rt, ref, matchRecord(m), m.timestamp, local)
        }
        closeWindows(rt, Infinity, local)
        produced.set(rt.def.key, local)
        out.push(...local)
      }
      return out
    },
  }
}

function isDefinition(x: unknown): x is CorrelationDefinition {
  return typeof x === 'object' && x !== null && 'timespanMs' in x && 'key' in x
}
