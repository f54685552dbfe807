import type { Result, ResultSummary } from '../model/result.js'
import { VARIANT_IDS } from '../model/variant.js'
import type { CommonReportOptions } from './types.js'
import { failureText, reproText } from './describe.js'
import { declaredGap } from './gap.js'
import { displayPath } from './paths.js'

export interface MarkdownOptions extends CommonReportOptions {
  /** Failures shown with details under the matrices. @defaultValue 20 */
  maxFailures?: number
  /** Heading text. @defaultValue 'ruleproof' */
  title?: string
  /**
   * Stop adding failure details beyond this many characters; a GitHub comment holds 65,536.
   * @defaultValue 60000
   */
  maxLength?: number
  /** Rule id → title: matrices then show `title` with the id beneath it (results carry only ids). */
  ruleTitles?: Readonly<Record<string, string>>
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

function gapList(results: readonly Result[]): string | undefined {
  const seen = new Set<string>()
  const lines: string[] = []
  for (const r of results) {
    const reason = declaredGap(r)
    if (reason === undefined) continue
    const key = `${r.rule}\u0000${r.variant}\u0000${reason}`
    if (seen.has(key)) continue
    seen.add(key)
    lines.push(`- ${escapeText(r.rule)} on **${escapeText(String(r.variant))}**: ${escapeText(reason)}`)
  }
  return lines.length > 0 ? lines.join('\n') : undefined
}

function failureDetails(r: Result, root: string | undefined): string {
  const body = [`\`${displayPath(r.file, root).replace(/`/g, "'")}:${r.line}\` — ${escapeText(failureText(r))}`]
  const repro = reproText(r)
  if (repro) body.push('', `Reproduce: \`${repro}\``)
  if (r.event !== undefined) body.push('', fence(JSON.stringify(r.event, null, 2), 'json'))
  return `<details><summary>${r.status === 'error' ? '💥' : '❌'} ${escapeText(r.rule)} › ${escapeText(r.test)} [${escapeText(String(r.variant))}] (${r.kind})</summary>\n\n${body.join('\n')}\n\n</details>`
}

/** A Markdown summary for a PR comment or `$GITHUB_STEP_SUMMARY`: totals, matrices, gaps, failures. */
export function renderResultsMarkdown(results: readonly Result[], summary: ResultSummary, options: MarkdownOptions = {}): string {
  const ok = summary.failed === 0 && summary.errors === 0
  const parts: string[] = [
    `## ${ok ? '✅' : '❌'} ${escapeText(options.title ?? 'ruleproof')}`,
    table(['passed', 'failed', 'errors', 'skipped'], [[String(summary.passed), String(summary.failed), String(summary.errors), String(summary.skipped)]]),
  ]
  if (results.length > 0) {
    parts.push('### Rules × variants', variantMatrix(results, options.ruleTitles), `<sub>${CELL_LEGEND}</sub>`)
    const families = familyMatrix(results, options.ruleTitles)
    if (families) parts.push('### Scenario families × rules', families)
    const gaps = gapList(results)
    if (gaps) parts.push('### Declared gaps', gaps)
  }
  const bad = results.filter((r) => r.status === 'fail' || r.status === 'error')
  if (bad.length > 0) {
    const max = options.maxFailures ?? 20
    const budget = options.maxLength ?? 60000
    parts.push('### Failures')
    let length = parts.join('\n\n').length
    let shown = 0
    for (const r of bad.slice(0, max)) {
      const block = failureDetails(r, options.root)
      if (length + block.length + 2 > budget) break
      parts.push(block)
      length += block.length + 2
      shown++
    }
    if (shown < bad.length) parts.push(`…and ${bad.length - shown} more; see the JSON or SARIF report.`)
  }
  return parts.join('\n\n') + '\n'
}
