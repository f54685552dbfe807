import type { Finding, FindingSummary, Result, ResultSummary } from '../model/result.js'
import type { CommonReportOptions } from './types.js'
import { displayPath } from './paths.js'

export interface JsonOptions extends CommonReportOptions {
  /** Indentation; 0 writes one line. @defaultValue 2 */
  indent?: number
}

/** One result in `ruleproof test/check --format json`. Every key is always present (null when unknown). */
export interface JsonResult {
  rule: string
  /** The rule's title, when it has one besides its id. */
  title?: string
  file: string
  line: number
  test: string
  variant: string
  /** The view of the variant checked (a KQL rule's Log Analytics table), when the rule reads several. */
  view?: string
  kind: Result['kind']
  status: Result['status']
  expected: unknown
  actual: unknown
  message: string | null
  /** Only for generated events: fast-check seed, path and the (shrunk) event. */
  seed?: number
  path?: string
  event?: unknown
  /** Only where the format's result carries them (Panther): auxiliary outputs by function name, and what the rule printed. */
  outputs?: Record<string, unknown>
  stdout?: string
  /** Why the check did not run (its rule failed to load, or a failing test blocked it), with the cause's place. */
  notRun?: { reason: 'load' | 'blocked'; check: string; file: string; line: number; column: number; message: string }
  /** Wall-clock time of the check in ms, when the runner measured it. */
  durationMs?: number
}

export interface JsonResultsReport {
  summary: ResultSummary
  results: JsonResult[]
}

export interface JsonFinding {
  check: string
  severity: Finding['severity']
  file: string
  line: number
  column: number
  message: string
  rule?: string
}

export interface JsonFindingsReport {
  summary: FindingSummary
  findings: JsonFinding[]
}

export function toJsonResult(r: Result, root?: string): JsonResult {
  const out: JsonResult = {
    rule: r.rule,
    ...(r.title !== undefined ? { title: r.title } : {}),
    file: displayPath(r.file, root),
    line: r.line,
    test: r.test,
    variant: r.variant,
    ...(r.view !== undefined ? { view: r.view } : {}),
    kind: r.kind,
    status: r.status,
    expected: r.expected ?? null,
    actual: r.actual ?? null,
    message: r.message ?? null,
  }
  if (r.seed !== undefined) out.seed = r.seed
  if (r.path !== undefined) out.path = r.path
  if (r.event !== undefined) out.event = r.event
  // Format-specific extras (Panther's PantherResult), passed on when present.
  const extra = r as Result & { outputs?: unknown; stdout?: unknown }
  if (typeof extra.outputs === 'object' && extra.outputs !== null && !Array.isArray(extra.outputs)) out.outputs = extra.outputs as Record<string, unknown>
  if (typeof extra.stdout === 'string') out.stdout = extra.stdout
  if (r.notRun) out.notRun = { ...r.notRun, file: displayPath(r.notRun.file, root) }
  if (r.durationMs !== undefined) out.durationMs = r.durationMs
  return out
}

export function renderResultsJson(results: readonly Result[], summary: ResultSummary, options: JsonOptions = {}): string {
  const report: JsonResultsReport = {
    summary: {
      passed: summary.passed,
      failed: summary.failed,
      errors: summary.errors,
      skipped: summary.skipped,
      notLoaded: summary.notLoaded ?? 0,
      blocked: summary.blocked ?? 0,
    },
    results: results.map((r) => toJsonResult(r, options.root)),
  }
  return JSON.stringify(report, null, options.indent ?? 2) + '\n'
}

export function renderFindingsJson(findings: readonly Finding[], summary: FindingSummary, options: JsonOptions = {}): string {
  const report: JsonFindingsReport = {
    summary: { files: summary.files, rules: summary.rules, error: summary.error, warning: summary.warning, note: summary.note },
    findings: findings.map((f) => {
      const j: JsonFinding = {
        check: f.check,
        severity: f.severity,
        file: displayPath(f.file, options.root),
        line: f.line,
        column: f.column,
        message: f.message,
      }
      if (f.rule !== undefined) j.rule = f.rule
      return j
    }),
  }
  return JSON.stringify(report, null, options.indent ?? 2) + '\n'
}
