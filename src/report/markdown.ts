import type { Finding, FindingSummary, Result, ResultSummary } from '../model/result.js'
import { VARIANT_IDS } from '../model/variant.js'
import type { CommonReportOptions } from './types.js'
import { failureText, reproText, ruleName } from './describe.js'
import { declaredGap } from './gap.js'
import { displayPath } from './paths.js'
import { notRunText } from './text.js'

export interface MarkdownOptions extends CommonReportOptions {
  /** Failed checks shown with their generated event; later ones get one line each. @defaultValue 20 */
  maxFailures?: number
  /** Heading text. @defaultValue 'ruleproof' */
  title?: string
  /**
   * The report never exceeds this many characters (a GitHub comment holds 65,536); what does
   * not fit is cut, and the report says what. @defaultValue 60000
   */
  maxLength?: number
  /** Rule id → title: matrices then show `title` with the id beneath it (results carry only ids). */
  ruleTitles?: Readonly<Record<string, string>>
}

/** Titles from the results themselves, then the caller's table. */
function titlesOf(results: readonly Result[], given: MarkdownOptions['ruleTitles']): Record<string, string> {
  const out: Record<string, string> = { ...given }
  for (const r of results) if (r.title !== undefined && out[r.rule] === undefined) out[r.rule] = r.title
  return out
}

function ruleLabel(id: string, titles: MarkdownOptions['ruleTitles']): string {
  const title = titles?.[id]
  return title && title !== id ? `${escapeCell(title)}<br><sub>${escapeCell(id)}</sub>` : escapeCell(id)
}

/** Cell text: no table breaks, no raw HTML from rule-supplied strings. */
export function escapeCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
}

/** Text outside tables (summaries, lists): no raw HTML, one line. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ')
}

/** Fenced code that cannot be closed early by the content. */
function fence(text: string, lang = ''): string {
  const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)))
  return `${ticks}${lang}\n${text}\n${ticks}`
}

interface Cell {
  total: number
  bad: number
  skipped: number
  gaps: number
}

export const CELL_LEGEND =
  '✅ all passed (number of checks) · ❌ failed or errored / total · ⚠️ declared gap (passes only by a declared per-variant override) · ⏭ skipped · — no checks'

export function cellText(c: Cell | undefined): string {
  if (!c || c.total === 0) return '—'
  if (c.bad > 0) return `❌ ${c.bad}/${c.total}`
  if (c.gaps > 0) return `⚠️ gap (${c.gaps}/${c.total})`
  if (c.skipped === c.total) return '⏭'
  return `✅ ${c.total - c.skipped}`
}

function tally(cells: Map<string, Cell>, key: string, r: Result): void {
  let c = cells.get(key)
  if (!c) cells.set(key, (c = { total: 0, bad: 0, skipped: 0, gaps: 0 }))
  c.total++
  if (r.status === 'fail' || r.status === 'error') c.bad++
  else if (r.status === 'skip') c.skipped++
  else if (declaredGap(r) !== undefined) c.gaps++
}

function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  return lines.join('\n')
}

function orderedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)]
}

/** A consistency check spans variants (`eks,aks,gke`): it counts in each of them. */
function variantsOf(r: Result): string[] {
  const list = String(r.variant).split(',').map((v) => v.trim()).filter((v) => v !== '')
  return list.length > 0 ? list : [String(r.variant)]
}

/** Rules × variants over every check of a rule on that variant. */
function variantMatrix(results: readonly Result[], titles: MarkdownOptions['ruleTitles']): string {
  const cells = new Map<string, Cell>()
  for (const r of results) for (const v of variantsOf(r)) tally(cells, `${r.rule}\u0000${v}`, r)
  const seen = new Set(results.flatMap(variantsOf))
  const variants = [...VARIANT_IDS.filter((v) => seen.has(v)), ...[...seen].filter((v) => !(VARIANT_IDS as readonly string[]).includes(v)).sort()]
  const rules = orderedUnique(results.map((r) => r.rule))
  return table(
    ['rule', ...variants.map(escapeCell)],
    rules.map((rule) => [ruleLabel(rule, titles), ...variants.map((v) => cellText(cells.get(`${rule}\u0000${v}`)))]),
  )
}

/** Scenario families × rules, from scenario and consistency checks (the family is the check's `test`). */
function familyMatrix(results: readonly Result[], titles: MarkdownOptions['ruleTitles']): string | undefined {
  const generated = results.filter((r) => r.kind === 'scenario' || r.kind === 'consistency')
  if (generated.length === 0) return undefined
  const cells = new Map<string, Cell>()
  for (const r of generated) tally(cells, `${r.test}\u0000${r.rule}`, r)
  const families = orderedUnique(generated.map((r) => r.test)).sort()
  const rules = orderedUnique(generated.map((r) => r.rule))
  return table(
    ['family', ...rules.map((r) => ruleLabel(r, titles))],
    families.map((f) => [escapeCell(f), ...rules.map((rule) => cellText(cells.get(`${f}\u0000${rule}`)))]),
  )
}

function gapList(results: readonly Result[], titles: Record<string, string>): string | undefined {
  const seen = new Set<string>()
  const lines: string[] = []
  for (const r of results) {
    const reason = declaredGap(r)
    if (reason === undefined) continue
    const key = `${r.rule}\u0000${r.variant}\u0000${reason}`
    if (seen.has(key)) continue
    seen.add(key)
    lines.push(`- ${escapeText(titles[r.rule] ?? ruleName(r))} on **${escapeText(String(r.variant))}**: ${escapeText(reason)}`)
  }
  return lines.length > 0 ? lines.join('\n') : undefined
}

const EVENT_LIMIT = 4000

function failureEntry(r: Result, root: string | undefined, withEvent: boolean): string {
  const where = `${displayPath(r.file, root).replace(/`/g, "'")}:${r.line}`
  const lines = [`- ${r.status === 'error' ? '💥' : '❌'} ${escapeText(r.test)} [${escapeText(String(r.variant))}] (${r.kind}) \`${where}\` — ${escapeText(failureText(r))}`]
  const repro = reproText(r)
  if (repro) lines.push(`  Reproduce: \`${repro}\``)
  if (withEvent && r.event !== undefined) {
    let json = JSON.stringify(r.event, null, 2)
    if (json.length > EVENT_LIMIT) json = `${json.slice(0, EVENT_LIMIT)}\n… (event cut at ${EVENT_LIMIT} characters; the JSON report has it whole)`
    lines.push('', fence(json, 'json').split('\n').map((l) => `  ${l}`).join('\n'))
  }
  return lines.join('\n')
}

function findingEntry(f: Finding, root: string | undefined): string {
  const icon = f.severity === 'error' ? '❌' : f.severity === 'warning' ? '⚠️' : 'ℹ️'
  const where = `${displayPath(f.file, root).replace(/`/g, "'")}:${f.line}:${f.column}`
  return `- ${icon} lint ${f.severity} \`${where}\` — ${escapeText(f.message)} [${escapeText(f.check)}]`
}

interface ProblemGroup {
  key: string
  label: string
  findings: Finding[]
  failures: Result[]
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * Lint findings and failed checks grouped by rule (a finding that names no rule joins the only
 * rule of its file, else a group of its file): groups with errors or failures first, then the
 * rest, each by file and line.
 */
function problemGroups(results: readonly Result[], findings: readonly Finding[], titles: Record<string, string>, root: string | undefined): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup & { file: string; line: number }>()
  const group = (key: string, label: string, file: string, line: number) => {
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { key, label, findings: [], failures: [], file, line }))
    return g
  }
  const labelFor = (id: string) => (titles[id] && titles[id] !== id ? `${escapeText(titles[id])} <sub>${escapeText(id)}</sub>` : escapeText(id))
  // The rule a file's findings belong to when they do not name one: the only rule seen in that file.
  const rulesOfFile = new Map<string, Set<string>>()
  const seen = (file: string, rule: string) => rulesOfFile.set(file, (rulesOfFile.get(file) ?? new Set()).add(rule))
  for (const r of results) if (r.status === 'fail' || r.status === 'error') seen(r.file, r.rule)
  for (const f of findings) if (f.rule !== undefined) seen(f.file, f.rule)
  for (const r of results) if (r.status === 'fail' || r.status === 'error') group(`rule\u0000${r.rule}`, labelFor(r.rule), r.file, r.line).failures.push(r)
  for (const f of findings) {
    const only = rulesOfFile.get(f.file)
    const rule = f.rule ?? (only?.size === 1 ? [...only][0] : undefined)
    if (rule !== undefined) group(`rule\u0000${rule}`, labelFor(rule), f.file, f.line).findings.push(f)
    else group(`file\u0000${f.file}`, `\`${displayPath(f.file, root).replace(/`/g, "'")}\``, f.file, f.line).findings.push(f)
  }
  for (const g of groups.values()) g.findings.sort((a, b) => a.line - b.line || a.column - b.column)
  const serious = (g: ProblemGroup) => g.failures.length > 0 || g.findings.some((f) => f.severity === 'error')
  // Groups with errors or failures first; within each, by file and line.
  const all = [...groups.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
  return [...all.filter(serious), ...all.filter((g) => !serious(g))]
}

function groupBlock(g: ProblemGroup, root: string | undefined, events: { left: number }): string {
  const count = (severity: Finding['severity']) => g.findings.filter((f) => f.severity === severity).length
  const errors = count('error')
  const counts: string[] = []
  if (g.failures.length) counts.push(plural(g.failures.length, 'failed check'))
  if (errors) counts.push(plural(errors, 'lint error'))
  if (count('warning')) counts.push(plural(count('warning'), 'lint warning'))
  if (count('note')) counts.push(plural(count('note'), 'lint note'))
  const icon = g.failures.length > 0 || errors > 0 ? '❌' : '⚠️'
  const body = [...g.findings.map((f) => findingEntry(f, root)), ...g.failures.map((r) => failureEntry(r, root, events.left-- > 0))]
  return `<details><summary>${icon} ${g.label} — ${counts.join(', ')}</summary>\n\n${body.join('\n')}\n\n</details>`
}

/** What a `check` report adds to the Markdown: the lint findings and their totals. */
export interface MarkdownLint {
  findings: readonly Finding[]
  summary: FindingSummary
}

/**
 * A Markdown report for a PR comment or `$GITHUB_STEP_SUMMARY`: the headline and totals (lint
 * included), then what needs fixing, grouped by rule and folded, then the matrices and the
 * declared gaps. It never exceeds `maxLength` characters: problem groups are added while they
 * fit, then the matrices; whatever is cut is named in a last line.
 */
export function renderMarkdown(results: readonly Result[], summary: ResultSummary, lint: MarkdownLint | undefined, options: MarkdownOptions = {}): string {
  const findings = lint?.findings ?? []
  const lintErrors = lint?.summary.error ?? 0
  const ok = summary.failed === 0 && summary.errors === 0 && lintErrors === 0
  const totals = lint
    ? table(
        ['passed', 'failed', 'errors', 'skipped', 'lint errors', 'lint warnings'],
        [[String(summary.passed), String(summary.failed), String(summary.errors), String(summary.skipped), String(lint.summary.error), String(lint.summary.warning)]],
      )
    : table(['passed', 'failed', 'errors', 'skipped'], [[String(summary.passed), String(summary.failed), String(summary.errors), String(summary.skipped)]])
  const head = [`## ${ok ? '✅' : '❌'} ${escapeText(options.title ?? 'ruleproof')}`, totals]
  const notRun = notRunText(summary).replace(/^; /, '').split('; ').filter((x) => x !== '')
  if (notRun.length) head.push(`<sub>${notRun.map(escapeText).join(' · ')}</sub>`)

  const budget = options.maxLength ?? 60000
  // Room kept for the line that says what was cut.
  const reserve = 300
  const parts = [...head]
  let length = parts.join('\n\n').length
  const fits = (block: string) => length + block.length + 2 <= budget - reserve
  const add = (block: string) => {
    parts.push(block)
    length += block.length + 2
  }
  const cut: string[] = []

  const titles = titlesOf(results, options.ruleTitles)
  const groups = problemGroups(results, findings, titles, options.root)
  if (groups.length > 0) {
    const heading = lint ? '### To fix: lint findings and failed checks, by rule' : '### To fix: failed checks, by rule'
    add(heading)
    const events = { left: options.maxFailures ?? 20 }
    let shown = 0
    for (const g of groups) {
      const block = groupBlock(g, options.root, events)
      if (!fits(block)) break
      add(block)
      shown++
    }
    const rest = groups.slice(shown)
    if (rest.length > 0) {
      const failures = rest.reduce((n, g) => n + g.failures.length, 0)
      const lintCut = rest.reduce((n, g) => n + g.findings.length, 0)
      cut.push(`${plural(rest.length, 'rule')} with problems (${plural(failures, 'failed check')}, ${plural(lintCut, 'lint finding')})`)
    }
  }
  if (results.length > 0) {
    const sections: [string, string | undefined][] = [
      ['the rules × variants matrix', `### Rules × variants\n\n${variantMatrix(results, titles)}\n\n<sub>${CELL_LEGEND}</sub>`],
      ['the families × rules matrix', ((m) => (m ? `### Scenario families × rules\n\n${m}` : undefined))(familyMatrix(results, titles))],
      ['the declared gaps', ((g) => (g ? `### Declared gaps\n\n${g}` : undefined))(gapList(results, titles))],
    ]
    for (const [name, block] of sections) {
      if (block === undefined) continue
      if (fits(block)) add(block)
      else cut.push(name)
    }
  }
  if (cut.length > 0) parts.push(`✂️ Cut to stay within ${budget.toLocaleString('en-US')} characters (GitHub comments hold 65,536): ${cut.join('; ')}. See the JSON or SARIF report for everything.`)
  return parts.join('\n\n') + '\n'
}

/** Test results as Markdown (`ruleproof test --format markdown`); `check` adds its lint findings. */
export function renderResultsMarkdown(results: readonly Result[], summary: ResultSummary, options: MarkdownOptions = {}): string {
  return renderMarkdown(results, summary, undefined, options)
}
