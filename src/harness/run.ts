import type { Result } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'
import { elapsed } from '../rules/run-tests.js'
import { runConsistency } from './consistency.js'
import { blockedReplay, EmbeddedOutcomes, runEmbedded } from './embedded.js'
import { planChecks } from './plan.js'
import { runProperty } from './property.js'
import { resultOf } from './results.js'
import { budgetMessage, UNLIMITED, withinBudget } from '../shared/budget.js'
import { runReplay } from './replay.js'
import { runScenario } from './scenario.js'
import type { HarnessEnvironment, HarnessOptions, PlannedCheck } from './types.js'

export const DEFAULT_RUNS = 20
export const DEFAULT_SEED = 42

/**
/**
 * Runs one planned check. Never throws: a failure inside becomes an error result. Checks of one
 * run share `outcomes`, so a test runs once on its own variant and its replays know the verdict.
 * The result carries its wall-clock `durationMs` (a few checks run at once, so durations can overlap).
 */
export async function runCheck(check: PlannedCheck, env: HarnessEnvironment, options: HarnessOptions = {}, outcomes = new EmbeddedOutcomes()): Promise<Result> {
  const start = performance.now()
  const result = await runOne(check, env, options, outcomes)
  return { ...result, durationMs: elapsed(start) }
}

async function runOne(check: PlannedCheck, env: HarnessEnvironment, options: HarnessOptions, outcomes: EmbeddedOutcomes): Promise<Result> {
  const run = {
    runs: options.runs ?? DEFAULT_RUNS,
    seed: options.seed ?? DEFAULT_SEED,
    assumeDataActions: options.assumeDataActions ?? false,
  }
  switch (check.kind) {
    case 'embedded':
      return runEmbedded(check, outcomes)
    case 'replay':
      return (await blockedReplay(check, outcomes)) ?? runReplay(check, env, run.assumeDataActions)
    case 'property':
      return runProperty(check, env, run)
    case 'scenario':
      return runScenario(check, env, run)
    case 'consistency':
      return runConsistency(check, env, run)
  }
}

export interface RunHooks {
  /** Called once, when the checks are planned: how many results will come (progress). */
  onPlanned?(total: number): void
  onResult?(result: Result): void
}

/**
 * Plans and runs every check for the rules, one after another (the Panther worker is one
 * process; ordering keeps results deterministic). Results come back in plan order.
 */
export async function runHarness(
  rules: readonly LoadedRule[],
  env: HarnessEnvironment,
  options: HarnessOptions = {},
  hooks: RunHooks = {},
): Promise<Result[]> {
  const { checks, problems } = planChecks(rules, env.families, options)
  const results: Result[] = problems.map((p) => ({
    rule: p.rule.id,
    file: p.rule.file,
    line: p.rule.location.line,
    test: 'scenario declaration',
    variant: p.rule.variants.join(','),
    kind: 'scenario',
    status: 'error',
    message: p.message,
  }))
  hooks.onPlanned?.(results.length + checks.length)
  for (const r of results) hooks.onResult?.(r)
  // A few checks in flight at once: the Panther worker pipelines requests, so waiting on one
  // evaluation at a time would leave it idle. Results are still reported in plan order, and
  // every check is deterministic on its own, so the output does not depend on the interleaving.
  const width = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)
  const outcomes = new EmbeddedOutcomes()
  const pending: Promise<Result>[] = []
  let next = 0
  // Past the run's budget no check starts, and one in flight is given up: each is an error result saying so.
  const budget = options.budget ?? UNLIMITED
  const start = (): void => {
    const check = checks[next++]
    if (!check) return
    if (budget.expired()) pending.push(Promise.resolve(resultOf(check, 'error', { message: budgetMessage(budget) })))
    else {
      pending.push(
        withinBudget(runCheck(check, env, options, outcomes), budget).then((r) => r ?? resultOf(check, 'error', { message: budgetMessage(budget, 'stopped while running') })),
      )
    }
  }
  for (let i = 0; i < width; i++) start()
  for (let i = 0; i < checks.length; i++) {
    const r = await pending[i]!
    start()
    results.push(r)
    hooks.onResult?.(r)
  }
  return results
}

export const DEFAULT_CONCURRENCY = 8
