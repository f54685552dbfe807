/**
 * A Sentinel KQL rule against a Sigma rule of the same logic (CronJob/Job writes in the AKS
 * audit log), both over the same NDJSON file of AKS diagnostic records, read line by line and
 * evaluated one record at a time in this process, alternately; CPU time, median of the per-round
 * ratios (robust to a loaded machine). The goal: KQL at 50 % of Sigma's throughput or better. Also the cost of loading
 * Microsoft's KQL parser (only lint's kql-syntax check and a failed parse pay it).
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { spawnSync } from 'node:child_process'
import { loadKqlRuleText } from '../src/kql/index.js'
import type { LoadedRule } from '../src/model/rule.js'
import { loadSigmaText, sigmaRulesFromDocuments } from '../src/sigma/index.js'
import { getVariant } from '../src/variants/index.js'

const EVENTS = 30_000
const ROUNDS = 7
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']
const RESOURCES: [string, string][] = [['batch', 'cronjobs'], ['batch', 'jobs'], ['', 'pods'], ['apps', 'deployments'], ['', 'configmaps']]

function record(i: number): string {
  const verb = VERBS[i % VERBS.length]!
  const [group, resource] = RESOURCES[(i * 7) % RESOURCES.length]!
  const ns = `team-${i % 13}`
  const ts = new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + i * 37).toISOString().replace('Z', '123Z')
  const event = {
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `5f0c9a52-3c1e-4d6b-9a47-${String(i).padStart(12, '0')}`,
    stage: 'ResponseComplete', requestURI: `/apis/${group ? group + '/' : ''}v1/namespaces/${ns}/${resource}/obj-${i}`, verb,
    user: { username: `user${i % 50}@example.com`, groups: ['developers', 'system:authenticated'] }, sourceIPs: [`10.0.${i % 255}.${(i * 3) % 255}`],
    userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350', objectRef: { resource, namespace: ns, name: `obj-${i}`, apiGroup: group, apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: verb === 'create' ? 201 : 200 }, requestReceivedTimestamp: ts, stageTimestamp: ts,
  }
  return JSON.stringify({
    category: 'kube-audit', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
    properties: { pod: 'kube-apiserver-7d9f8c6b5-x2v4q', log: JSON.stringify(event) + '\n', stream: 'stdout' },
    resourceId: '/SUBSCRIPTIONS/6B7F9C2E-1D3A-4E5F-8A9B-0C1D2E3F4A5B/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS', time: ts,
  })
}

const SIGMA = `title: CronJob or Job written
id: 3c1b0f7e-8a1d-4c55-9f0e-2b7d6a5c4e3f
logsource:
  product: kubernetes
  service: audit
detection:
  selection:
    verb: [create, update, patch]
    objectRef.resource: [cronjobs, jobs]
  condition: selection
level: medium
`
const KQL = `id: 3c1b0f7e-8a1d-4c55-9f0e-2b7d6a5c4e3f
name: CronJob or Job written
query: |
  AzureDiagnostics
  | where Category == "kube-audit" or Category == "kube-audit-admin"
  | extend Log = parse_json(log_s)
  | where tostring(Log.verb) in~ ("create", "update", "patch")
  | where tostring(Log.objectRef.resource) in~ ("cronjobs", "jobs")
  | project TimeGenerated, User = tostring(Log.user.username)
`

/** One pass over the file: CPU time of the process (user + system), wall time, and the matches. */
async function pass(file: string, rule: LoadedRule): Promise<{ cpu: number; ms: number; matches: number }> {
  const cpu0 = process.cpuUsage()
  const started = performance.now()
  let matches = 0
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.length === 0) continue
    if ((await rule.evaluate(JSON.parse(line), 'aks')).match) matches++
  }
  const cpu = process.cpuUsage(cpu0)
  return { cpu: (cpu.user + cpu.system) / 1000, ms: performance.now() - started, matches }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-bench-kql-'))
try {
  const file = path.join(dir, 'aks.ndjson')
  writeFileSync(file, Array.from({ length: EVENTS }, (_, i) => record(i)).join('\n') + '\n')
  const mb = statSync(file).size / 2 ** 20
  const sigma = sigmaRulesFromDocuments(loadSigmaText(SIGMA, 'bench.yml').documents, {})[0]!
  const kql = loadKqlRuleText(KQL, 'bench.yaml').rules[0]!
  getVariant('aks')
  // Interleaved (Sigma, KQL, Sigma, KQL, …) so load on a shared machine hits both alike; the
  // ratio of CPU times per round, median over the rounds, is the figure the goal is in.
  const sigmaRuns: { cpu: number; ms: number; matches: number }[] = []
  const kqlRuns: { cpu: number; ms: number; matches: number }[] = []
  await pass(file, sigma)
  await pass(file, kql)
  for (let r = 0; r < ROUNDS; r++) {
    sigmaRuns.push(await pass(file, sigma))
    kqlRuns.push(await pass(file, kql))
  }
  const matches = new Set([...sigmaRuns, ...kqlRuns].map((x) => x.matches))
  if (matches.size !== 1) throw new Error(`the rules disagree: Sigma ${sigmaRuns[0]!.matches}, KQL ${kqlRuns[0]!.matches}`)
  const ratio = median(sigmaRuns.map((x, i) => x.cpu / kqlRuns[i]!.cpu))
  const sigmaMedian = { ms: median(sigmaRuns.map((x) => x.cpu)), matches: sigmaRuns[0]!.matches }
  const kqlMedian = { ms: median(kqlRuns.map((x) => x.cpu)), matches: kqlRuns[0]!.matches }
  const rate = (ms: number): string => `${Math.round(EVENTS / (ms / 1000)).toLocaleString('en-US')} records/s`
  // Microsoft's parser: a fresh process, load and first parse, then a second parse.
  const probe = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
    const t0 = performance.now(); const m = await import('./src/kql/official.ts');
    const t1 = performance.now(); m.officialSyntaxErrors('AzureDiagnostics | where Category == "kube-audit" | take 1');
    const t2 = performance.now(); m.officialSyntaxErrors('AzureDiagnostics | where Category == "x" | summarize count() by bin(TimeGenerated, 1h)');
    const t3 = performance.now(); console.log(JSON.stringify({ first: t2 - t0, second: t3 - t2 }))`], { encoding: 'utf8' })
  const parser = JSON.parse(probe.stdout.trim().split('\n').pop() ?? '{}') as { first?: number; second?: number }
  console.log(`## Sentinel KQL

A KQL rule and a Sigma rule of the same logic (CronJob/Job create/update/patch in the AKS audit
log; both match the same ${kqlMedian.matches.toLocaleString('en-US')} records) over one NDJSON file of ${EVENTS.toLocaleString('en-US')} AKS
diagnostic records (${mb.toFixed(1)} MB), read line by line and evaluated one record at a time; the
two rules alternate for ${ROUNDS} rounds (after one warm-up pass each); CPU time of the process, medians.

| rule | CPU time | throughput (CPU) | vs Sigma (median of the per-round ratios) |
| --- | ---: | ---: | ---: |
| Sigma (aks pipeline) | ${(sigmaMedian.ms / 1000).toFixed(2)} s | ${rate(sigmaMedian.ms)} | 100 % |
| Sentinel KQL (AzureDiagnostics view) | ${(kqlMedian.ms / 1000).toFixed(2)} s | ${rate(kqlMedian.ms)} | **${Math.round(100 * ratio)} %** (goal ≥ 50 %) |

Microsoft's KQL parser (\`@kusto/language-service-next\`, 31 MB on disk): loading it and the first
parse take ${parser.first ? (parser.first / 1000).toFixed(1) + ' s' : 'n/a'} in a fresh process, a later parse ${parser.second ? parser.second.toFixed(0) + ' ms' : 'n/a'}. ruleproof
therefore parses with its own parser and loads Microsoft's only for lint's \`kql-syntax\` check and
when its own parser rejects a query (to tell a real syntax error from KQL it does not read): \`test\`
and \`check\` of valid KQL rules never pay it.

How KQL got from 45–46 % to about 70 % of Sigma (this script run on both engines): a record the
query returns nothing for gets one shared verdict (no accessor defined per record, ~1.3 µs of
~8 µs), and the default \`now\` is computed only for queries that call \`ago()\`/\`now()\`. Keeping a
real's type (\`KReal\` boxes only integral reals) cost nothing measurable.`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
