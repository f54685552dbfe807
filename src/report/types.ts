import type { Finding, FindingSummary, Result, ResultSummary } from '../model/result.js'

/** Options every result renderer understands. */
export interface CommonReportOptions {
  /**
   * Folder that file paths are shown relative to (SARIF and GitHub need repo-relative paths).
   * @defaultValue paths are shown as given
   */
  root?: string
}

/** A renderer of test results in one format: results in, text out. It never recounts. */
export interface ResultRenderer<O extends CommonReportOptions = CommonReportOptions> {
  (results: readonly Result[], summary: ResultSummary, options?: O): string
}

/** A renderer of lint/load findings in one format. */
export interface FindingRenderer<O extends CommonReportOptions = CommonReportOptions> {
  (findings: readonly Finding[], summary: FindingSummary, options?: O): string
}

/**
 * A streaming consumer of a run. The harness calls the hooks in order; a reporter that needs the
 * whole run (JUnit, SARIF, Markdown) buffers in `onResult` and writes in `onRunEnd`.
 */
export interface Reporter {
  onRunStart?(): void | Promise<void>
  onResult?(result: Readonly<Result>): void | Promise<void>
  onRunEnd?(summary: Readonly<ResultSummary>): void | Promise<void>
}
