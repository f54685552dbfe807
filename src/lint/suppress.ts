import type { Place } from './types.js'

/**
 * An inline suppression comment in a rule file:
 *   `# ruleproof-disable-next-line <check>[, <check>] -- <reason>` (the next non-comment line),
 *   `# ruleproof-disable-line <check> -- <reason>` (its own line, trailing),
 *   `# ruleproof-disable-file <check> -- <reason>` (the whole file).
 * Without check ids it covers every check. The reason is required (check suppression-reason).
 */
export interface Suppression {
  scope: 'next-line' | 'line' | 'file'
  /** Line it applies to (1-based); 0 for file scope. */
  line: number
  checks: string[] | 'all'
  reason: string | undefined
  /** Where the directive is written. */
  place: Place
  used: boolean
}

const DIRECTIVE = /(^|\s)#\s*ruleproof-disable-(next-line|line|file)\b([^\n]*)$/

export function parseSuppressions(file: string, text: string): Suppression[] {
  if (!text.includes('ruleproof-disable')) return []
  const lines = text.split('\n')
  const out: Suppression[] = []
  lines.forEach((raw, n) => {
    const line = raw.replace(/\r$/, '')
    const m = DIRECTIVE.exec(line)
    if (m === null) return
    const scope = m[2] as Suppression['scope']
    const rest = m[3] as string
    const sep = rest.indexOf('--')
    const idsText = (sep === -1 ? rest : rest.slice(0, sep)).trim()
    const reason = sep === -1 ? undefined : rest.slice(sep + 2).trim() || undefined
    const checks = idsText === '' ? 'all' : idsText.split(/[\s,]+/).filter(Boolean)
    let target = n + 1
    if (scope === 'next-line') {
      target = n + 2
      // Skip blank and comment-only lines: the directive covers the next line of YAML.
      while (target <= lines.length && /^\s*(#.*)?$/.test(lines[target - 1] ?? '')) target++
    }
    const column = line.indexOf('#', m.index + (m[1] as string).length) + 1
    out.push({ scope, line: scope === 'file' ? 0 : target, checks, reason, place: { file, line: n + 1, column }, used: false })
  })
  return out
}

/** The suppression covering a finding of `check` at `line`, if any (marks it used). */
export function suppressedBy(suppressions: readonly Suppression[], check: string, line: number): Suppression | undefined {
  for (const s of suppressions) {
    if (s.scope !== 'file' && s.line !== line) continue
    if (s.checks !== 'all' && !s.checks.includes(check)) continue
    s.used = true
    return s
  }
  return undefined
}
