import type { Result } from '../model/result.js'
import { reproduceCommand } from '../harness/repro.js'
import { failureText, reproText } from '../report/describe.js'
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
      `${where} — ${result.rule} › ${result.test} on ${result.variant} (${result.kind})`,
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
