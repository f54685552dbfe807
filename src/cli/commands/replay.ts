import { createReadStream, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { replaySpec } from './specs.js'
import type { Command } from '../command.js'
import { stringListOption, stringOption } from '../command.js'
import { loadConfig } from '../../config/index.js'
import { renderScores, ScoreBoard, type Score } from '../../harness/score.js'
import type { LoadedRule } from '../../model/rule.js'
import { isVariantId, VARIANT_IDS, type VariantId } from '../../model/variant.js'
import { loadRuleSet } from '../../rules/index.js'
import { budgetMessage, UNLIMITED, type Budget } from '../../shared/budget.js'
import { EXIT, LoadError, UsageError } from '../../shared/errors.js'
import { budgetOption } from '../limits.js'

const FORMATS = ['text', 'json', 'markdown'] as const
type Format = (typeof FORMATS)[number]

/** `<variant>.ndjson` or its gzipped form, read line by line in constant memory. */
function lines(file: string): AsyncIterable<string> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file)
  return createInterface({ input, crlfDelay: Infinity })
}

function datasetFile(dir: string, name: string): string | undefined {
  for (const f of [name, `${name}.gz`]) if (existsSync(path.join(dir, f))) return path.join(dir, f)
  return undefined
}

function manifestVariants(dir: string): { variants: VariantId[]; seed?: unknown } {
  const file = path.join(dir, 'manifest.json')
  if (!existsSync(dir)) throw new LoadError('no such dataset folder', { file: dir, line: 1, column: 1 })
  if (!existsSync(file)) throw new LoadError('no manifest.json here (make datasets with `ruleproof generate --out DIR`)', { file: dir, line: 1, column: 1 })
  let manifest: Record<string, unknown>
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON: ${(e as Error).message}`)
  }
  const options = (manifest['options'] ?? {}) as Record<string, unknown>
  const listed = [manifest['variants'], options['variants'], manifest['counts'] && Object.keys(manifest['counts'] as object)]
    .find((v) => Array.isArray(v) && v.length > 0) as unknown[] | undefined
  const variants = (listed ?? VARIANT_IDS).filter(isVariantId).filter((v) => datasetFile(dir, `${v}.ndjson`) !== undefined)
  return { variants, seed: manifest['seed'] ?? options['seed'] }
}

/** Scores every rule that claims the variant against the variant's records and labels (until the budget runs out: `stoppedAt`). */
export async function scoreVariant(dir: string, variant: VariantId, rules: LoadedRule[], budget: Budget = UNLIMITED): Promise<{ scores: Score[]; stoppedAt?: number }> {
  const data = datasetFile(dir, `${variant}.ndjson`)!
  const labelsFile = datasetFile(dir, `${variant}.labels.ndjson`)
  if (!labelsFile) throw new UsageError(`${dir}: ${variant}.ndjson has no ${variant}.labels.ndjson next to it`)
  const boards = rules.map((r) => new ScoreBoard(r.id, r.file, variant))
  const labels = lines(labelsFile)[Symbol.asyncIterator]()
  let n = 0
  let stoppedAt: number | undefined
  for await (const text of lines(data)) {
    if (budget.expired()) {
      stoppedAt = n
      break
    }
    n++
    const label = await labels.next()
    if (label.done) throw new UsageError(`${labelsFile}: ends before ${path.basename(data)} (line ${n})`)
    if (text.trim() === '') continue
    let record: unknown
    let meta: { malicious?: unknown; family?: unknown }
    try {
      record = JSON.parse(text)
      meta = JSON.parse(label.value) as typeof meta
    } catch (e) {
      throw new UsageError(`${data}:${n}: not valid JSON: ${(e as Error).message}`)
    }
    const malicious = meta.malicious === true
    const family = typeof meta.family === 'string' ? meta.family : '?'
    for (let i = 0; i < rules.length; i++) {
      try {
        const v = await rules[i]!.evaluate(record, variant)
        boards[i]!.add(n, malicious, v.match, family, record)
      } catch {
        boards[i]!.error()
      }
    }
  }
  const scores = boards.map((b) => b.finish())
  return stoppedAt === undefined ? { scores } : { scores, stoppedAt }
}

export const replayCommand: Command = {
  ...replaySpec,
  async run(args, io) {
    const budget = budgetOption(args)
    const dir = stringOption(args, 'dataset')
    if (!dir) throw new UsageError('--dataset DIR is required')
    const format = (stringOption(args, 'format') ?? 'text') as Format
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}' (known: ${FORMATS.join(', ')})`)
    const root = path.resolve(io.cwd, dir)
    const { variants: inData, seed } = manifestVariants(root)
    const only = stringListOption(args, 'variants')
    for (const v of only) if (!isVariantId(v)) throw new UsageError(`unknown variant '${v}'`)
    const variants = only.length ? inData.filter((v) => only.includes(v)) : inData
    const config = loadConfig(io.cwd, stringOption(args, 'config'))
    const listed = stringListOption(args, 'rules').map((p) => path.resolve(io.cwd, p))
    const python = stringOption(args, 'python') ?? io.env['RULEPROOF_PYTHON'] ?? config.python
    const set = await loadRuleSet(listed.length ? listed : config.rules, { cwd: io.cwd, config, ...(python ? { python } : {}) })
    try {
      const loadErrors = set.findings.filter((f) => f.severity === 'error')
      for (const f of loadErrors) io.stderr(`${f.file}:${f.line}:${f.column}: ${f.message}\n`)
      const scores: Score[] = []
      // Past the run's budget: the variant being read keeps the records scored so far, the rest are not scored.
      const partial: string[] = []
      const notScored: VariantId[] = []
      for (const v of variants) {
        const rules = set.rules.filter((r) => r.variants.includes(v))
        if (!rules.length) continue
        if (budget.expired()) {
          notScored.push(v)
          continue
        }
        const scored = await scoreVariant(root, v, rules, budget)
        scores.push(...scored.scores)
        if (scored.stoppedAt !== undefined) partial.push(`${v} scored on its first ${scored.stoppedAt} records only`)
      }
      if (partial.length || notScored.length) {
        const parts = [...partial, ...(notScored.length ? [`not scored: ${notScored.join(', ')}`] : [])]
        io.stderr(`ruleproof replay: ${budgetMessage(budget, 'stopped')}: ${parts.join('; ')}\n`)
      }
      io.stdout(renderScores(format, scores, { dir, ...(seed !== undefined ? { seed } : {}) }))
      if (scores.length === 0) io.stderr(`ruleproof replay: no rule claims any of the dataset's variants (${inData.join(', ') || 'none'})\n`)
      if (loadErrors.length) return EXIT.loadError
      return partial.length || notScored.length ? EXIT.failed : EXIT.ok
    } finally {
      await set.close()
    }
  },
}
