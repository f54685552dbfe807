import type { CliIo } from './io.js'

/** An option as typed data: parsed with node:util parseArgs and listed in `--help` and docs/cli.md. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  description: string
  multiple?: boolean
  short?: string
  /** Placeholder shown in help, e.g. FILE. */
  value?: string
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>
  positionals: string[]
}

/** One `ruleproof <name>` subcommand. `run` returns the exit code; it never calls process.exit. */
export interface Command {
  name: string
  summary: string
  usage: string
  options: Record<string, OptionSpec>
  run(args: ParsedArgs, io: CliIo): Promise<number>
}
