/**
 * `ruleproof generate`: streams N labelled actions per variant to DIR/<variant>.ndjson and
 * DIR/<variant>.labels.ndjson (aligned line by line), then DIR/manifest.json. Chunks are
 * rendered on worker threads and written in order; same seed and options ⇒ same bytes.
 * The folder is locked while written, and the manifest names each file's record count and
 * SHA-256, so it vouches for these files and no others (replay checks them).
 */
import { readFile, rm, writeFile, rename } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { ClusterContext } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'
import { FORMAT_TRANSPORTS } from './envelopes.js'
import { chunkCount, resolveConfig, type DatasetConfig, type DatasetOptions } from './config.js'
import { PendingFile } from './files.js'
import { selectFamilies } from './generators.js'
import { lockFolder } from './lock.js'
import { clearForRun, ensureFolder, outputError } from './output.js'
import { renderChunks } from './pool.js'
import { extraTables, mainTable } from './envelopes.js'
import { shardRange, type Shard } from '../shared/shard.js'

export interface GenerateDatasetOptions extends DatasetOptions {
  out: string
  /**
   * Worker threads.
   * @defaultValue `os.availableParallelism()`
   */
  jobs?: number
  signal?: AbortSignal
  onProgress?: (actionsDone: number, actionsTotal: number) => void
  /** Write only this part of the dataset: its files are the i-th of N slices of the whole one's. */
  shard?: Shard
}

export interface VariantSummary {
  data: string
  labels: string
  /** Records in the data file, and label lines in the labels file. */
  records: number
  malicious: number
  bytes: number
  families: Record<string, number>
  /** `sha256:<hex>` of each file's bytes as on disk (compressed for gzip). */
  digests: { data: string; labels: string }
  /** The Log Analytics table the data file holds (sentinel format). */
  table?: string
  /** Other tables the records also land in, one data and labels file each (sentinel aks: AKSAudit, AKSAuditAdmin). */
  tables?: Record<string, TableSummary>
}

export type TableSummary = Omit<VariantSummary, 'table' | 'tables'>

export interface Manifest {
  tool: 'ruleproof'
  version: string
  command: 'generate'
  seed: number
  options: Omit<DatasetOptions, 'seed'>
  generator: { prng: 'sfc32'; chunkSize: number }
  actions: number
  families: string[]
  contexts: Partial<Record<VariantId, ClusterContext>>
  files: Partial<Record<VariantId, VariantSummary>>
  /** Set when the files are one slice of the dataset: which one, and its chunks (`from` … `to`-1) and actions. */
  shard?: { index: number; total: number; chunks: { from: number; to: number } }
}

/** ruleproof's version, from package.json two levels up (source tree) or three (built dist/). */
async function packageVersion(): Promise<string> {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'ruleproof' && pkg.version) return pkg.version
    } catch {
      // not there: try the next candidate
    }
  }
  return '0.0.0'
}

export async function generateDataset(o: GenerateDatasetOptions): Promise<Manifest> {
  // Options are checked (unknown families throw) before the folder is made or touched.
  const { out: _out, jobs: _jobs, signal: _signal, onProgress: _onProgress, shard: _shard, ...options } = o
  if (options.transport !== undefined && !FORMAT_TRANSPORTS[options.format].includes(options.transport)) {
    throw new RangeError(`generators: transport ${options.transport} does not carry format ${options.format} (${FORMAT_TRANSPORTS[options.format].length ? `it takes ${FORMAT_TRANSPORTS[options.format].join(', ')}` : 'it has no transport'})`)
  }
  const config = resolveConfig(options)
  const families = selectFamilies(options.families).map((f) => f.name)
  await ensureFolder(o.out)
  let lock
  try {
    lock = await lockFolder(o.out)
  } catch (e) {
    throw outputError(e, o.out)
  }
  try {
    return await writeDataset(o, config, families)
  } catch (e) {
    throw outputError(e, o.out)
  } finally {
    await lock.release()
  }
}

async function writeDataset(o: GenerateDatasetOptions, config: DatasetConfig, families: string[]): Promise<Manifest> {
  const { out, jobs, signal, onProgress, shard, ...options } = o
  const ext = options.gzip ? '.ndjson.gz' : '.ndjson'
  // Extra tables of a variant go to `<variant>.<Table>.ndjson` (and its labels) beside the main file.
  const fileNames = (v: VariantId, table?: string) => ({ data: `${v}${table ? `.${table}` : ''}${ext}`, labels: `${v}${table ? `.${table}` : ''}.labels${ext}` })
  const names = options.variants.flatMap((v) => [undefined, ...extraTables(options.format, v)].flatMap((t) => Object.values(fileNames(v, t))))
  // A manifest or files left from an earlier (or killed) run must not sit beside this run's.
  await clearForRun(out, new Set(names))
  const pending = (v: VariantId, table?: string) => ({
    data: new PendingFile(out, fileNames(v, table).data, options.gzip),
    labels: new PendingFile(out, fileNames(v, table).labels, options.gzip),
    records: 0,
    malicious: 0,
    families: {} as Record<string, number>,
  })
  type Pending = ReturnType<typeof pending>
  const files = options.variants.map((v) => ({
    variant: v,
    ...pending(v),
    tables: extraTables(options.format, v).map((name) => ({ name, ...pending(v, name) })),
  }))
  const every = files.flatMap((f): Pending[] => [f, ...f.tables])
  const add = (f: Pending, r: { data: string; labels: string; records: number; malicious: number; families: Record<string, number> }) => [f, r] as const
  const chunks = chunkCount(config)
  // Chunks are rendered independently of one another: a shard renders its contiguous run of them,
  // so the shards' files, concatenated in order, are the unsharded files byte for byte.
  const range = shard ? shardRange(chunks, shard) : { from: 0, to: chunks }
  const shardActions = Math.max(0, Math.min(options.count, range.to * config.chunkSize) - range.from * config.chunkSize)
  let actions = 0
  try {
    for await (const result of renderChunks(config, range.to, { jobs: jobs ?? availableParallelism(), from: range.from, ...(signal ? { signal } : {}) })) {
      for (let i = 0; i < files.length; i++) {
        const f = files[i]!
        const r = result.variants[i]!
        for (const [file, part] of [add(f, r), ...f.tables.map((t) => add(t, r.tables?.[t.name] ?? { data: '', labels: '', records: 0, malicious: 0, families: {} }))]) {
          await file.data.write(part.data)
          await file.labels.write(part.labels)
          file.records += part.records
          file.malicious += part.malicious
          for (const [k, n] of Object.entries(part.families)) file.families[k] = (file.families[k] ?? 0) + n
        }
      }
      actions += result.actions
      onProgress?.(actions, shard ? shardActions : options.count)
    }
    signal?.throwIfAborted()
    for (const f of every) {
      await f.data.commit()
      await f.labels.commit()
    }
  } catch (e) {
    await Promise.all(every.flatMap((f) => [f.data.discard(), f.labels.discard()]))
    // Files of this run already renamed into place have no manifest: remove them too.
    await Promise.all(names.map((n) => rm(join(out, n), { force: true })))
    throw e
  }
  const manifest: Manifest = {
    tool: 'ruleproof',
    version: await packageVersion(),
    command: 'generate',
    seed: options.seed,
    options: {
      variants: options.variants,
      count: options.count,
      attackRatio: options.attackRatio,
      families: options.families,
      format: options.format,
      ...(options.transport ? { transport: options.transport } : {}),
      gzip: options.gzip,
      assumeDataActions: options.assumeDataActions,
      start: options.start,
      aksCategory: options.aksCategory ?? 'kube-audit',
      gkeDataAccess: options.gkeDataAccess ?? true,
    },
    generator: { prng: 'sfc32', chunkSize: config.chunkSize },
    actions,
    families,
    contexts: config.contexts,
    ...(shard ? { shard: { index: shard.index, total: shard.total, chunks: range } } : {}),
    files: Object.fromEntries(
      files.map((f) => {
        const table = mainTable(options.format, f.variant)
        const summary: VariantSummary = summaryOf(f, fileNames(f.variant))
        if (table) summary.table = table
        if (f.tables.length) summary.tables = Object.fromEntries(f.tables.map((t) => [t.name, summaryOf(t, fileNames(f.variant, t.name))]))
        return [f.variant, summary]
      }),
    ),
  }
  const temp = join(out, `.manifest.json.partial-${process.pid}`)
  try {
    await writeFile(temp, JSON.stringify(manifest, null, 2) + '\n')
    await rename(temp, join(out, 'manifest.json'))
  } catch (e) {
    await rm(temp, { force: true })
    await Promise.all(names.map((n) => rm(join(out, n), { force: true })))
    throw e
  }
  return manifest
}

function summaryOf(f: { data: PendingFile; labels: PendingFile; records: number; malicious: number; families: Record<string, number> }, names: { data: string; labels: string }): TableSummary {
  return {
    data: names.data,
    labels: names.labels,
    records: f.records,
    malicious: f.malicious,
    bytes: f.data.bytes,
    families: Object.fromEntries(Object.entries(f.families).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    digests: { data: f.data.digest(), labels: f.labels.digest() },
  }
}
