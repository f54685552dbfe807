import type { Finding, Result } from '../model/result.js'
import { reproduceCommand } from '../harness/repro.js'
import { failureText, reproText, ruleWithId } from '../report/describe.js'
import { displayPath } from '../report/paths.js'

/**
 * A failed check as a vitest error: the message says where (rule file:line), which variant,
 * what went wrong, the event, and the command that reproduces it. The stack points at the
 * rule file, so vitest and its GitHub annotations place the failure on the rule's line.
 */
export class DetectionFailure extends Error {
  readonly result: Result
  constructor(result: Result, options: { root?: string; runs?: number } = {}) {
    const where = `${displayPath(result.file, options.root)}:${result.line}`
    const lines = [
      `${where} — ${ruleWithId(result)} › ${result.test} on ${result.variant} (${result.kind})`,
      failureText(result),
    ]
    const repro = reproText(result)
    if (repro) lines.push(`fast-check: ${repro}`)
    if (result.event !== undefined) lines.push(`event (${result.variant}):`, JSON.stringify(result.event, null, 2))
    lines.push(`reproduce: ${reproduceCommand(result, { file: displayPath(result.file, options.root), ...(options.runs ? { runs: options.runs } : {}) })}`)
    super(lines.join('\n'))
    this.name = result.status === 'error' ? 'DetectionError' : 'DetectionFailure'
    this.result = result
    this.stack = `${this.name}: ${this.message}\n    at ${result.rule} (${result.file}:${result.line}:1)`
  }
}

/** `file:line:column: severity: message [check]`, as `ruleproof lint` prints a finding. */
export function findingLine(f: Finding, root?: string): string {
  return `${displayPath(f.file, root)}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.check}]`
}

/**
 * A file's lint findings as a vitest error: every finding on its own line (errors first), the
 * stack at the first error so vitest and its GitHub annotations place it on that line.
 */
export class LintFailure extends Error {
  readonly findings: readonly Finding[]
  constructor(findings: readonly Finding[], root?: string) {
    const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')]
    const errors = ordered.filter((f) => f.severity === 'error').length
    super([`${errors} lint error${errors === 1 ? '' : 's'} (as \`ruleproof check\` reports them):`, ...ordered.map((f) => findingLine(f, root))].join('\n'))
    this.name = 'LintFailure'
    this.findings = findings
    const first = ordered[0]!
    this.stack = `${this.name}: ${this.message}\n    at ${first.check} (${first.file}:${first.line}:${first.column})`
  }
}
