import { readFileSync } from 'node:fs'
import path from 'node:path'
import { explainSpec } from './specs.js'
import type { Command } from '../command.js'
import { stringOption } from '../command.js'
import type { CliIo } from '../io.js'
import { loadConfig } from '../../config/index.js'
import type { LoadedRule } from '../../model/rule.js'
import { isVariantId, type VariantId } from '../../model/variant.js'
import type { Verdict } from '../../model/verdict.js'
import { loadRuleSet } from '../../rules/index.js'
import { eventDepthProblem } from '../../shared/depth.js'
import { parseJsonLossless } from '../../shared/json-lossless.js'
import { EXIT, LoadError, UsageError, unreadableFile } from '../../shared/errors.js'
import { detectVariant } from '../../variants/index.js'
import { pipelineFor } from '../../sigma/pipeline/index.js'
import type { SigmaLoadedRule } from '../../sigma/index.js'

/** The events of a file: one JSON value, or NDJSON (one per line, numbered). */
export function readEvents(file: string, name = file): { line: number; event: unknown }[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw unreadableFile(name, e, 'events')
  }
  let events: { line: number; event: unknown }[]
  try {
    const v = parseJsonLossless(text)
    events = Array.isArray(v) ? v.map((event, i) => ({ line: i + 1, event })) : [{ line: 1, event: v }]
  } catch {
    const out: { line: number; event: unknown }[] = []
    text.split('\n').forEach((l, i) => {
      if (l.trim() === '') return
      try {
        out.push({ line: i + 1, event: parseJsonLossless(l) })
      } catch (e) {
        throw new LoadError(`not valid JSON: ${(e as Error).message}`, { file: name, line: i + 1, column: 1 })
      }
    })
    events = out
  }
  return events
}

/** The value at a dotted path (a literal dotted key wins), arrays searched element-wise. */
function valueAt(record: unknown, field: string): unknown {
  if (typeof record !== 'object' || record === null) return undefined
  const obj = record as Record<string, unknown>
  if (Object.hasOwn(obj, field)) return obj[field]
  const dot = field.indexOf('.')
  if (dot < 0) return undefined
  for (let i = field.indexOf('.'); i >= 0; i = field.indexOf('.', i + 1)) {
    const head = field.slice(0, i)
    if (Object.hasOwn(obj, head)) {
      const next = obj[head]
      const rest = field.slice(i + 1)
      if (Array.isArray(next)) {
        const found = next.map((x) => valueAt(x, rest)).filter((x) => x !== undefined)
        return found.length ? found : undefined
      }
      return valueAt(next, rest)
    }
  }
  return undefined
}

/**
 * What the rule sees at a field: for Sigma, through the variant's field-mapping pipeline (on GKE
 * `verb` is the last segment of methodName); otherwise the raw value at that path.
 */
function fieldValue(rule: LoadedRule, variant: VariantId, event: unknown, field: string): unknown {
  const logsource = (rule as Partial<SigmaLoadedRule>).document?.logsource
  if (rule.format === 'sigma' && logsource) {
    const accessor = pipelineFor(logsource, variant)?.accessor(field)
    if (accessor) return accessor(event)
  }
  return valueAt(event, field)
}

export interface Explanation {
  rule: string
  title: string
  file: string
  line: number
  event: number
  variant: VariantId
  variantSource: 'option' | 'detected' | 'rule'
  claimed: boolean
  match: boolean
  matched?: string[]
  outputs?: Record<string, unknown>
  fields?: { field: string; value: unknown }[]
  /** The variants the record's shape fits, when more than one (the variant is one the rule claims). */
  fits?: VariantId[]
  /** What makes the answer doubtful: the record is not shaped like the variant, or the rule read nothing in it. */
  warnings?: string[]
}

/**
 * The variants a record's shape fits, the detected one first. A bare audit Event is written the
 * same way by kube-apiserver (k8s) and by EKS, so it fits both; envelopes fit one variant only.
 */
export function fittingVariants(raw: unknown): VariantId[] {
  const detected = detectVariant(raw)
  if (detected === undefined) return []
  const r = raw as Record<string, unknown>
  const bareEvent = r.kind === 'Event' || typeof r.verb === 'string'
  if (bareEvent && (detected === 'k8s' || detected === 'eks')) return detected === 'k8s' ? ['k8s', 'eks'] : ['eks', 'k8s']
  return [detected]
}

/** The variant to explain a record on: the one asked for, else one its shape fits that the rule claims. */
export function chooseVariant(rule: LoadedRule, fitting: readonly VariantId[], wanted: VariantId | undefined): { variant: VariantId; source: Explanation['variantSource'] } {
  if (wanted) return { variant: wanted, source: 'option' }
  const claimed = fitting.find((v) => rule.variants.includes(v))
  if (claimed) return { variant: claimed, source: 'detected' }
  if (fitting[0]) return { variant: fitting[0], source: 'detected' }
  return { variant: rule.variants[0] ?? 'k8s', source: 'rule' }
}

/** `an eks`, `a gke`: the article as the name is read aloud (E-K-S, azure). */
export function withArticle(variant: string): string {
  return `${/^(eks|aks|azure)/.test(variant) ? 'an' : 'a'} ${variant}`
}

/** Why an explanation may not answer the question: a record not in the variant's format. */
export function doubts(e: Explanation, fitting: readonly VariantId[]): string[] {
  const out: string[] = []
  if (e.variantSource !== 'detected' && !fitting.includes(e.variant)) {
    const looks = fitting.length ? `it looks like ${fitting.join(' or ')}` : 'its shape matches no known variant'
    out.push(`the record does not look like ${withArticle(e.variant)} record (${looks})`)
  }
  // A rule that reads the whole record ('': free text) always has something to read.
  if (e.fields && e.fields.length > 0 && e.fields.every((f) => f.field !== '' && f.value === undefined)) {
    out.push(`none of the ${e.fields.length} field(s) the rule reads is present on ${e.variant}: every value is (absent), so the verdict says little about the rule; check the record's format${fitting.length ? '' : ' and --variant'}`)
  }
  return out
}

export async function explainOne(rule: LoadedRule, event: unknown, line: number, variant: VariantId, source: Explanation['variantSource']): Promise<Explanation> {
  const verdict: Verdict = await rule.evaluate(event, variant)
  const out: Explanation = {
    rule: rule.id,
    title: rule.title,
    file: rule.file,
    line: rule.location.line,
    event: line,
    variant,
    variantSource: source,
    claimed: rule.variants.includes(variant),
    match: verdict.match,
  }
  if (verdict.matched) out.matched = verdict.matched
  if (verdict.outputs) out.outputs = verdict.outputs
  const reads = rule.fieldsRead?.(variant)
  if (reads) out.fields = reads.map((field) => ({ field, value: fieldValue(rule, variant, event, field) }))
  return out
}

function renderText(e: Explanation, cwd: string): string {
  const lines = [
    `${e.rule} — ${e.title} (${path.relative(cwd, e.file) || e.file}:${e.line})`,
    `  event ${e.event} on ${e.variant} (${e.variantSource === 'option' ? '--variant' : e.variantSource === 'detected' ? (e.fits ? `the record fits ${e.fits.join(' and ')}; ${e.claimed ? 'the rule claims' : 'detected as'} ${e.variant}` : 'detected from the record') : "the rule's first variant"})${e.claimed ? '' : ' — the rule does not claim this variant'}`,
    `  verdict: ${e.match ? 'MATCH' : 'no match'}`,
  ]
  if (e.matched) lines.push(`  selections that matched: ${e.matched.length ? e.matched.join(', ') : 'none'}`)
  if (e.fields?.length) {
    lines.push(`  fields the rule reads, as it sees them on ${e.variant}:`)
    // '' is a rule that reads the whole record (an SPL search on free text).
    for (const f of e.fields) lines.push(f.field === '' ? '    the whole record (free text or _raw)' : `    ${f.field} = ${f.value === undefined ? '(absent)' : JSON.stringify(f.value)}`)
  }
  for (const w of e.warnings ?? []) lines.push(`  warning: ${w}`)
  if (e.outputs && Object.keys(e.outputs).length) {
    lines.push('  outputs:')
    for (const [k, v] of Object.entries(e.outputs)) lines.push(`    ${k}: ${JSON.stringify(v)}`)
  }
  return lines.join('\n') + '\n'
}

export const explainCommand: Command = {
  ...explainSpec,
  async run(args, io: CliIo) {
    const ruleFile = stringOption(args, 'rule')
    const eventFile = stringOption(args, 'event')
    if (!ruleFile || !eventFile) throw new UsageError('--rule FILE and --event FILE are required')
    const format = stringOption(args, 'format') ?? 'text'
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' (known: text, json)`)
    const wanted = stringOption(args, 'variant')
    if (wanted !== undefined && !isVariantId(wanted)) throw new UsageError(`unknown variant '${wanted}'`)
    const config = loadConfig(io.cwd, stringOption(args, 'config'))
    const events = readEvents(path.resolve(io.cwd, eventFile), eventFile)
    const python = stringOption(args, 'python') ?? io.env['RULEPROOF_PYTHON'] ?? config.python
    const set = await loadRuleSet([path.resolve(io.cwd, ruleFile)], { cwd: io.cwd, config, ...(python ? { python } : {}) })
    try {
      const errors = set.findings.filter((f) => f.severity === 'error')
      for (const f of errors) io.stderr(`${f.file}:${f.line}:${f.column}: ${f.message}\n`)
      if (set.rules.length === 0) {
        io.stderr(`ruleproof explain: no rule loaded from ${ruleFile}\n`)
        return EXIT.loadError
      }
      const out: Explanation[] = []
      // An event that cannot be explained (too deep, a regex over its budget) is that event's error; the others are explained.
      let bad = 0
      for (const { line, event } of events) {
        const problem = eventDepthProblem(event)
        if (problem) {
          bad++
          io.stderr(`${eventFile}:${line}:1: ${problem}\n`)
          continue
        }
        const fitting = fittingVariants(event)
        for (const rule of set.rules) {
          const { variant, source } = chooseVariant(rule, fitting, wanted as VariantId | undefined)
          try {
            const e = await explainOne(rule, event, line, variant, source)
            if (fitting.length > 1 && source === 'detected') e.fits = fitting
            const warnings = doubts(e, fitting)
            if (warnings.length) e.warnings = warnings
            out.push(e)
          } catch (e) {
            bad++
            io.stderr(`${eventFile}:${line}:1: rule ${rule.id}: ${(e as Error).message}\n`)
          }
        }
      }
      io.stdout(format === 'json' ? JSON.stringify(out, null, 2) + '\n' : out.map((e) => renderText(e, io.cwd)).join('\n'))
      return errors.length || bad ? EXIT.loadError : EXIT.ok
    } finally {
      await set.close()
    }
  },
}
