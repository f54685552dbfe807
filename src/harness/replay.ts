import { declaredGapMessage } from '../report/gap.js'
import type { Result } from '../model/result.js'
import { decodeTest, encodeOn, matches, notRecorded } from './codec.js'
import { errorMessage, expectation, resultOf } from './results.js'
import type { HarnessEnvironment, PlannedCheck } from './types.js'

/**
 * The test's event decoded to the canonical action and re-encoded on another claimed variant:
 * the verdict must be the test's, unless the test declares an override for that variant (a
 * declared gap, reported as such; it fails when the rule no longer behaves as declared).
 */
export async function runReplay(check: PlannedCheck, env: HarnessEnvironment, assumeDataActions: boolean): Promise<Result> {
  const test = check.test!
  const override = test.overrides?.[check.variant]
  const want = override ? override.expect : test.expect
  let raw: unknown
  try {
    raw = encodeOn(env, check.variant, decodeTest(env, test), assumeDataActions || test.variant === 'azure-activity')
  } catch (e) {
    return resultOf(check, 'error', { message: `cannot replay the ${test.variant} event on ${check.variant}: ${errorMessage(e)}` })
  }
  if (raw === null) return resultOf(check, 'skip', { expected: expectation(want), message: notRecorded(check.variant) })
  let got: boolean
  try {
    got = await matches(check.rule, raw, check.variant, test)
  } catch (e) {
    return resultOf(check, 'error', { expected: expectation(want), message: errorMessage(e), event: raw })
  }
  const fields = { expected: expectation(want), actual: expectation(got) }
  if (got === want) return resultOf(check, 'pass', override ? { ...fields, message: declaredGapMessage(override.reason) } : fields)
  const message = override
    ? `the declared gap no longer holds (${override.reason}); remove the ${check.variant} override`
    : `(replayed from the ${test.variant} test event)`
  return resultOf(check, 'fail', { ...fields, message, event: raw })
}
