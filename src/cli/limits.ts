import type { RuleproofConfig } from '../config/types.js'
import { UsageError } from '../shared/errors.js'
import { parseSize } from '../shared/size.js'
import { stringOption, type ParsedArgs } from './command.js'

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
