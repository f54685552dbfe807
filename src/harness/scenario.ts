import fc from 'fast-check'
import type { Result } from '../model/result.js'
import { declaredGapMessage } from '../report/gap.js'
import { encodeOn, matches, notRecorded } from './codec.js'
import { EvaluationError, errorMessage, expectation, resultOf } from './results.js'
import { encodeSample, familySamples, shrinkable } from './samples.js'
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
  const expected = expectation(want)
  let samples: Scenario[]
  try {
    samples = familySamples(env, family, o.seed, o.runs)
  } catch (e) {
    return resultOf(check, 'error', { message: errorMessage(e) })
  }
  let recorded = 0
  let gapped = 0
  let failed = false
  for (const s of samples) {
    const raw = encodeSample(env, variant, s, o.assumeDataActions)
    if (raw === null) continue
    recorded++
    try {
      if ((await matches(check.rule, raw, variant)) !== want) {
        if (check.gap) {
          gapped++
          continue
        }
        failed = true
        break
      }
    } catch {
      failed = true
      break
    }
  }
  if (!failed) {
    if (recorded === 0) return resultOf(check, 'skip', { expected, seed: o.seed, message: notRecorded(variant) })
    const dropped = samples.length - recorded
    const note = dropped > 0 ? ` (${dropped} more not recorded by ${variant})` : ''
    if (gapped > 0) return resultOf(check, 'pass', { expected, seed: o.seed, message: declaredGapMessage(`${check.gap!.reason} (${gapped} of ${recorded} generated events differ)`) })
    return resultOf(check, 'pass', { expected, actual: expected, seed: o.seed, message: `${recorded} generated events${note}` })
  }
  // Shrink: the same seed replays the same actions, then fast-check minimises the failing one.
  const details = await fc.check(
    fc.asyncProperty(shrinkable(env.families.arbitrary(family)), async (s) => {
      const raw = encodeOn(env, variant, s, o.assumeDataActions)
      if (raw === null) return true
      try {
        return (await matches(check.rule, raw, variant)) === want
      } catch (e) {
        throw new EvaluationError(errorMessage(e))
      }
    }),
    { numRuns: o.runs, seed: o.seed },
  )
  const counter = details.counterexample?.[0] as Scenario | undefined
  const event = counter ? encodeOn(env, variant, counter, o.assumeDataActions) : undefined
  const where = { seed: details.seed, path: details.counterexamplePath ?? undefined, event }
  if (!details.failed || !counter || details.errorInstance instanceof EvaluationError) {
    return resultOf(check, 'error', { expected, message: details.failed ? errorMessage(details.errorInstance) : 'the rule gave different verdicts for the same event', ...where })
  }
  return resultOf(check, 'fail', {
    expected,
    actual: expectation(!want),
    message: `(a generated ${family} action; the rule declares it must ${want ? 'match' : 'ignore'} this family)`,
    ...where,
  })
}
