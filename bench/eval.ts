/**
 * `ruleproof eval --count` throughput against a bare readline + JSON.parse loop over the same
 * NDJSON file of Kubernetes audit events (the issue's target: at least 70 %). Both run in this
 * process, alternately, best of several rounds.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { run } from '../src/cli/main.js'

const EVENTS = 100_000
const ROUNDS = 5
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']
const RESOURCES: [string, string][] = [['batch', 'cronjobs'], ['batch', 'jobs'], ['', 'pods'], ['apps', 'deployments'], ['', 'configmaps']]

/** A deterministic stream of plausible audit events (about 1 KB each). */
function event(i: number): string {
  const verb = VERBS[i % VERBS.length] as string
  const [group, resource] = RESOURCES[(i * 7) % RESOURCES.length] as [string, string]
  const ns = `team-${i % 13}`
  const name = `obj-${i}`
  const ts = new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + i * 37).toISOString().replace('Z', '123Z')
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: `5f0c9a52-3c1e-4d6b-9a47-${String(i).padStart(12, '0')}`,
    stage: 'ResponseComplete',
    requestURI: `/apis/${group ? group + '/' : ''}v1/namespaces/${ns}/${resource}/${name}`,
    verb,
    user: { username: `user${i % 50}@example.com`, groups: ['developers', 'system:authenticated'] },
    sourceIPs: [`10.0.${i % 255}.${(i * 3) % 255}`],
    userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
    objectRef: { resource, namespace: ns, name, apiGroup: group, apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: verb === 'create' ? 201 : 200 },
    requestReceivedTimestamp: ts,
    stageTimestamp: ts,
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': `RBAC: allowed by ClusterRoleBinding "dev-edit" of ClusterRole "edit" to Group "developers"`,
    },
  })
}

async function bare(file: string): Promise<number> {
  let n = 0
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  lines.on('line', (line) => {
    if (line.length === 0) return
    JSON.parse(line)
    n++
  })
  await new Promise((r) => lines.once('close', r))
  return n
}

async function evalCount(file: string, rule: string): Promise<string> {
  let out = ''
  const code = await run(['eval', '--rule', rule, '--events', file, '--count'], {
    stdout: (t) => (out += t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  })
  if (code !== 0) throw new Error(`eval exited ${code}`)
  return out.trim()
}

const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-bench-eval-'))
try {
  const file = path.join(dir, 'events.ndjson')
  const parts: string[] = []
  for (let i = 0; i < EVENTS; i++) parts.push(event(i))
  writeFileSync(file, parts.join('\n') + '\n')
  const mb = statSync(file).size / 2 ** 20
  const rule = 'rules/sigma/kubernetes_audit_cronjob_modification.yml'

  let bestBare = Infinity
  let bestEval = Infinity
  let result = ''
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now()
    await bare(file)
    bestBare = Math.min(bestBare, performance.now() - t)
    t = performance.now()
    result = await evalCount(file, rule)
    bestEval = Math.min(bestEval, performance.now() - t)
  }
  const rate = (ms: number) => Math.round(EVENTS / (ms / 1000)).toLocaleString('en-US')
  const ratio = (bestBare / bestEval) * 100

  // Correlation rules over the same stream: one that fires at once, one judged on closed windows
  // (its lines are held until the window is decided).
  const correlated: { label: string; ms: number; result: string }[] = []
  for (const [label, type, condition] of [
    ['event_count gte (fires at once)', 'event_count', '{gte: 5}'],
    ['value_count lt (closed windows)', 'value_count', '{field: objectRef.name, lt: 3}'],
  ] as const) {
    const ruleFile = path.join(dir, `${type}.yml`)
    writeFileSync(
      ruleFile,
      `title: Writes\nname: writes\nlogsource: {product: kubernetes, service: audit}\ndetection:\n    selection: {verb: create}\n    condition: selection\n---\n` +
        `title: Correlated writes\nname: correlated_writes\ncorrelation:\n    type: ${type}\n    rules: [writes]\n    group-by: [user.username]\n    timespan: 10m\n    condition: ${condition}\n`,
    )
    let best = Infinity
    let out = ''
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now()
      out = await evalCount(file, ruleFile)
      best = Math.min(best, performance.now() - t)
    }
    correlated.push({ label, ms: best, result: out })
  }
  console.log(`## eval

\`ruleproof eval --count\` (in process, rule \`${rule}\`) against a bare readline + JSON.parse loop
over the same NDJSON file: ${EVENTS.toLocaleString('en-US')} Kubernetes audit events, ${mb.toFixed(0)} MiB;
best of ${ROUNDS} alternating rounds. Target: eval ≥ 70 % of the bare loop's throughput.

| run | time | events/s |
| --- | ---: | ---: |
| bare readline + JSON.parse | ${bestBare.toFixed(0)} ms | ${rate(bestBare)} |
| ruleproof eval --count | ${bestEval.toFixed(0)} ms | ${rate(bestEval)} |

eval runs at **${ratio.toFixed(0)} %** of the bare loop (output: \`${result}\`).

With a correlation rule in the file (base rule \`verb: create\`, group-by \`user.username\`, timespan 10m):

| correlation | time | events/s | output |
| --- | ---: | ---: | --- |
${correlated.map((c) => `| ${c.label} | ${c.ms.toFixed(0)} ms | ${rate(c.ms)} | \`${c.result}\` |`).join('\n')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
