import type { Result } from '../model/result.js'
import type { LoadedRule, TestCase } from '../model/rule.js'
import { checkName, failureText } from '../report/describe.js'
import { errorMessage, expectation, resultOf, titleOf } from './results.js'
import type { PlannedCheck } from './types.js'

async function ownVariant(check: PlannedCheck): Promise<Result> {
  const test = check.test!
  try {
    const r = await check.rule.runTest(test)
    return { ...r, ...titleOf(check.rule), kind: 'embedded' }
  } catch (e) {
    return resultOf({ ...check, kind: 'embedded', variant: test.variant }, 'error', { message: errorMessage(e) })
  }
}

/**
 * Each test's outcome on its own variant, computed once per run: the embedded check reports
 * it, and the test's replays on other variants wait for it (a test that fails where it was
 * written blocks its replays: one root cause, one failure).
 */
export class EmbeddedOutcomes {
  private readonly byRule = new WeakMap<LoadedRule, Map<TestCase, Promise<Result>>>()

  of(check: PlannedCheck): Promise<Result> {
    let tests = this.byRule.get(check.rule)
    if (!tests) this.byRule.set(check.rule, (tests = new Map()))
    let outcome = tests.get(check.test!)
    if (!outcome) tests.set(check.test!, (outcome = ownVariant(check)))
    return outcome
  }
}

/** The test on its own variant, with the format's own pass/fail rule (`rule.runTest`). */
export function runEmbedded(check: PlannedCheck, outcomes: EmbeddedOutcomes = new EmbeddedOutcomes()): Promise<Result> {
  return outcomes.of(check)
}

/**
 * A replay whose test fails (or errors) on its own variant is not run: it is reported as
 * skipped, blocked by that failure, instead of as a second failure that blames the variant.
 */
export async function blockedReplay(check: PlannedCheck, outcomes: EmbeddedOutcomes): Promise<Result | undefined> {
  const own = await outcomes.of(check)
  if (own.status !== 'fail' && own.status !== 'error') return undefined
  const test = check.test!
  const override = test.overrides?.[check.variant]
  const why = failureText(own)
  return resultOf(check, 'skip', {
    expected: expectation(override ? override.expect : test.expect),
    message: `blocked: the test ${own.status === 'fail' ? 'fails' : 'errors'} on its own variant ${test.variant} (${why}); fix that first`,
    notRun: { reason: 'blocked', check: checkName(own), file: own.file, line: own.line, column: 1, message: why },
  })
}
