/** A security_content detection as a ruleproof rule: its search parsed once, run per test over Splunk's view of the records. */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Finding, Result } from '../model/result.js'
import type { EvaluateOptions, LoadedRule, TestCase } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import type { Verdict } from '../model/verdict.js'
import { declaredGapMessage } from '../report/gap.js'
import type { Pipeline } from './ast.js'
import { SplError } from './errors.js'
import { emptyStaysEmpty, runPipeline } from './evaluate.js'
import { matcherFor } from './match.js'
import { lookupsFor, macrosFor } from './files.js'
import { SPL_CHECKS, type AttackData, type SplRuleSource, type SplTestExtra } from './load.js'
import { expandMacros, originOf, type Expanded, type MacroDefinition } from './macros.js'
import { parseSpl } from './parser.js'
import { searchReads, type SearchReads } from './reads.js'
import { hecToEvent, RECORD_TIME_FIELDS, recordTime, SPLUNK_META_FIELDS, SPLUNK_PATHS, splunkEvent } from './views.js'
import { LazyEvent, norm, str, valuesOf, type Row, type Value } from './values.js'

export interface SplOptions {
  /** A folder mirroring splunk/attack_data (or holding its files) for security_content tests. */
  attackData?: string
  /** Macros from the config, below those of macros/ folders. */
  macros?: readonly MacroDefinition[]
}

export interface SplLoadedRule extends LoadedRule {
  format: 'splunk-spl'
  source: SplRuleSource
  pipeline: Pipeline
  expanded: Expanded
  /** Runs the search over rows (Splunk's view of records). */
  run(events: readonly (Row | LazyEvent)[], now?: number): Row[]
  /** The same detection (tests, metadata, macros, places) with another search tree: a mutant. */
  withPipeline(pipeline: Pipeline): SplLoadedRule
}

const KUBERNETES_VARIANTS: VariantId[] = ['k8s', 'eks', 'gke', 'aks']

/** A result row as JSON (multivalues as arrays). */
export function plainRow(row: Row): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => k !== '_raw'))
}

function describeRows(rows: readonly Row[], max = 3): string {
  if (rows.length === 0) return 'the search returned no results'
  const shown = rows.slice(0, max).map((r) => JSON.stringify(plainRow(r)))
  return `the search returned ${rows.length} result${rows.length === 1 ? '' : 's'}: ${shown.join('; ')}${rows.length > max ? '; …' : ''}`
}

function sameValue(got: Value | undefined, want: unknown): boolean {
  if (want === null) return got === null || got === undefined
  if (got === null || got === undefined) return false
  if (Array.isArray(want)) return JSON.stringify(valuesOf(got).map(str)) === JSON.stringify(want.map((w) => String(w)))
  return !Array.isArray(got) && str(got) === String(want)
}

/** The local file of an attack_data entry: the URL's path under the mirror folder, or its file name there, or a local path. */
export function attackDataFile(data: string, detectionFile: string, dir: string | undefined): string | undefined {
  if (!/^https?:\/\//i.test(data)) {
    const local = path.resolve(path.dirname(detectionFile), data)
    return existsSync(local) ? local : undefined
  }
  if (!dir) return undefined
  const url = new URL(data)
  const rel = url.pathname.replace(/^.*?\/attack_data\/(?:master|main)\//, '').replace(/^\/+/, '')
  for (const candidate of [path.join(dir, rel), path.join(dir, decodeURIComponent(rel)), path.join(dir, path.basename(url.pathname))]) {
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

/** The events of an attack_data file, JSON lines or raw lines, as Splunk indexes them with the test's source and sourcetype. */
export function readAttackData(file: string, entry: AttackData): LazyEvent[] {
  const text = readFileSync(file, 'utf8')
  const source = entry.source ?? path.basename(file)
  const sourcetype = entry.sourcetype ?? '_json'
  const rows: LazyEvent[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      json = undefined
    }
    if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
      rows.push(hecToEvent({ time: recordTime(json as Record<string, unknown>) ?? 0, source, sourcetype, event: json }, line))
    } else rows.push(hecToEvent({ time: 0, source, sourcetype, event: line }, line))
  }
  return rows
}

export function located(src: SplRuleSource, expanded: Expanded | undefined, check: string, offset: number, message: string): Finding {
  const at = src.locate(expanded ? originOf(expanded, offset) : offset)
  return { check, severity: 'error', file: at.file, line: at.line, column: at.column, message, rule: src.id }
}

/** Parses a detection's search with its macros; findings at their places for what does not. */
export function compileSearch(src: SplRuleSource, findings: Finding[], options: SplOptions = {}): { pipeline: Pipeline; expanded: Expanded } | undefined {
  const { macros, problems } = macrosFor(src.file, options.macros)
  // A macro file that does not read is named where it matters: in an unknown macro's message.
  const unreadable = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)
  let expanded: Expanded | undefined
  try {
    expanded = expandMacros(src.search, macros, unreadable)
    return { pipeline: parseSpl(expanded.text), expanded }
  } catch (e) {
    if (!(e instanceof SplError)) throw e
    const check = e.kind === 'macro' ? SPL_CHECKS.macro : e.kind === 'unsupported' ? SPL_CHECKS.unsupported : SPL_CHECKS.syntax
    const via = expanded && originOf(expanded, e.offset) !== e.offset ? ` (in the expansion of the macro here: ${JSON.stringify(expanded.text.slice(Math.max(0, e.offset - 20), e.offset + 20))})` : ''
    findings.push(located(src, expanded, check, e.offset, `${e.message}${via}`))
    return undefined
  }
}

export function splRule(src: SplRuleSource, findings: Finding[], options: SplOptions = {}, parsed?: { pipeline: Pipeline; expanded: Expanded }): SplLoadedRule | undefined {
  const compiled = parsed ?? compileSearch(src, findings, options)
  if (!compiled) return undefined
  const { pipeline, expanded } = compiled
  const dataSources = (src.meta.data_source as string[] | undefined) ?? []
  const variants = dataSources.some((d) => /kubernetes|\beks\b|\bgke\b|\baks\b/i.test(d)) || /kube_audit|kubernetes|cloudwatchlogs_eks|gcp_pubsub/i.test(src.search) ? KUBERNETES_VARIANTS : []
  const lookup = lookupsFor(src.file)
  let reads: SearchReads | undefined

  const runRows = (rows: readonly (Row | LazyEvent)[], now?: number): Row[] => {
    // now() a minute after the latest event, computed only if the search reads the clock.
    let clock = now
    const ctx = {
      events: rows,
      lookup,
      get now(): number {
        if (clock === undefined) {
          const latest = rows.reduce((m, r) => Math.max(m, Number(r instanceof LazyEvent ? r.time : valuesOf(r._time)[0] ?? 0) || 0), 0)
          clock = latest > 0 ? latest + 60 : Date.now() / 1000
        }
        return clock
      },
    }
    try {
      return runPipeline(pipeline, ctx)
    } catch (e) {
      throw locatedError(e)
    }
  }
  const locatedError = (e: unknown): unknown => {
    if (!(e instanceof SplError)) return e
    const f = located(src, expanded, SPL_CHECKS.search, e.offset, e.message)
    return new Error(`${f.file}:${f.line}:${f.column}: ${e.message}`)
  }
  const rowsOf = (record: unknown, variant: VariantId, test?: TestCase, all?: readonly unknown[]): LazyEvent[] => {
    // A multi-event test replayed on another variant: every record, re-encoded (a stats search needs them all).
    if (all) return all.map((r) => splunkEvent(variant, r))
    const events = (test?.extra as SplTestExtra | undefined)?.events
    const records = events && test && record === test.event ? events : [record]
    return records.map((r) => splunkEvent(variant, r))
  }
  const nowOf = (test: TestCase | undefined): number | undefined => {
    const now = (test?.extra as SplTestExtra | undefined)?.now
    return now ? Date.parse(now) / 1000 : undefined
  }

  const rule: SplLoadedRule = {
    format: 'splunk-spl',
    id: src.id,
    title: src.name,
    file: src.file,
    location: src.location,
    variants,
    tests: src.tests,
    source: src,
    pipeline,
    expanded,
    run: runRows,
    withPipeline: (other) => splRule(src, [], options, { pipeline: other, expanded })!,
    async evaluate(record: unknown, variant: VariantId, opts?: EvaluateOptions): Promise<Verdict> {
      const rows = runRows(rowsOf(record, variant, opts?.test, opts?.records), nowOf(opts?.test))
      return { match: rows.length > 0, outputs: { results: rows.slice(0, 10).map(plainRow) } }
    },
    matcher(variant: VariantId) {
      // As evaluate judges one record: the search over that record alone, with no promise or copy of
      // the rows. Most records fail the first search; when nothing after it can make a result from
      // none, that is the verdict, with no pipeline run.
      const [first, ...rest] = pipeline.commands
      const pre = first?.c === 'search' && first.expr !== null && rest.every(emptyStaysEmpty) ? matcherFor(first.expr) : undefined
      let current: LazyEvent | undefined
      // runRows' clock for one record: a minute after it.
      const clock = {
        get now(): number {
          const t = current?.time ?? 0
          return t > 0 ? t + 60 : Date.now() / 1000
        },
      }
      return (record: unknown) => {
        current = splunkEvent(variant, record)
        if (pre) {
          try {
            if (!pre(current, clock)) return false
          } catch (e) {
            throw locatedError(e)
          }
        }
        return runRows([current]).length > 0
      }
    },
    async runTest(test: TestCase): Promise<Result> {
      const extra = (test.extra ?? {}) as SplTestExtra
      const override = test.overrides?.[test.variant]
      const expected = override ? override.expect : test.expect
      const base: Result = {
        rule: src.id, title: src.name, file: test.location.file, line: test.location.line, test: test.name, variant: test.variant,
        kind: 'embedded', status: 'pass', expected: expected ? 'match' : 'no-match',
      }
      let rows: Row[]
      try {
        if (extra.attackData) {
          const input: LazyEvent[] = []
          for (const entry of extra.attackData) {
            const file = attackDataFile(entry.data, src.file, options.attackData)
            if (!file) {
              return { ...base, status: 'skip', message: `attack data not available locally: ${entry.data} (give a mirror folder of splunk/attack_data with --attack-data DIR, RULEPROOF_ATTACK_DATA or splunk.attackData in the config)` }
            }
            input.push(...readAttackData(file, entry))
          }
          rows = runRows(input)
        } else rows = runRows(rowsOf(test.event, test.variant, test), nowOf(test))
      } catch (e) {
        return { ...base, status: 'error', message: (e as Error).message }
      }
      const match = rows.length > 0
      const result: Result = { ...base, actual: match ? 'match' : 'no-match' }
      const problems: string[] = []
      if (match !== expected) problems.push(`expected ${expected ? 'match' : 'no-match'}, got ${match ? 'match' : 'no-match'}`)
      if (extra.rows !== undefined && rows.length !== extra.rows) problems.push(`expected ${extra.rows} results, got ${rows.length}`)
      if (extra.values && match) {
        const first = rows[0]!
        for (const [field, want] of Object.entries(extra.values)) {
          if (!(field in first)) problems.push(`the first result has no field '${field}'`)
          else if (!sameValue(norm(first[field]!), want)) problems.push(`field ${field}: expected ${JSON.stringify(want)}, got ${JSON.stringify(first[field])}`)
        }
      }
      if (problems.length) return { ...result, status: 'fail', message: `${problems.join('; ')} (${describeRows(rows)})` }
      if (override) result.message = declaredGapMessage(override.reason)
      return result
    },
    fieldsRead(variant: VariantId): string[] | undefined {
      try {
        reads ??= searchReads(pipeline)
      } catch {
        // Never the run's end: without its reads the property check is skipped, saying so.
        return undefined
      }
      // Free text or _raw: any part of the record may change the results ('' overlaps every path).
      if (reads.raw) return ['']
      const view = SPLUNK_PATHS[variant]
      const out = new Set<string>()
      for (const field of reads.fields) {
        if (SPLUNK_META_FIELDS.has(field)) continue
        for (const p of view.recordPaths(field.replace(/\{\}/g, ''))) out.add(p)
      }
      if (reads.time) for (const p of RECORD_TIME_FIELDS) out.add(p)
      return [...out].sort()
    },
  }
  return rule
}
