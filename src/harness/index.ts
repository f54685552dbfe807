/** The replay harness: plan rule × case × variant × property, run, results. */
export type { FamilySource, HarnessEnvironment, HarnessOptions, PlannedCheck, Scenario, ScenarioExpectation } from './types.js'
export { ALL_KINDS, planChecks, type PlanProblem } from './plan.js'
export { DEFAULT_RUNS, DEFAULT_SEED, runCheck, runHarness, type RunHooks } from './run.js'
export { declaredExpectation, familyPattern, matchFamilies } from './expectations.js'
export { ASPECTS, shuffleKeys, type Aspect } from './perturb.js'
export { contextFor } from './context.js'
export { summarize, summarizeResults, resultsFailed } from './summary.js'
export { reproduceCommand } from './repro.js'
