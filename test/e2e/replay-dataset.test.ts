/**
 * `ruleproof replay` reads every format `generate` writes, and only the files the manifest
 * vouches for: the same seed scores the same in every envelope; a folder whose files are not
 * the manifest's is refused in one line, exit 3, with no score printed.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ruleproof } from './cli.js'

const RULES = 'rules/sigma'
let root: string
const dataset = (name: string) => path.join(root, name)
const COMMON = ['--count', '400', '--seed', '11', '--attack-ratio', '0.3', '--jobs', '1', '--assume-data-actions']
const DATASETS: Record<string, string[]> = {
  native: ['--variants', 'k8s,eks,aks,gke,azure-activity'],
  gzip: ['--variants', 'k8s,eks,aks,gke,azure-activity', '--gzip'],
  'splunk-hec': ['--format', 'splunk-hec', '--variants', 'k8s,eks,aks,gke,azure-activity'],
  sentinel: ['--format', 'sentinel', '--variants', 'aks,azure-activity'],
  'sentinel-gzip': ['--format', 'sentinel', '--variants', 'aks,azure-activity', '--gzip'],
  cloudwatch: ['--format', 'cloudwatch', '--variants', 'eks'],
  'cloudwatch-kinesis': ['--format', 'cloudwatch', '--transport', 'kinesis', '--variants', 'eks'],
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-replay-formats-'))
  for (const [name, args] of Object.entries(DATASETS)) {
    const r = await ruleproof(['generate', '--out', dataset(name), ...COMMON, ...args])
    expect(r.code, r.stderr).toBe(0)
  }
}, 120_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

type Score = { rule: string; variant: string; events: number; tp: number; fp: number; tn: number; fn: number; errors: number; positives: number; note?: string }
async function scores(dir: string): Promise<Map<string, Omit<Score, 'rule' | 'variant'>>> {
  const r = await ruleproof(['replay', '--dataset', dir, '--rules', RULES, '--format', 'json'])
  expect(r.code, r.stderr).toBe(0)
  const list = (JSON.parse(r.stdout) as { scores: Score[] }).scores
  return new Map(list.map(({ rule, variant, events, tp, fp, tn, fn, errors, positives, note }) => [`${rule} on ${variant}`, { events, tp, fp, tn, fn, errors, positives, ...(note ? { note } : {}) }]))
}

describe('replay reads every format generate writes', () => {
  let native: Awaited<ReturnType<typeof scores>>
  beforeAll(async () => {
    native = await scores(dataset('native'))
  })
  it.each(Object.keys(DATASETS).filter((f) => f !== 'native'))('%s scores as the native dataset of the same seed does', async (name) => {
    const got = await scores(dataset(name))
    expect(got.size).toBeGreaterThan(0)
    for (const [key, score] of got) {
      expect(score, key).toEqual(native.get(key))
      // Never a silent zero: each rule finds the attacks of its techniques, or says the dataset has none.
      if (score.positives > 0) expect(score.tp, key).toBeGreaterThan(0)
      else expect(score.note, key).toMatch(/^no labelled events for /)
      expect(score.errors, key).toBe(0)
    }
  }, 60_000)
})

/** A copy of a dataset folder to damage. */
function copy(name: string): string {
  const to = mkdtempSync(path.join(root, `${name}-copy-`))
  for (const f of ['manifest.json', 'k8s.ndjson', 'k8s.labels.ndjson', 'aks.ndjson', 'aks.labels.ndjson']) {
    try {
      writeFileSync(path.join(to, f), readFileSync(path.join(dataset(name), f)))
    } catch {
      // not in this dataset
    }
  }
  const manifest = JSON.parse(readFileSync(path.join(to, 'manifest.json'), 'utf8'))
  for (const v of Object.keys(manifest.files)) if (!['k8s', 'aks'].includes(v)) delete manifest.files[v]
  writeFileSync(path.join(to, 'manifest.json'), JSON.stringify(manifest))
  return to
}
const editManifest = (dir: string, edit: (m: Record<string, any>) => void) => {
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
  edit(m)
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m))
}
const sha = (file: string) => `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`

describe('replay refuses files that are not the manifest\'s (exit 3, one line, no scores)', () => {
  const cases: [string, (dir: string) => void, RegExp][] = [
    ['a record edited after generate', (d) => writeFileSync(path.join(d, 'k8s.ndjson'), readFileSync(path.join(d, 'k8s.ndjson'), 'utf8').replace('"verb":"create"', '"verb":"delete"')), /k8s\.ndjson: does not match manifest\.json \(sha256 differs\)/],
    ['a truncated labels file', (d) => writeFileSync(path.join(d, 'k8s.labels.ndjson'), readFileSync(path.join(d, 'k8s.labels.ndjson')).subarray(0, 5000)), /k8s\.labels\.ndjson: does not match manifest\.json/],
    ['a stale file of an earlier run', (d) => writeFileSync(path.join(d, 'gke.ndjson'), '{}\n'), /gke\.ndjson: not in manifest\.json \(left by an earlier run\?\)/],
    ['a plain file left beside the gzip one', (d) => writeFileSync(path.join(d, 'k8s.ndjson.gz'), ''), /k8s\.ndjson\.gz: not in manifest\.json/],
    ['a manifest without digests', (d) => editManifest(d, (m) => delete m.files.k8s.digests), /files\.k8s has no sha256 digests .*generate the dataset again/],
    ['a manifest pointing outside the folder', (d) => editManifest(d, (m) => (m.files.k8s.data = '../native/k8s.ndjson')), /files\.k8s: needs data, labels \(file names in the folder\)/],
    ['a manifest whose record count is not the files\'', (d) => editManifest(d, (m) => (m.files.k8s.records += 1)), /k8s\.labels\.ndjson: 400 labels where manifest\.json lists 401 records/],
    ['an envelope the manifest does not name', (d) => editManifest(d, (m) => (m.options.format = 'sentinel')), /sentinel format has no rows for k8s|aks\.ndjson:1: not an AzureDiagnostics row/],
    ['a format replay does not know', (d) => editManifest(d, (m) => (m.options.format = 'xml')), /format "xml" is not one replay reads/],
  ]
  it('(an undamaged copy replays)', async () => {
    expect((await ruleproof(['replay', '--dataset', copy('native'), '--rules', RULES])).code).toBe(0)
  })
  it.each(cases)('%s', async (_name, damage, message) => {
    const dir = copy('native')
    damage(dir)
    const r = await ruleproof(['replay', '--dataset', dir, '--rules', RULES])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
  })

  it('a listed file that is missing is an unreadable input: exit 2, file:line:column', async () => {
    const dir = copy('native')
    rmSync(path.join(dir, 'aks.ndjson'))
    const r = await ruleproof(['replay', '--dataset', dir, '--rules', RULES])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`${path.join(dir, 'aks.ndjson')}:1:1: missing (listed in manifest.json)\n`)
    expect(r.stdout).toBe('')
  })

  it('a line that is not the named envelope is refused with its line number, even when the digests were redone', async () => {
    const dir = copy('native')
    writeFileSync(path.join(dir, 'aks.ndjson'), readFileSync(path.join(dataset('sentinel'), 'aks.ndjson')))
    writeFileSync(path.join(dir, 'aks.labels.ndjson'), readFileSync(path.join(dataset('sentinel'), 'aks.labels.ndjson')))
    editManifest(dir, (m) => {
      m.options.format = 'splunk-hec'
      delete m.files.k8s
      m.files.aks.digests = { data: sha(path.join(dir, 'aks.ndjson')), labels: sha(path.join(dir, 'aks.labels.ndjson')) }
    })
    rmSync(path.join(dir, 'k8s.ndjson'))
    rmSync(path.join(dir, 'k8s.labels.ndjson'))
    const r = await ruleproof(['replay', '--dataset', dir, '--rules', RULES])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/aks\.ndjson:1: not a Splunk HEC event \(no `event` object\) \(manifest\.json names format splunk-hec\)/)
  })
})

describe('replay refuses a damaged Kinesis record naming its file and line (exit 3), never a silent zero', () => {
  /** The kinesis dataset with line `n` of eks.ndjson rewritten and the digest redone (as an attacker or a broken copy would). */
  function damaged(n: number, edit: (record: Record<string, unknown>) => void): string {
    const to = mkdtempSync(path.join(root, 'kinesis-copy-'))
    for (const f of ['manifest.json', 'eks.ndjson', 'eks.labels.ndjson']) writeFileSync(path.join(to, f), readFileSync(path.join(dataset('cloudwatch-kinesis'), f)))
    const lines = readFileSync(path.join(to, 'eks.ndjson'), 'utf8').split('\n')
    const record = JSON.parse(lines[n - 1]!)
    edit(record)
    lines[n - 1] = JSON.stringify(record)
    writeFileSync(path.join(to, 'eks.ndjson'), lines.join('\n'))
    editManifest(to, (m) => (m.files.eks.digests.data = sha(path.join(to, 'eks.ndjson'))))
    return to
  }
  const gz = (text: string) => gzipSync(text).toString('base64')
  it.each([
    ['bad base64', (r: Record<string, unknown>) => (r.data = `*${String(r.data).slice(1)}`), /eks\.ndjson:3: Kinesis record data is not valid base64 \(manifest\.json names format cloudwatch, transport kinesis\)/],
    ['a truncated gzip stream', (r: Record<string, unknown>) => (r.data = Buffer.from(String(r.data), 'base64').subarray(0, 40).toString('base64')), /eks\.ndjson:3: Kinesis record data is not a complete gzip stream: unexpected end of file/],
    ['gzip of text that is not JSON', (r: Record<string, unknown>) => (r.data = gz('{"messageType":"DATA_MESSAGE",')), /eks\.ndjson:3: Kinesis record data does not hold JSON once gunzipped/],
    ['no data', (r: Record<string, unknown>) => delete r.data, /eks\.ndjson:3: not a Kinesis record \(no base64 `data` string\)/],
  ])('%s', async (_name, edit, message) => {
    const r = await ruleproof(['replay', '--dataset', damaged(3, edit), '--rules', RULES])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
  })
  it('a payload emptied of its events is caught by the record count', async () => {
    const r = await ruleproof(['replay', '--dataset', damaged(3, (rec) => (rec.data = gz('{"messageType":"CONTROL_MESSAGE","logEvents":[]}'))), '--rules', RULES])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/eks\.ndjson: \d+ records where manifest\.json lists 400$/m)
  })
  it.each([
    ['a transport replay does not know', 'firehose', /transport "firehose" is not one replay reads for format cloudwatch \(kinesis\)/],
  ])('%s', async (_name, transport, message) => {
    const to = damaged(1, () => undefined)
    editManifest(to, (m) => (m.options.transport = transport))
    const r = await ruleproof(['replay', '--dataset', to, '--rules', RULES])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
  })
  it('a plain dataset whose manifest claims the kinesis transport', async () => {
    const dir = copy('native')
    editManifest(dir, (m) => (m.options.transport = 'kinesis'))
    const r = await ruleproof(['replay', '--dataset', dir, '--rules', RULES])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/transport "kinesis" is not one replay reads for format native \(none: its lines are plain\)/)
  })
})
