import type { CliIo } from './io.js'

/** An option as typed data: parsed with node:util parseArgs and listed in `--help` and docs/cli.md. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  description: string
  multiple?: boolean
  short?: string
  /** Placeholder shown in help, e.g. FILE. */
  value?: string
  /** A numeric option, checked before the command runs: a plain message and exit 3 otherwise. */
  number?: NumberSpec
}

/** The numbers a numeric option accepts. */
export interface NumberSpec {
  integer: boolean
  min: number
  max?: number
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  positionals: string[]
}

/** What `--help` shows of a subcommand and what its arguments are parsed with. */
export interface CommandSpec {
  name: string
  summary: string
  usage: string
  options: Record<string, OptionSpec>
  /** The command takes paths as positional arguments; without this, any positional is bad usage. */
  paths?: boolean
}

/** One `ruleproof <name>` subcommand. `run` returns the exit code; it never calls process.exit. */
export interface Command extends CommandSpec {
  run(args: ParsedArgs, io: CliIo): Promise<number>
}

/** A registry entry: the spec, and the implementation imported only when the command runs. */
export interface LazyCommand extends CommandSpec {
  load(): Promise<Command>
}

/** Typed readers for parsed option values, so commands need no casts. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name]
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined
  return typeof v === 'string' ? v : undefined
}

export function stringListOption(args: ParsedArgs, name: string): string[] {
  const v = args.values[name]
  const list = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []
  // Accept both repeated flags and comma-separated lists: --variants eks,gke
  return list.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true
}
