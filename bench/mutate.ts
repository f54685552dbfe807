/**
 * Mutation-testing benchmark (docs/mutate.md): `ruleproof mutate rules` on this repository's seed
 * rules, whole process (goal: under 10 s), and the mutation run alone in process (rules loaded
 * once), with and without the suggestion search. Prints a markdown section for BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/config/index.js'
import { attachedExpectations } from '../src/harness/declarations.js'
import { defaultEnvironment } from '../src/harness/environment.js'
import { harnessOptions } from '../src/harness/options.js'
import { mutateRules } from '../src/mutate/run.js'
import { loadRuleSet, mergeByFile } from '../src/rules/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = join(root, 'src/cli/bin.ts')
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function processSeconds(args: string[], n: number): { seconds: number; mutants: number } {
  const times: number[] = []
  let mutants = 0
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 })
    times.push((performance.now() - t) / 1000)
    if (r.status !== 0 && r.status !== 1) throw new Error(`ruleproof ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
    mutants = (JSON.parse(r.stdout) as { summary: { mutants: number } }).summary.mutants
  }
  return { seconds: median(times), mutants }
}

const whole = processSeconds(['mutate', 'rules'], 3)
// The Kubernetes rules of a panther-analysis checkout, when there is one (goal: under 2 minutes).
const pantherAnalysis = [process.env['RULEPROOF_PANTHER_ANALYSIS'], join(root, '../panther-analysis'), '/work/ext/panther-analysis'].find((d) => d && existsSync(join(d, 'rules/kubernetes_rules')))
function pantherSeconds(extra: string[]): { seconds: number; mutants: number; score: number | null } | undefined {
  if (!pantherAnalysis) return undefined
  const t = performance.now()
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), bin, 'mutate', 'rules/kubernetes_rules', 'global_helpers', 'data_models', '--format', 'json', ...extra], { cwd: pantherAnalysis, encoding: 'utf8', maxBuffer: 256 << 20 })
  const seconds = (performance.now() - t) / 1000
  if ((r.status !== 0 && r.status !== 1) || !r.stdout) throw new Error(`ruleproof mutate (panther-analysis) exited ${r.status}: ${r.stderr}`)
  const summary = (JSON.parse(r.stdout) as { summary: { mutants: number; score: number | null } }).summary
  return { seconds, mutants: summary.mutants, score: summary.score }
}
const pa = pantherSeconds(['--no-suggest'])
const paSuggest = pantherSeconds([])
const bare = processSeconds(['mutate', 'rules', '--no-suggest'], 3)

const config = loadConfig(root)
const set = await loadRuleSet([join(root, 'rules')], { cwd: root, config })
const rules = mergeByFile(set.rules, set.unloaded)
const env = defaultEnvironment()
const harness = harnessOptions(config, {}, attachedExpectations(rules, []))
async function inProcess(suggest: boolean, n: number): Promise<number> {
  await mutateRules(rules, { env, harness, suggest }) // warm-up: JIT, family draws and encodings
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await mutateRules(rules, { env, harness, suggest })
    times.push(performance.now() - t)
  }
  return median(times)
}
const withSuggest = await inProcess(true, 5)
const withoutSuggest = await inProcess(false, 5)
await set.close()
const loadAvg = (await import('node:os')).loadavg()[0]!.toFixed(1)

console.log(`## mutate

\`ruleproof mutate\` on this repository's seed rules (${whole.mutants} mutants; goal: the whole run under 10 s). Load average at the start: ${loadAvg}.

| run | time |
| --- | ---: |
| \`ruleproof mutate rules\`, whole process | ${whole.seconds.toFixed(1)} s |
| \`ruleproof mutate rules --no-suggest\`, whole process | ${bare.seconds.toFixed(1)} s |
| mutation run in process (rules loaded once), with suggestions | ${withSuggest.toFixed(0)} ms |
| mutation run in process, without suggestions | ${withoutSuggest.toFixed(0)} ms |
${
  pa && paSuggest
    ? `| panther-analysis \`rules/kubernetes_rules\` (${pa.mutants} mutants, score ${pa.score}%), whole process, \`--no-suggest\` | ${pa.seconds.toFixed(1)} s |
| the same with suggestions | ${paSuggest.seconds.toFixed(1)} s |`
    : '| panther-analysis Kubernetes rules | (no checkout found: set RULEPROOF_PANTHER_ANALYSIS) |'
}`)
