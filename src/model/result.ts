import type { VariantId } from './variant.js'

export type ResultKind = 'embedded' | 'replay' | 'property' | 'scenario' | 'consistency'
export type ResultStatus = 'pass' | 'fail' | 'error' | 'skip'
export type Expectation = 'match' | 'no-match'

/** One check's outcome. The JSON shape of `ruleproof test --format json` results. */
export interface Result {
  rule: string
  file: string
  line: number
  test: string
  variant: VariantId | string
  kind: ResultKind
  status: ResultStatus
  expected?: Expectation | unknown
  actual?: Expectation | unknown
  message?: string
  /** For generated events: fast-check seed and path that reproduce it, and the shrunk event. */
  seed?: number
  path?: string
  event?: unknown
  /** Wall-clock time the check took, in milliseconds (set by the runner; absent when not measured). */
  durationMs?: number
}

export interface ResultSummary {
  passed: number
  failed: number
  errors: number
  skipped: number
}

export type Severity = 'error' | 'warning' | 'note'

/** One lint or load finding, always at a place in a file. */
export interface Finding {
  check: string
  severity: Severity
  file: string
  line: number
  column: number
  message: string
  /** Rule id when the finding belongs to one rule. */
  rule?: string
  endLine?: number
  endColumn?: number
}

export interface FindingSummary {
  files: number
  rules: number
  error: number
  warning: number
  note: number
}
