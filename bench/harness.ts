/**
 * Harness benchmark (docs/harness.md): `ruleproof check` on this repository's rules with the
 * default runs, whole process; and what replay costs next to the embedded tests alone, for the
 * same rules, both whole-process and in-process (rules loaded once, checks only).
 * Prints a markdown section; `npm run bench` collects it into BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/config/index.js'
import { attachedExpectations } from '../src/harness/declarations.js'
import { defaultEnvironment } from '../src/harness/environment.js'
import { harnessOptions } from '../src/harness/options.js'
import { runHarness } from '../src/harness/run.js'
import type { ResultKind } from '../src/model/result.js'
import { loadRuleSet } from '../src/rules/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'src/cli/bin.ts')

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** Wall time of one `ruleproof` process, in seconds; median of `n`. */
function processSeconds(args: string[], n: number): { seconds: number; checks: number } {
  const times: number[] = []
  let checks = 0
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 })
    times.push((performance.now() - t) / 1000)
    if (r.status !== 0 && r.status !== 1) throw new Error(`ruleproof ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
    checks = (JSON.parse(r.stdout) as { results: unknown[] }).results.length
  }
  return { seconds: median(times), checks }
}

const full = processSeconds(['check', 'rules'], 3)
const embeddedProc = processSeconds(['check', 'rules', '--kinds', 'embedded'], 7)
const replayProc = processSeconds(['check', 'rules', '--kinds', 'embedded,replay'], 7)

// In-process: the rules are loaded (and the Panther worker started) once; only checks are timed.
const config = loadConfig(root)
const set = await loadRuleSet([join(root, 'rules')], { cwd: root, config })
const env = defaultEnvironment()
const base = harnessOptions(config, {}, attachedExpectations(set.rules, []))
async function checkMillis(kinds: ResultKind[], n: number): Promise<{ ms: number; checks: number }> {
  await runHarness(set.rules, env, { ...base, kinds }) // warm-up: JIT, codec caches, rule modules imported
  const times: number[] = []
  let checks = 0
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    checks = (await runHarness(set.rules, env, { ...base, kinds })).length
    times.push(performance.now() - t)
  }
  return { ms: median(times), checks }
}
const embedded = await checkMillis(['embedded'], 200)
const replay = await checkMillis(['replay'], 200)
const perKind: [ResultKind, { ms: number; checks: number }][] = []
for (const k of ['property', 'scenario', 'consistency'] as const) perKind.push([k, await checkMillis([k], 3)])
await set.close()

const f1 = (x: number) => x.toFixed(1)
const f2 = (x: number) => x.toFixed(2)
const lines = [
  '## Harness: `ruleproof check`',
  '',
  `This repository's rules (${set.rules.length} rules: ${set.rules.map((r) => `${r.format} ${r.variants.length} variant${r.variants.length === 1 ? '' : 's'}`).join(', ')}), default runs (20), seed 42. Medians.`,
  '',
  '| what | checks | time |',
  '| --- | ---: | ---: |',
  `| \`ruleproof check rules\`, whole process (load, lint, every kind) | ${full.checks} | ${f1(full.seconds)} s |`,
  `| \`check rules --kinds embedded\`, whole process | ${embeddedProc.checks} | ${f1(embeddedProc.seconds)} s |`,
  `| \`check rules --kinds embedded,replay\`, whole process | ${replayProc.checks} | ${f1(replayProc.seconds)} s |`,
  `| embedded checks only, in process | ${embedded.checks} | ${f2(embedded.ms)} ms |`,
  `| replay checks only, in process | ${replay.checks} | ${f2(replay.ms)} ms |`,
  ...perKind.map(([k, v]) => `| ${k} checks only, in process | ${v.checks} | ${f1(v.ms)} ms |`),
  '',
  `Replay next to the embedded tests alone: the whole \`check\` process takes ${f2(replayProc.seconds / embeddedProc.seconds)}× as long with replay as without it; ` +
    `the checks themselves, in process, ${f2((embedded.ms + replay.ms) / embedded.ms)}× (replay adds ${f2(replay.ms / embedded.ms)}× the embedded time for ${replay.checks} replays of ${embedded.checks} tests; the goal is at most 2×).`,
]
process.stdout.write(lines.join('\n') + '\n')
