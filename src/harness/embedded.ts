import type { Result } from '../model/result.js'
import { errorMessage, resultOf } from './results.js'
import type { PlannedCheck } from './types.js'

/** The test on its own variant, with the format's own pass/fail rule (`rule.runTest`). */
export async function runEmbedded(check: PlannedCheck): Promise<Result> {
  const test = check.test!
  try {
    const r = await check.rule.runTest(test)
    return { ...r, kind: 'embedded' }
  } catch (e) {
    return resultOf(check, 'error', { message: errorMessage(e) })
  }
}
