/**
 * `generate --format cloudwatch --transport kinesis`: one line per Kinesis record whose data is
 * base64(gzip(subscription payload)) with several log events, as a subscription filter delivers
 * them; the records give back the plain cloudwatch dataset's events in order; shards concatenate
 * to the unsharded bytes; a damaged record is refused naming what is wrong.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { generateDataset, kinesisPayload, unwrap, UnwrapError, type GenerateDatasetOptions } from '../../src/dataset/index.js'
import { run } from '../../src/cli/main.js'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ruleproof-kinesis-'))
  dirs.push(d)
  return d
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

const base = (out: string, o: Partial<GenerateDatasetOptions> = {}): GenerateDatasetOptions => ({
  out, variants: ['eks'], count: 2500, seed: 3, attackRatio: 0.2, families: '*', format: 'cloudwatch', transport: 'kinesis', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1, ...o,
})
const lines = (text: string) => text.split('\n').filter(Boolean)
const decode = (line: string) => JSON.parse(gunzipSync(Buffer.from(JSON.parse(line).data, 'base64')).toString('utf8'))

describe('generate --format cloudwatch --transport kinesis', () => {
  it('writes Kinesis records of gzip+base64 subscription payloads holding several events each, the plain dataset\'s events in order', async () => {
    const dir = await tempDir()
    const plainDir = await tempDir()
    const manifest = await generateDataset(base(dir))
    await generateDataset(base(plainDir, { transport: undefined }))
    expect(manifest.options).toMatchObject({ format: 'cloudwatch', transport: 'kinesis' })
    const records = lines(await readFile(join(dir, 'eks.ndjson'), 'utf8')).map((l) => JSON.parse(l))
    const payloads = records.map((r) => JSON.parse(gunzipSync(Buffer.from(r.data, 'base64')).toString('utf8')))
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['kinesisSchemaVersion', 'partitionKey', 'sequenceNumber', 'data', 'approximateArrivalTimestamp'])
      expect(r.sequenceNumber).toMatch(/^49\d{54}$/)
      // ByLogStream distribution: one key for the stream.
      expect(r.partitionKey).toBe(records[0].partitionKey)
    }
    const sequence = records.map((r) => BigInt(r.sequenceNumber))
    for (let i = 1; i < sequence.length; i++) expect(sequence[i]! > sequence[i - 1]!).toBe(true)
    // The subscription's health check comes first and carries no event.
    expect(payloads[0]).toEqual({ messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: Date.parse('2026-03-14T00:00:00Z'), message: expect.stringMatching(/^CWL CONTROL MESSAGE: /) }] })
    const data = payloads.slice(1)
    for (const [i, p] of data.entries()) {
      expect(Object.keys(p)).toEqual(['messageType', 'owner', 'logGroup', 'logStream', 'subscriptionFilters', 'logEvents'])
      expect(p).toMatchObject({ messageType: 'DATA_MESSAGE', owner: expect.stringMatching(/^\d{12}$/), logGroup: expect.stringMatching(/^\/aws\/eks\/.+\/cluster$/), logStream: expect.stringMatching(/^kube-apiserver-audit-[0-9a-f]{32}$/), subscriptionFilters: ['eks-audit-to-kinesis'] })
      const times = p.logEvents.map((e: { timestamp: number }) => e.timestamp)
      // A batch spans less than its window; it arrives once the window closes.
      expect(Math.max(...times) - times[0]).toBeLessThan(1000)
      expect(records[i + 1].approximateArrivalTimestamp * 1000).toBeGreaterThanOrEqual(Math.max(...times))
    }
    const sizes = data.map((p) => p.logEvents.length)
    expect(Math.max(...sizes)).toBeGreaterThan(5)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(manifest.files.eks!.records)
    // The same events, ids and order as the plain cloudwatch dataset's one-event payloads.
    const plain = lines(await readFile(join(plainDir, 'eks.ndjson'), 'utf8')).map((l) => JSON.parse(l).logEvents[0])
    expect(data.flatMap((p) => p.logEvents)).toEqual(plain)
    expect(await readFile(join(dir, 'eks.labels.ndjson'), 'utf8')).toBe(await readFile(join(plainDir, 'eks.labels.ndjson'), 'utf8'))
  })

  it('shards: the slices concatenated are the unsharded files, byte for byte (batches never span a chunk)', async () => {
    const whole = await tempDir()
    await generateDataset(base(whole))
    for (const gzip of [false, true]) {
      const ext = gzip ? '.ndjson.gz' : '.ndjson'
      const wholeDir = gzip ? await tempDir() : whole
      if (gzip) await generateDataset(base(wholeDir, { gzip }))
      const parts: Record<string, Buffer[]> = { data: [], labels: [] }
      for (const index of [1, 2, 3]) {
        const dir = await tempDir()
        await generateDataset(base(dir, { gzip, shard: { index, total: 3 } }))
        const read = async (name: string) => (gzip ? gunzipSync(await readFile(join(dir, name))) : await readFile(join(dir, name)))
        parts.data!.push(await read(`eks${ext}`))
        parts.labels!.push(await read(`eks.labels${ext}`))
      }
      const read = async (name: string) => (gzip ? gunzipSync(await readFile(join(wholeDir, name))) : await readFile(join(wholeDir, name)))
      expect(parts.data!.every((p) => p.length > 0)).toBe(true)
      expect(Buffer.concat(parts.data!).equals(await read(`eks${ext}`))).toBe(true)
      expect(Buffer.concat(parts.labels!).equals(await read(`eks.labels${ext}`))).toBe(true)
    }
  })

  it('unwrap reads a record back to its events; a control message to none', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { count: 300 }))
    const [control, first] = lines(await readFile(join(dir, 'eks.ndjson'), 'utf8'))
    expect(unwrap('cloudwatch', 'eks', JSON.parse(control!), 'kinesis')).toEqual([])
    const events = decode(first!).logEvents.map((e: { message: string }) => JSON.parse(e.message))
    expect(events.length).toBeGreaterThan(1)
    expect(unwrap('cloudwatch', 'eks', JSON.parse(first!), 'kinesis')).toEqual(events)
  })

  const data = (text: string) => gzipSync(text).toString('base64')
  const good = data(JSON.stringify({ messageType: 'DATA_MESSAGE', logEvents: [] }))
  it.each([
    ['no data', { partitionKey: 'k' }, /not a Kinesis record \(no base64 `data` string\)/],
    ['data that is not base64', { data: `${good.slice(0, 8)}!${good.slice(9)}` }, /not valid base64/],
    ['base64 cut mid-quantum', { data: good.slice(0, -1) }, /not valid base64/],
    ['a truncated gzip stream', { data: gzipSync('{"messageType":"DATA_MESSAGE","logEvents":[]}').subarray(0, 20).toString('base64') }, /not a complete gzip stream: unexpected end of file/],
    ['bytes that are not gzip', { data: Buffer.from('{"messageType":"DATA_MESSAGE"}').toString('base64') }, /not a complete gzip stream: incorrect header check/],
    ['gzip of something that is not JSON', { data: data('DATA_MESSAGE,') }, /does not hold JSON once gunzipped/],
    ['gzip of JSON that is not an object', { data: data('[1]') }, /not a JSON object once gunzipped/],
    ['gzip of JSON that is not a subscription payload', { data: data('{"kind":"Event"}') }, /not a CloudWatch Logs subscription payload/],
  ])('a record with %s is refused', (_name, line, message) => {
    expect(() => unwrap('cloudwatch', 'eks', line, 'kinesis')).toThrow(UnwrapError)
    expect(() => unwrap('cloudwatch', 'eks', line, 'kinesis')).toThrow(message)
  })
  it('a payload that would inflate past 64 MiB is refused, not decompressed', () => {
    const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024, 32)).toString('base64')
    expect(() => kinesisPayload({ data: bomb })).toThrow(/not a complete gzip stream/)
  })
})

describe('ruleproof generate --transport (CLI)', () => {
  const cli = () => {
    const err: string[] = []
    return { io: { stdout: () => undefined, stderr: (t: string) => void err.push(t), cwd: tmpdir(), env: {} }, err }
  }
  it.each([
    [['--format', 'cloudwatch', '--transport', 'firehose'], /--transport must be one of kinesis \(got 'firehose'\)/],
    [['--format', 'native', '--transport', 'kinesis'], /--transport kinesis carries --format cloudwatch, not native \(--format native is written as plain lines\)/],
    [['--transport', 'kinesis'], /--transport kinesis carries --format cloudwatch, not native/],
    [['--format', 'sentinel', '--transport', 'kinesis'], /--transport kinesis carries --format cloudwatch, not sentinel/],
  ])('%j is a usage error (exit 3), nothing written', async (argv, message) => {
    const dir = join(await tempDir(), 'out')
    const { io, err } = cli()
    expect(await run(['generate', '--out', dir, '--count', '10', ...argv], io)).toBe(3)
    expect(err.join('')).toMatch(message)
    await expect(readFile(join(dir, 'manifest.json'))).rejects.toThrow()
  })
  it('the library refuses a transport that does not carry the format, before touching the folder', async () => {
    const dir = join(await tempDir(), 'out')
    await expect(generateDataset(base(dir, { format: 'native', variants: ['k8s'] }))).rejects.toThrow(/transport kinesis does not carry format native/)
    await expect(readFile(join(dir, 'manifest.json'))).rejects.toThrow()
  })
})
