import type { Finding, FindingSummary, Result, ResultSummary } from '../model/result.js'
import type { CommonReportOptions } from './types.js'
import { checkName, failureText, reproText } from './describe.js'
import { displayPath } from './paths.js'
import { summaryLine } from './text.js'

export interface GitHubOptions extends CommonReportOptions {
  /**
   * Annotations per level. GitHub shows 10 errors, 10 warnings and 10 notices per step and drops
   * the rest silently, so ruleproof stops there and says how many it left out.
   * @defaultValue 10
   */
  limit?: number
}

/** Message escaping of workflow commands, as `@actions/core` does it. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Property values additionally escape `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

type Level = 'error' | 'warning' | 'notice'

interface Annotation {
  level: Level
  file?: string
  line?: number
  col?: number
  endLine?: number
  endColumn?: number
  title?: string
  message: string
}

export function workflowCommand(a: Annotation): string {
  const props: string[] = []
  if (a.file !== undefined) props.push(`file=${escapeProperty(a.file)}`)
  if (a.line !== undefined) props.push(`line=${a.line}`)
  if (a.endLine !== undefined) props.push(`endLine=${a.endLine}`)
  if (a.col !== undefined) props.push(`col=${a.col}`)
  if (a.endColumn !== undefined) props.push(`endColumn=${a.endColumn}`)
  if (a.title !== undefined) props.push(`title=${escapeProperty(a.title)}`)
  return `::${a.level}${props.length > 0 ? ' ' + props.join(',') : ''}::${escapeData(a.message)}`
}

/** Emits at most `limit` annotations per level, then one notice naming what was left out. */
function emit(annotations: Annotation[], limit: number, what: string): string[] {
  const dropped = { error: 0, warning: 0, notice: 0 }
  const shown = { error: 0, warning: 0, notice: 0 }
  const total = annotations.length
  // Keep one notice slot for the overflow message when anything will be dropped.
  const counts = { error: 0, warning: 0, notice: 0 }
  for (const a of annotations) counts[a.level]++
  const overflow = counts.error > limit || counts.warning > limit || counts.notice > limit
  const cap = (level: Level): number => (level === 'notice' && overflow ? Math.max(0, limit - 1) : limit)
  const lines: string[] = []
  for (const a of annotations) {
    if (shown[a.level] < cap(a.level)) {
      shown[a.level]++
      lines.push(workflowCommand(a))
    } else dropped[a.level]++
  }
  const left = dropped.error + dropped.warning + dropped.notice
  if (left > 0) {
    lines.push(
      workflowCommand({
        level: 'notice',
        title: 'ruleproof',
        message: `${left} of ${total} ${what} were not annotated (GitHub shows ${limit} per level and step); see the SARIF, JUnit or JSON report for all of them.`,
      }),
    )
  }
  return lines
}

function resultAnnotations(results: readonly Result[], root: string | undefined): Annotation[] {
  return results
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => {
      const repro = reproText(r)
      return {
        level: 'error' as const,
        file: displayPath(r.file, root),
        line: Math.max(1, r.line),
        title: checkName(r),
        message: failureText(r) + (repro ? `\n${repro}` : ''),
      }
    })
}

/** GitHub Actions workflow commands: one `::error` per failed or errored check, at the rule file line. */
export function renderResultsGitHub(results: readonly Result[], summary: ResultSummary, options: GitHubOptions = {}): string {
  const lines = emit(resultAnnotations(results, options.root), options.limit ?? 10, 'failed checks')
  lines.push(`ruleproof: ${summaryLine(summary)}`)
  return lines.join('\n') + '\n'
}

const LEVELS: Record<Finding['severity'], Level> = { error: 'error', warning: 'warning', note: 'notice' }

function findingAnnotations(findings: readonly Finding[], root: string | undefined): Annotation[] {
  return findings.map((f) => {
    const a: Annotation = {
      level: LEVELS[f.severity],
      file: displayPath(f.file, root),
      line: Math.max(1, f.line),
      col: Math.max(1, f.column),
      title: f.check,
      message: f.message,
    }
    if (f.endLine !== undefined) a.endLine = f.endLine
    if (f.endColumn !== undefined) a.endColumn = f.endColumn
    return a
  })
}

function findingSummaryLine(summary: FindingSummary): string {
  return `ruleproof: ${summary.files} files, ${summary.rules} rules: ${summary.error} errors, ${summary.warning} warnings, ${summary.note} notes`
}

/** Workflow commands for lint and load findings (note → `::notice`). */
export function renderFindingsGitHub(findings: readonly Finding[], summary: FindingSummary, options: GitHubOptions = {}): string {
  const lines = emit(findingAnnotations(findings, options.root), options.limit ?? 10, 'findings')
  lines.push(findingSummaryLine(summary))
  return lines.join('\n') + '\n'
}

/**
 * Findings and check results of one step (`ruleproof check`) as one set of annotations, so
 * together they stay within GitHub's per-step limit: findings first, then failed checks.
 */
export function renderGitHubCombined(
  results: readonly Result[],
  summary: ResultSummary,
  findings: readonly Finding[],
  findingSummary: FindingSummary,
  options: GitHubOptions = {},
): string {
  const annotations = [...findingAnnotations(findings, options.root), ...resultAnnotations(results, options.root)]
  const lines = emit(annotations, options.limit ?? 10, 'findings and failed checks')
  lines.push(findingSummaryLine(findingSummary), `ruleproof: ${summaryLine(summary)}`)
  return lines.join('\n') + '\n'
}
