import { declaredGapMessage } from '../report/gap.js'
import type { Result } from '../model/result.js'
import { notRecorded } from './codec.js'
import { decodeTestRecords, matchesRecords, recordsOn } from './records.js'
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
  // Every record of the test (an aggregating query needs them all), in the table the rule reads.
  const view = check.view ?? check.rule.views?.(check.variant)?.[0]
  let records: unknown[]
  try {
    records = recordsOn(env, check.rule, check.variant, decodeTestRecords(env, test), assumeDataActions || test.variant === 'azure-activity', view)
  } catch (e) {
    return resultOf(check, 'error', { message: `cannot replay the ${test.variant} event on ${check.variant}: ${errorMessage(e)}` })
  }
  if (records.length === 0) return resultOf(check, 'skip', { expected: expectation(want), message: notRecorded(check.variant) })
  const raw = records.length === 1 ? records[0] : records
  let got: boolean
  try {
    got = await matchesRecords(check.rule, records, check.variant, test)
  } catch (e) {
    return resultOf(check, 'error', { expected: expectation(want), message: errorMessage(e), event: raw })
  }
  const fields = { expected: expectation(want), actual: expectation(got) }
  if (got === want) return resultOf(check, 'pass', override ? { ...fields, message: declaredGapMessage(override.reason) } : fields)
  const message = override
    ? `the declared gap no longer holds (${override.reason}); remove the ${check.variant} override`
    : `(replayed from the ${test.variant} test ${records.length > 1 ? `events, all ${records.length} of them` : 'event'})`
  return resultOf(check, 'fail', { ...fields, message, event: raw })
}
