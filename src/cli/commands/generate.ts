import path from 'node:path'
import { FORMATS, FORMAT_TRANSPORTS, FORMAT_VARIANTS, FolderLockedError, TRANSPORTS, type Transport, generateDataset, OutputError, type Format } from '../../dataset/index.js'
import { isVariantId, type VariantId } from '../../model/variant.js'
import { EXIT, UsageError } from '../../shared/errors.js'
import { parseShard } from '../../shared/shard.js'
import { generateSpec } from './specs.js'
import { booleanOption, stringListOption, stringOption, type Command } from '../command.js'
import { createProgress } from '../progress.js'

function integerOption(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--${name} must be a whole number (got '${text}')`)
  const n = Number(text)
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max} (got ${n})`)
  return n
}

export const generateCommand: Command = {
  ...generateSpec,
  async run(args, io) {
    if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`)
    const out = stringOption(args, 'out')
    if (!out) throw new UsageError('--out DIR is required')
    const format = (stringOption(args, 'format') ?? 'native') as Format
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}')`)
    const transport = stringOption(args, 'transport')
    if (transport !== undefined) {
      if (!(TRANSPORTS as readonly string[]).includes(transport)) throw new UsageError(`--transport must be one of ${TRANSPORTS.join(', ')} (got '${transport}')`)
      const fits = FORMAT_TRANSPORTS[format]
      if (!fits.includes(transport as Transport)) {
        const carried = FORMATS.filter((f) => FORMAT_TRANSPORTS[f].includes(transport as Transport))
        throw new UsageError(`--transport ${transport} carries --format ${carried.join(', ')}, not ${format}${fits.length ? '' : ` (--format ${format} is written as plain lines)`}`)
      }
    }
    const requested = stringListOption(args, 'variants')
    for (const v of requested) if (!isVariantId(v)) throw new UsageError(`unknown variant '${v}' (known: k8s, eks, aks, gke, azure-activity)`)
    const variants = (requested.length ? [...new Set(requested)] : [...FORMAT_VARIANTS[format]]) as VariantId[]
    const unsupported = variants.filter((v) => !FORMAT_VARIANTS[format].includes(v))
    if (unsupported.length) throw new UsageError(`--format ${format} applies to ${FORMAT_VARIANTS[format].join(', ')}, not ${unsupported.join(', ')}`)
    const count = integerOption('count', stringOption(args, 'count'), 1000, 0, 1_000_000_000)
    const seed = integerOption('seed', stringOption(args, 'seed'), 1, 0, 0xffffffff)
    const jobsText = stringOption(args, 'jobs')
    const jobs = jobsText === undefined ? undefined : integerOption('jobs', jobsText, 1, 1, 256)
    const ratioText = stringOption(args, 'attack-ratio') ?? '0.05'
    const attackRatio = Number(ratioText)
    if (!/^\s*(0|1|0?\.\d+|1\.0*)\s*$/.test(ratioText) || !(attackRatio >= 0 && attackRatio <= 1)) throw new UsageError(`--attack-ratio must be a number between 0 and 1 (got '${ratioText}')`)
    const start = stringOption(args, 'start') ?? '2026-03-14T00:00:00Z'
    if (Number.isNaN(Date.parse(start))) throw new UsageError(`--start must be an ISO 8601 time (got '${start}')`)
    const families = stringOption(args, 'families') ?? '*'
    const aksCategory = stringOption(args, 'aks-category') ?? 'kube-audit'
    if (aksCategory !== 'kube-audit' && aksCategory !== 'kube-audit-admin') throw new UsageError(`--aks-category must be kube-audit or kube-audit-admin (got '${aksCategory}')`)
    const gkeDataAccess = stringOption(args, 'gke-data-access') ?? 'on'
    if (gkeDataAccess !== 'on' && gkeDataAccess !== 'off') throw new UsageError(`--gke-data-access must be on or off (got '${gkeDataAccess}')`)
    const dir = path.resolve(io.cwd, out)
    const shard = parseShard(stringOption(args, 'shard'))

    const controller = new AbortController()
    const interrupt = () => controller.abort(new Error('interrupted'))
    process.once('SIGINT', interrupt)
    process.once('SIGTERM', interrupt)
    const bar = createProgress(io, { label: 'ruleproof generate', unit: 'actions' })
    const progress = Object.assign((done: number, total: number) => bar.update(done, total), { end: () => bar.end() })
    try {
      const manifest = await generateDataset({
        out: dir, variants, count, seed, attackRatio, families, format, ...(transport ? { transport: transport as Transport } : {}), start, aksCategory, gkeDataAccess: gkeDataAccess === 'on',
        gzip: booleanOption(args, 'gzip'),
        assumeDataActions: booleanOption(args, 'assume-data-actions'),
        signal: controller.signal,
        ...(jobs !== undefined ? { jobs } : {}),
        ...(shard ? { shard } : {}),
        ...(progress ? { onProgress: progress } : {}),
      })
      progress?.end()
      const line = (name: string, f: { records: number; malicious: number; data: string }) => `  ${name.padEnd(15)} ${String(f.records).padStart(9)} records (${f.malicious} malicious) → ${f.data}`
      // A variant held in several Log Analytics tables: one line per table file.
      const lines = Object.entries(manifest.files).flatMap(([v, f]) => [line(v, f!), ...Object.entries(f!.tables ?? {}).map(([t, tf]) => line(`  ${t}`, tf))])
      const part = shard ? ` (shard ${shard.index}/${shard.total})` : ''
      io.stdout(`ruleproof generate: ${manifest.actions} actions${part}, seed ${seed}, into ${out}\n${lines.join('\n')}\n`)
      return EXIT.ok
    } catch (e) {
      progress?.end()
      if (e instanceof RangeError && /generators: /.test(e.message)) throw new UsageError(e.message.replace(/^generators: /, ''))
      if (controller.signal.aborted) {
        io.stderr(`ruleproof generate: interrupted; partial files removed, no manifest written in ${out}\n`)
        return EXIT.failed
      }
      // --out unusable (a file, not writable, locked by another run): usage, 3; the disk
      // failing under a good --out (full, I/O error): 2, like an input that cannot be read.
      if (e instanceof OutputError) {
        io.stderr(`ruleproof generate: ${e.message}\n`)
        return e.problem === 'disk-full' || e.problem === 'io' ? EXIT.loadError : EXIT.usage
      }
      if (e instanceof FolderLockedError) throw new UsageError(e.message)
      throw e
    } finally {
      process.off('SIGINT', interrupt)
      process.off('SIGTERM', interrupt)
    }
  },
}
