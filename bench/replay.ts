/**
 * `ruleproof replay` at corpus scale: every active SigmaHQ rule (../shared/corpus/sigmahq rules folders)
 * scored over a generated NDJSON dataset of Kubernetes audit events, against the bare readline +
 * JSON.parse loop over the same events file (issue #15's goal: at least 70 % of its events/s on
 * one core). Rules are routed by variant first: only those whose logsource reads `k8s` see a
 * record. Best of several rounds, in this process; heap after each size to show it stays flat.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { scoreVariant } from '../src/cli/commands/replay.js'
import { generateDataset } from '../src/dataset/index.js'
import { loadRuleSet } from '../src/rules/index.js'

const ROUNDS = 3
const SIZES = [20_000, 60_000]
// ../shared next to the checkout, as bench/lint.ts finds it; RULEPROOF_SIGMAHQ points elsewhere (a worktree).
const sigmahq = process.env['RULEPROOF_SIGMAHQ'] ?? path.resolve(import.meta.dirname, '../../shared/corpus/sigmahq')
// The active rule folders, as bench/lint.ts counts them.
const dirs = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-placeholder'].map((d) => path.join(sigmahq, d)).filter(existsSync)

async function parseLoop(file: string): Promise<number> {
  let n = 0
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    JSON.parse(line)
    n++
  }
  return n
}

async function best(f: () => Promise<unknown>): Promise<number> {
  let ms = Infinity
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now()
    await f()
    ms = Math.min(ms, performance.now() - t)
  }
  return ms
}

if (!existsSync(sigmahq)) {
  console.log('## replay\n\nSkipped: ../shared/corpus/sigmahq is not there.')
  process.exit(0)
}

const t0 = performance.now()
const set = await loadRuleSet(dirs, { cwd: process.cwd() })
const loadMs = performance.now() - t0
const k8s = set.rules.filter((r) => r.variants.includes('k8s'))
const rows: string[] = []
for (const count of SIZES) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-bench-replay-'))
  await generateDataset({ out: dir, variants: ['k8s'], count, seed: 7, attackRatio: 0.2, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1 })
  const file = path.join(dir, 'k8s.ndjson')
  const floor = await best(() => parseLoop(file))
  const replay = await best(() => scoreVariant(dir, 'k8s', k8s))
  global.gc?.()
  const heap = process.memoryUsage().heapUsed / 2 ** 20
  const perSec = (ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US')
  rows.push(`| ${count.toLocaleString('en-US')} | ${perSec(floor)} | ${perSec(replay)} | ${((floor / replay) * 100).toFixed(0)} % | ${heap.toFixed(0)} MiB |`)
  rmSync(dir, { recursive: true, force: true })
}
await set.close()

console.log(`## replay

${set.rules.length.toLocaleString('en-US')} SigmaHQ rules loaded in ${(loadMs / 1000).toFixed(1)} s; ${k8s.length} read the \`k8s\` variant and see
its records (the others are routed away by logsource). Scores per rule as \`replay --format json\`
gives them (ground truth per technique), one core, best of ${ROUNDS}:

| events | JSON.parse loop, events/s | replay, events/s | replay / floor | heap after |
| ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`)
