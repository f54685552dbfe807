import type { Finding, Result, ResultSummary } from '../model/result.js'
import { escapeXml, renderFindings, renderGitHubCombined, renderMarkdown, renderResults, renderSarif, summarizeFindings, type CheckDescription, type ReporterName } from '../report/index.js'
import { displayPath } from '../report/paths.js'

export interface CheckReportOptions {
  root?: string
  failuresOnly?: boolean
  /** Text: list this many slowest checks. */
  slowest?: number
  color?: boolean
  /** Files and rules looked at (the findings summary counts them). */
  files: number
  rules: number
  /** SARIF rule metadata of the lint checks that produced findings. */
  checks?: Record<string, CheckDescription>
  /** Rule id → title, so the Markdown matrices name rules whose id is a UUID (Sigma) by title. */
  ruleTitles?: Readonly<Record<string, string>>
}

/**
 * One `ruleproof check` report: the results in the chosen format, with the lint findings of
 * the same run folded in the way each format allows (results of the same SARIF run, a `lint` JUnit suite,
 * a `lint` key in JSON, annotations, a Markdown section).
 */
export function renderCheckReport(
  format: ReporterName,
  results: readonly Result[],
  summary: ResultSummary,
  findings: readonly Finding[],
  o: CheckReportOptions,
): string {
  const lint = summarizeFindings(findings, { files: o.files, rules: o.rules })
  const fopts = { ...(o.root ? { root: o.root } : {}), ...(o.checks ? { checks: o.checks } : {}) }
  // One annotation budget (10 per level) for the step: findings first, then failed checks.
  if (format === 'github') return renderGitHubCombined(results, summary, findings, lint, fopts)
  const out = renderResults(format, results, {
    summary,
    ...(o.root ? { root: o.root } : {}),
    failuresOnly: o.failuresOnly ?? false,
    slowest: o.slowest ?? 0,
    color: o.color ?? false,
    ...(o.ruleTitles ? { ruleTitles: o.ruleTitles } : {}),
  })
  switch (format) {
    case 'text':
      return findings.length === 0 ? out : renderFindings('text', findings, lint, { ...fopts, color: o.color ?? false }) + '\n' + out
    case 'json': {
      const report = JSON.parse(out) as Record<string, unknown>
      report['lint'] = JSON.parse(renderFindings('json', findings, lint, fopts))
      return JSON.stringify(report, null, 2) + '\n'
    }
    case 'sarif':
      // One run of one tool: GitHub rejects two runs with the same tool and category.
      return renderSarif({ results, findings }, fopts)
    case 'junit':
      return findings.length === 0 ? out : withLintSuite(out, findings, o.root)
    case 'markdown':
      // Lint in the headline and first in the list of things to fix, in the same length budget.
      return renderMarkdown(results, summary, { findings, summary: lint }, {
        ...(o.root ? { root: o.root } : {}),
        ...(o.ruleTitles ? { ruleTitles: o.ruleTitles } : {}),
      })
  }
}

function withLintSuite(xml: string, findings: readonly Finding[], root: string | undefined): string {
  const errors = findings.filter((f) => f.severity === 'error')
  const cases = findings.map((f) => {
    const file = displayPath(f.file, root)
    const name = escapeXml(`${f.check} ${file}:${f.line}:${f.column}`)
    const open = `    <testcase classname="lint" name="${name}" file="${escapeXml(file)}" line="${f.line}" time="0"`
    if (f.severity !== 'error') return `${open}>\n      <system-out>${escapeXml(`${f.severity}: ${f.message}`)}</system-out>\n    </testcase>`
    return `${open}>\n      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.check)}">${escapeXml(`${file}:${f.line}:${f.column}: ${f.message}`)}</failure>\n    </testcase>`
  })
  const suite = [`  <testsuite name="lint" tests="${findings.length}" failures="${errors.length}" errors="0" skipped="0" time="0">`, ...cases, '  </testsuite>'].join('\n')
  const bumped = xml.replace(/<testsuites ([^>]*)tests="(\d+)" failures="(\d+)"/, (_m, pre: string, t: string, f: string) => `<testsuites ${pre}tests="${Number(t) + findings.length}" failures="${Number(f) + errors.length}"`)
  return bumped.replace(/<\/testsuites>\s*$/, `${suite}\n</testsuites>\n`)
}
