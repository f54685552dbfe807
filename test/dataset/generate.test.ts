/**
 * `generateDataset` and `ruleproof generate` end to end on small N: file layout, label
 * alignment, manifest, byte-identical output for the same seed whatever the number of workers,
 * gzip, SIEM envelopes, and an interrupted run leaving nothing that looks complete.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { generateDataset, type GenerateDatasetOptions } from '../../src/dataset/index.js'
import { run } from '../../src/cli/main.js'
import { getVariant, validateRecord } from '../../src/variants/index.js'
import type { VariantId } from '../../src/model/variant.js'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ruleproof-generate-'))
  dirs.push(d)
  return d
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

const ALL: VariantId[] = ['k8s', 'eks', 'aks', 'gke', 'azure-activity']
const base = (out: string, o: Partial<GenerateDatasetOptions> = {}): GenerateDatasetOptions => ({
  out, variants: ALL, count: 1500, seed: 42, attackRatio: 0.2, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1, ...o,
})
const lines = (text: string) => text.split('\n').filter(Boolean)
const read = (dir: string, name: string) => readFile(join(dir, name), 'utf8')

describe('generateDataset', () => {
  let first: string
  it('writes aligned data and label files per variant and a manifest', async () => {
    first = await tempDir()
    const manifest = await generateDataset(base(first))
    const files = (await readdir(first)).sort()
    expect(files).toEqual([...ALL.flatMap((v) => [`${v}.labels.ndjson`, `${v}.ndjson`]), 'manifest.json'].sort())
    expect(manifest).toMatchObject({ tool: 'ruleproof', command: 'generate', seed: 42, actions: 1500, options: { count: 1500, variants: ALL, format: 'native' } })
    expect(JSON.parse(await read(first, 'manifest.json'))).toEqual(JSON.parse(JSON.stringify(manifest)))
    for (const v of ALL) {
      const data = lines(await read(first, `${v}.ndjson`))
      const labels = lines(await read(first, `${v}.labels.ndjson`)).map((l) => JSON.parse(l))
      expect(data.length).toBe(labels.length)
      expect(manifest.files[v]).toMatchObject({ records: data.length, malicious: labels.filter((l) => l.malicious).length })
      if (v === 'azure-activity') continue
      // Real logs: every action is recorded by the audit variants.
      expect(data.length).toBe(1500)
      data.forEach((line, i) => {
        const raw = JSON.parse(line)
        expect(validateRecord(v, raw)).toEqual([])
        const { event } = getVariant(v).decode(raw)
        const l = labels[i]
        expect(Object.keys(l)).toEqual(['family', 'malicious', 'technique', 'atomic', 'verb', 'resource', 'subresource', 'namespace', 'name', 'user', 'code'])
        expect(l.verb).toBe(event.verb)
        expect(l.resource).toBe(event.objectRef?.resource ?? null)
        if (v !== 'gke') expect(l.user).toBe(event.user.username ?? null)
        expect(l.malicious).toBe(l.family.startsWith('atomic.'))
        if (l.malicious) expect(l.technique).toMatch(/^T\d{4}/)
        else expect(l.technique).toBeNull()
      })
    }
  })

  it('azure-activity records only az aks command invoke traces, unless data actions are assumed', async () => {
    const traces = lines(await read(first, 'azure-activity.ndjson')).map((l) => JSON.parse(l))
    expect(traces.length).toBeLessThan(150)
    for (const r of traces) expect(r.operationName).toBe('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/RUNCOMMAND/ACTION')
    const dir = await tempDir()
    const m = await generateDataset(base(dir, { variants: ['azure-activity'], assumeDataActions: true, count: 300 }))
    const data = lines(await read(dir, 'azure-activity.ndjson')).map((l) => JSON.parse(l))
    expect(data.length).toBe(m.files['azure-activity']!.records)
    expect(data.length).toBeGreaterThan(0)
    for (const r of data) expect(r.operationName).toMatch(/^MICROSOFT\.CONTAINERSERVICE\/MANAGEDCLUSTERS\//)
  })

  it('same seed and options give byte-identical files with 1 or 2 workers; another seed differs', async () => {
    const two = await tempDir()
    await generateDataset(base(two, { jobs: 2 }))
    for (const f of await readdir(first)) expect(await read(two, f), f).toBe(await read(first, f))
    const other = await tempDir()
    await generateDataset(base(other, { seed: 43, variants: ['k8s'] }))
    expect(await read(other, 'k8s.ndjson')).not.toBe(await read(first, 'k8s.ndjson'))
  })

  it('--gzip writes the same bytes compressed', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { gzip: true, variants: ['k8s', 'eks'] }))
    expect((await readdir(dir)).sort()).toEqual(['eks.labels.ndjson.gz', 'eks.ndjson.gz', 'k8s.labels.ndjson.gz', 'k8s.ndjson.gz', 'manifest.json'])
    for (const f of ['k8s.ndjson', 'eks.labels.ndjson']) expect(gunzipSync(await readFile(join(dir, `${f}.gz`))).toString('utf8')).toBe(await read(first, f))
  })

  it('kube-audit-admin drops reads; GKE without Data Access drops reads and status writes', async () => {
    const dir = await tempDir()
    const m = await generateDataset(base(dir, { variants: ['aks', 'gke', 'k8s'], count: 600, aksCategory: 'kube-audit-admin', gkeDataAccess: false }))
    expect(m.files.aks!.records).toBeLessThan(m.files.k8s!.records)
    expect(m.files.gke!.records).toBeLessThan(m.files.k8s!.records)
    for (const l of lines(await read(dir, 'aks.labels.ndjson'))) expect(['get', 'list', 'watch']).not.toContain(JSON.parse(l).verb)
    for (const l of lines(await read(dir, 'aks.ndjson'))) expect(JSON.parse(l).category).toBe('kube-audit-admin')
    expect(m.options).toMatchObject({ aksCategory: 'kube-audit-admin', gkeDataAccess: false })
  })

  it('attack ratio 0 gives no malicious label; families select what is generated', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { attackRatio: 0, variants: ['k8s'], count: 500 }))
    expect(lines(await read(dir, 'k8s.labels.ndjson')).some((l) => JSON.parse(l).malicious)).toBe(false)
    const only = await tempDir()
    await generateDataset(base(only, { families: 'atomic.privileged-*', variants: ['k8s'], count: 200 }))
    for (const l of lines(await read(only, 'k8s.labels.ndjson'))) expect(JSON.parse(l).family).toMatch(/^atomic\.privileged-hostpath-job(\.pod|\.denied)?$/)
  })

  it('an interrupted run removes its partial files and writes no manifest', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { variants: ['k8s'], count: 100 }))
    const controller = new AbortController()
    await expect(
      generateDataset(base(dir, { variants: ['k8s', 'gke'], count: 5000, signal: controller.signal, onProgress: () => controller.abort(new Error('interrupted')) })),
    ).rejects.toThrow('interrupted')
    const files = await readdir(dir)
    expect(files.filter((f) => f.includes('.partial'))).toEqual([])
    expect(files).not.toContain('manifest.json')
    expect(files).not.toContain('gke.ndjson')
  })
})

describe('SIEM envelopes', () => {
  it('splunk-hec: source kubernetes, sourcetype _json, the record as event', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { format: 'splunk-hec', variants: ['k8s'], count: 50 }))
    for (const l of lines(await read(dir, 'k8s.ndjson'))) {
      const hec = JSON.parse(l)
      expect(hec).toMatchObject({ source: 'kubernetes', sourcetype: '_json', event: { kind: 'Event', apiVersion: 'audit.k8s.io/v1' } })
      expect(hec.time).toBeCloseTo(Date.parse(hec.event.stageTimestamp) / 1000, 2)
    }
  })
  it('sentinel: AzureDiagnostics rows whose log_s is the audit event (what the KQL seed parses)', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { format: 'sentinel', variants: ['aks'], count: 50 }))
    for (const l of lines(await read(dir, 'aks.ndjson'))) {
      const row = JSON.parse(l)
      expect(row).toMatchObject({ Category: 'kube-audit', Type: 'AzureDiagnostics', ResourceType: 'MANAGEDCLUSTERS', ResourceProvider: 'MICROSOFT.CONTAINERSERVICE', OperationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read' })
      expect(row.TimeGenerated).toMatch(/\.\d{7}Z$/)
      expect(JSON.parse(row.log_s)).toMatchObject({ kind: 'Event', verb: expect.any(String) })
    }
  })
  it('sentinel: AzureActivity rows carry the legacy columns Microsoft\'s own queries use beside the *Value ones', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { format: 'sentinel', variants: ['azure-activity'], count: 3000, families: 'atomic.*-cronjob', attackRatio: 1 }))
    const rows = lines(await read(dir, 'azure-activity.ndjson')).map((l) => JSON.parse(l))
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row).toMatchObject({ Type: 'AzureActivity', ResourceProvider: 'MICROSOFT.CONTAINERSERVICE', ResourceProviderValue: 'MICROSOFT.CONTAINERSERVICE', Category: 'Administrative', CategoryValue: 'Administrative' })
      expect(row.OperationName.toUpperCase()).toBe(row.OperationNameValue)
      expect({ Success: 'Succeeded', Failure: 'Failed' }[row.ActivityStatusValue as string]).toBe(row.ActivityStatus)
      // The dynamic columns also as strings, as the legacy schema had them.
      expect(typeof row.Properties).toBe('string')
      expect(JSON.parse(row.Properties)).toEqual(row.Properties_d)
      expect(JSON.parse(row.Authorization)).toEqual(row.Authorization_d)
      expect(row.ResourceId.toUpperCase()).toBe(row.ResourceId)
    }
  })
  it('cloudwatch: EKS subscription payloads, one log event per line', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { format: 'cloudwatch', variants: ['eks'], count: 50 }))
    for (const l of lines(await read(dir, 'eks.ndjson'))) {
      const p = JSON.parse(l)
      expect(p).toMatchObject({ messageType: 'DATA_MESSAGE', logGroup: expect.stringMatching(/^\/aws\/eks\/.+\/cluster$/), logStream: expect.stringMatching(/^kube-apiserver-audit-[0-9a-f]{32}$/) })
      expect(p.logEvents).toHaveLength(1)
      expect(JSON.parse(p.logEvents[0].message).kind).toBe('Event')
    }
  })
})

describe('ruleproof generate (CLI)', () => {
  const io = () => {
    const out: string[] = []
    const err: string[] = []
    return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd: tmpdir(), env: {} }, out, err }
  }
  it('writes the dataset and reports counts', async () => {
    const dir = await tempDir()
    const { io: cli, out } = io()
    expect(await run(['generate', '--out', dir, '--variants', 'k8s,aks', '--count', '120', '--seed', '5', '--jobs', '1'], cli)).toBe(0)
    expect(out.join('')).toMatch(/120 actions, seed 5/)
    expect((await readdir(dir)).sort()).toEqual(['aks.labels.ndjson', 'aks.ndjson', 'k8s.labels.ndjson', 'k8s.ndjson', 'manifest.json'])
  })
  it('draws progress on stderr when on a terminal, and none in-process', async () => {
    const tty = io()
    expect(await run(['generate', '--out', await tempDir(), '--variants', 'k8s', '--count', '2500', '--jobs', '1'], { ...tty.io, progress: 'tty' })).toBe(0)
    expect(tty.err.join('')).toMatch(/^\r\x1b\[2Kruleproof generate: \d+\/2500 actions \(\d+%\), [\d.]+\/s, (ETA \S+|done)/)
    expect(tty.err.join('')).toMatch(/2500\/2500 actions \(100%\), [\d.]+\/s, done\n$/)
    const pipe = io()
    expect(await run(['generate', '--out', await tempDir(), '--variants', 'k8s', '--count', '100', '--jobs', '1'], pipe.io)).toBe(0)
    expect(pipe.err.join('')).toBe('')
  })
  it.each([
    [['generate'], /--out DIR is required/],
    [['generate', '--out', 'x', '--variants', 'k8s,foo'], /unknown variant 'foo'/],
    [['generate', '--out', 'x', '--format', 'xml'], /--format must be one of/],
    [['generate', '--out', 'x', '--format', 'cloudwatch', '--variants', 'gke'], /cloudwatch applies to eks, not gke/],
    [['generate', '--out', 'x', '--count', '3k'], /--count must be a whole number/],
    [['generate', '--out', 'x', '--attack-ratio', '1.5'], /--attack-ratio must be a number between 0 and 1/],
    [['generate', '--out', 'x', '--families', 'nope.*', '--count', '1'], /no family matches 'nope\.\*'/],
  ])('%j is a usage error', async (argv, message) => {
    const { io: cli, err } = io()
    expect(await run(argv, cli)).toBe(3)
    expect(err.join('')).toMatch(message)
  })
})
