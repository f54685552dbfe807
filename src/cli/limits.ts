import type { RuleproofConfig } from '../config/types.js'
import { budgetCause, parseDuration, startBudget, UNLIMITED, type Budget } from '../shared/budget.js'
import { UsageError } from '../shared/errors.js'
import { parseSize } from '../shared/size.js'
import type { Result } from '../model/result.js'
import { stringOption, type ParsedArgs } from './command.js'
import type { CliIo } from './io.js'

/** `--max-file-size SIZE` (else the config's limits.ruleFileSize): the largest rule file read. */
export function maxFileBytes(args: ParsedArgs, config: RuleproofConfig): number | undefined {
  const v = stringOption(args, 'max-file-size')
  if (v === undefined) return config.limits?.ruleFileSize
  const bytes = parseSize(v)
  if (bytes === undefined) throw new UsageError(`--max-file-size must be a size such as 1048576, 512KiB or 2MiB (got '${v}')`)
  return bytes
}

/** The option spec shared by the commands that walk rule folders. */
export const MAX_FILE_SIZE_OPTION = {
  type: 'string',
  value: 'SIZE',
  description: 'Largest rule file read, e.g. 2MiB (default: config limits.ruleFileSize, else 1MiB); a larger one is a load error',
} as const

/** `--max-duration 90s|10m|1h|500ms|N seconds`: the run's time budget, started now. */
export function budgetOption(args: ParsedArgs): Budget {
  const v = stringOption(args, 'max-duration')
  if (v === undefined) return UNLIMITED
  const ms = parseDuration(v)
  if (ms === undefined) throw new UsageError(`--max-duration must be a duration such as 90s, 10m, 1h or 500ms (got '${v}')`)
  return startBudget(ms, `--max-duration ${v.trim()}`)
}

export const MAX_DURATION_OPTION = {
  type: 'string',
  value: 'DURATION',
  description: 'Time budget of the whole run, e.g. 10m: when it is used up, what was not done is reported as not run (exit non-zero)',
} as const

/** One stderr line when the budget ran out: how much was left undone (each is also an error result). */
export function reportBudget(budget: Budget, results: readonly Result[], io: CliIo, command: string): boolean {
  if (!budget.expired()) return false
  const undone = results.filter((r) => r.status === 'error' && r.message?.endsWith(budgetCause(budget)) === true).length
  io.stderr(`ruleproof ${command}: ${budget.label} reached: ${undone} of ${results.length} results not run (reported as errors)\n`)
  return true
}
