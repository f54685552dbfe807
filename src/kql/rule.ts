import type { Finding } from '../model/result.js'
import type { EvaluateOptions, LoadedRule, TestCase } from '../model/rule.js'
import type { Result } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import type { Verdict } from '../model/verdict.js'
import { declaredGapMessage } from '../report/gap.js'
import { rowInTable, SENTINEL_TABLES, sentinelRows } from '../variants/sentinel.js'
import type { Query } from './ast.js'
import { KqlError } from './errors.js'
import { compileQuery, type CompiledQuery } from './evaluate.js'
import { KQL_CHECKS, type KqlRuleSource, type KqlTestExtra } from './load.js'
import { officialSyntaxErrors } from './official.js'
import { parseKql } from './parser.js'
import { callsAny, eventPathsRead, tablePathsRead } from './reads.js'
import type { Row, Table } from './table.js'
import { emptyTable, emptyTables, tablesFor } from './tables.js'
import { KDateTime, KReal, KTimespan, kEquals, toKString } from './values.js'

export interface KqlLoadedRule extends LoadedRule {
  format: 'sentinel-kql'
  source: KqlRuleSource
  query: Query
  /** Runs the query on the given records of a variant; the result table. */
  run(records: readonly unknown[], variant: VariantId, now?: KDateTime): Table
  /** The same rule (tests, metadata, places) with another query tree: a mutant. */
  withQuery(query: Query, findings: Finding[]): KqlLoadedRule | undefined
}

const KNOWN_TABLES: ReadonlySet<string> = new Set(Object.keys(SENTINEL_TABLES))

/** A result row as JSON (datetimes and timespans as Kusto writes them). */
export function plainRow(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof KDateTime || v instanceof KTimespan ? v.toString() : v instanceof KReal ? v.v : v
  return out
}

/** Parses a rule's query; a syntax error is confirmed (and placed) by Microsoft's parser. */
export function parseRuleQuery(src: KqlRuleSource, findings: Finding[]): Query | undefined {
  try {
    return parseKql(src.query, { knownTables: KNOWN_TABLES })
  } catch (e) {
    if (!(e instanceof KqlError)) throw e
    if (e.kind === 'syntax') {
      // ruleproof's parser reads a subset: only Kusto's own grammar says what is a syntax error.
      const official = officialSyntaxErrors(src.query)
      if (official.length > 0) {
        for (const d of official) findings.push(located(src, KQL_CHECKS.syntax, d.start, `KQL syntax error ${d.code}: ${d.message}`))
        return undefined
      }
      findings.push(located(src, KQL_CHECKS.unsupported, e.offset, `unsupported by ruleproof's KQL engine: ${e.message} (valid KQL that ruleproof's parser does not read)`))
      return undefined
    }
    findings.push(located(src, KQL_CHECKS.unsupported, e.offset, e.message))
    return undefined
  }
}

export function located(src: KqlRuleSource, check: string, offset: number, message: string): Finding {
  const at = src.locator.at(offset)
  return { check, severity: 'error', file: at.file, line: at.line, column: at.column, message, rule: src.id }
}

function techniquesOf(v: unknown): string[] {
  return Array.isArray(v) ? [...new Set(v.filter((t): t is string => typeof t === 'string' && /^T\d{4}(\.\d{3})?$/.test(t.trim())).map((t) => t.trim()))] : []
}

const EPOCH = new KDateTime(0)
const NO_ROWS: Verdict = Object.freeze({ match: false, outputs: Object.freeze({ rows: Object.freeze([]) }) }) as Verdict
const NOW_FUNCTIONS: ReadonlySet<string> = new Set(['ago', 'now'])

/** Latest `TimeGenerated` of the tables, plus a minute: the default `now` of a test. */
function defaultNow(tables: ReadonlyMap<string, Table>): KDateTime {
  let latest: number | undefined
  for (const t of tables.values()) for (const r of t.rows) {
    const v = r.TimeGenerated
    if (v instanceof KDateTime && (latest === undefined || v.ms > latest)) latest = v.ms
  }
  return new KDateTime(latest === undefined ? Date.now() : latest + 60_000)
}

function describeRows(t: Table, max = 3): string {
  if (t.rows.length === 0) return 'the query returned no rows'
  const shown = t.rows.slice(0, max).map((r) => JSON.stringify(plainRow(r)))
  return `the query returned ${t.rows.length} row${t.rows.length === 1 ? '' : 's'}: ${shown.join('; ')}${t.rows.length > max ? '; …' : ''}`
}

function sameValue(got: unknown, want: unknown): boolean {
  if (want === null) return got === null || got === undefined || got === ''
  if (got instanceof KReal) got = got.v
  if (got instanceof KDateTime) {
    const w = want instanceof Date ? want.getTime() : typeof want === 'string' ? Date.parse(want) : NaN
    return got.ms === w
  }
  if (typeof want === 'object') return JSON.stringify(got) === JSON.stringify(want)
  if (typeof got === 'object' && got !== null) return toKString(got) === toKString(want)
  return kEquals(got, want) === true
}

/**
 * A loaded Sentinel KQL rule, or undefined (with findings) when its query does not parse, uses
 * what ruleproof's engine does not evaluate, or reads a table ruleproof has no view of.
 */
export function kqlRule(src: KqlRuleSource, findings: Finding[], parsed?: Query): KqlLoadedRule | undefined {
  const query = parsed ?? parseRuleQuery(src, findings)
  if (!query) return undefined
  let compiled: CompiledQuery
  try {
    compiled = compileQuery(query)
    // A dry run on empty tables resolves every name, function and table once, at load.
    compiled.run({ tables: emptyTables(), now: new KDateTime(0) })
  } catch (e) {
    if (!(e instanceof KqlError)) throw e
    const unknownTable = /^unknown table '(.*)'$/.exec(e.message)
    const message = unknownTable
      ? `ruleproof has no Sentinel view of table '${unknownTable[1]}' (it has ${[...KNOWN_TABLES].join(', ')})`
      : e.message
    findings.push(located(src, e.kind === 'unsupported' ? KQL_CHECKS.unsupported : KQL_CHECKS.query, e.offset, message))
    return undefined
  }
  const variants = [...new Set([...query.tables.keys()].map((t) => SENTINEL_TABLES[t]?.variant).filter((v): v is VariantId => v !== undefined))]
  for (const t of src.tests) {
    if (!variants.includes(t.variant)) {
      findings.push({ check: KQL_CHECKS.tests, severity: 'warning', file: t.location.file, line: t.location.line, column: t.location.column, rule: src.id,
        message: `test '${t.name}' has an event of variant ${t.variant}, but the query reads ${variants.join(', ') || 'no table of a variant'} only` })
    }
  }

  const reads = eventPathsRead(query)
  let tableReads: string[] | undefined
  const recordsOf = (record: unknown, options?: EvaluateOptions): readonly unknown[] => {
    if (options?.records) return options.records
    const test = options?.test
    const events = (test?.extra as KqlTestExtra | undefined)?.events
    return events && test && record === test.event ? events : [record]
  }
  const tablesRead = [...query.tables.keys()]
  const usesNow = callsAny(query, NOW_FUNCTIONS)
  /** The table a test's (first) record lands in. */
  const tableOfTest = (test: TestCase): string | undefined => sentinelRows(test.variant, (test.extra as KqlTestExtra | undefined)?.events?.[0] ?? test.event)[0]?.table
  const nowOf = (test: TestCase | undefined, tables: ReadonlyMap<string, Table>): KDateTime => {
    const now = (test?.extra as KqlTestExtra | undefined)?.now
    return now ? new KDateTime(Date.parse(now)) : defaultNow(tables)
  }

  const rule: KqlLoadedRule = {
    format: 'sentinel-kql',
    id: src.id,
    title: src.name,
    file: src.file,
    location: src.location,
    variants,
    tables: [...query.tables.keys()],
    // relevantTechniques: replay scores the rule on the records of these techniques, as Sigma's attack tags.
    ...(techniquesOf(src.meta.relevantTechniques).length ? { techniques: techniquesOf(src.meta.relevantTechniques) } : {}),
    tests: src.tests,
    source: src,
    query,
    withQuery: (other, found) => kqlRule(src, found, other),
    run(records, variant, now) {
      const tables = tablesFor(variant, records)
      return compiled.run({ tables, emptyTable, now: now ?? defaultNow(tables) })
    },
    fieldsRead(variant: VariantId, view?: string): string[] | undefined {
      // AzureDiagnostics (the native aks record's table): paths into the event in log_s.
      if (view === undefined || view === 'AzureDiagnostics') return variant === 'aks' ? reads : undefined
      // Typed tables: the columns and member paths the query names (nothing, for a table it does not read).
      if (SENTINEL_TABLES[view]?.variant !== variant) return undefined
      return tablesRead.includes(view) ? (tableReads ??= tablePathsRead(query)) : []
    },
    views(variant: VariantId, test?: TestCase): string[] | undefined {
      // The tables of the variant the query reads, and the test's own (where the query may be blind).
      const read = tablesRead.filter((t) => SENTINEL_TABLES[t]?.variant === variant)
      const own = test && test.variant === variant ? tableOfTest(test) : undefined
      const all = own !== undefined && SENTINEL_TABLES[own] && !read.includes(own) ? [...read, own] : read
      return all.length ? all : undefined
    },
    inView(view: string, _variant: VariantId, raw: unknown): unknown {
      // A native aks record is what AzureDiagnostics holds (its log_s is the event): kept native,
      // so perturbations diff event paths; the typed tables are diffed as their rows.
      return view === 'AzureDiagnostics' ? raw : rowInTable(view, raw)
    },
    matcher(variant: VariantId): (record: unknown) => boolean {
      // Replay's bulk path: one record, no promise, no outputs.
      return (record) => {
        const tables = tablesFor(variant, [record])
        return runAt(tables, usesNow ? nowOf(undefined, tables) : EPOCH).rows.length > 0
      }
    },
    async evaluate(record: unknown, variant: VariantId, options?: EvaluateOptions): Promise<Verdict> {
      const tables = tablesFor(variant, recordsOf(record, options))
      // The default `now` scans the rows: only for queries that call ago() or now().
      const t = runAt(tables, usesNow ? nowOf(options?.test, tables) : EPOCH)
      // The rows the query returned (10 at most) as JSON; no rows, the one shared empty outputs (most
      // records of a replay: an accessor or a fresh object per record costs more than the query).
      if (t.rows.length === 0) return NO_ROWS
      return { match: true, outputs: { rows: t.rows.slice(0, 10).map(plainRow) } }
    },
    async runTest(test: TestCase): Promise<Result> {
      const override = test.overrides?.[test.variant]
      const expected = override ? override.expect : test.expect
      const extra = (test.extra ?? {}) as KqlTestExtra
      const base: Result = {
        rule: src.id, file: test.location.file, line: test.location.line, test: test.name, variant: test.variant,
        kind: 'embedded', status: 'pass', expected: expected ? 'match' : 'no-match',
      }
      let t: Table
      try {
        const tables = tablesFor(test.variant, recordsOf(test.event, { test }))
        t = runAt(tables, nowOf(test, tables))
      } catch (e) {
        return { ...base, status: 'error', message: e instanceof KqlError ? located(src, KQL_CHECKS.query, e.offset, e.message).message : (e as Error).message }
      }
      const match = t.rows.length > 0
      const result: Result = { ...base, actual: match ? 'match' : 'no-match' }
      const problems: string[] = []
      if (match !== expected) problems.push(`expected ${expected ? 'match' : 'no-match'}, got ${match ? 'match' : 'no-match'}`)
      if (extra.rows !== undefined && t.rows.length !== extra.rows) problems.push(`expected ${extra.rows} rows, got ${t.rows.length}`)
      if (extra.values && match) {
        const first = t.rows[0]!
        for (const [col, want] of Object.entries(extra.values)) {
          if (!(col in first)) problems.push(`the first row has no column '${col}'`)
          else if (!sameValue(first[col], want)) problems.push(`column ${col}: expected ${JSON.stringify(want)}, got ${JSON.stringify(plainRow({ [col]: first[col] })[col])}`)
        }
      }
      if (problems.length) return { ...result, status: 'fail', message: `${problems.join('; ')} (${describeRows(t)})` }
      if (override) result.message = declaredGapMessage(override.reason)
      return result
    },
  }
  function runAt(tables: ReadonlyMap<string, Table>, now: KDateTime): Table {
    try {
      return compiled.run({ tables, emptyTable, now })
    } catch (e) {
      if (e instanceof KqlError) {
        const f = located(src, KQL_CHECKS.query, e.offset, e.message)
        throw new Error(`${f.file}:${f.line}:${f.column}: ${e.message}`)
      }
      throw e
    }
  }
  return rule
}
