/**
 * Splunk SPL engine: a detection search over NDJSON audit events against a Sigma rule of the same
 * logic over the same lines (the target: at least 50 %), both from the text line (JSON.parse
 * included) and streamed, one line at a time; and parsing every search of the security_content
 * corpus (target: under 1 s). The runs alternate (Sigma, SPL, seed, Sigma, …) and each figure is the
 * median CPU time of its rounds, so a loaded machine skews the ratio less than it does the times.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import path from 'node:path'
import { compileDetection } from '../src/sigma/compile/index.js'
import { runPipeline } from '../src/spl/evaluate.js'
import { macrosFor } from '../src/spl/files.js'
import { loadSplRuleText } from '../src/spl/index.js'
import { loadSplunkDetection } from '../src/spl/load.js'
import { expandMacros } from '../src/spl/macros.js'
import { parseSpl } from '../src/spl/parser.js'
import { hecToEvent } from '../src/spl/views.js'
import type { LazyEvent } from '../src/spl/values.js'

const EVENTS = 50_000
const ROUNDS = 9
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']
const RESOURCES = ['cronjobs', 'jobs', 'pods', 'deployments', 'configmaps']

function line(i: number): string {
  const verb = VERBS[i % VERBS.length]!
  const resource = RESOURCES[(i * 7) % RESOURCES.length]!
  const ts = new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + i * 37).toISOString()
  return JSON.stringify({
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'RequestResponse', auditID: `a-${i}`, stage: 'ResponseComplete',
    requestURI: `/apis/batch/v1/namespaces/team-${i % 13}/${resource}`, verb,
    user: { username: `user${i % 50}@example.com`, groups: ['developers', 'system:authenticated'] },
    sourceIPs: [`10.0.${i % 255}.${(i * 3) % 255}`], userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
    objectRef: { resource, namespace: `team-${i % 13}`, name: `obj-${i}`, apiGroup: 'batch', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: verb === 'create' ? 201 : 200 },
    requestObject: resource === 'cronjobs' ? { kind: 'CronJob', spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'alpine:3.19' }] } } } } } } : undefined,
    requestReceivedTimestamp: ts, stageTimestamp: ts,
  })
}

const lines = Array.from({ length: EVENTS }, (_, i) => line(i))
const loadAtStart = loadavg()[0]!

/** CPU milliseconds of this thread's process (user + system): less skewed by other processes than wall time. */
function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Runs the cases in turn, round after round, and gives each one's median time and its last result. */
function interleaved<K extends string>(cases: Record<K, () => number>): Record<K, { ms: number; out: number }> {
  const names = Object.keys(cases) as K[]
  const times = new Map<K, number[]>(names.map((n) => [n, []]))
  const outs = new Map<K, number>()
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of names) {
      const t = cpuMs()
      outs.set(name, cases[name]())
      times.get(name)!.push(cpuMs() - t)
    }
  }
  return Object.fromEntries(names.map((n) => [n, { ms: median(times.get(n)!), out: outs.get(n)! }])) as Record<K, { ms: number; out: number }>
}

const sigma = compileDetection({ selection: { verb: 'create', 'objectRef.resource': 'cronjobs' }, condition: 'selection' })
/** The lines as Splunk indexes them, parsed one at a time as the search reads them (the engine keeps only what its first search keeps). */
const events: Iterable<LazyEvent> = {
  *[Symbol.iterator]() {
    for (const l of lines) yield hecToEvent({ time: 0, source: 'kubernetes', sourcetype: '_json', event: JSON.parse(l) }, l)
  },
}
const simple = parseSpl('source=kubernetes verb=create "objectRef.resource"=cronjobs')
const seed = parseSpl('source="kubernetes" verb=create "objectRef.resource"=cronjobs | fillnull | stats count values(user.groups{}) as user_groups by kind objectRef.name objectRef.namespace objectRef.resource requestObject.kind requestObject.spec.schedule requestObject.spec.jobTemplate.spec.template.spec.containers{}.image responseStatus.code sourceIPs{} stage user.username userAgent verb | rename sourceIPs{} as src_ip, user.username as user | search *')

// The seed detection as replay scores it: its whole search over each record alone, through the rule's matcher.
const seedFile = path.resolve(import.meta.dirname, '../rules/splunk/detections/cloud/kubernetes_cron_job_creation.yml')
const seedRule = loadSplRuleText(readFileSync(seedFile, 'utf8'), seedFile).rules[0]!
const perRecord = seedRule.matcher!('k8s')

const { sigma: s, simple: a, seed: b, record: c } = interleaved({
  sigma: () => lines.reduce((n, l) => n + (sigma.match(JSON.parse(l)) ? 1 : 0), 0),
  simple: () => runPipeline(simple, { events, now: 2e9 }).length,
  seed: () => runPipeline(seed, { events, now: 2e9 }).length,
  record: () => lines.reduce((n, l) => n + (perRecord(JSON.parse(l)) ? 1 : 0), 0),
})
const rate = (ms: number): string => Math.round((EVENTS / ms) * 1000).toLocaleString('en-US')
const out: string[] = [
  '## spl',
  '',
  `Splunk SPL engine over ${EVENTS.toLocaleString('en-US')} NDJSON audit events (JSON.parse, Splunk's search-time JSON extraction, the search; streamed line by line), against the Sigma engine on the same lines with the same logic (verb=create, objectRef.resource=cronjobs); median CPU time of ${ROUNDS} interleaved rounds. The issue's goal: **SPL at ≥ 50 % of Sigma's throughput; here ${((100 * s.ms) / a.ms).toFixed(0)} %** (the seed search: ${((100 * s.ms) / b.ms).toFixed(0)} %).`,
  '',
  '| run | time | events/s | results | vs Sigma |',
  '| --- | ---: | ---: | ---: | ---: |',
  `| Sigma: verb + resource | ${s.ms.toFixed(0)} ms | ${rate(s.ms)} | ${s.out} matches | 100 % |`,
  `| SPL: the same terms | ${a.ms.toFixed(0)} ms | ${rate(a.ms)} | ${a.out} events | ${((100 * s.ms) / a.ms).toFixed(0)} % |`,
  `| SPL: the seed search (fillnull, stats by 14 fields, rename) | ${b.ms.toFixed(0)} ms | ${rate(b.ms)} | ${b.out} rows | ${((100 * s.ms) / b.ms).toFixed(0)} % |`,
  `| SPL: the seed detection per record, as replay scores it | ${c.ms.toFixed(0)} ms | ${rate(c.ms)} | ${c.out} matches | ${((100 * s.ms) / c.ms).toFixed(0)} % |`,
  '',
  `Load average ${loadAtStart.toFixed(1)} on ${cpus().length} cores when the run started${loadAtStart > cpus().length / 2 ? ' (a loaded machine: the ratios, from rounds interleaved in one process, hold better than the times)' : ''}.`,
]

const corpus = path.resolve(import.meta.dirname, '../../shared/corpus/splunk-security-content/detections')
const root = process.env.RULEPROOF_CORPUS ? path.join(process.env.RULEPROOF_CORPUS, 'splunk-security-content/detections') : corpus
if (existsSync(root)) {
  const files: string[] = []
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name)
      if (e.isDirectory()) walk(f)
      else if (e.name.endsWith('.yml')) files.push(f)
    }
  }
  walk(root)
  const searches = files.flatMap((f) => {
    const src = loadSplunkDetection(readFileSync(f, 'utf8'), f, [])
    return src ? [{ search: src.search, macros: macrosFor(f).macros }] : []
  })
  const p = interleaved({ parse: () => {
    let parsed = 0
    for (const x of searches) {
      try {
        parseSpl(expandMacros(x.search, x.macros).text)
        parsed++
      } catch {
        // unsupported or unknown macro: counted apart
      }
    }
    return parsed
  } }).parse
  out.push('', `Parsing every search of the security_content corpus (${searches.length} detections, macros expanded): **${p.ms.toFixed(0)} ms** CPU (${p.out} parse whole; the rest stop at a located unsupported command or macro); median of ${ROUNDS}.`)
}
console.log(out.join('\n'))
