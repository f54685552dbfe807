import type { Finding, FindingSummary, Result, ResultSummary } from '../model/result.js'
import { renderFindingsGitHub, renderResultsGitHub, type GitHubOptions } from './github.js'
import { renderFindingsJson, renderResultsJson, type JsonOptions } from './json.js'
import { renderResultsJUnit, type JUnitOptions } from './junit.js'
import { renderResultsMarkdown, type MarkdownOptions } from './markdown.js'
export { renderMarkdown, type MarkdownLint } from './markdown.js'
import { renderFindingsSarif, renderResultsSarif, type SarifOptions } from './sarif.js'
import { summarizeResults } from './summary.js'
import { renderFindingsText, renderResultsText, type TextOptions } from './text.js'
import type { FindingRenderer, Reporter, ResultRenderer } from './types.js'

export type { CommonReportOptions, FindingRenderer, Reporter, ResultRenderer } from './types.js'
export type { GitHubOptions, JsonOptions, JUnitOptions, MarkdownOptions, SarifOptions, TextOptions }
export type { JsonFinding, JsonFindingsReport, JsonResult, JsonResultsReport } from './json.js'
export type { CheckDescription } from './sarif.js'
export { summarizeFindings, summarizeResults, resultsFailed } from './summary.js'
export { DECLARED_GAP_PREFIX, declaredGap, declaredGapMessage } from './gap.js'
export { displayPath } from './paths.js'
export { escapeXml } from './junit.js'
export { escapeData, escapeProperty, renderGitHubCombined } from './github.js'
export { SARIF_SCHEMA, renderSarif } from './sarif.js'

/** Every option a result format understands; each format reads its own. */
export type ReportOptions = TextOptions & JsonOptions & JUnitOptions & SarifOptions & GitHubOptions & MarkdownOptions

/** Result formats by name (`--format`). */
export const reporters = {
  text: renderResultsText,
  json: renderResultsJson,
  junit: renderResultsJUnit,
  sarif: renderResultsSarif,
  github: renderResultsGitHub,
  markdown: renderResultsMarkdown,
} satisfies Record<string, ResultRenderer<ReportOptions>>

/** Finding formats by name (`ruleproof lint --format`). */
export const findingReporters = {
  text: renderFindingsText,
  json: renderFindingsJson,
  sarif: renderFindingsSarif,
  github: renderFindingsGitHub,
} satisfies Record<string, FindingRenderer<ReportOptions>>

export type ReporterName = keyof typeof reporters
export type FindingReporterName = keyof typeof findingReporters
export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[]
export const FINDING_REPORTER_NAMES = Object.keys(findingReporters) as FindingReporterName[]

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name)
}
export function isFindingReporterName(name: string): name is FindingReporterName {
  return Object.hasOwn(findingReporters, name)
}

/**
 * Renders test results. The summary is computed here once (or passed in by a caller that already
 * has it) and every format prints that same summary.
 */
export function renderResults(
  format: ReporterName,
  results: readonly Result[],
  options: ReportOptions & { summary?: ResultSummary } = {},
): string {
  const summary = options.summary ?? summarizeResults(results)
  return reporters[format](results, summary, options)
}

export function renderFindings(
  format: FindingReporterName,
  findings: readonly Finding[],
  summary: FindingSummary,
  options: ReportOptions = {},
): string {
  return findingReporters[format](findings, summary, options)
}

/**
 * A streaming Reporter that collects results and writes the chosen format at the end
 * (the text format could stream, but "failures first" needs the whole run).
 */
export function bufferedReporter(format: ReporterName, write: (text: string) => void, options: ReportOptions = {}): Reporter {
  const results: Result[] = []
  return {
    onRunStart() {
      results.length = 0
    },
    onResult(result) {
      results.push(result)
    },
    onRunEnd(summary) {
      write(reporters[format](results, summary, options))
    },
  }
}
