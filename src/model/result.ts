import type { VariantId } from './variant.js'

export type ResultKind = 'embedded' | 'replay' | 'property' | 'scenario' | 'consistency'
export type ResultStatus = 'pass' | 'fail' | 'error' | 'skip'
export type Expectation = 'match' | 'no-match'

/**
 * Why a check did not run: its rule failed to load (the load finding that stopped it), or the
 * test it replays already fails on its own variant (one root cause, one failure).
 */
export interface NotRun {
  reason: 'load' | 'blocked'
  /** The finding's check id (`sigma-schema`, `panther-yaml`, …) or the blocking check's name. */
  check: string
  file: string
  line: number
  column: number
  message: string
}

/** One check's outcome. The JSON shape of `ruleproof test --format json` results. */
export interface Result {
  rule: string
  /** The rule's title (Sigma `title`, Panther `DisplayName`) when it has one besides its id. */
  title?: string
  file: string
  line: number
  test: string
  variant: VariantId | string
  /** The view of the variant's records checked, when the rule reads several (a KQL rule's table). */
  view?: string
  kind: ResultKind
  status: ResultStatus
  expected?: Expectation | unknown
  actual?: Expectation | unknown
  message?: string
  /** For generated events: fast-check seed and path that reproduce it, and the shrunk event. */
  seed?: number
  path?: string
  event?: unknown
  /** Set when the check did not run, with the cause; its status says how it counts (error or skip). */
  notRun?: NotRun
  /** Wall-clock time the check took, in milliseconds (set by the runner; absent when not measured). */
  durationMs?: number
}

export interface ResultSummary {
  passed: number
  failed: number
  errors: number
  skipped: number
  /** Of those errors and skips: tests whose rule failed to load. */
  notLoaded?: number
  /** Of those skips: replays blocked by their test failing on its own variant. */
  blocked?: number
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
