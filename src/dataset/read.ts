/**
 * Reading a dataset back (`ruleproof replay`): the manifest says which files make it, in which
 * envelope, with how many records and which SHA-256. A folder whose files are not those (edited,
 * truncated, from another run, or a dataset file the manifest does not list) is refused with a
 * {@link DatasetError}, never scored: a replay score must describe the dataset it names.
 */
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { isVariantId, type VariantId } from '../model/variant.js'
import { FORMAT_TRANSPORTS, FORMATS, mainTable, type Format } from './envelopes.js'
import type { Transport } from './kinesis.js'
import { DATASET_FILE } from './output.js'
import { tableRow, unwrap, UnwrapError } from './unwrap.js'

/**
 * The dataset cannot be replayed as it is: one line naming the file. `unreadable` (a folder,
 * manifest or listed file missing or unreadable: exit 2, as any input) or not what the manifest
 * vouches for (exit 3).
 */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly unreadable?: { file: string; reason: string },
  ) {
    super(message)
    this.name = 'DatasetError'
  }
}

const unreadable = (file: string, reason: string) => new DatasetError(`${file}: ${reason}`, { file, reason })

export interface DatasetPart {
  variant: VariantId
  data: string
  labels: string
  records: number
  digests: { data: string; labels: string }
  /** The Log Analytics table the file holds (sentinel format), when the manifest names it. */
  table?: string
  /**
   * The file is one of the variant's extra tables (AKSAudit, AKSAuditAdmin): its records are
   * that table's rows as they are, for the KQL rules that read it (no native record is unwrapped).
   */
  rows?: true
}

export interface Dataset {
  dir: string
  seed: unknown
  format: Format
  /** How the format's payloads travel (manifest `options.transport`); absent: plain lines. */
  transport?: Transport
  parts: DatasetPart[]
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const DIGEST = /^sha256:[0-9a-f]{64}$/

/** A plain file name inside the folder (a manifest cannot point elsewhere). */
function fileName(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value === path.basename(value) && value !== '.' && value !== '..'
}

/** Reads and checks manifest.json and the folder's listing (not yet the files' contents). */
export async function openDataset(dir: string): Promise<Dataset> {
  const file = path.join(dir, 'manifest.json')
  if (!existsSync(dir)) throw unreadable(dir, 'no such dataset folder')
  if (!existsSync(file)) throw unreadable(dir, 'no manifest.json here (make datasets with `ruleproof generate --out DIR`)')
  let manifest: unknown
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new DatasetError(`${file}: not valid JSON: ${(e as Error).message}`)
  }
  if (!isObj(manifest) || manifest.tool !== 'ruleproof' || manifest.command !== 'generate') throw new DatasetError(`${file}: not a manifest written by \`ruleproof generate\``)
  const options = isObj(manifest.options) ? manifest.options : {}
  const format = options.format ?? 'native'
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
    throw new DatasetError(`${file}: format ${JSON.stringify(format)} is not one replay reads (${FORMATS.join(', ')})`)
  }
  const transport = options.transport
  if (transport !== undefined && (typeof transport !== 'string' || !(FORMAT_TRANSPORTS[format as Format] as readonly string[]).includes(transport))) {
    const known = FORMAT_TRANSPORTS[format as Format]
    throw new DatasetError(`${file}: transport ${JSON.stringify(transport)} is not one replay reads for format ${format} (${known.length ? known.join(', ') : 'none: its lines are plain'})`)
  }
  if (!isObj(manifest.files) || Object.keys(manifest.files).length === 0) throw new DatasetError(`${file}: lists no files`)
  const parts: DatasetPart[] = []
  const partOf = (variant: VariantId, f: unknown, key: string): DatasetPart => {
    if (!isObj(f) || !fileName(f.data) || !fileName(f.labels) || typeof f.records !== 'number') throw new DatasetError(`${file}: ${key}: needs data, labels (file names in the folder) and records`)
    const digests = isObj(f.digests) ? f.digests : {}
    if (typeof digests.data !== 'string' || typeof digests.labels !== 'string' || !DIGEST.test(digests.data) || !DIGEST.test(digests.labels)) {
      throw new DatasetError(`${file}: ${key} has no sha256 digests (written by an older ruleproof?): generate the dataset again`)
    }
    return { variant, data: path.join(dir, f.data), labels: path.join(dir, f.labels), records: f.records, digests: { data: digests.data, labels: digests.labels } }
  }
  for (const [variant, f] of Object.entries(manifest.files)) {
    if (!isVariantId(variant)) throw new DatasetError(`${file}: files.${variant}: unknown variant`)
    const main = partOf(variant, f, `files.${variant}`)
    if (isObj(f) && typeof f.table === 'string') main.table = f.table
    parts.push(main)
    if (isObj(f) && f.tables !== undefined) {
      if (!isObj(f.tables)) throw new DatasetError(`${file}: files.${variant}.tables: must map table names to their files`)
      for (const [table, t] of Object.entries(f.tables)) {
        if (!/^[A-Z][A-Za-z0-9_]*$/.test(table)) throw new DatasetError(`${file}: files.${variant}.tables.${table}: not a Log Analytics table name`)
        parts.push({ ...partOf(variant, t, `files.${variant}.tables.${table}`), table, rows: true })
      }
    }
  }
  const listed = new Set(parts.flatMap((p) => [path.basename(p.data), path.basename(p.labels)]))
  for (const name of await readdir(dir)) {
    if (DATASET_FILE.test(name) && !listed.has(name)) {
      throw new DatasetError(`${path.join(dir, name)}: not in manifest.json (left by an earlier run?): remove it, or generate the dataset again`)
    }
  }
  return { dir, seed: manifest.seed ?? options.seed, format: format as Format, ...(transport !== undefined ? { transport: transport as Transport } : {}), parts }
}

/** Bytes per read: large reads keep the per-chunk overhead of streams small next to hashing. */
const CHUNK = 1 << 20
/**
 * Bytes per read of lines to parse: a batch of records lives until it is scored, and 256 KiB
 * (about a hundred audit events) measured fastest (smaller: more chunks; larger: more of each
 * batch outlives a young-generation GC).
 */
const LINE_CHUNK = 1 << 18

/** SHA-256 of a file's bytes and, when asked, its number of lines (of the gunzipped text for `.gz`). */
async function digestAndLines(file: string, countLines: boolean): Promise<{ digest: string; lines: number }> {
  const hash = createHash('sha256')
  let lines = 0
  const count = (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
  }
  try {
    if (countLines && file.endsWith('.gz')) {
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          done(null, chunk)
        },
      })
      await pipeline(createReadStream(file, { highWaterMark: CHUNK }), tap, createGunzip(), async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) count(chunk)
      })
    } else {
      // One loop, no stream stages: the digest of a dataset file costs little more than SHA-256 itself.
      for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
        hash.update(chunk)
        if (countLines) count(chunk)
      }
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw code === 'ENOENT' ? unreadable(file, 'missing (listed in manifest.json)') : unreadable(file, `cannot be read: ${(e as Error).message}`)
  }
  return { digest: `sha256:${hash.digest('hex')}`, lines }
}

const changed = (file: string): DatasetError => new DatasetError(`${file}: does not match manifest.json (sha256 differs): the file changed or belongs to another run; generate the dataset again`)
const labelCount = (part: DatasetPart, lines: number): DatasetError => new DatasetError(`${part.labels}: ${lines} labels where manifest.json lists ${part.records} records`)

/** Checks one part's files against the manifest: digest, and one label line per record. */
export async function verifyPart(part: DatasetPart): Promise<void> {
  for (const which of ['data', 'labels'] as const) {
    const { digest, lines } = await digestAndLines(part[which], which === 'labels')
    if (digest !== part.digests[which]) throw changed(part[which])
    if (which === 'labels' && lines !== part.records) throw labelCount(part, lines)
  }
}

/** Checks every listed file against the manifest: digest, and one label line per record. */
export async function verifyDataset(dataset: Dataset, variants: readonly VariantId[] = dataset.parts.map((p) => p.variant)): Promise<void> {
  for (const part of dataset.parts.filter((p) => variants.includes(p.variant))) await verifyPart(part)
}

export interface LabelledRecord {
  /** Line in the data file. */
  line: number
  record: unknown
  /** The whole label (parsed when first read). */
  readonly label: Record<string, unknown>
  /** `label.malicious === true`. */
  readonly malicious: boolean
  /** `label.family` (`?` when it is not a string). */
  readonly family: string
}

// The start of every label `generate` writes: family and verdict, read without parsing the line.
const LABEL_HEAD = /^\{"family":"([^"\\]*)","malicious":(true|false),/

/**
 * A record and its label line. Most records of a replay are benign ones no rule matches: their
 * label is read for its first two keys only, and parsed whole when something asks for it.
 */
class Labelled implements LabelledRecord {
  readonly malicious: boolean
  readonly family: string
  private parsed: Record<string, unknown> | undefined
  constructor(
    readonly line: number,
    readonly record: unknown,
    private readonly text: string,
    private readonly where: string,
  ) {
    const head = LABEL_HEAD.exec(text)
    if (head) {
      this.family = head[1]!
      this.malicious = head[2] === 'true'
    } else {
      const label = this.label
      this.malicious = label.malicious === true
      this.family = typeof label.family === 'string' ? label.family : '?'
    }
  }
  get label(): Record<string, unknown> {
    if (this.parsed === undefined) {
      let label: unknown
      try {
        label = JSON.parse(this.text)
      } catch (e) {
        throw new DatasetError(`${this.where}: not valid JSON: ${(e as Error).message}`)
      }
      this.parsed = isObj(label) ? label : {}
    }
    return this.parsed
  }
}

/**
 * The lines of a file (gunzipped for `.gz`; LF or CRLF), a batch per chunk read. Replay reads
 * files whose digests were checked first, as `generate` wrote them.
 */
export async function* lineBatches(file: string, onBytes?: (chunk: Buffer) => void): AsyncGenerator<string[]> {
  const raw = createReadStream(file, { highWaterMark: LINE_CHUNK })
  const gzip = file.endsWith('.gz')
  // The file's own bytes (compressed ones for .gz), for a digest taken while the lines are read.
  if (gzip && onBytes) raw.on('data', (chunk) => onBytes(chunk as Buffer))
  const input: AsyncIterable<Buffer> = gzip ? raw.pipe(createGunzip({ chunkSize: LINE_CHUNK })) : raw
  // The start of a line that continues in the next chunk (copied: a stream may reuse its chunk).
  let held: Buffer[] = []
  const text = (b: Buffer, start: number, end: number) => b.toString('utf8', start, end > start && b[end - 1] === 13 ? end - 1 : end)
  for await (const chunk of input) {
    if (onBytes && !gzip) onBytes(chunk)
    const lines: string[] = []
    let start = 0
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (held.length) {
        const whole = Buffer.concat([...held, chunk.subarray(start, nl)])
        held = []
        lines.push(text(whole, 0, whole.length))
      } else lines.push(text(chunk, start, nl))
      start = nl + 1
    }
    if (start < chunk.length) held.push(Buffer.from(chunk.subarray(start)))
    if (lines.length) yield lines
  }
  if (held.length) {
    const whole = Buffer.concat(held)
    yield [text(whole, 0, whole.length)]
  }
}

/** Pulls one line at a time out of `lineBatches`. */
class LineReader {
  private batch: string[] = []
  private at = 0
  private readonly source: AsyncIterator<string[]>
  constructor(file: string, onBytes?: (chunk: Buffer) => void) {
    this.source = lineBatches(file, onBytes)[Symbol.asyncIterator]()
  }
  /** The next line, or undefined at the end (synchronous while the current batch lasts). */
  next(): string | undefined | Promise<string | undefined> {
    if (this.at < this.batch.length) return this.batch[this.at++]
    return this.refill()
  }
  private async refill(): Promise<string | undefined> {
    for (;;) {
      const r = await this.source.next()
      if (r.done) return undefined
      if (r.value.length) {
        this.batch = r.value
        this.at = 1
        return r.value[0]
      }
    }
  }
  /** Stops reading (closes the file). */
  async close(): Promise<void> {
    await this.source.return?.(undefined)
  }
}

/**
 * The part's native records (envelopes removed) with their labels, in order. Ends with a
 * DatasetError if the data does not hold the manifest's number of records.
 */
export async function* labelledRecords(dataset: Dataset, part: DatasetPart): AsyncGenerator<LabelledRecord> {
  for await (const batch of labelledBatches(dataset, part)) yield* batch
}

/**
 * `labelledRecords`, a batch (one chunk of the data file) at a time: no promise per record.
 * With `verify`, the files are checked against the manifest as they are read (one pass instead
 * of two): the last batch comes only once both digests and the label count are right, and a
 * consumer that stops early must call `verifyPart`'s check itself (`verifyDataset`) before using
 * what it read. An error met in a file whose digest is wrong is reported as that.
 */
export async function* labelledBatches(dataset: Dataset, part: DatasetPart, options: { verify?: boolean } = {}): AsyncGenerator<LabelledRecord[]> {
  try {
    yield* readPart(dataset, part, options.verify === true)
  } catch (e) {
    // A record that does not read, a file missing: checked against the manifest, the file is the cause.
    if (options.verify) await verifyPart(part)
    // A file removed or cut short while read (another generate started), a corrupt gzip stream.
    if (e instanceof DatasetError || typeof (e as NodeJS.ErrnoException).code !== 'string') throw e
    throw unreadable(part.data, `this file or its labels could not be read to the end: ${(e as Error).message}`)
  }
}

async function* readPart(dataset: Dataset, part: DatasetPart, verify: boolean): AsyncGenerator<LabelledRecord[]> {
  const dataHash = verify ? createHash('sha256') : undefined
  const labelHash = verify ? createHash('sha256') : undefined
  const labels = new LineReader(part.labels, labelHash && ((b) => labelHash.update(b)))
  let n = 0
  let records = 0
  // The last batch is held back until the files are known to be the manifest's.
  let pending: LabelledRecord[] | undefined
  try {
    for await (const lines of lineBatches(part.data, dataHash && ((b) => dataHash.update(b)))) {
      const batch: LabelledRecord[] = []
      for (const text of lines) {
        n++
        if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) continue
        let parsed: unknown
        try {
          parsed = JSON.parse(text)
        } catch (e) {
          throw new DatasetError(`${part.data}:${n}: not valid JSON: ${(e as Error).message}`)
        }
        let inner: unknown[]
        try {
          inner = part.rows ? [tableRow(part.table!, parsed)] : unwrap(dataset.format, part.variant, parsed, dataset.transport)
        } catch (e) {
          if (e instanceof UnwrapError) throw new DatasetError(`${part.data}:${n}: ${e.message} (manifest.json names format ${dataset.format}${dataset.transport ? `, transport ${dataset.transport}` : ''})`)
          throw e
        }
        for (const record of inner) {
          records++
          let next = labels.next()
          if (typeof next !== 'string' && next !== undefined) next = await next
          if (next === undefined) throw new DatasetError(`${part.labels}: ends before ${path.basename(part.data)} (line ${n})`)
          batch.push(new Labelled(n, record, next, `${part.labels}:${records}`))
        }
      }
      if (!batch.length) continue
      if (!verify) yield batch
      else {
        if (pending) yield pending
        pending = batch
      }
    }
    if (verify) {
      // Label lines beyond the records (read to the end, so that the labels' digest covers them).
      let extra = 0
      for (let next = labels.next(); ; next = labels.next()) {
        const line = typeof next === 'string' || next === undefined ? next : await next
        if (line === undefined) break
        extra++
      }
      if (dataHash!.digest('hex') !== part.digests.data.replace(/^sha256:/, '')) throw changed(part.data)
      if (labelHash!.digest('hex') !== part.digests.labels.replace(/^sha256:/, '')) throw changed(part.labels)
      if (records === part.records && extra > 0) throw labelCount(part, records + extra)
    }
  } finally {
    await labels.close()
  }
  if (records !== part.records) throw new DatasetError(`${part.data}: ${records} records where manifest.json lists ${part.records}`)
  if (pending) yield pending
}

/**
 * Whether replay scores a rule on a part: an extra table's rows only for the rules that read
 * that table; the main file for every rule of the variant, except a KQL rule that reads none of
 * its table but reads one of the variant's extra tables (it is scored there instead).
 */
export function scoresOnPart(rule: { tables?: readonly string[] }, part: DatasetPart, parts: readonly DatasetPart[]): boolean {
  const tables = rule.tables
  if (part.rows) return tables?.includes(part.table!) ?? false
  if (!tables || part.table === undefined || tables.includes(part.table)) return true
  return !parts.some((p) => p.rows && p.variant === part.variant && tables.includes(p.table!))
}

/**
 * Why a rule scored on a part sees none of its records, when that is so: a KQL rule whose query
 * reads none of the tables the part's records are in (a native or AzureDiagnostics AKS file, and
 * a query over AKSAudit only). Said beside its score, so a zero recall is never silent.
 */
export function blindOnPart(rule: { tables?: readonly string[] }, part: DatasetPart): string | undefined {
  const tables = rule.tables
  // Records of any other format are unwrapped to native ones, which land where the sentinel format's main file is.
  const table = part.table ?? mainTable('sentinel', part.variant)
  if (!tables || table === undefined || tables.includes(table)) return undefined
  return `its query reads ${tables.join(', ')}, not ${table}, where this dataset's ${part.variant} records are (\`generate --format sentinel\` also writes AKSAudit and AKSAuditAdmin): it sees none of them`
}
