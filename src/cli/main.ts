import { parseArgs } from 'node:util'
import type { CommandSpec, LazyCommand, OptionSpec } from './command.js'
import type { CliIo } from './io.js'
import { commands } from './commands/index.js'
import { checkArguments, prepareArguments } from './usage.js'
import { didYouMean } from './suggest.js'
import { EXIT, LoadError, UsageError, describeFsError, isFsError, unreadableFile } from '../shared/errors.js'

const WRITES = new Set(['mkdir', 'mkdtemp', 'write', 'rename', 'unlink', 'rmdir', 'rm', 'copyfile', 'symlink', 'link', 'chmod', 'utime'])

function helpText(): string {
  const lines = ['Usage: ruleproof <command> [options]', '', 'Commands:']
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`)
  lines.push('', 'Run `ruleproof help <command>` (or `ruleproof <command> --help`) for its options.')
  lines.push('Exit codes: 0 all good, 1 failed tests, checks or error findings, 2 a rule or input file could not be loaded, 3 bad usage or configuration.')
  return lines.join('\n') + '\n'
}

export function commandHelp(c: CommandSpec): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, '', 'Options:']
  for (const [name, o] of Object.entries(c.options)) {
    const flag = `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`
    lines.push(`  ${flag.padEnd(28)} ${o.description}`)
  }
  lines.push(`  ${'--help'.padEnd(28)} this help`)
  return lines.join('\n') + '\n'
}

function findCommand(name: string, io: CliIo): LazyCommand | undefined {
  const command = commands.find((c) => c.name === name)
  if (!command) {
    const hint = didYouMean(name, commands.map((c) => c.name))
    io.stderr(`ruleproof: unknown command '${name}'${hint}\nRun \`ruleproof --help\` for the list of commands.\n`)
  }
  return command
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failures, 2 load error, 3 usage. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h') {
    ;(name === undefined ? io.stderr : io.stdout)(helpText())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === 'help') {
    if (rest.length === 0) {
      io.stdout(helpText())
      return EXIT.ok
    }
    const command = findCommand(rest[0]!, io)
    if (!command) return EXIT.usage
    io.stdout(commandHelp(command))
    return EXIT.ok
  }
  if (name === '--version' || name === '-v') {
    io.stdout('ruleproof 0.1.0\n')
    return EXIT.ok
  }
  const command = findCommand(name, io)
  if (!command) return EXIT.usage
  const end = rest.indexOf('--')
  const flags = end < 0 ? rest : rest.slice(0, end)
  if (flags.includes('--help') || flags.includes('-h')) {
    io.stdout(commandHelp(command))
    return EXIT.ok
  }
  try {
    const args = prepareArguments(command, rest)
    const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {}
    for (const [k, o] of Object.entries(command.options) as [string, OptionSpec][]) {
      options[k] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) }
    }
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true })
    checkArguments(command, parsed)
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
    // parseArgs' own errors (a value missing, a value given to a flag) are bad usage too.
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      io.stderr(`ruleproof ${name}: ${parseArgsMessage(e as Error)}\nRun \`ruleproof help ${name}\` for its options.\n`)
      return EXIT.usage
    }
    // A file-system error a command did not wrap: a write is bad usage (exit 3, like --output),
    // anything else an input that could not be read (exit 2, `file:1:1: message`).
    if (isFsError(e) && e.path) {
      if (WRITES.has(e.syscall ?? '')) {
        io.stderr(`ruleproof ${name}: cannot write ${e.path}: ${describeFsError(e)}\n`)
        return EXIT.usage
      }
      io.stderr(unreadableFile(e.path, e).format() + '\n')
      return EXIT.loadError
    }
    throw e
  }
}

/** parseArgs' message without its advice on `--` and `=` (which does not apply to our options). */
function parseArgsMessage(e: Error): string {
  const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(e.message)
  if (missing) return `${missing[2]} needs a value`
  const first = e.message.split('\n')[0]!
  return first.replace(/\. To specify .*$/, '')
}
