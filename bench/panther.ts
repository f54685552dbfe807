/**
 * Panther worker throughput: 3,000 test cases of the seed rule (its 7 tests, varied) run through
 * the long-lived worker over JSON lines, against the same tests executed by one in-process
 * Python loop with no IPC at all (`worker.py --bench`), the upper bound. Prints a markdown section.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestCase } from '../src/model/rule.js'
import { loadPantherRules, pythonCommand } from '../src/panther/index.js'
import type { PantherTestExtra } from '../src/panther/index.js'
import { WORKER_SCRIPT } from '../src/panther/worker/client.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const N = 3000
const ROUNDS = 3

function vary(tests: TestCase[]): TestCase[] {
  const out: TestCase[] = []
  for (let i = 0; i < N; i++) {
    const t = tests[i % tests.length] as TestCase
    const event = JSON.parse(JSON.stringify(t.event)) as Record<string, unknown>
    event.p_source_label = `cluster-${i}`
    out.push({ ...t, name: `${t.name} #${i}`, event })
  }
  return out
}

const loadStart = performance.now()
const load = await loadPantherRules([path.join(root, 'rules/panther')], { cwd: root })
const loadMs = performance.now() - loadStart
const rule = load.rules.find((r) => r.id === 'Kubernetes.CronJob.CreatedOrModified')
if (!rule) throw new Error('seed rule not loaded')
const tests = vary(rule.tests)

let workerBest = Infinity
let passed = 0
for (let round = 0; round < ROUNDS; round++) {
  const start = performance.now()
  const results = await Promise.all(tests.map((t) => rule.runTest(t)))
  workerBest = Math.min(workerBest, performance.now() - start)
  passed = results.filter((r) => r.status === 'pass').length
}
await load.close()

// The same tests, in-process: one Python loop, no IPC, no JSON.
const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-bench-'))
const plan = {
  globals: [{ id: 'ruleproof_kubernetes', file: path.join(root, 'rules/panther/global_helpers/ruleproof_kubernetes.py') }],
  dataModels: [],
  rules: [
    {
      key: 'seed',
      ruleId: rule.id,
      file: path.join(root, 'rules/panther/kubernetes_rules/k8s_cronjob_created_or_modified.py'),
      kind: 'rule',
      severity: 'INFO',
      createAlert: true,
    },
  ],
  tests: tests.map((t) => ({ key: 'seed', log: t.event, mocks: (t.extra as unknown as PantherTestExtra).mocks, expected: t.expect })),
}
writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan))
let loopBest = Infinity
let loopPassed = 0
for (let round = 0; round < ROUNDS; round++) {
  const run = spawnSync(pythonCommand(), [WORKER_SCRIPT, '--bench', path.join(dir, 'plan.json')], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(run.stderr)
  const out = JSON.parse(run.stdout) as { seconds: number; passed: number }
  loopBest = Math.min(loopBest, out.seconds * 1000)
  loopPassed = out.passed
}
rmSync(dir, { recursive: true, force: true })

const rate = (ms: number): string => Math.round((N / ms) * 1000).toLocaleString('en-US')
const ratio = loopBest / workerBest
console.log(`## Panther worker

${N.toLocaleString('en-US')} test cases of \`Kubernetes.CronJob.CreatedOrModified\` (its 7 tests, varied), best of ${ROUNDS} rounds.
The in-process loop runs the same tests with the same runner code in one Python process with no
IPC and no JSON: the limit the worker can approach. Target: worker >= 50 % of the loop.

| path | time | tests/s | passed |
| --- | ---: | ---: | ---: |
| worker (JSON lines over pipes, pipelined) | ${workerBest.toFixed(0)} ms | ${rate(workerBest)} | ${passed} |
| in-process Python loop (no IPC) | ${loopBest.toFixed(0)} ms | ${rate(loopBest)} | ${loopPassed} |
| **worker / loop** | | **${(ratio * 100).toFixed(0)} %** | |

Loading \`rules/panther\` (YAML, validation, worker start, helper and rule import): ${loadMs.toFixed(0)} ms.
PAT needs about 5 s for a whole repository (panther.md §5).`)
