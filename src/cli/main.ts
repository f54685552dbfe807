import { parseArgs } from 'node:util'
import type { CommandSpec, OptionSpec } from './command.js'
import type { CliIo } from './io.js'
import { commands } from './commands/index.js'
import { EXIT, LoadError, UsageError } from '../shared/errors.js'

function helpText(): string {
  const lines = ['Usage: ruleproof <command> [options]', '', 'Commands:']
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`)
  lines.push('', 'Run `ruleproof <command> --help` for its options.')
  return lines.join('\n') + '\n'
}

export function commandHelp(c: CommandSpec): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, '', 'Options:']
  for (const [name, o] of Object.entries(c.options)) {
    const flag = `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`
    lines.push(`  ${flag.padEnd(28)} ${o.description}`)
  }
  return lines.join('\n') + '\n'
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failures, 2 load error, 3 usage. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version') {
    io.stdout('ruleproof 0.1.0\n')
    return EXIT.ok
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.stderr(`ruleproof: unknown command '${name}'\n${helpText()}`)
    return EXIT.usage
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command))
    return EXIT.ok
  }
  let parsed
  try {
    const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {}
    for (const [k, o] of Object.entries(command.options) as [string, OptionSpec][]) {
      options[k] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }
    }
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true })
  } catch (e) {
    io.stderr(`ruleproof ${name}: ${(e as Error).message}\n`)
    return EXIT.usage
  }
  try {
    return await (await command.load()).run(parsed, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ruleproof ${name}: ${e.message}\n`)
      return EXIT.usage
    }
    if (e instanceof LoadError) {
      io.stderr(e.format() + '\n')
      return EXIT.loadError
    }
    throw e
  }
}
