import { createReadStream, readFileSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Command } from '../command.js'
import { booleanOption, stringOption } from '../command.js'
import type { CliIo } from '../io.js'
import { isVariantId, VARIANT_IDS, type VariantId } from '../../model/variant.js'
import { EXIT, LoadError, UsageError } from '../../shared/errors.js'
import { LOAD_CHECKS, firstLoadError, loadSigmaText, sigmaRulesFromDocuments } from '../../sigma/index.js'
import type { CompiledDetection } from '../../sigma/compile/index.js'

/** One rule's predicate for the run, with the id printed next to each verdict. */
export interface EvalRule {
  id: string
  match: CompiledDetection['match']
}

/** Loads the rule file and compiles each detection rule for `variant` (raw record when absent). */
export function loadEvalRules(file: string, displayName: string, variant: VariantId | undefined): EvalRule[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new LoadError(`cannot read rule file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: displayName, line: 1, column: 1 })
  }
  const loaded = loadSigmaText(text, displayName)
  // eval runs no tests: a broken tests: section does not stop it (`ruleproof test` reports it).
  const blocking = loaded.findings.filter((f) => f.check !== LOAD_CHECKS.tests)
  const err = firstLoadError(blocking)
  if (err) throw err
  const rules = sigmaRulesFromDocuments(loaded.documents)
  if (rules.length === 0) throw new LoadError('the file holds no Sigma detection rule to evaluate', { file: displayName, line: 1, column: 1 })
  return rules.map((r) => {
    try {
      return { id: r.id, match: r.compiled(variant).match }
    } catch (e) {
      // The rule reads a field the variant's pipeline does not provide, or the variant is not its.
      const at = r.document.map.key(['logsource'])
      throw new LoadError(`rule ${r.id}: ${(e as Error).message}`, at)
    }
  })
}

/** The verdicts of one NDJSON line, or why the line is not an event. */
export type LineOutcome = { ok: true; matches: boolean[] } | { ok: false; message: string }

/** Parses and evaluates one line (pure: the loop around it does the I/O). */
export function evaluateLine(line: string, rules: readonly EvalRule[]): LineOutcome {
  let event: unknown
  try {
    event = JSON.parse(line)
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${(e as Error).message}` }
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    return { ok: false, message: `an event must be a JSON object, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}` }
  }
  return { ok: true, matches: rules.map((r) => r.match(event)) }
}

const CHUNK = 1 << 16

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Evaluate a Sigma rule file on NDJSON events: one verdict per line, or a count',
  usage: 'ruleproof eval --rule FILE --events FILE.ndjson [--variant ID] [--count]',
  options: {
    rule: { type: 'string', value: 'FILE', description: 'Sigma rule file (several rules or a collection: each is evaluated)' },
    events: { type: 'string', value: 'FILE', description: 'NDJSON file, one raw event per line (blank lines are skipped)' },
    variant: {
      type: 'string',
      value: 'ID',
      description: `log format of the events, read through that variant's field mapping: ${VARIANT_IDS.join(', ')} (default: read as is)`,
    },
    count: { type: 'boolean', description: 'print only {"events": N, "matches": M}' },
  },
  async run(args, io: CliIo): Promise<number> {
    const ruleArg = stringOption(args, 'rule')
    const eventsArg = stringOption(args, 'events')
    if (ruleArg === undefined) throw new UsageError('--rule FILE is required')
    if (eventsArg === undefined) throw new UsageError('--events FILE is required')
    if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`)
    const variantArg = stringOption(args, 'variant')
    if (variantArg !== undefined && !isVariantId(variantArg)) {
      throw new UsageError(`unknown variant '${variantArg}' (known: ${VARIANT_IDS.join(', ')})`)
    }
    const count = booleanOption(args, 'count')
    const rules = loadEvalRules(path.resolve(io.cwd, ruleArg), ruleArg, variantArg)

    const eventsPath = path.resolve(io.cwd, eventsArg)
    const input = createReadStream(eventsPath)
    const opened = new Promise<void>((resolve, reject) => {
      input.once('open', () => resolve())
      input.once('error', reject)
    })
    try {
      await opened
    } catch (e) {
      throw new LoadError(`cannot read events: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: eventsArg, line: 1, column: 1 })
    }

    // Verdict lines are id-prefixed once: `{"line":N,"match":…,"rule":"<id>"}`.
    const tails = rules.map((r) => `,"rule":${JSON.stringify(r.id)}}\n`)
    let out = ''
    let lineNo = 0
    let events = 0
    let matches = 0
    let bad = 0
    const lines = createInterface({ input, crlfDelay: Infinity })
    lines.on('line', (line) => {
      lineNo++
      if (line.length === 0 || line.trim() === '') return
      const r = evaluateLine(line, rules)
      if (!r.ok) {
        bad++
        io.stderr(`${eventsArg}:${lineNo}:1: ${r.message}\n`)
        return
      }
      events++
      if (count) {
        if (r.matches.includes(true)) matches++
        return
      }
      for (let i = 0; i < r.matches.length; i++) out += `{"line":${lineNo},"match":${r.matches[i]}${tails[i]}`
      if (out.length >= CHUNK) {
        io.stdout(out)
        out = ''
      }
    })
    await new Promise<void>((resolve, reject) => {
      lines.once('close', resolve)
      input.once('error', reject)
    })
    if (count) out = `{"events":${events},"matches":${matches}}\n`
    if (out) io.stdout(out)
    // Every good line was evaluated; bad lines mean part of the input could not be loaded.
    return bad > 0 ? EXIT.loadError : EXIT.ok
  },
}
