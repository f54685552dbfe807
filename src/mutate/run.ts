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
import { sigmaMutants, type SigmaMutant } from './sigma/mutants.js'
import { distinguishingEvent, sigmaTestEntry } from './suggest.js'
import type { MutantReport, MutationRun, MutationTally, RuleMutationReport } from './types.js'

/** The checks a mutant must get past: the rule's own tests, their replays, its declared families. */
export const MUTATION_KINDS: readonly ResultKind[] = ['embedded', 'replay', 'scenario']

export interface MutateOptions {
  env: HarnessEnvironment
  harness?: HarnessOptions
  /** Search a distinguishing event for surviving mutants. @defaultValue true */
  suggest?: boolean
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

/** Runs every mutant of one Sigma rule against the checks that pass on the original. */
async function mutateSigmaRule(rule: SigmaLoadedRule, options: MutateOptions): Promise<{ report: RuleMutationReport; mutants: MutantReport[] }> {
  const env = options.env
  const harness: HarnessOptions = { ...options.harness, kinds: (options.harness?.kinds ?? MUTATION_KINDS).filter((k) => MUTATION_KINDS.includes(k)) }
  const run = { runs: harness.runs ?? DEFAULT_RUNS, seed: harness.seed ?? DEFAULT_SEED, assumeDataActions: harness.assumeDataActions ?? false }
  const { checks } = planChecks([rule], env.families, harness)
  const outcomes = new EmbeddedOutcomes()
  const baseline = await Promise.all(checks.map((c) => runCheck(c, env, harness, outcomes)))
  const passing = checks.filter((_, i) => baseline[i]!.status === 'pass')
  const broken = baseline.filter((r) => failing(r.status)).length
  const direct = passing.filter((c) => c.kind !== 'scenario')
  const generated = passing.filter((c) => c.kind === 'scenario')

  const reports: MutantReport[] = []
  for (const m of sigmaMutants(rule)) {
    const base: MutantReport = {
      rule: rule.id,
      ...(rule.title !== rule.id ? { title: rule.title } : {}),
      file: m.location.file,
      line: m.location.line,
      column: m.location.column,
      operator: m.operator,
      change: m.mutation.change,
      diff: m.diff,
      status: 'survived',
      killedBy: [],
    }
    if (m.mutation.equivalent) {
      reports.push({ ...base, status: 'equivalent', message: m.mutation.equivalent })
      continue
    }
    if (!m.rule) {
      reports.push({ ...base, status: 'error', message: m.error ?? 'the mutant could not be built' })
      continue
    }
    reports.push(await judge(rule, m, m.rule, base, direct, generated, env, harness, run, options.suggest !== false))
  }
  const t = tally(reports)
  const report: RuleMutationReport = {
    rule: rule.id,
    ...(rule.title !== rule.id ? { title: rule.title } : {}),
    file: rule.file,
    format: rule.format,
    ...t,
    ...(passing.length === 0
      ? { note: 'no check passes on the rule itself: nothing can kill its mutants (add tests or scenario declarations)' }
      : broken > 0
        ? { note: `${broken} check(s) fail on the rule itself and were left out: fix them first` }
        : {}),
  }
  return { report, mutants: reports }
}

async function judge(
  original: SigmaLoadedRule,
  m: SigmaMutant,
  mutant: SigmaLoadedRule,
  base: MutantReport,
  direct: readonly PlannedCheck[],
  generated: readonly PlannedCheck[],
  env: HarnessEnvironment,
  harness: HarnessOptions,
  run: { runs: number; seed: number; assumeDataActions: boolean },
  suggest: boolean,
): Promise<MutantReport> {
  try {
    const outcomes = new EmbeddedOutcomes()
    const killedBy: string[] = []
    // Tests first: they are cheap, and a mutant they kill needs no generated events.
    for (const c of direct) {
      const r = await runCheck({ ...c, rule: mutant }, env, harness, outcomes)
      if (failing(r.status)) killedBy.push(c.name)
    }
    if (killedBy.length === 0) for (const c of generated) if (await scenarioKills(c, mutant, env, run)) killedBy.push(c.name)
    if (killedBy.length > 0) return { ...base, status: 'killed', killedBy }
    if (!suggest) return base
    const found = await distinguishingEvent(original, mutant, m.mutation, generated, env, run.seed)
    return found ? { ...base, suggestion: sigmaTestEntry(found, m.mutation.change) } : { ...base, message: 'no distinguishing event found in the declared families or near the test events' }
  } catch (e) {
    return { ...base, status: 'error', message: e instanceof Error ? e.message : String(e) }
  }
}

/** Mutation testing over a rule set: every rule's mutants, per-rule and total scores. */
export async function mutateRules(rules: readonly LoadedRule[], options: MutateOptions): Promise<MutationRun> {
  const perRule: RuleMutationReport[] = []
  const mutants: MutantReport[] = []
  for (const rule of rules) {
    let report: RuleMutationReport
    if (isUnloadedRule(rule)) {
      report = { rule: rule.id, ...(rule.title !== rule.id ? { title: rule.title } : {}), file: rule.file, format: rule.format, ...tally([]), note: `not mutated: the rule did not load (${rule.notLoaded.message})` }
    } else if (isSigma(rule)) {
      const done = await mutateSigmaRule(rule, options)
      report = done.report
      mutants.push(...done.mutants)
    } else {
      // The extension point for other formats (Panther Python, KQL, SPL): a mutant generator per format.
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
