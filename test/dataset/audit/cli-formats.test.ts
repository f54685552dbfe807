/**
 * Audit of `ruleproof generate` (through `run()`) against issue 3: file layout, manifest,
 * byte-identical output for the same seed, and the SIEM envelopes the seeds read
 * (Splunk HEC `source="kubernetes"` / `_json`, Sentinel `AzureDiagnostics` rows, CloudWatch
 * subscription batches): each envelope holds exactly the native record of the same run.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- generated JSON lines

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

async function generate(args: string[]): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'ruleproof-audit-cli-'))
  dirs.push(out)
  const err: string[] = []
  const code = await run(['generate', '--out', out, ...args], { stdout: () => {}, stderr: (t: string) => void err.push(t), cwd: tmpdir(), env: {} })
  expect(err.join('')).toBe('')
  expect(code).toBe(0)
  return out
}
const text = async (dir: string, name: string) => {
  const buf = await readFile(join(dir, name))
  return name.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8')
}
const lines = async (dir: string, name: string): Promise<Obj[]> => (await text(dir, name)).split('\n').filter(Boolean).map((l) => JSON.parse(l))

const COMMON = ['--count', '1200', '--seed', '20261123', '--attack-ratio', '0.25']

describe('ruleproof generate: layout, manifest, determinism', () => {
  let native: string
  beforeAll(async () => {
    native = await generate([...COMMON, '--variants', 'k8s,eks,aks,gke,azure-activity', '--jobs', '1'])
  }, 60_000)

  it('writes DIR/<variant>.ndjson and DIR/<variant>.labels.ndjson per variant, and DIR/manifest.json', async () => {
    const files = (await readdir(native)).sort()
    expect(files).toEqual(['aks', 'azure-activity', 'eks', 'gke', 'k8s'].flatMap((v) => [`${v}.labels.ndjson`, `${v}.ndjson`]).concat('manifest.json').sort())
    const manifest = JSON.parse(await text(native, 'manifest.json'))
    expect(manifest).toMatchObject({ seed: 20261123, actions: 1200, version: expect.stringMatching(/^\d+\.\d+\.\d+/), options: { count: 1200, attackRatio: 0.25, format: 'native', variants: ['k8s', 'eks', 'aks', 'gke', 'azure-activity'] } })
    for (const v of ['k8s', 'eks', 'aks', 'gke', 'azure-activity']) {
      const data = await lines(native, `${v}.ndjson`)
      const labels = await lines(native, `${v}.labels.ndjson`)
      expect(labels.length).toBe(data.length)
      expect(manifest.files[v]).toMatchObject({ records: data.length, malicious: labels.filter((l) => l.malicious).length })
      const perFamily: Record<string, number> = {}
      for (const l of labels) perFamily[l.family] = (perFamily[l.family] ?? 0) + 1
      expect(manifest.files[v].families).toEqual(perFamily)
    }
    expect(manifest.files.k8s.records).toBe(1200)
  })

  it('labels: malicious exactly for atomic.* (ATT&CK techniques; CronJob attacks T1053.007 with their atomic id), HTTP-equivalent code also on GKE, the user as each provider renders it', async () => {
    const gke = await lines(native, 'gke.ndjson')
    const gkeLabels = await lines(native, 'gke.labels.ndjson')
    gkeLabels.forEach((l, i) => {
      expect(l.malicious).toBe(l.family.startsWith('atomic.'))
      if (l.malicious) expect(l.technique).toMatch(/^T\d{4}(\.\d{3})?(,T\d{4}(\.\d{3})?)*$/)
      else expect(l.technique).toBeNull()
      if (l.malicious && /cronjob|hostpath-job/.test(l.family)) expect(l).toMatchObject({ technique: 'T1053.007', atomic: expect.stringMatching(/^(art:[0-9a-f-]{36}|seed:[1-4]-[a-z-]+)$/) })
      else if (l.malicious && l.atomic !== null) expect(l.atomic).toMatch(/^art:[0-9a-f-]{36}$/)
      else if (!l.malicious) expect(l.atomic).toBeNull()
      // 101: exec / attach / port-forward upgraded to a stream.
      expect(l.code).toBeGreaterThanOrEqual(101)
      expect(l.code).toBeLessThan(600)
      expect(l.user).toBe(gke[i]!.protoPayload.authenticationInfo.principalEmail ?? null)
    })
    const aks = await lines(native, 'aks.ndjson')
    const aksLabels = await lines(native, 'aks.labels.ndjson')
    aksLabels.forEach((l, i) => expect(l.user).toBe(JSON.parse(aks[i]!.properties.log).user.username ?? null))
  })

  it('same seed and options give byte-identical files, whatever --jobs; another seed differs', async () => {
    const again = await generate([...COMMON, '--variants', 'k8s,eks,aks,gke,azure-activity', '--jobs', '2'])
    for (const name of await readdir(native)) expect(await text(again, name), name).toBe(await text(native, name))
    const other = await generate(['--count', '1200', '--seed', '20261124', '--attack-ratio', '0.25', '--variants', 'k8s', '--jobs', '1'])
    expect(await text(other, 'k8s.ndjson')).not.toBe(await text(native, 'k8s.ndjson'))
  })

  it('--gzip writes the same lines compressed', async () => {
    const gz = await generate([...COMMON, '--variants', 'k8s,gke', '--gzip', '--jobs', '1'])
    expect((await readdir(gz)).sort()).toEqual(['gke.labels.ndjson.gz', 'gke.ndjson.gz', 'k8s.labels.ndjson.gz', 'k8s.ndjson.gz', 'manifest.json'])
    for (const name of ['k8s.ndjson', 'k8s.labels.ndjson', 'gke.ndjson']) expect(await text(gz, `${name}.gz`)).toBe(await text(native, name))
  })

  it('--assume-data-actions adds the labelled hypothetical Activity records', async () => {
    const assumed = await generate([...COMMON, '--variants', 'k8s,azure-activity', '--assume-data-actions', '--jobs', '1'])
    const records = await lines(assumed, 'azure-activity.ndjson')
    const real = await lines(native, 'azure-activity.ndjson')
    expect(records.length).toBeGreaterThan(real.length)
    for (const r of records) {
      if (/RUNCOMMAND\/ACTION$/.test(r.operationName)) expect(r.properties).not.toHaveProperty('ruleproof')
      else {
        expect(r.operationName).toMatch(/^MICROSOFT\.(CONTAINERSERVICE\/MANAGEDCLUSTERS|KUBERNETES\/CONNECTEDCLUSTERS)\/[A-Z0-9./]+\/(READ|WRITE|DELETE|ACTION)$/)
        expect(r.properties.ruleproof).toMatchObject({ assumed: true })
      }
    }
  })

  it('--families restricts what is generated', async () => {
    const only = await generate(['--count', '300', '--seed', '5', '--variants', 'k8s', '--families', 'atomic.docker-socket-cronjob', '--attack-ratio', '1', '--jobs', '1'])
    for (const l of await lines(only, 'k8s.labels.ndjson')) expect(l.family).toMatch(/^atomic\.docker-socket-cronjob(\.(job|status|pod|denied))?$/)
  })

  describe('SIEM envelopes hold the native record of the same seed', () => {
    it('splunk-hec: {time, host, source, sourcetype, event: <native record>}: k8s source kubernetes, sourcetype _json (Splunk seed: kube_audit = source="kubernetes"); eks aws:cloudwatchlogs', async () => {
      const hec = await generate([...COMMON, '--variants', 'k8s,eks', '--format', 'splunk-hec', '--jobs', '1'])
      for (const v of ['k8s', 'eks']) {
        const wrapped = await lines(hec, `${v}.ndjson`)
        const records = await lines(native, `${v}.ndjson`)
        expect(wrapped.length).toBe(records.length)
        wrapped.forEach((w, i) => {
          expect(Object.keys(w)).toEqual(expect.arrayContaining(['time', 'source', 'sourcetype', 'event']))
          // Each variant's collection path (docs/variants.md, "Splunk"): EKS through the Splunk Add-on for AWS.
          if (v === 'k8s') expect(w).toMatchObject({ source: 'kubernetes', sourcetype: '_json' })
          else expect(w).toMatchObject({ source: expect.stringMatching(/^[a-z0-9-]+:\/aws\/eks\/[^/]+\/cluster:kube-apiserver-audit$/), sourcetype: 'aws:cloudwatchlogs' })
          expect(w.event).toEqual(records[i])
          const ts: string = records[i]!.stageTimestamp
          expect(w.time).toBeCloseTo(Date.parse(`${ts.slice(0, 19)}Z`) / 1000 + Number(`0.${ts.slice(20, 26)}`), 5)
        })
        expect(await text(hec, `${v}.labels.ndjson`)).toBe(await text(native, `${v}.labels.ndjson`))
      }
    })

    it('sentinel: AzureDiagnostics rows with the §3.4 columns; log_s is the Event the KQL seed parse_json()s', async () => {
      const sentinel = await generate([...COMMON, '--variants', 'aks', '--format', 'sentinel', '--jobs', '1'])
      const rows = await lines(sentinel, 'aks.ndjson')
      const records = await lines(native, 'aks.ndjson')
      expect(rows.length).toBe(records.length)
      rows.forEach((row, i) => {
        const r = records[i]!
        expect(row).toMatchObject({
          Category: r.category,
          OperationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
          log_s: r.properties.log,
          pod_s: r.properties.pod,
          stream_s: 'stdout',
          containerID_s: r.properties.containerID,
          ResourceId: r.resourceId,
          ResourceType: 'MANAGEDCLUSTERS',
          ResourceProvider: 'MICROSOFT.CONTAINERSERVICE',
          SourceSystem: 'Azure',
          Type: 'AzureDiagnostics',
          _ResourceId: r.resourceId.toLowerCase(),
        })
        expect(row.Resource).toBe(r.resourceId.split('/').at(-1))
        expect(row.ResourceGroup).toBe(r.resourceId.split('/')[4])
        expect(row.SubscriptionId).toBe(r.resourceId.split('/')[2].toLowerCase())
        expect(row.TenantId).toMatch(/^[0-9a-f-]{36}$/)
        expect(row.TimeGenerated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/)
        expect(row.TimeGenerated.slice(0, 27)).toBe(r.time.slice(0, 27))
        // What the Sentinel KQL seed reads after parse_json(log_s).
        const audit = JSON.parse(row.log_s)
        for (const f of ['verb', 'objectRef', 'user', 'userAgent', 'sourceIPs']) expect(audit).toHaveProperty(f)
      })
    })

    it('cloudwatch: one subscription payload per line whose single log event message is the native EKS record', async () => {
      const cw = await generate([...COMMON, '--variants', 'eks', '--format', 'cloudwatch', '--jobs', '1'])
      const payloads = await lines(cw, 'eks.ndjson')
      const records = await lines(native, 'eks.ndjson')
      expect(payloads.length).toBe(records.length)
      const manifest = JSON.parse(await text(native, 'manifest.json'))
      const ctx = manifest.contexts.eks
      payloads.forEach((p, i) => {
        expect(p).toMatchObject({ messageType: 'DATA_MESSAGE', owner: ctx.accountId, logGroup: `/aws/eks/${ctx.clusterName}/cluster` })
        expect(p.owner).toMatch(/^\d{12}$/)
        expect(p.logStream).toMatch(/^kube-apiserver-audit-[0-9a-f]{32}$/)
        expect(p.logEvents).toHaveLength(1)
        expect(p.logEvents[0].id).toMatch(/^\d{56}$/)
        expect(p.logEvents[0].timestamp).toBe(Math.floor(Date.parse(records[i]!.stageTimestamp)))
        expect(p.logEvents[0].message).toBe(JSON.stringify(records[i]))
      })
      expect(new Set(payloads.map((p) => p.logEvents[0].id)).size).toBe(payloads.length)
    })

    it('a format a variant has no envelope for is a usage error', async () => {
      const err: string[] = []
      expect(await run(['generate', '--out', join(tmpdir(), 'never'), '--format', 'sentinel', '--variants', 'gke'], { stdout: () => {}, stderr: (t: string) => void err.push(t), cwd: tmpdir(), env: {} })).toBe(3)
      expect(err.join('')).toMatch(/sentinel/)
    })
  })
})
