import type { ParsedArgs } from '../command.js'
import { stringOption } from '../command.js'
import { UsageError } from '../../shared/errors.js'

/** `--min-score`: a percentage, 0 to 100, decimals allowed. */
export function minScore(args: ParsedArgs): number | undefined {
  const v = stringOption(args, 'min-score')
  if (v === undefined) return undefined
  if (!/^\d+(\.\d+)?$/.test(v) || Number(v) > 100) throw new UsageError(`--min-score must be a percentage from 0 to 100, got '${v}'`)
  return Number(v)
}
