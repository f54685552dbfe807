/**
 * `ruleproof eval` on a file with correlation rules: the plan (which documents print a verdict
 * per line, which base rules feed which correlation) and the stream that attributes each
 * correlation match to the event line that completed it. Semantics: docs/sigma.md ("Correlation
 * rules in eval").
 */
import type { VariantId } from '../../model/variant.js'
import { LoadError } from '../../shared/errors.js'
import { firesEarly } from '../correlation/aggregate.js'
import {
  type CorrelationDefinition,
  CorrelationError,
  type CorrelationMatch,
  type MatchingRule,
  correlationGraphProblems,
  createCorrelationEngine,
  isAlias,
  readCorrelation,
  resolveAliases,
} from '../correlation/index.js'
import { type FieldAccessor, defaultAccessor } from '../fields.js'
import type { SigmaCorrelationDocument, SigmaLoadedRule } from '../index.js'
import { pipelineFor } from '../pipeline/index.js'
import type { EventTime } from './event-time.js'

/** One verdict column of the output: a detection rule or a correlation, in document order. */
export type EvalColumn = { kind: 'rule'; id: string; match: MatchingRule['match'] } | { kind: 'correlation'; id: string; key: string }

export interface CorrelationPlan {
  columns: EvalColumn[]
  definitions: CorrelationDefinition[]
  /** Base rules by id and name, for the engine. */
  rules: Map<string, MatchingRule>
  /** Reads group-by and condition fields through the base rules' pipeline on the variant. */
  accessor: (field: string) => FieldAccessor | undefined
}

const refsOf = (d: { id?: string | undefined; name?: string | undefined }) => [d.id, d.name].filter((x): x is string => typeof x === 'string')

/**
 * Checks the correlation documents against the file's rules and decides what prints. A document
 * referenced by a correlation prints its own verdicts only when one of the correlations naming it
 * has `generate: true` (spec 2.1.0: `generate` defaults to false).
 */
export function planCorrelations(
  correlationDocs: readonly SigmaCorrelationDocument[],
  rules: readonly SigmaLoadedRule[],
  variant: VariantId | undefined,
  compile: (rule: SigmaLoadedRule) => MatchingRule['match'],
): CorrelationPlan {
  const definitions = correlationDocs.map((doc) => {
    try {
      return readCorrelation(doc.value)
    } catch (e) {
      if (e instanceof CorrelationError) throw new LoadError(`correlation ${doc.id ?? doc.name ?? doc.title}: ${e.message}`, doc.map.value(e.path))
      throw e
    }
  })
  const ruleByRef = new Map<string, SigmaLoadedRule>()
  for (const r of rules) for (const k of refsOf(r.document)) ruleByRef.set(k, r)
  const corrRefs = new Set(definitions.flatMap((d) => refsOf(d)))
  // A correlation that reaches itself through its references can never run: the file does not load.
  const cycle = correlationGraphProblems(
    definitions.map((d) => ({ key: d.name ?? d.key, names: [d.id, d.name], rules: d.rules })),
    () => true, // references to nothing are reported below, with eval's own wording
  ).find((p) => p.kind === 'cycle')
  if (cycle) {
    const doc = correlationDocs[cycle.correlation] as SigmaCorrelationDocument
    throw new LoadError(cycle.message, doc.map.value(['correlation', 'rules', cycle.item]))
  }
  const corrByRef = new Map<string, CorrelationDefinition>()
  for (const d of definitions) for (const k of refsOf(d)) if (!corrByRef.has(k)) corrByRef.set(k, d)
  const identity = (ref: string): unknown => corrByRef.get(ref) ?? ruleByRef.get(ref)
  definitions.forEach((def, i) => {
    try {
      definitions[i] = resolveAliases(def, identity)
    } catch (e) {
      if (!(e instanceof CorrelationError)) throw e
      const doc = correlationDocs[i] as SigmaCorrelationDocument
      throw new LoadError(`correlation ${def.key}: ${e.message}`, doc.map.key(e.path))
    }
  })

  // Referenced documents, and whether any reference asks them to generate on their own.
  const referenced = new Map<string, boolean>()
  definitions.forEach((def, i) => {
    def.rules.forEach((ref, j) => {
      if (!ruleByRef.has(ref) && !corrRefs.has(ref)) {
        const doc = correlationDocs[i] as SigmaCorrelationDocument
        throw new LoadError(
          `correlation ${def.key}: rule '${ref}' is not in this file (a correlation names rules by id or name, and eval reads one file)`,
          doc.map.value(['correlation', 'rules', j]),
        )
      }
      referenced.set(ref, (referenced.get(ref) ?? false) || def.generate)
    })
  })
  const prints = (refs: string[]) => {
    const named = refs.filter((r) => referenced.has(r))
    return named.length === 0 || named.some((r) => referenced.get(r))
  }

  const engineRules = new Map<string, MatchingRule>()
  const columns: (EvalColumn & { order: number })[] = []
  for (const r of rules) {
    const refs = refsOf(r.document)
    const printed = prints(refs)
    // Only rules that print or feed a correlation are compiled for the variant.
    if (!printed && !refs.some((k) => referenced.has(k))) continue
    const match = compile(r)
    for (const k of refs) if (referenced.has(k)) engineRules.set(k, { match })
    if (printed) columns.push({ kind: 'rule', id: r.id, match, order: r.document.index })
  }
  definitions.forEach((def, i) => {
    if (prints(refsOf(def))) columns.push({ kind: 'correlation', id: def.key, key: def.key, order: (correlationDocs[i] as SigmaCorrelationDocument).index })
  })
  columns.sort((a, b) => a.order - b.order)

  // Group-by and condition fields are written in the base rules' field names: read them through
  // those rules' pipelines on the variant (the first that maps the field), else as written.
  const pipelines = variant === undefined ? [] : [...new Set(rules.map((r) => pipelineFor(r.document.logsource, variant)))].filter((p) => p !== undefined)
  for (const [i, def] of definitions.entries()) {
    for (const [path, fields] of [
      ['group-by', def.groupBy],
      ['condition', def.condition.fields],
    ] as const) {
      for (const [k, f] of fields.entries()) {
        // Aliases and fields read from inner correlation matches are not event fields.
        if (isAlias(def, f) || def.rules.every((r) => corrRefs.has(r))) continue
        const why = pipelines.map((p) => (p.accessor(f) ? undefined : p.unsupported(f))).find((x) => x !== undefined)
        if (why !== undefined && !pipelines.some((p) => p.accessor(f))) {
          const doc = correlationDocs[i] as SigmaCorrelationDocument
          const at = path === 'group-by' ? ['correlation', 'group-by', k] : ['correlation', 'condition', 'field', k]
          throw new LoadError(`correlation ${def.key}: field ${f} is not provided on ${variant} (${why})`, doc.map.value(at))
        }
      }
    }
  }
  const accessor = (field: string): FieldAccessor | undefined => {
    for (const p of pipelines) {
      const a = p.accessor(field)
      if (a) return a
    }
    return defaultAccessor(field)
  }
  return { columns: columns.map(({ order: _order, ...c }) => c), definitions, rules: engineRules, accessor }
}

/** One event line waiting for its verdicts to be final. */
interface Pending {
  line: number
  /** Effective stream time (ms); -Infinity when the event was not fed to the correlations. */
  time: number
  base: boolean[]
  fired: boolean[] | undefined
}

export interface CorrelatedStreamOptions {
  plan: CorrelationPlan
  timeOf: (record: unknown) => EventTime
  /** Receives finished output lines (several at once). */
  write: (text: string) => void
  /** Receives `line`-numbered problems (no event time). */
  warn: (line: number, message: string) => void
  count: boolean
}

/** The same construction as the engine's record for chained matches, as a lookup key. */
function chainedKey(m: CorrelationMatch): string {
  return JSON.stringify({ ...m.group, correlation: m.correlation, value: m.value, timestamp: m.timestamp })
}

/**
 * Feeds parsed events in line order and prints their verdicts in the same order. A correlation
 * "fires at line N" when a match's last contributing event (for chains: the last event of the
 * last inner match) is on line N. Correlations that can only be judged on a closed window decide
 * later in the stream, so lines are held until no open window can still include them.
 */
export function createCorrelatedStream(options: CorrelatedStreamOptions) {
  const { plan, timeOf, write, warn, count } = options
  const baseCols = plan.columns.flatMap((c) => (c.kind === 'rule' ? [c] : []))
  const corrCol = new Map(plan.columns.flatMap((c, i) => (c.kind === 'correlation' ? [[c.key, i] as const] : [])))
  const tails = plan.columns.map((c) => `,"rule":${JSON.stringify(c.id)}}\n`)
  let current = 0
  let currentLine = 0
  const eventLine = new WeakMap<object, number>()
  // Only events a referenced rule matches can be part of a match: remember their lines then.
  const rules = new Map<string, MatchingRule>()
  for (const [ref, rule] of plan.rules) {
    rules.set(ref, {
      match: (record) => {
        const hit = rule.match(record)
        if (hit) eventLine.set(record as object, currentLine)
        return hit
      },
    })
  }
  const engine = createCorrelationEngine({ correlations: plan.definitions, rules, accessor: plan.accessor, timestampOf: () => current })
  // Every match including a line is decided once the stream is past that line's time plus the
  // timespans of the longest chain of windows (bounded here by the sum of all timespans); with
  // only early-firing correlations, at the line itself.
  const immediate = engine.definitions.every(firesEarly)
  const horizon = engine.definitions.reduce((s, d) => s + d.timespanMs, 0)

  const pending: Pending[] = []
  let head = 0
  const matchLine = new Map<string, number>()
  let now = -Infinity
  let events = 0
  let matches = 0
  let bad = 0
  let out = ''

  /** The held entry of a line (lines are held in increasing order). */
  const held = (line: number): Pending | undefined => {
    let lo = head
    let hi = pending.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const p = pending[mid] as Pending
      if (p.line === line) return p
      if (p.line < line) lo = mid + 1
      else hi = mid - 1
    }
    return undefined
  }
  const lineOf = (record: unknown): number | undefined => {
    if (typeof record !== 'object' || record === null) return undefined
    return eventLine.get(record) ?? matchLine.get(JSON.stringify(record))
  }
  const attribute = (found: CorrelationMatch[]) => {
    // Inner matches come before the outer ones they feed.
    for (const m of found) {
      const line = lineOf(m.events[m.events.length - 1])
      if (line === undefined) continue
      matchLine.set(chainedKey(m), line)
      const col = corrCol.get(m.correlation)
      if (col === undefined) continue
      // By the horizon, a line is still held when a match including it is decided.
      const p = held(line)
      if (!p) continue
      ;(p.fired ??= new Array<boolean>(plan.columns.length).fill(false))[col] = true
    }
  }
  const release = (all: boolean) => {
    while (head < pending.length) {
      const p = pending[head] as Pending
      if (!all && !immediate && p.time + horizon >= now) break
      head++
      if (count) {
        if (p.base.includes(true) || p.fired?.includes(true)) matches++
        continue
      }
      for (let c = 0, b = 0; c < plan.columns.length; c++) {
        const col = plan.columns[c] as EvalColumn
        const hit = col.kind === 'rule' ? (p.base[b++] as boolean) : p.fired?.[c] === true
        out += `{"line":${p.line},"match":${hit}${tails[c]}`
      }
    }
    if (head > 1024 && head * 2 > pending.length) {
      pending.splice(0, head)
      head = 0
    }
    if (out.length >= 1 << 16) {
      write(out)
      out = ''
    }
  }

  return {
    /** One parsed event (a JSON object) from physical line `line`. */
    push(line: number, event: object): void {
      events++
      const p: Pending = { line, time: -Infinity, base: baseCols.map((c) => c.match(event)), fired: undefined }
      pending.push(p)
      const t = timeOf(event)
      if (!t.ok) {
        bad++
        warn(line, `${t.message}; the event is not fed to the correlation rules`)
      } else {
        // The engine takes records out of time order at the latest time seen; so do we.
        now = Math.max(now, t.time)
        current = now
        p.time = now
        currentLine = line
        attribute(engine.push(event))
      }
      release(false)
    },
    /** Writes the verdicts decided so far (lines still held by an open window stay held). */
    flush(): void {
      if (!count && out) write(out)
      if (!count) out = ''
    },
    /** Ends the stream: closes open windows and prints the held lines. */
    end(): { events: number; matches: number; badTimes: number } {
      attribute(engine.flush())
      release(true)
      if (count) out = `{"events":${events},"matches":${matches}}\n`
      if (out) write(out)
      out = ''
      return { events, matches, badTimes: bad }
    },
  }
}
