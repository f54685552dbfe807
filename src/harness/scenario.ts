import fc from 'fast-check'
import type { Result } from '../model/result.js'
import { encodeOn, matches, notRecorded } from './codec.js'
import { EvaluationError, errorMessage, expectation, resultOf } from './results.js'
import type { HarnessEnvironment, PlannedCheck, Scenario } from './types.js'

export interface GeneratedRun {
  runs: number
  seed: number
  assumeDataActions: boolean
}

/**
 * A declared family on one variant: N generated actions, each encoded as the variant writes it;
 * every recorded one must give the declared verdict. Failures shrink to a minimal action.
 */
export async function runScenario(check: PlannedCheck, env: HarnessEnvironment, o: GeneratedRun): Promise<Result> {
  const family = check.family!
  const want = check.expect!
  const variant = check.variant
  let arb: fc.Arbitrary<Scenario>
  try {
    arb = env.families.arbitrary(family)
  } catch (e) {
    return resultOf(check, 'error', { message: errorMessage(e) })
  }
  let recorded = 0
  let dropped = 0
  const details = await fc.check(
    fc.asyncProperty(arb, async (s) => {
      const raw = encodeOn(env, variant, s, o.assumeDataActions)
      if (raw === null) {
        dropped++
        return true
      }
      recorded++
      try {
        return (await matches(check.rule, raw, variant)) === want
      } catch (e) {
        throw new EvaluationError(errorMessage(e))
      }
    }),
    { numRuns: o.runs, seed: o.seed },
  )
  const expected = expectation(want)
  if (!details.failed) {
    if (recorded === 0) return resultOf(check, 'skip', { expected, seed: o.seed, message: notRecorded(variant) })
    const note = dropped > 0 ? ` (${dropped} more not recorded by ${variant})` : ''
    return resultOf(check, 'pass', { expected, actual: expected, seed: o.seed, message: `${recorded} generated events${note}` })
  }
  const counter = details.counterexample?.[0] as Scenario | undefined
  const event = counter ? encodeOn(env, variant, counter, o.assumeDataActions) : undefined
  const where = { seed: details.seed, path: details.counterexamplePath ?? undefined, event }
  if (!counter || details.errorInstance instanceof EvaluationError) {
    return resultOf(check, 'error', { expected, message: errorMessage(details.errorInstance), ...where })
  }
  return resultOf(check, 'fail', {
    expected,
    actual: expectation(!want),
    message: `a generated ${family} action ${want ? 'was not matched' : 'was matched'} on ${variant}`,
    ...where,
  })
}
