import path from 'node:path'
import { replaySpec } from './specs.js'
import type { Command } from '../command.js'
import { stringListOption, stringOption } from '../command.js'
import { loadConfig } from '../../config/index.js'
import { blindOnPart, DatasetError, labelledBatches, openDataset, scoresOnPart, verifyPart, type Dataset, type DatasetPart } from '../../dataset/index.js'
import { families as generatorFamilies } from '../../dataset/generators.js'
import { attachedExpectations } from '../../harness/declarations.js'
import { renderScores, ScoreBoard, type Score } from '../../harness/score.js'
import { groundTruth, noPositivesNote, scopeKey, scopeOf, type GroundTruth } from '../../harness/truth.js'
import type { Finding } from '../../model/result.js'
import type { LoadedRule } from '../../model/rule.js'
import { isVariantId, type VariantId } from '../../model/variant.js'
import { loadRuleSet } from '../../rules/index.js'
import { budgetMessage, UNLIMITED, type Budget } from '../../shared/budget.js'
import { EXIT, LoadError, UsageError } from '../../shared/errors.js'
import { budgetOption } from '../limits.js'
import { prepareOutput, writeOutput } from '../output.js'
import { createProgress } from '../progress.js'
import { buildCoverage } from '../../coverage/build.js'
import { coverageRules } from '../../coverage/rules.js'
import { ATTACK_VERSION } from '../../lint/attack.js'
import { replayHtml } from '../../report/html/scores.js'
import { parseShard, shardByFile } from '../../shared/shard.js'
import { ERROR, MATCH, NO_MATCH, VariantEvaluator } from '../../replay/evaluator.js'

const FORMATS = ['text', 'json', 'markdown', 'html'] as const
type Format = (typeof FORMATS)[number]

/** The families `generate` offers, with their technique (for the "add families" hint). */
const OFFERED = generatorFamilies.filter((f) => f.labels.malicious).map((f) => ({ name: f.name, technique: f.labels.technique }))

/**
 * Each rule's ground truth: the techniques it claims, else the families its tests (or its
 * sidecar) say it must match. Sidecar errors land in `findings`.
 */
export function groundTruths(rules: readonly LoadedRule[], findings: Finding[] = []): Map<LoadedRule, GroundTruth> {
  const declared = attachedExpectations(rules, findings)
  return new Map(rules.map((r) => [r, groundTruth(r.techniques ?? [], declared.get(r)?.match ?? [])]))
}

/**
 * Scores every rule that claims the part's variant against its records and labels (until the
 * budget runs out: `stoppedAt`, the number of records scored); each rule on its ground truth.
 */
export async function scorePart(
  dataset: Dataset,
  part: DatasetPart,
  rules: LoadedRule[],
  budget: Budget,
  onRecords?: (n: number) => void,
  truths: ReadonlyMap<LoadedRule, GroundTruth> = groundTruths(rules),
): Promise<{ scores: Score[]; stoppedAt?: number }> {
  const truthOf = rules.map((r) => truths.get(r) ?? groundTruth(r.techniques ?? [], []))
  const boards = rules.map((r, i) => new ScoreBoard(r.id, r.file, part.variant, truthOf[i]!))
  const inScope = truthOf.map(scopeOf)
  // The variant's rules evaluated together (Sigma: shared field reads, a prefilter on needed values).
  const evaluator = new VariantEvaluator(rules, part.variant)
  const verdicts = evaluator.verdicts
  const slow = evaluator.rest.length > 0
  // Benign records a rule did not match (most of them), counted in bulk.
  const quiet = new Uint32Array(rules.length)
  let scored = 0
  let stoppedAt: number | undefined
  // The files are checked against the manifest as they are read: no score leaves here unless they are its.
  reading: for await (const batch of labelledBatches(dataset, part, { verify: true })) {
    for (const r of batch) {
      if (budget.expired()) {
        stoppedAt = scored
        break reading
      }
      scored++
      if (onRecords && scored % 256 === 0) onRecords(256)
      const { line, record, malicious, family } = r
      evaluator.evaluate(record)
      if (slow) await evaluator.evaluateRest(record)
      // The whole label only for a malicious record (its techniques decide each rule's scope).
      const key = malicious ? scopeKey(r.label) : ''
      for (let i = 0; i < rules.length; i++) {
        const v = verdicts[i]
        if (v === NO_MATCH && !malicious) quiet[i]!++
        else if (v === ERROR) boards[i]!.error()
        else boards[i]!.add(line, malicious, v === MATCH, family, record, malicious && inScope[i]!(r.label, key))
      }
    }
  }
  // Stopped early: what was scored must still come from the manifest's files.
  if (stoppedAt !== undefined) await verifyPart(part)
  boards.forEach((b, i) => b.trueNegatives(quiet[i]!))
  onRecords?.(scored % 256)
  const scores = boards.map((b, i) => b.finish(() => noPositivesNote(truthOf[i]!, OFFERED)))
  return stoppedAt === undefined ? { scores } : { scores, stoppedAt }
}

/** Scores one variant of the dataset in `dir` (its files checked against the manifest as they are read). */
export async function scoreVariant(dir: string, variant: VariantId, rules: LoadedRule[], budget: Budget = UNLIMITED): Promise<{ scores: Score[]; stoppedAt?: number }> {
  const dataset = await openDataset(dir)
  const part = dataset.parts.find((p) => p.variant === variant)
  if (!part) throw new DatasetError(`${dir}: manifest.json lists no ${variant} files`)
  return scorePart(dataset, part, rules, budget)
}

export const replayCommand: Command = {
  ...replaySpec,
  async run(args, io) {
    const budget = budgetOption(args)
    const dir = stringOption(args, 'dataset')
    if (!dir) throw new UsageError('--dataset DIR is required')
    const format = (stringOption(args, 'format') ?? 'text') as Format
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}' (known: ${FORMATS.join(', ')})`)
    const output = stringOption(args, 'output')
    if (format === 'html' && output === undefined) throw new UsageError('--format html needs --output FILE')
    const outputFile = output === undefined ? undefined : prepareOutput(io.cwd, output)
    const shard = parseShard(stringOption(args, 'shard'))
    const root = path.resolve(io.cwd, dir)
    const only = stringListOption(args, 'variants')
    for (const v of only) if (!isVariantId(v)) throw new UsageError(`unknown variant '${v}'`)
    try {
      // The manifest and the folder are checked here; each file against its digest and counts as
      // it is scored (one read instead of two): a score is reported only from the manifest's files.
      const dataset = await openDataset(root)
      const parts = only.length ? dataset.parts.filter((p) => only.includes(p.variant)) : dataset.parts
      const config = loadConfig(io.cwd, stringOption(args, 'config'))
      const listed = stringListOption(args, 'rules').map((p) => path.resolve(io.cwd, p))
      const python = stringOption(args, 'python') ?? io.env['RULEPROOF_PYTHON'] ?? config.python
      const set = await loadRuleSet(listed.length ? listed : config.rules, { cwd: io.cwd, config, ...(python ? { python } : {}) })
      try {
        const loadErrors = set.findings.filter((f) => f.severity === 'error')
        for (const f of loadErrors) io.stderr(`${f.file}:${f.line}:${f.column}: ${f.message}\n`)
        const declarationFindings: Finding[] = []
        const truths = groundTruths(set.rules, declarationFindings)
        for (const f of declarationFindings) io.stderr(`${f.file}:${f.line}:${f.column}: ${f.message}\n`)
        const scores: Score[] = []
        // Past the run's budget: the variant being read keeps the records scored so far, the rest are not scored.
        const partial: string[] = []
        const notScored: VariantId[] = []
        // --shard i/N: this run scores the rules of its slice of the sorted rule files (merge sums shards).
        const mine = shardByFile(set.rules, shard)
        const progress = createProgress(io, { label: 'ruleproof replay', unit: 'records' })
        // Only the parts some rule is scored on (a sentinel dataset's table files are read for the KQL rules of their table).
        const total = parts.filter((p) => mine.some((r) => r.variants.includes(p.variant) && scoresOnPart(r, p, parts))).reduce((n, p) => n + p.records, 0)
        let done = 0
        for (const part of parts) {
          const rules = mine.filter((r) => r.variants.includes(part.variant) && scoresOnPart(r, part, parts))
          if (!rules.length) continue
          if (budget.expired()) {
            notScored.push(part.variant)
            continue
          }
          const scored = await scorePart(dataset, part, rules, budget, (k) => progress.update((done += k), total), truths)
          // Scores on a table file name it; a KQL rule blind to the part's table says so.
          scores.push(...scored.scores.map((x, i) => {
            const blind = blindOnPart(rules[i]!, part)
            return { ...x, ...(part.rows ? { table: part.table! } : {}), ...(blind ? { note: x.note ? `${blind}; ${x.note}` : blind } : {}) }
          }))
          if (scored.stoppedAt !== undefined) partial.push(`${part.variant}${part.rows ? ` (${part.table})` : ''} scored on its first ${scored.stoppedAt} records only`)
        }
        progress.end()
        if (partial.length || notScored.length) {
          const parts = [...partial, ...(notScored.length ? [`not scored: ${notScored.join(', ')}`] : [])]
          io.stderr(`ruleproof replay: ${budgetMessage(budget, 'stopped')}: ${parts.join('; ')}\n`)
        }
        const info = { dir, ...(dataset.seed !== undefined ? { seed: dataset.seed } : {}) }
        // The heat map of an HTML report colours each claimed technique by its rules' recall here.
        const coverage = format === 'html' ? buildCoverage(coverageRules(mine, undefined), [], ATTACK_VERSION, { dir, scores }) : undefined
        const report = format === 'html' ? replayHtml(scores, info, { root: io.cwd, titles: new Map(set.rules.map((r) => [r.id, r.title])), ...(coverage ? { coverage } : {}) }) : renderScores(format, scores, info)
        if (output !== undefined && outputFile !== undefined) {
          writeOutput(outputFile, output, report)
          io.stdout(`ruleproof replay: ${scores.length} rule × variant scores; report in ${output}\n`)
        } else io.stdout(report)
        if (scores.length === 0) io.stderr(`ruleproof replay: no rule claims any of the dataset's variants (${[...new Set(parts.map((p) => p.variant))].join(', ') || 'none'})\n`)
        if (loadErrors.length) return EXIT.loadError
        return partial.length || notScored.length ? EXIT.failed : EXIT.ok
      } finally {
        await set.close()
      }
    } catch (e) {
      // Missing or unreadable: exit 2 as any input (file:line:column); not the manifest's files: exit 3.
      if (e instanceof DatasetError) throw e.unreadable ? new LoadError(e.unreadable.reason, { file: e.unreadable.file, line: 1, column: 1 }) : new UsageError(e.message)
      throw e
    }
  },
}
