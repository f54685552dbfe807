import type { Finding, FindingSummary, Result, ResultSummary } from '../model/result.js'

/** Totals of a run, computed once and handed to every reporter. */
export function summarizeResults(results: readonly Result[]): ResultSummary {
  const summary: ResultSummary = { passed: 0, failed: 0, errors: 0, skipped: 0, notLoaded: 0, blocked: 0 }
  for (const r of results) {
    if (r.status === 'pass') summary.passed++
    else if (r.status === 'fail') summary.failed++
    else if (r.status === 'error') summary.errors++
    else summary.skipped++
    if (r.notRun?.reason === 'load') summary.notLoaded!++
    else if (r.notRun?.reason === 'blocked') summary.blocked!++
  }
  return summary
}

/**
 * Totals of a lint run. `files` and `rules` count what was looked at (not only what has findings),
 * so the caller passes them in; severities are counted here.
 */
export function summarizeFindings(
  findings: readonly Finding[],
  scope: { files: number; rules: number },
): FindingSummary {
  const summary: FindingSummary = { files: scope.files, rules: scope.rules, error: 0, warning: 0, note: 0 }
  for (const f of findings) summary[f.severity]++
  return summary
}

/** Exit code of a test run: 1 when anything failed or errored, else 0 (load errors are the caller's). */
export function resultsFailed(summary: ResultSummary): boolean {
  return summary.failed > 0 || summary.errors > 0
}
