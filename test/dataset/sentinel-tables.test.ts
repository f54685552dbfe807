/**
 * `generate --format sentinel` writes an AKS cluster's records in every Log Analytics table they
 * land in, one file per table named in the manifest: AzureDiagnostics (the main file), AKSAudit
 * (kube-audit: every verb) and AKSAuditAdmin (kube-audit-admin: every verb but get/list/watch).
 * `replay` reads them back and scores each KQL rule on the tables its query reads.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { generateDataset, type GenerateDatasetOptions, type Manifest } from '../../src/dataset/index.js'
import { typedRow } from '../../src/kql/tables.js'
import { KDateTime } from '../../src/kql/values.js'
import { SENTINEL_TABLES } from '../../src/variants/sentinel.js'
import { repo } from '../rules/fixtures.js'
import { sentinelRule } from '../kql/fixture.js'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ruleproof-sentinel-'))
  dirs.push(d)
  return d
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

const options = (out: string, o: Partial<GenerateDatasetOptions> = {}): GenerateDatasetOptions => ({
  out, variants: ['aks'], count: 500, seed: 7, attackRatio: 0.3, families: '*', format: 'sentinel', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1, ...o,
})
const rowsOf = async (dir: string, name: string) => (await readFile(join(dir, name), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)
const sha = async (file: string) => `sha256:${createHash('sha256').update(await readFile(file)).digest('hex')}`
const READS = new Set(['get', 'list', 'watch'])

describe('generate --format sentinel: one file per table', () => {
  let dir: string
  let manifest: Manifest
  beforeAll(async () => {
    dir = await tempDir()
    manifest = await generateDataset(options(dir))
  })

  it('the manifest names each table and its files, with counts and digests of the bytes on disk', async () => {
    const aks = manifest.files.aks!
    expect(aks).toMatchObject({ data: 'aks.ndjson', table: 'AzureDiagnostics' })
    expect(Object.keys(aks.tables ?? {})).toEqual(['AKSAudit', 'AKSAuditAdmin'])
    for (const [table, t] of Object.entries(aks.tables!)) {
      expect(t).toMatchObject({ data: `aks.${table}.ndjson`, labels: `aks.${table}.labels.ndjson` })
      expect(t.digests).toEqual({ data: await sha(join(dir, t.data)), labels: await sha(join(dir, t.labels)) })
      expect((await rowsOf(dir, t.data)).length).toBe(t.records)
      expect((await rowsOf(dir, t.labels)).length).toBe(t.records)
    }
  })

  it('AKSAudit holds every request, AKSAuditAdmin every one but get/list/watch, in the AzureDiagnostics order', async () => {
    const diagnostics = (await rowsOf(dir, 'aks.ndjson')).map((r) => JSON.parse(r.log_s as string) as { auditID: string; verb: string })
    const audit = await rowsOf(dir, 'aks.AKSAudit.ndjson')
    const admin = await rowsOf(dir, 'aks.AKSAuditAdmin.ndjson')
    expect(audit.map((r) => r.AuditId)).toEqual(diagnostics.map((e) => e.auditID))
    expect(admin.map((r) => r.AuditId)).toEqual(diagnostics.filter((e) => !READS.has(e.verb)).map((e) => e.auditID))
    expect(diagnostics.some((e) => READS.has(e.verb))).toBe(true)
    // Labels stay aligned with their own table's rows.
    const labels = await rowsOf(dir, 'aks.AKSAuditAdmin.labels.ndjson')
    const byId = new Map((await rowsOf(dir, 'aks.labels.ndjson')).map((l, i) => [diagnostics[i]!.auditID, l]))
    admin.forEach((r, i) => expect(labels[i]).toEqual(byId.get(r.AuditId as string)))
  })

  it('rows carry exactly the columns of src/variants/sentinel.ts, typed as the table reference says', async () => {
    for (const table of ['AKSAudit', 'AKSAuditAdmin'] as const) {
      const columns = SENTINEL_TABLES[table]!.columns
      for (const row of (await rowsOf(dir, `aks.${table}.ndjson`)).slice(0, 200)) {
        expect(Object.keys(row).sort()).toEqual(Object.keys(columns).sort())
        expect(row.Type).toBe(table)
        for (const col of ['TimeGenerated', 'RequestReceivedTime', 'StageReceivedTime']) expect(row[col]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/)
        const typed = typedRow(table, row)
        for (const [col, type] of Object.entries(columns)) {
          const v = typed[col]
          if (v === null) continue
          if (type === 'datetime') expect(v, col).toBeInstanceOf(KDateTime)
          else if (type === 'string') expect(typeof v, col).toBe('string')
          else if (type === 'dynamic') expect(typeof v === 'object', col).toBe(true)
        }
      }
    }
  })

  it('--aks-category kube-audit-admin changes the AzureDiagnostics rows only: the resource-specific tables still hold both categories', async () => {
    const other = await tempDir()
    const m = await generateDataset(options(other, { aksCategory: 'kube-audit-admin' }))
    expect(m.files.aks!.records).toBe(m.files.aks!.tables!.AKSAuditAdmin!.records)
    expect(m.files.aks!.tables!.AKSAudit).toEqual(manifest.files.aks!.tables!.AKSAudit)
    // And the AzureDiagnostics file of the default category is the one written before tables existed.
    expect((await rowsOf(dir, 'aks.ndjson')).every((r) => r.Category === 'kube-audit' && r.Type === 'AzureDiagnostics')).toBe(true)
  })

  it('the table files are the same bytes whatever the number of workers', async () => {
    const two = await tempDir()
    const m = await generateDataset(options(two, { jobs: 2 }))
    expect(m.files.aks!.tables).toEqual(manifest.files.aks!.tables)
    expect(await readFile(join(two, 'aks.AKSAuditAdmin.ndjson'), 'utf8')).toBe(await readFile(join(dir, 'aks.AKSAuditAdmin.ndjson'), 'utf8'))
  })

  it('azure-activity has its one table in the main file', async () => {
    const other = await tempDir()
    const m = await generateDataset(options(other, { variants: ['azure-activity'], count: 200, assumeDataActions: true }))
    expect(m.files['azure-activity']).toMatchObject({ table: 'AzureActivity' })
    expect(m.files['azure-activity']!.tables).toBeUndefined()
  })
})

const rule = (id: string, name: string, query: string): string => sentinelRule({ id, name, query })

const RULES = {
  'diagnostics.yaml': rule('00000000-0000-4000-8000-000000000001', 'CronJob created (AzureDiagnostics)', `AzureDiagnostics
| where Category in ("kube-audit", "kube-audit-admin")
| extend Log = parse_json(log_s)
| where tostring(Log.verb) == "create" and tostring(Log.objectRef.resource) == "cronjobs"`),
  'audit.yaml': rule('00000000-0000-4000-8000-000000000002', 'CronJob created (AKSAudit)', `AKSAudit
| where Verb == "create" and tostring(ObjectRef.resource) == "cronjobs"`),
  'admin.yaml': rule('00000000-0000-4000-8000-000000000003', 'CronJob created (AKSAuditAdmin)', `AKSAuditAdmin
| where Verb == "create" and ObjectRef.resource == "cronjobs"`),
}

type Score = { rule: string; variant: string; table?: string; events: number; tp: number; fp: number; tn: number; fn: number; errors: number }
async function replay(dataset: string, rules: string): Promise<{ code: number; scores: Score[]; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await run(['replay', '--dataset', dataset, '--rules', rules, '--format', 'json'], { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: tmpdir(), env: {} })
  return { code, scores: code === 0 ? (JSON.parse(out.join('')) as { scores: Score[] }).scores : [], stderr: err.join('') }
}

describe('replay of a sentinel dataset: each KQL rule on the tables it reads', () => {
  let dir: string
  let manifest: Manifest
  const rules = repo(RULES)
  beforeAll(async () => {
    dir = await tempDir()
    manifest = await generateDataset(options(dir))
  })

  it('scores the same logic the same on AzureDiagnostics, AKSAudit and AKSAuditAdmin, each on its own file', async () => {
    const { code, scores, stderr } = await replay(dir, rules)
    expect(code, stderr).toBe(0)
    const by = new Map(scores.map((s) => [s.rule, s]))
    expect(scores).toHaveLength(3)
    const diag = by.get('00000000-0000-4000-8000-000000000001')!
    const audit = by.get('00000000-0000-4000-8000-000000000002')!
    const admin = by.get('00000000-0000-4000-8000-000000000003')!
    expect(diag).toMatchObject({ variant: 'aks', events: manifest.files.aks!.records })
    expect(diag.table).toBeUndefined()
    expect(audit).toMatchObject({ variant: 'aks', table: 'AKSAudit', events: manifest.files.aks!.tables!.AKSAudit!.records })
    expect(admin).toMatchObject({ variant: 'aks', table: 'AKSAuditAdmin', events: manifest.files.aks!.tables!.AKSAuditAdmin!.records })
    expect(diag.tp).toBeGreaterThan(0)
    expect({ tp: audit.tp, fp: audit.fp, fn: audit.fn, errors: audit.errors }).toEqual({ tp: diag.tp, fp: diag.fp, fn: diag.fn, errors: 0 })
    // AKSAuditAdmin has no reads: the same creations, fewer positives (the reads of the attacks are missing).
    expect({ tp: admin.tp, fp: admin.fp, errors: admin.errors }).toEqual({ tp: diag.tp, fp: diag.fp, errors: 0 })
    expect(admin.fn).toBeLessThan(diag.fn)
  })

  it('the text report names the table a score is on', async () => {
    const out: string[] = []
    const code = await run(['replay', '--dataset', dir, '--rules', rules], { stdout: (t) => void out.push(t), stderr: () => undefined, cwd: tmpdir(), env: {} })
    expect(code).toBe(0)
    const text = out.join('')
    expect(text).toMatch(/00000000-0000-4000-8000-000000000002 +aks \(AKSAudit\) /)
    expect(text).toMatch(/00000000-0000-4000-8000-000000000003 +aks \(AKSAuditAdmin\) /)
    expect(text).toMatch(/00000000-0000-4000-8000-000000000001 +aks +\d/)
  })

  it('an edited table file, or a table file the manifest does not list, is refused', async () => {
    const edited = await tempDir()
    await generateDataset(options(edited, { count: 200 }))
    const file = join(edited, 'aks.AKSAudit.ndjson')
    await writeFile(file, (await readFile(file, 'utf8')).replace('"Verb":"create"', '"Verb":"delete"'))
    const r = await replay(edited, rules)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/aks\.AKSAudit\.ndjson: does not match manifest\.json \(sha256 differs\)/)

    const stale = await tempDir()
    await generateDataset(options(stale, { count: 200, format: 'native' }))
    await writeFile(join(stale, 'aks.AKSAudit.ndjson'), '{}\n')
    const s = await replay(stale, rules)
    expect(s.code).toBe(3)
    expect(s.stderr).toMatch(/aks\.AKSAudit\.ndjson: not in manifest\.json/)
  })

  it('a native dataset has no AKSAudit rows: a rule reading only AKSAudit is scored blind, and says so', async () => {
    const native = await tempDir()
    await generateDataset(options(native, { count: 300, format: 'native' }))
    const { code, scores } = await replay(native, rules)
    expect(code).toBe(0)
    const audit = scores.find((s) => s.rule === '00000000-0000-4000-8000-000000000002')! as Score & { note?: string; positives: number }
    expect(audit).toMatchObject({ variant: 'aks', tp: 0 })
    expect(audit.table).toBeUndefined()
    expect(audit.positives).toBeGreaterThan(0)
    expect(audit.note).toMatch(/its query reads AKSAudit, not AzureDiagnostics, .*it sees none of them/)
    expect((scores.find((s) => s.rule === '00000000-0000-4000-8000-000000000001') as { note?: string }).note).toBeUndefined()
  })

  it('a generate run over an older sentinel dataset removes its table files', async () => {
    const again = await tempDir()
    await generateDataset(options(again, { count: 100 }))
    await generateDataset(options(again, { count: 100, format: 'native' }))
    const r = await replay(again, rules)
    expect(r.code, r.stderr).toBe(0)
  })
})
