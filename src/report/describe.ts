import type { Result } from '../model/result.js'

/** `match` / `no match` for booleans and the Expectation strings; JSON for anything else. */
export function describeVerdict(value: unknown): string {
  if (value === true || value === 'match') return 'match'
  if (value === false || value === 'no-match') return 'no match'
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** One line saying what went wrong, shared by every format so they agree word for word. */
export function failureText(r: Result): string {
  const parts: string[] = []
  if (r.status === 'fail' && (r.expected !== undefined || r.actual !== undefined)) {
    parts.push(`expected ${describeVerdict(r.expected)}, got ${describeVerdict(r.actual)}`)
  }
  if (r.message) parts.push(r.message)
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
  return `${ruleName(r)} › ${r.test} [${r.variant}] (${r.kind})`
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
