import type { Finding, FindingSummary, Result, ResultSummary } from '../model/result.js'
import type { CommonReportOptions } from './types.js'
import { checkName, failureText, reproText } from './describe.js'
import { declaredGap } from './gap.js'
import { displayPath } from './paths.js'

export interface TextOptions extends CommonReportOptions {
  /** ANSI colours; the CLI turns them on only when stdout is a terminal. @defaultValue false */
  color?: boolean
  /** Leave passing and skipped results out (the summary still counts them). @defaultValue false */
  failuresOnly?: boolean
  /** Print the generated event of a failing property/scenario result. @defaultValue true */
  showEvents?: boolean
  /** List this many slowest checks (by measured duration) before the summary. @defaultValue 0 */
  slowest?: number
}

type Paint = (code: number, s: string) => string
const painter = (on: boolean): Paint => (on ? (code, s) => `\u001b[${code}m${s}\u001b[0m` : (_c, s) => s)
const RED = 31
const GREEN = 32
const YELLOW = 33
const CYAN = 36
const DIM = 2
const BOLD = 1

/** Terminal control characters in rule-supplied text must not reach the terminal raw. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n')
}

const TAGS: Record<Result['status'], [string, number]> = {
  fail: ['FAIL ', RED],
  error: ['ERROR', RED],
  skip: ['SKIP ', YELLOW],
  pass: ['PASS ', GREEN],
}

function resultBlock(r: Result, o: TextOptions, paint: Paint): string {
  const [tag, colour] = TAGS[r.status]
  const where = `${displayPath(r.file, o.root)}:${r.line}`
  const gap = declaredGap(r)
  const head = `${paint(colour, tag)} ${clean(checkName(r))} ${paint(DIM, where)}`
  if (r.status === 'pass') return gap === undefined ? head : `${head}\n${paint(CYAN, `      declared gap: ${clean(gap)}`)}`
  const lines = [head, indent(clean(failureText(r)), '      ')]
  // The title names the rule for people; the id is what to grep, filter and fix.
  if (r.title !== undefined && r.title !== r.rule) lines.push(`      ${paint(DIM, `rule id: ${clean(r.rule)}`)}`)
  const repro = reproText(r)
  if (repro) lines.push(`      ${paint(DIM, repro)}`)
  if (r.event !== undefined && (o.showEvents ?? true) && r.status !== 'skip') {
    lines.push(indent(clean(JSON.stringify(r.event, null, 2)), '      '))
  }
  return lines.join('\n')
}

export function summaryLine(s: ResultSummary, paint: Paint = painter(false)): string {
  const parts = [
    paint(s.passed > 0 ? GREEN : DIM, `${s.passed} passed`),
    paint(s.failed > 0 ? RED : DIM, `${s.failed} failed`),
    paint(s.errors > 0 ? RED : DIM, `${s.errors} errors`),
    paint(s.skipped > 0 ? YELLOW : DIM, `${s.skipped} skipped`),
  ]
  const line = parts.join(', ')
  return line + notRunText(s, paint)
}

/** `; 3 not run: rule failed to load; 2 blocked by a failing test`, when there are any. */
export function notRunText(s: ResultSummary, paint: Paint = painter(false)): string {
  const extra: string[] = []
  if (s.notLoaded) extra.push(paint(RED, `${s.notLoaded} not run: rule failed to load`))
  if (s.blocked) extra.push(paint(YELLOW, `${s.blocked} blocked by a failing test`))
  return extra.map((e) => `; ${e}`).join('')
}

/**
 * Human-readable results: failures and errors first (where the reader looks), then skips and
 * passes in run order, then one summary line.
 */
export function renderResultsText(results: readonly Result[], summary: ResultSummary, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false)
  const bad = results.filter((r) => r.status === 'fail' || r.status === 'error')
  const rest = options.failuresOnly ? [] : results.filter((r) => r.status === 'skip' || r.status === 'pass')
  const blocks = [...bad, ...rest].map((r) => resultBlock(r, options, paint))
  const total = summary.passed + summary.failed + summary.errors + summary.skipped
  const out = blocks.length > 0 ? blocks.join('\n') + '\n\n' : ''
  return `${out}${slowestBlock(results, options, paint)}${paint(BOLD, `${total} checks:`)} ${summaryLine(summary, paint)}\n`
}

/** The `slowest` checks by measured duration, slowest first, and what all measured checks took. */
export function slowestBlock(results: readonly Result[], options: TextOptions, paint: Paint = painter(false)): string {
  const n = options.slowest ?? 0
  const timed = results.filter((r) => r.durationMs !== undefined)
  if (n <= 0 || timed.length === 0) return ''
  const top = [...timed].sort((a, b) => (b.durationMs as number) - (a.durationMs as number)).slice(0, n)
  const total = timed.reduce((sum, r) => sum + (r.durationMs as number), 0)
  const lines = top.map((r) => `  ${ms(r.durationMs as number).padStart(9)}  ${clean(checkName(r))} ${paint(DIM, `${displayPath(r.file, options.root)}:${r.line}`)}`)
  const head = `Slowest ${top.length} of ${timed.length} checks (${ms(total)} in all, ${ms(total / timed.length)} on average):`
  return `${paint(BOLD, head)}\n${lines.join('\n')}\n\n`
}

function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`
}

/** `file:line:column: severity: message [check]`, the form editors and problem matchers parse. */
export function renderFindingsText(findings: readonly Finding[], summary: FindingSummary, options: TextOptions = {}): string {
  const paint = painter(options.color ?? false)
  const colour = { error: RED, warning: YELLOW, note: CYAN } as const
  const lines = findings.map(
    (f) =>
      `${displayPath(f.file, options.root)}:${f.line}:${f.column}: ${paint(colour[f.severity], f.severity)}: ${clean(f.message)} ${paint(DIM, `[${f.check}]`)}`,
  )
  const tail =
    `${summary.files} files, ${summary.rules} rules: ` +
    `${paint(summary.error > 0 ? RED : DIM, `${summary.error} errors`)}, ` +
    `${paint(summary.warning > 0 ? YELLOW : DIM, `${summary.warning} warnings`)}, ` +
    `${paint(DIM, `${summary.note} notes`)}`
  return (lines.length > 0 ? lines.join('\n') + '\n\n' : '') + tail + '\n'
}
