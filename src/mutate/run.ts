import { runCheck } from '../harness/run.js'
import { EmbeddedOutcomes } from '../harness/embedded.js'
import { matches } from '../harness/codec.js'
import { planChecks } from '../harness/plan.js'
import { encodeSample, familySamples } from '../harness/samples.js'
import { DEFAULT_RUNS, DEFAULT_SEED } from '../harness/run.js'
import type { HarnessEnvironment, HarnessOptions, PlannedCheck } from '../harness/types.js'
import type { ResultKind } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'
import { isUnloadedRule } from '../rules/unloaded.js'
import type { SigmaLoadedRule } from '../sigma/rule.js'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { isMutableRule, isSimpleMutable, type MutableRule, type SimpleMutable } from '../panther/index.js'
import { simpleDiff, simpleMutations } from './panther/simple.js'
import { pythonDiff, pythonMutants } from './panther/mutants.js'
import { sigmaMutants } from './sigma/mutants.js'
import { kqlMutants } from './kql/mutants.js'
import { splMutants } from './spl/mutants.js'
import { DEFAULT_KQL_TEST_VARIANT } from '../kql/load.js'
import type { KqlLoadedRule } from '../kql/rule.js'
import { DEFAULT_SPL_TEST_VARIANT } from '../spl/load.js'
import type { SplLoadedRule } from '../spl/rule.js'
import { distinguishingEvent, pantherTestEntry, SEARCH_BUDGET, sigmaTestEntry, testEntry, type Distinguishing } from './suggest.js'
import type { MutantReport, MutationRun, MutationTally, RuleMutationReport, SigmaMutation } from './types.js'

/** The checks a mutant must get past: the rule's own tests, their replays, its declared families. */
export const MUTATION_KINDS: readonly ResultKind[] = ['embedded', 'replay', 'scenario']

export interface MutateOptions {
  env: HarnessEnvironment
  harness?: HarnessOptions
  /** Search a distinguishing event for surviving mutants. @defaultValue true */
  suggest?: boolean
  /** Python for the Panther mutant generator. @defaultValue python3 */
  python?: string
  /** Called as each rule is done (progress). */
  onRule?(report: RuleMutationReport): void
}

export function tally(mutants: readonly Pick<MutantReport, 'status'>[]): MutationTally {
  const n = (s: MutantReport['status']) => mutants.filter((m) => m.status === s).length
  const killed = n('killed')
  const survived = n('survived')
  const scored = killed + survived
  return { mutants: mutants.length, killed, survived, equivalent: n('equivalent'), errors: n('error'), score: scored === 0 ? null : Math.round((killed / scored) * 1000) / 10 }
}

const isSigma = (r: LoadedRule): r is SigmaLoadedRule => r.format === 'sigma' && 'document' in r && 'compiled' in r
const isKql = (r: LoadedRule): r is KqlLoadedRule => r.format === 'sentinel-kql' && 'withQuery' in r
const isSpl = (r: LoadedRule): r is SplLoadedRule => r.format === 'splunk-spl' && 'withPipeline' in r

const failing = (s: string): boolean => s === 'fail' || s === 'error'

/**
 * A declared family on one variant, run against a mutant without shrinking: the same draws the
 * harness makes (shared, encoded once per rule), and the first disagreement kills.
 */
async function scenarioKills(check: PlannedCheck, mutant: LoadedRule, env: HarnessEnvironment, o: Required<Pick<HarnessOptions, 'runs' | 'seed' | 'assumeDataActions'>>): Promise<boolean> {
  if (check.gap) return false // declared differences: a mismatch here is allowed, so it proves nothing
  for (const s of familySamples(env, check.family!, o.seed, o.runs)) {
    const raw = encodeSample(env, check.variant, s, o.assumeDataActions)
    if (raw === null) continue
    try {
      if ((await matches(mutant, raw, check.variant)) !== check.expect) return true
    } catch {
      return true
    }
  }
  return false
}

/** A mutant as every format's generator gives it: its change, place and diff, and its rule once built. */
interface BuiltMutant {
  operator: string
  mutation: { change: string; equivalent?: string } & Pick<SigmaMutation, 'probe' | 'assign' | 'leafValues'>
  location: { file: string; line: number; column: number }
  diff: string
  rule?: LoadedRule
  error?: string
}

/** Runs every built mutant of one rule against the checks that pass on the original. */
async function mutateBuilt(rule: LoadedRule, built: readonly BuiltMutant[], options: MutateOptions, entry: (d: Distinguishing, change: string) => string): Promise<{ report: RuleMutationReport; mutants: MutantReport[] }> {
  const { judging, note } = await prepare(rule, options)
  const reports: MutantReport[] = []
  for (const m of built) {
    const base = baseReport(rule, m.location, m.operator, m.mutation.change, m.diff)
    if (m.mutation.equivalent) reports.push({ ...base, status: 'equivalent', message: m.mutation.equivalent })
    else if (!m.rule) reports.push({ ...base, status: 'error', message: m.error ?? 'the mutant could not be built' })
    else reports.push(await judge(judging, m.rule, base, m.mutation, entry))
  }
  return { report: ruleReport(rule, reports, note), mutants: reports }
}

/** What a mutant is judged with: the original's passing checks, split tests-first. */
interface Judging {
  original: LoadedRule
  direct: readonly PlannedCheck[]
  generated: readonly PlannedCheck[]
  env: HarnessEnvironment
  harness: HarnessOptions
  run: { runs: number; seed: number; assumeDataActions: boolean }
  suggest: boolean
}

async function judge(j: Judging, mutant: LoadedRule, base: MutantReport, hints: Pick<SigmaMutation, 'probe' | 'assign' | 'leafValues'>, entry: (d: Distinguishing, change: string) => string): Promise<MutantReport> {
  try {
    const outcomes = new EmbeddedOutcomes()
    const killedBy: string[] = []
    // Tests first: they are cheap, and a mutant they kill needs no generated events.
    for (const c of j.direct) {
      const r = await runCheck({ ...c, rule: mutant }, j.env, j.harness, outcomes)
      if (failing(r.status)) killedBy.push(c.name)
    }
    if (killedBy.length === 0) for (const c of j.generated) if (await scenarioKills(c, mutant, j.env, j.run)) killedBy.push(c.name)
    if (killedBy.length > 0) return { ...base, status: 'killed', killedBy }
    if (!j.suggest) return base
    const found = await distinguishingEvent(j.original, mutant, hints, j.generated, j.env, j.run.seed)
    return found ? { ...base, suggestion: entry(found, base.change) } : { ...base, message: `no distinguishing event found in the declared families or near the test events (${SEARCH_BUDGET} evaluations tried at most)` }
  } catch (e) {
    return { ...base, status: 'error', message: e instanceof Error ? e.message : String(e) }
  }
}

/** The original rule's checks, run once: those that pass are the ones that can kill. */
async function prepare(rule: LoadedRule, options: MutateOptions): Promise<{ judging: Judging; note?: string }> {
  const env = options.env
  const harness: HarnessOptions = { ...options.harness, kinds: (options.harness?.kinds ?? MUTATION_KINDS).filter((k) => MUTATION_KINDS.includes(k)) }
  const run = { runs: harness.runs ?? DEFAULT_RUNS, seed: harness.seed ?? DEFAULT_SEED, assumeDataActions: harness.assumeDataActions ?? false }
  const { checks } = planChecks([rule], env.families, harness)
  const outcomes = new EmbeddedOutcomes()
  const baseline = await Promise.all(checks.map((c) => runCheck(c, env, harness, outcomes)))
  const passing = checks.filter((_, i) => baseline[i]!.status === 'pass')
  const broken = baseline.filter((r) => failing(r.status)).length
  const judging: Judging = {
    original: rule,
    direct: passing.filter((c) => c.kind !== 'scenario'),
    generated: passing.filter((c) => c.kind === 'scenario'),
    env,
    harness,
    run,
    suggest: options.suggest !== false,
  }
  if (passing.length === 0) return { judging, note: 'no check passes on the rule itself: nothing can kill its mutants (add tests or scenario declarations)' }
  if (broken > 0) return { judging, note: `${broken} check(s) fail on the rule itself and were left out: fix them first` }
  return { judging }
}

function ruleReport(rule: LoadedRule, mutants: MutantReport[], note: string | undefined): RuleMutationReport {
  return { rule: rule.id, ...(rule.title !== rule.id ? { title: rule.title } : {}), file: rule.file, format: rule.format, ...tally(mutants), ...(note ? { note } : {}) }
}

function baseReport(rule: LoadedRule, at: { file: string; line: number; column: number }, operator: string, change: string, diff: string): MutantReport {
  return { rule: rule.id, ...(rule.title !== rule.id ? { title: rule.title } : {}), file: at.file, line: at.line, column: at.column, operator, change, diff, status: 'survived', killedBy: [] }
}

/** A Panther Simple Detection: its `Detection` list mutated like a Sigma detection. */
async function mutateSimpleRule(rule: LoadedRule & SimpleMutable, detection: unknown[], options: MutateOptions): Promise<{ report: RuleMutationReport; mutants: MutantReport[] }> {
  const { judging, note } = await prepare(rule, options)
  const reports: MutantReport[] = []
  for (const m of simpleMutations(detection)) {
    const base = baseReport(rule, rule.locate(m.path, m.at), m.operator, m.change, simpleDiff(detection, m.detection))
    if (m.equivalent) {
      reports.push({ ...base, status: 'equivalent', message: m.equivalent })
      continue
    }
    const mutant = { ...rule.withDetection(m.detection), id: rule.id, title: rule.title, tests: rule.tests, ...(rule.scenarios ? { scenarios: rule.scenarios } : {}) }
    reports.push(await judge(judging, mutant, base, m.hints, pantherTestEntry))
  }
  return { report: ruleReport(rule, reports, note), mutants: reports }
}

/**
 * A Panther Python rule: mutants of its module (ruleproof_mutants.py, through ast), each written
 * to a temporary file and loaded in the rule's own worker lane under a key of its own.
 */
async function mutatePythonRule(rule: LoadedRule & MutableRule, options: MutateOptions): Promise<{ report: RuleMutationReport; mutants: MutantReport[] }> {
  const { judging, note } = await prepare(rule, options)
  const { mutants, original } = pythonMutants(rule.body, options.python ?? 'python3')
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-mutant-'))
  const reports: MutantReport[] = []
  try {
    for (const [i, m] of mutants.entries()) {
      const base = baseReport(rule, { file: rule.body, line: m.line, column: m.column }, m.operator, m.change, pythonDiff(original, m.source))
      const file = path.join(dir, `${path.basename(rule.body, '.py')}_mutant_${i}.py`)
      writeFileSync(file, m.source + '\n')
      let loaded: LoadedRule
      try {
        loaded = await rule.withBody(file)
      } catch (e) {
        reports.push({ ...base, status: 'error', message: `the mutant does not load: ${(e as Error).message}` })
        continue
      }
      reports.push(await judge(judging, { ...loaded, id: rule.id, title: rule.title, tests: rule.tests, ...(rule.scenarios ? { scenarios: rule.scenarios } : {}) }, base, m.values?.length ? { leafValues: m.values } : {}, pantherTestEntry))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return { report: ruleReport(rule, reports, note), mutants: reports }
}

/** Mutation testing over a rule set: every rule's mutants, per-rule and total scores. */
export async function mutateRules(rules: readonly LoadedRule[], options: MutateOptions): Promise<MutationRun> {
  const perRule: RuleMutationReport[] = []
  const mutants: MutantReport[] = []
  for (const rule of rules) {
    let report: RuleMutationReport
    if (isUnloadedRule(rule)) {
      report = { rule: rule.id, ...(rule.title !== rule.id ? { title: rule.title } : {}), file: rule.file, format: rule.format, ...tally([]), note: `not mutated: the rule did not load (${rule.notLoaded.message})` }
    } else if (isSigma(rule) || isKql(rule) || isSpl(rule)) {
      const done = isSigma(rule)
        ? await mutateBuilt(rule, sigmaMutants(rule), options, sigmaTestEntry)
        : isKql(rule)
          ? await mutateBuilt(rule, kqlMutants(rule), options, (d, change) => testEntry(d, change, DEFAULT_KQL_TEST_VARIANT))
          : await mutateBuilt(rule, splMutants(rule), options, (d, change) => testEntry(d, change, DEFAULT_SPL_TEST_VARIANT))
      report = done.report
      mutants.push(...done.mutants)
    } else if ((isSimpleMutable(rule) && Array.isArray(rule.detection)) || isMutableRule(rule)) {
      // A rule whose mutants cannot be made (a generator that fails) is reported, not a crash of the run.
      try {
        const done = isSimpleMutable(rule) ? await mutateSimpleRule(rule, rule.detection as unknown[], options) : await mutatePythonRule(rule as LoadedRule & MutableRule, options)
        report = done.report
        mutants.push(...done.mutants)
      } catch (e) {
        report = { ...ruleReport(rule, [], undefined), note: `not mutated: ${(e as Error).message}` }
      }
    } else {
      // The extension point for other formats (Panther correlation rules): a mutant generator per format.
      report = {
        rule: rule.id,
        ...(rule.title !== rule.id ? { title: rule.title } : {}),
        file: rule.file,
        format: rule.format,
        ...tally([]),
        note: `${rule.format} rules are not mutated yet`,
      }
    }
    perRule.push(report)
    options.onRule?.(report)
  }
  return { summary: tally(mutants), rules: perRule, mutants }
}
