// Arguments checked against a command's spec before it runs, so that every command gives the
// same plain message for the same mistake: an unknown option (with the closest known one), a
// stray positional, a number that is not one.
import type { CommandSpec, NumberSpec, ParsedArgs } from './command.js'
import { didYouMean } from './suggest.js'
import { UsageError } from '../shared/errors.js'

const NEGATIVE = /^-(\d|\.\d)/

/**
 * The arguments as parseArgs should see them. `--runs -1` becomes `--runs=-1`, so that a negative
 * number reaches the number check (parseArgs would call it an ambiguous option); an option the
 * command does not have is bad usage, with the closest name it has.
 */
export function prepareArguments(command: CommandSpec, args: readonly string[]): string[] {
  const out: string[] = []
  const names = Object.keys(command.options)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--') {
      out.push(...args.slice(i))
      break
    }
    if (a.startsWith('--')) {
      const name = a.slice(2).split('=')[0]!
      const spec = command.options[name]
      if (!spec) {
        const hint = didYouMean(name, names, (k) => `--${k}`)
        throw new UsageError(`unknown option '--${name}'${hint || ` (${command.name} has ${names.map((n) => `--${n}`).join(', ')})`}`)
      }
      const next = args[i + 1]
      if (spec.type === 'string' && !a.includes('=') && next !== undefined && NEGATIVE.test(next)) {
        out.push(`${a}=${next}`)
        i++
        continue
      }
    } else if (a.startsWith('-') && a.length > 1 && !NEGATIVE.test(a)) {
      const short = Object.entries(command.options).find(([, o]) => o.short === a[1])
      if (!short) throw new UsageError(`unknown option '${a}'${didYouMean(a.replace(/^-+/, ''), names, (k) => `--${k}`)}`)
    }
    out.push(a)
  }
  return out
}

/** Checks what parseArgs cannot: positionals where the command takes none, and numbers. */
export function checkArguments(command: CommandSpec, parsed: ParsedArgs): void {
  if (!command.paths && parsed.positionals.length > 0) {
    throw new UsageError(`unexpected argument '${parsed.positionals[0]}' (${command.name} takes no paths; usage: ${command.usage})`)
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (!spec.number) continue
    const v = parsed.values[name]
    for (const text of Array.isArray(v) ? v : v === undefined ? [] : [v]) checkNumber(name, String(text), spec.number)
  }
}

/** A plain message for a value that is not a number the option accepts. */
export function checkNumber(name: string, text: string, spec: NumberSpec): number {
  const range = spec.max === undefined ? `${spec.min} or more` : `between ${spec.min} and ${spec.max}`
  const what = spec.integer ? `a whole number ${range}` : `a number ${range}`
  const form = spec.integer ? /^\s*-?\d+\s*$/ : /^\s*-?(\d+\.?\d*|\.\d+)\s*$/
  const n = Number(text)
  if (!form.test(text) || !Number.isFinite(n) || n < spec.min || (spec.max !== undefined && n > spec.max)) {
    throw new UsageError(`--${name} must be ${what}, got '${text}'`)
  }
  return n
}
