/**
 * bench/generate.ts — dataset generation speed and memory.
 * 1. Cost per byte written of labelled k8s events (the bulk generator + codec + labels, one
 *    thread) against a trivial hand-rolled generator of audit-like records (mulberry32, one
 *    template, JSON.stringify). Target: at most 2× per byte.
 * 2. `generateDataset` (all cores) writing BENCH_GENERATE_COUNT (default 1,000,000) k8s actions:
 *    throughput and resident memory sampled along the run (constant memory = flat RSS).
 * Prints a markdown section on stdout.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { once } from 'node:events'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateDataset, renderChunk, resolveConfig } from '../src/dataset/index.js'

const SAMPLE = Number(process.env.BENCH_GENERATE_SAMPLE ?? 40_000)
const COUNT = Number(process.env.BENCH_GENERATE_COUNT ?? 1_000_000)

/** Writes strings to a file in ~1 MiB batches, honouring backpressure. */
async function sink(path: string, produce: (emit: (s: string) => void) => void): Promise<number> {
  const out = createWriteStream(path)
  let buffer: string[] = []
  let size = 0
  let bytes = 0
  const pending: string[] = []
  produce((s) => {
    buffer.push(s)
    size += s.length
    if (size >= 1 << 20) {
      pending.push(buffer.join(''))
      buffer = []
      size = 0
    }
  })
  pending.push(buffer.join(''))
  for (const chunk of pending) {
    bytes += Buffer.byteLength(chunk)
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'close')
  return bytes
}

/** The trivial generator: one fixed record shape filled from mulberry32 (ts-ecosystem.md §3). */
function trivial(n: number, emit: (s: string) => void): void {
  let a = 1
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const hex = (k: number) => Array.from({ length: k }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('')
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] as const
  const resources = ['pods', 'cronjobs', 'jobs', 'configmaps', 'secrets', 'deployments'] as const
  for (let i = 0; i < n; i++) {
    const verb = pick(verbs)
    const resource = pick(resources)
    const ns = pick(['default', 'prod', 'kube-system', 'web'])
    const name = `app-${hex(5)}`
    const t = new Date(1773446400000 + i * 40).toISOString().replace('Z', '123Z')
    const rec = {
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'RequestResponse', auditID: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      stage: 'ResponseComplete', requestURI: `/api/v1/namespaces/${ns}/${resource}/${name}`, verb,
      user: { username: pick(['alice@example.com', 'system:serviceaccount:ci:runner', 'kubernetes-admin']), groups: ['system:authenticated'] },
      sourceIPs: [`10.0.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`], userAgent: 'kubectl/v1.31.4 (linux/amd64) kubernetes/a78aa47',
      objectRef: { resource, namespace: ns, name, apiVersion: 'v1' }, responseStatus: { metadata: {}, code: verb === 'create' ? 201 : 200 },
      requestObject: verb === 'create' ? { kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: ns }, spec: { containers: [{ name: 'main', image: pick(['alpine:3.20', 'busybox:1.36', 'nginx:1.27']), command: ['/bin/sh', '-c', `echo ${hex(16)}`] }] } } : undefined,
      requestReceivedTimestamp: t, stageTimestamp: t,
      annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "edit" to User "alice"' },
    }
    emit(JSON.stringify(rec) + '\n')
    emit(JSON.stringify({ family: 'x', malicious: false, verb, resource, name }) + '\n')
  }
}

function ours(n: number, emit: (s: string) => void): void {
  const config = resolveConfig({ variants: ['k8s'], count: n, seed: 1, attackRatio: 0.05, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z' })
  for (let k = 0; k * config.chunkSize < n; k++) {
    const r = renderChunk(config, k).variants[0]!
    emit(r.data)
    emit(r.labels)
  }
}

async function timed(name: string, dir: string, fn: (n: number, emit: (s: string) => void) => void, n: number) {
  const start = performance.now()
  const bytes = await sink(join(dir, name), (emit) => fn(n, emit))
  const ms = performance.now() - start
  return { ms, bytes, nsPerByte: (ms * 1e6) / bytes, mbps: bytes / 1e6 / (ms / 1000), perSecond: n / (ms / 1000) }
}

const dir = await mkdtemp(join(tmpdir(), 'ruleproof-bench-generate-'))
try {
  // Warm both paths (JIT, faker locale) before measuring.
  await timed('warm-trivial', dir, trivial, 5_000)
  await timed('warm-ours', dir, ours, 5_000)
  // Alternate the two, three rounds each, and keep each one's best round: the machine is shared.
  const best = (a: Awaited<ReturnType<typeof timed>>, b: Awaited<ReturnType<typeof timed>>) => (b.nsPerByte < a.nsPerByte ? b : a)
  let t = await timed('trivial.ndjson', dir, trivial, SAMPLE)
  let o = await timed('ours.ndjson', dir, ours, SAMPLE)
  for (let round = 1; round < 3; round++) {
    t = best(t, await timed('trivial.ndjson', dir, trivial, SAMPLE))
    o = best(o, await timed('ours.ndjson', dir, ours, SAMPLE))
  }
  const ratio = o.nsPerByte / t.nsPerByte

  const rss: { at: number; mb: number }[] = []
  const started = performance.now()
  const out = join(dir, 'dataset')
  let nextSample = 0
  const manifest = await generateDataset({
    out, variants: ['k8s'], count: COUNT, seed: 1, attackRatio: 0.05, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z',
    onProgress: (done) => {
      if (done >= nextSample) {
        rss.push({ at: done, mb: process.memoryUsage().rss / 2 ** 20 })
        nextSample += Math.max(1, Math.floor(COUNT / 10))
      }
    },
  })
  const seconds = (performance.now() - started) / 1000
  const bytes = manifest.files.k8s!.bytes
  const lines = [
    '## generate',
    '',
    `Labelled k8s events (bulk generator + k8s codec + label line), one thread, ${SAMPLE.toLocaleString('en')} actions (best of 3 alternating rounds), against a trivial hand-rolled generator (mulberry32, one fixed record template, JSON.stringify), both written to a file:`,
    '',
    '| generator | records/s | MB/s written | ns per byte | avg bytes per action (data + label) |',
    '|---|---:|---:|---:|---:|',
    `| trivial hand-rolled | ${Math.round(t.perSecond).toLocaleString('en')} | ${t.mbps.toFixed(1)} | ${t.nsPerByte.toFixed(2)} | ${Math.round(t.bytes / SAMPLE)} |`,
    `| ruleproof bulk (k8s) | ${Math.round(o.perSecond).toLocaleString('en')} | ${o.mbps.toFixed(1)} | ${o.nsPerByte.toFixed(2)} | ${Math.round(o.bytes / SAMPLE)} |`,
    '',
    `Cost per byte: **${ratio.toFixed(2)}×** the trivial generator (target ≤ 2×)${ratio <= 2 ? '' : ' — over target on this run'}.`,
    '',
    `\`generateDataset\` with ${availableParallelism()} worker threads: ${COUNT.toLocaleString('en')} k8s actions, ${(bytes / 1e9).toFixed(2)} GB of records in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds).toLocaleString('en')} actions/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s). Resident memory along the run (MiB):`,
    '',
    `| actions written | ${rss.map((r) => r.at.toLocaleString('en')).join(' | ')} |`,
    `|---|${rss.map(() => '---:').join('|')}|`,
    `| RSS | ${rss.map((r) => r.mb.toFixed(0)).join(' | ')} |`,
    '',
    `Peak ${Math.max(...rss.map((r) => r.mb)).toFixed(0)} MiB, flat after the workers start: memory is bounded by the chunks in flight (${2 * availableParallelism()} × 1,000 actions), not by the count.`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
} finally {
  await rm(dir, { recursive: true, force: true })
}
