import type { CoverageReport } from '../../coverage/build.js'
import type { Finding, Result, ResultSummary } from '../../model/result.js'
import { checkName, describeVerdict, failureText, reproText, ruleName } from '../describe.js'
import { displayPath } from '../paths.js'
import { escapeHtml, jsonBlock } from './escape.js'
import { heatmapSection } from './heatmap.js'
import { htmlPage } from './page.js'

export interface CheckHtmlOptions {
  root?: string
  /** The rule files' embedded test events by rule id and test name: a failure shows the event it ran on. */
  testEvents?: ReadonlyMap<string, unknown>
  coverage?: CoverageReport
  title?: string
}

/** Key for `testEvents`. */
export const testEventKey = (rule: string, test: string): string => `${rule}\0${test}`

const shell = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)

/** The command that runs this one check again. */
export function reproCommand(r: Result, root?: string): string {
  const file = shell(displayPath(r.file, root))
  if (r.kind === 'embedded') return `ruleproof test ${file}`
  const parts = ['ruleproof', 'check', file, '--kinds', r.kind]
  const variants = String(r.variant)
  if (/^[a-z0-9,-]+$/.test(variants)) parts.push('--variants', variants)
  if (r.seed !== undefined) parts.push('--seed', String(r.seed))
  return parts.join(' ')
}

function summarySection(summary: ResultSummary, findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length
  const items = [
    `<span class="status-pass">${summary.passed} passed</span>`,
    `<span class="status-fail">${summary.failed} failed</span>`,
    `<span class="status-error">${summary.errors} errors</span>`,
    `<span class="status-skip">${summary.skipped} skipped</span>`,
    `<span>${findings.length} lint findings (${errors} errors)</span>`,
  ]
  return `<section id="summary"><p class="summary">${items.join('')}</p></section>`
}

/** Rule × variant: per cell the worst status of the rule's checks there, with counts. */
function matrixSection(results: readonly Result[]): string {
  const variants = [...new Set(results.flatMap((r) => String(r.variant).split(',')))].sort()
  const rows = new Map<string, { name: string; file: string; cells: Map<string, Result[]> }>()
  for (const r of results) {
    const k = `${r.file}\0${r.rule}`
    let row = rows.get(k)
    if (!row) rows.set(k, (row = { name: ruleName(r), file: r.file, cells: new Map() }))
    for (const v of String(r.variant).split(',')) {
      const list = row.cells.get(v) ?? []
      list.push(r)
      row.cells.set(v, list)
    }
  }
  const head = `<tr><th>Rule</th>${variants.map((v) => `<th>${escapeHtml(v)}</th>`).join('')}</tr>`
  const body = [...rows.values()]
    .map((row) => {
      const cells = variants.map((v) => {
        const list = row.cells.get(v)
        if (!list) return `<td class="none" data-variant="${escapeHtml(v)}">—</td>`
        const bad = list.filter((r) => r.status === 'fail' || r.status === 'error').length
        const passed = list.filter((r) => r.status === 'pass').length
        const status = bad ? 'fail' : passed ? 'pass' : 'skip'
        const text = bad ? `${bad} of ${list.length} failed` : passed ? `${passed} passed` : `${list.length} skipped`
        return `<td class="${status}" data-variant="${escapeHtml(v)}" data-status="${status}">${escapeHtml(text)}</td>`
      })
      return `<tr data-rule="${escapeHtml(row.name)}"><th>${escapeHtml(row.name)}</th>${cells.join('')}</tr>`
    })
    .join('\n')
  return `<section id="matrix"><h2>Rules × variants</h2><table class="matrix">${head}\n${body}</table></section>`
}

function failuresSection(results: readonly Result[], o: CheckHtmlOptions): string {
  const failed = results.filter((r) => r.status === 'fail' || r.status === 'error')
  if (failed.length === 0) return `<section id="failures"><h2>Failures</h2><p>None.</p></section>`
  const items = failed.map((r) => {
    const event = r.event !== undefined ? r.event : o.testEvents?.get(testEventKey(r.rule, r.test))
    const repro = reproText(r)
    const rows = [
      ['Rule', `${ruleName(r)}${r.title !== undefined ? ` (${r.rule})` : ''}`],
      ['Where', `${displayPath(r.file, o.root)}:${r.line}`],
      ['Check', `${r.kind} · ${r.test} · ${r.variant}`],
      ['Expected', describeVerdict(r.expected)],
      ['Actual', describeVerdict(r.actual)],
      ['Why', failureText(r)],
      ...(repro ? [['Counterexample', repro]] : []),
    ]
    const table = `<table class="failure">${rows.map(([k, v]) => `<tr data-field="${escapeHtml(k!.toLowerCase())}"><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`
    const eventBlock = event === undefined ? '<p class="muted">No event recorded for this check.</p>' : `<h4>Event${r.event === undefined && r.kind !== 'embedded' ? ' (the test case, as written)' : ''}</h4>${jsonBlock(event)}`
    return `<details class="failure-item" data-status="${escapeHtml(r.status)}"><summary class="status-${escapeHtml(r.status)}">${escapeHtml(checkName(r))}</summary>${table}${eventBlock}<h4>Reproduce</h4><pre class="repro">${escapeHtml(reproCommand(r, o.root))}</pre></details>`
  })
  return `<section id="failures"><h2>Failures (${failed.length})</h2>${items.join('\n')}</section>`
}

function findingsSection(findings: readonly Finding[], root?: string): string {
  if (findings.length === 0) return ''
  const rows = findings.map((f) => `<tr><td class="status-${f.severity === 'error' ? 'fail' : 'skip'}">${escapeHtml(f.severity)}</td><td>${escapeHtml(f.check)}</td><td>${escapeHtml(`${displayPath(f.file, root)}:${f.line}:${f.column}`)}</td><td>${escapeHtml(f.message)}</td></tr>`)
  return `<section id="lint"><h2>Lint and load findings (${findings.length})</h2><table><tr><th>Severity</th><th>Check</th><th>Where</th><th>Message</th></tr>${rows.join('\n')}</table></section>`
}

function allResultsSection(results: readonly Result[], root?: string): string {
  const rows = results.map((r) => `<tr><td class="${r.status === 'error' ? 'fail' : escapeHtml(r.status)}">${escapeHtml(r.status)}</td><td>${escapeHtml(checkName(r))}</td><td>${escapeHtml(`${displayPath(r.file, root)}:${r.line}`)}</td><td>${r.status === 'pass' ? '' : escapeHtml(failureText(r))}</td></tr>`)
  return `<details id="results"><summary>Every check (${results.length})</summary><table><tr><th>Status</th><th>Check</th><th>Where</th><th>Message</th></tr>${rows.join('\n')}</table></details>`
}

/** `ruleproof check --format html`: one self-contained page. */
export function checkHtml(results: readonly Result[], summary: ResultSummary, findings: readonly Finding[], o: CheckHtmlOptions = {}): string {
  return htmlPage(o.title ?? 'ruleproof check', `${results.length} checks, ${findings.length} lint findings`, [
    summarySection(summary, findings),
    matrixSection(results),
    failuresSection(results, o),
    findingsSection(findings, o.root),
    ...(o.coverage ? [heatmapSection(o.coverage)] : []),
    allResultsSection(results, o.root),
  ])
}
