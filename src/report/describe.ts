import type { Result } from '../model/result.js'

/** `match` / `no match` for booleans and the Expectation strings; JSON for anything else. */
export function describeVerdict(value: unknown): string {
  if (value === true || value === 'match') return 'match'
  if (value === false || value === 'no-match') return 'no match'
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

function isVerdictMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0
}

/** `expected match, got no match`; per variant when the check compared variants. */
function verdictText(r: Result): string {
  if (isVerdictMap(r.actual)) {
    const got = Object.entries(r.actual).map(([v, x]) => `${v}: ${describeVerdict(x)}`).join(', ')
    return `expected ${r.expected !== undefined ? describeVerdict(r.expected) : 'the same verdict'} on every variant, got ${got}`
  }
  return `expected ${describeVerdict(r.expected)}, got ${describeVerdict(r.actual)}`
}

/**
 * A format's own message often restates the verdict (`expected match, got no-match`, PAT's
 * `expected match, rule() returned False`): what is left once the verdict is said.
 */
const RESTATED = /^expected (?:match|no[- ]match|true|false)(?:, got (?:match|no[- ]match|true|false|nothing))?(?=[,:;( ]|$)[,:;]?\s*/i

/** One line saying what went wrong, each thing once, shared by every format so they agree word for word. */
export function failureText(r: Result): string {
  const parts: string[] = []
  let message = r.message
  // Same verdict yet failed (a Panther title or severity that differs): the message says what.
  const sameVerdict = !isVerdictMap(r.actual) && r.expected !== undefined && describeVerdict(r.expected) === describeVerdict(r.actual)
  if (r.status === 'fail' && (r.expected !== undefined || r.actual !== undefined) && !sameVerdict) {
    parts.push(verdictText(r))
    if (message) message = message.replace(RESTATED, '')
  }
  if (message) {
    // `(matched: selection)` reads as a remark on the verdict, not a second sentence.
    if (parts.length > 0 && /^\(.*\)$/s.test(message)) parts[parts.length - 1] += ` ${message}`
    else parts.push(message)
  }
  if (parts.length === 0) parts.push(r.status === 'error' ? 'error' : r.status === 'skip' ? 'skipped' : 'failed')
  return parts.join(': ')
}

/** The rule as people know it: its title, else its id (a Sigma id is a bare UUID). */
export function ruleName(r: Pick<Result, 'rule' | 'title'>): string {
  return r.title ?? r.rule
}

/** `Title (id)`, or the id alone when the rule has no other title. */
export function ruleWithId(r: Pick<Result, 'rule' | 'title'>): string {
  return r.title !== undefined && r.title !== r.rule ? `${r.title} (${r.rule})` : r.rule
}

/** `<rule title> › <test> [<variant>] (<kind>)`: the stable name of one check. */
export function checkName(r: Result): string {
  return `${ruleName(r)} › ${r.test} [${r.variant}${r.view ? ` ${r.view}` : ''}] (${r.kind})`
}

/** Where to reproduce a generated counterexample, when the result has one. */
export function reproText(r: Result): string | undefined {
  if (r.seed === undefined && r.path === undefined) return undefined
  const parts = []
  if (r.seed !== undefined) parts.push(`seed=${r.seed}`)
  if (r.path !== undefined) parts.push(`path=${r.path}`)
  return parts.join(' ')
}

/** Stable order: by file, then line, then rule, test, variant, kind. Reporters never re-sort beyond this. */
export function byLocation<T extends { file: string; line: number }>(a: T, b: T): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line
}
