import { createReadStream, statSync } from 'node:fs'
import path from 'node:path'
import { evalSpec } from './specs.js'
import type { Command } from '../command.js'
import { booleanOption, stringListOption, stringOption } from '../command.js'
import type { CliIo } from '../io.js'
import { isVariantId, VARIANT_IDS, type VariantId } from '../../model/variant.js'
import { MAX_EVENT_DEPTH, eventDepthProblem } from '../../shared/depth.js'
import { namesUnsafeInteger, parseJsonLossless } from '../../shared/json-lossless.js'
import { loadConfig, type RuleproofConfig } from '../../config/index.js'
import { DISCOVERY_CHECKS } from '../../rules/findings.js'
import { DEFAULT_MAX_FILE_BYTES, readRuleFile } from '../../rules/read.js'
import { EXIT, LoadError, UsageError } from '../../shared/errors.js'
import { readLines, tooLongMessage, DEFAULT_MAX_LINE_BYTES } from '../../shared/read-lines.js'
import { parseSize } from '../../shared/size.js'
import { budgetMessage, type Budget } from '../../shared/budget.js'
import { budgetOption } from '../limits.js'
import { LOAD_CHECKS, firstLoadError, loadSigmaText, sigmaRulesFromDocuments } from '../../sigma/index.js'
import type { SigmaCorrelationDocument, SigmaLoadedRule } from '../../sigma/index.js'
import { type CorrelationPlan, createCorrelatedStream, planCorrelations } from '../../sigma/stream/correlated-stream.js'
import { eventTimeReader } from '../../sigma/stream/event-time.js'
import type { CompiledDetection } from '../../sigma/compile/index.js'

/** One rule's predicate for the run, with the id printed next to each verdict. */
export interface EvalRule {
  id: string
  match: CompiledDetection['match']
}

/**
 * What `eval` runs: plain detection rules, or a file with correlation rules (see
 * src/sigma/stream/correlated-stream.ts). `lossless`: a rule names an integer beyond 2^53, so
 * events are parsed keeping such integers exact.
 */
export type EvalPlan = ({ kind: 'plain'; rules: EvalRule[] } | { kind: 'correlated'; plan: CorrelationPlan }) & { lossless?: boolean }

/** Loads the rule file and compiles each detection rule for `variant` (raw record when absent). */
export function loadEvalPlan(file: string, displayName: string, variant: VariantId | undefined, maxFileBytes = DEFAULT_MAX_FILE_BYTES): EvalPlan {
  // Read as `test` reads rule files: a regular file within the size limit, invalid UTF-8 an error at its place.
  const read = readRuleFile(file, maxFileBytes)
  const problem = read.findings.find((f) => f.severity === 'error')
  if (problem) {
    const message = problem.check === DISCOVERY_CHECKS.path ? problem.message.replace(/^cannot read file/, 'cannot read rule file') : problem.message
    throw new LoadError(message, { file: displayName, line: problem.line, column: problem.column })
  }
  if (!read.ok) throw new LoadError('cannot read rule file', { file: displayName, line: 1, column: 1 })
  const text = read.text
  const loaded = loadSigmaText(text, displayName)
  // eval runs no tests: a broken tests: section does not stop it (`ruleproof test` reports it).
  const blocking = loaded.findings.filter((f) => f.check !== LOAD_CHECKS.tests)
  const err = firstLoadError(blocking)
  if (err) throw err
  const rules = sigmaRulesFromDocuments(loaded.documents)
  const compile = (r: SigmaLoadedRule) => {
    try {
      return r.compiled(variant).match
    } catch (e) {
      // The rule reads a field the variant's pipeline does not provide, or the variant is not its.
      const at = r.document.map.key(['logsource'])
      throw new LoadError(`rule ${r.id}: ${(e as Error).message}`, at)
    }
  }
  const lossless = rules.some((r) => namesUnsafeInteger(r.document.detection))
  const correlations = loaded.documents.filter((d): d is SigmaCorrelationDocument => d.kind === 'correlation' && d.valid)
  if (correlations.length > 0) {
    // An error on one event (a regex over its time budget) names its rule: the stream reports it as that line's error.
    const named = (r: SigmaLoadedRule): CompiledDetection['match'] => {
      const match = compile(r)
      return (record) => {
        try {
          return match(record)
        } catch (e) {
          throw new Error(`rule ${r.id}: ${(e as Error).message}`)
        }
      }
    }
    return { kind: 'correlated', plan: planCorrelations(correlations, rules, variant, named), lossless }
  }
  if (rules.length === 0) throw new LoadError('the file holds no Sigma detection rule to evaluate', { file: displayName, line: 1, column: 1 })
  return { kind: 'plain', rules: rules.map((r) => ({ id: r.id, match: compile(r) })), lossless }
}

/** Loads a file of plain detection rules (correlation rules are left to `loadEvalPlan`). */
export function loadEvalRules(file: string, displayName: string, variant: VariantId | undefined): EvalRule[] {
  const plan = loadEvalPlan(file, displayName, variant)
  if (plan.kind === 'plain') return plan.rules
  return plan.plan.columns.flatMap((c) => (c.kind === 'rule' ? [{ id: c.id, match: c.match }] : []))
}

/** The verdicts of one NDJSON line, or why the line is not an event. */
export type LineOutcome = { ok: true; matches: boolean[] } | { ok: false; message: string }

/**
 * Parses one NDJSON line into an event object, or says why it is not one. `lossless`: integers
 * beyond 2^53 keep their exact digits (as text).
 */
export function parseEvent(line: string, lossless = false): object | string {
  let event: unknown
  try {
    event = lossless ? parseJsonLossless(line) : JSON.parse(line)
  } catch (e) {
    return `not valid JSON: ${(e as Error).message}`
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    return `an event must be a JSON object, got ${event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event}`
  }
  // No depth limit here: the evaluator walks events without recursion, so an event nested
  // thousands of levels deep is evaluated like any other (and checking would cost every line).
  return event
}

/** Parses and evaluates one line (pure: the loop around it does the I/O). */
export function evaluateLine(line: string, rules: readonly EvalRule[], lossless = false): LineOutcome {
  const event = parseEvent(line, lossless)
  if (typeof event === 'string') return { ok: false, message: event }
  // A rule that fails on one event (a regex over its time budget) makes that line an error, not the run's.
  const matches: boolean[] = []
  for (const r of rules) {
    try {
      matches.push(r.match(event))
    } catch (e) {
      return { ok: false, message: `rule ${r.id}: ${(e as Error).message}` }
    }
  }
  return { ok: true, matches }
}

const CHUNK = 1 << 16
/** Verdicts are written at least this often (ms) while a slow input or rule is being read. */
const FLUSH_MS = 100

/** The events input: a file, or stdin for `-`. */
async function openEvents(eventsArg: string, io: CliIo): Promise<{ input: NodeJS.ReadableStream; name: string }> {
  if (eventsArg === '-') {
    if (!io.stdin) throw new UsageError('--events - reads standard input, which this caller does not provide')
    return { input: io.stdin, name: '<stdin>' }
  }
  const file = path.resolve(io.cwd, eventsArg)
  // A folder opens fine and fails on the first read, out of reach of the catch below.
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new LoadError('cannot read events: EISDIR', { file: eventsArg, line: 1, column: 1 })
  const input = createReadStream(file)
  try {
    await new Promise<void>((resolve, reject) => {
      input.once('open', () => resolve())
      input.once('error', reject)
    })
  } catch (e) {
    throw new LoadError(`cannot read events: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: eventsArg, line: 1, column: 1 })
  }
  return { input, name: eventsArg }
}

interface LineReading {
  name: string
  io: CliIo
  maxBytes: number
  budget: Budget
  /** Writes what is held; called after each chunk read and at least every FLUSH_MS. */
  flush: () => void
}

/**
 * Reads the input line by line until it ends, in bounded memory (`onLine` gets the text and
 * the physical line number). A line over the limit is that line's error; a line with invalid
 * UTF-8 gets a warning and is read with U+FFFD in place of the bad bytes. Past the run's budget
 * reading stops, and says so at the line it stopped at. Returns the number of lines that could
 * not be read, and whether the budget stopped the reading.
 */
async function eachLine(input: NodeJS.ReadableStream, r: LineReading, onLine: (line: string, lineNo: number) => void): Promise<{ bad: number; stopped: boolean }> {
  let bad = 0
  let stopped = false
  let last = Date.now()
  const flush = (): void => {
    r.flush()
    last = Date.now()
  }
  try {
    await readLines(
      input,
      (l) => {
        if (r.budget.expired()) {
          stopped = true
          r.io.stderr(`${r.name}:${l.lineNo}:1: ${budgetMessage(r.budget, 'not evaluated')}: this line and the rest of the input were not read\n`)
          return false
        }
        if ('tooLong' in l) {
          bad++
          r.io.stderr(`${r.name}:${l.lineNo}:1: ${tooLongMessage(l.tooLong, '--max-line-size')}\n`)
          return
        }
        if (l.invalid) {
          const at = l.invalid.places[0]!
          const more = l.invalid.count > 1 ? ` (${l.invalid.count} invalid sequences on the line)` : ''
          r.io.stderr(`${r.name}:${l.lineNo}:${at.column}: warning: invalid UTF-8 (byte 0x${at.byte.toString(16).padStart(2, '0')}) read as U+FFFD${more}\n`)
        }
        onLine(l.text, l.lineNo)
        if (Date.now() - last >= FLUSH_MS) flush()
      },
      { maxBytes: r.maxBytes, onChunk: flush },
    )
  } finally {
    // Whatever was decided before a read error is still printed.
    r.flush()
  }
  return { bad, stopped }
}

/** Leaves the rest of the input unread (a file stream is closed; stdin is the process's). */
function stopInput(input: NodeJS.ReadableStream, code: number): number {
  if ('destroy' in input && typeof input.destroy === 'function' && input !== process.stdin) (input as { destroy(): void }).destroy()
  return code
}

/** `--max-line-size` (else the config's limits.eventLineSize, else 16 MiB). */
function maxLineBytes(value: string | undefined, config: RuleproofConfig): number {
  if (value !== undefined) {
    const bytes = parseSize(value)
    if (bytes === undefined) throw new UsageError(`--max-line-size must be a size such as 16MiB or 1048576 (got '${value}')`)
    return bytes
  }
  return config.limits?.eventLineSize ?? DEFAULT_MAX_LINE_BYTES
}

export const evalCommand: Command = {
  ...evalSpec,
  async run(args, io: CliIo): Promise<number> {
    const budget = budgetOption(args)
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
    const timeFields = stringListOption(args, 'timestamp-field')
    // The config of the working folder, for its limits only (eval takes no other setting from it).
    const config = loadConfig(io.cwd)
    const maxBytes = maxLineBytes(stringOption(args, 'max-line-size'), config)
    const plan = loadEvalPlan(path.resolve(io.cwd, ruleArg), ruleArg, variantArg, config.limits?.ruleFileSize)
    const { input, name } = await openEvents(eventsArg, io)
    if (plan.kind === 'correlated') return runCorrelated(plan.plan, input, name, io, { count, variant: variantArg, timeFields, lossless: plan.lossless === true, maxBytes, budget })
    const rules = plan.rules
    const lossless = plan.lossless === true

    // Verdict lines are id-prefixed once: `{"line":N,"match":…,"rule":"<id>"}`.
    const tails = rules.map((r) => `,"rule":${JSON.stringify(r.id)}}\n`)
    let out = ''
    let events = 0
    let matches = 0
    let bad = 0
    const flush = (): void => {
      if (out) io.stdout(out)
      out = ''
    }
    // Not `bad += await …`: that would read `bad` before the lines are counted.
    const unreadable = await eachLine(input, { name, io, maxBytes, budget, flush: count ? () => {} : flush }, (line, lineNo) => {
      if (line.length === 0 || line.trim() === '') return
      const r = evaluateLine(line, rules, lossless)
      if (!r.ok) {
        bad++
        io.stderr(`${name}:${lineNo}:1: ${r.message}\n`)
        return
      }
      events++
      if (count) {
        if (r.matches.includes(true)) matches++
        return
      }
      for (let i = 0; i < r.matches.length; i++) out += `{"line":${lineNo},"match":${r.matches[i]}${tails[i]}`
      if (out.length >= CHUNK) flush()
    })
    bad += unreadable.bad
    if (count) out = `{"events":${events},"matches":${matches}}\n`
    if (out) io.stdout(out)
    if (unreadable.stopped) return stopInput(input, EXIT.failed)
    // Every good line was evaluated; bad lines mean part of the input could not be loaded.
    return bad > 0 ? EXIT.loadError : EXIT.ok
  },
}

/** A file with correlation rules: events go through the correlation engine in line order. */
async function runCorrelated(
  plan: CorrelationPlan,
  input: NodeJS.ReadableStream,
  name: string,
  io: CliIo,
  options: { count: boolean; variant: VariantId | undefined; timeFields: string[]; lossless: boolean; maxBytes: number; budget: Budget },
): Promise<number> {
  const stream = createCorrelatedStream({
    plan,
    timeOf: eventTimeReader(options.variant, options.timeFields),
    write: io.stdout,
    warn: (line, message) => io.stderr(`${name}:${line}:1: ${message}\n`),
    count: options.count,
  })
  let bad = 0
  const unreadable = await eachLine(input, { name, io, maxBytes: options.maxBytes, budget: options.budget, flush: () => stream.flush() }, (line, lineNo) => {
    if (line.length === 0 || line.trim() === '') return
    const event = parseEvent(line, options.lossless)
    if (typeof event === 'string') {
      bad++
      io.stderr(`${name}:${lineNo}:1: ${event}\n`)
      return
    }
    // Correlation keys serialise group values: a deep event is that line's error (plain eval needs no limit).
    // Nesting d levels takes 2d brackets: shorter lines cannot be too deep.
    const tooDeep = line.length > 2 * MAX_EVENT_DEPTH ? eventDepthProblem(event) : undefined
    if (tooDeep) {
      bad++
      io.stderr(`${name}:${lineNo}:1: ${tooDeep}\n`)
      return
    }
    try {
      stream.push(lineNo, event)
    } catch (e) {
      // A rule that fails on this event (a regex over its time budget): that line's error.
      bad++
      io.stderr(`${name}:${lineNo}:1: ${(e as Error).message}\n`)
    }
  })
  bad += unreadable.bad
  const { badTimes } = stream.end()
  if (unreadable.stopped) return stopInput(input, EXIT.failed)
  // An event without a time was judged by the detection rules only: part of the input was not loaded.
  return bad + badTimes > 0 ? EXIT.loadError : EXIT.ok
}
