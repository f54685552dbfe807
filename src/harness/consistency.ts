import fc from 'fast-check'
import type { Result } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import { encodeOn, matches } from './codec.js'
import { EvaluationError, errorMessage, expectation, resultOf } from './results.js'
import type { GeneratedRun } from './scenario.js'
import type { HarnessEnvironment, PlannedCheck, Scenario } from './types.js'

type Verdicts = Partial<Record<VariantId, boolean>>

/**
 * The same action must get the same verdict on every variant of the rule that records it. A
 * disagreement is shrunk and shown as the record and verdict on each variant.
 */
export async function runConsistency(check: PlannedCheck, env: HarnessEnvironment, o: GeneratedRun): Promise<Result> {
  const family = check.family!
  const variants = check.variants!
  let arb: fc.Arbitrary<Scenario>
  try {
    arb = env.families.arbitrary(family)
  } catch (e) {
    return resultOf(check, 'error', { message: errorMessage(e) })
  }
  const judge = async (s: Scenario): Promise<{ verdicts: Verdicts; records: Partial<Record<VariantId, unknown>> }> => {
    const verdicts: Verdicts = {}
    const records: Partial<Record<VariantId, unknown>> = {}
    for (const v of variants) {
      const raw = encodeOn(env, v, s, o.assumeDataActions)
      if (raw === null) continue
      records[v] = raw
      try {
        verdicts[v] = await matches(check.rule, raw, v)
      } catch (e) {
        throw new EvaluationError(`${v}: ${errorMessage(e)}`)
      }
    }
    return { verdicts, records }
  }
  let compared = 0
  const details = await fc.check(
    fc.asyncProperty(arb, async (s) => {
      const { verdicts } = await judge(s)
      const seen = new Set(Object.values(verdicts))
      if (Object.keys(verdicts).length > 1) compared++
      return seen.size <= 1
    }),
    { numRuns: o.runs, seed: o.seed },
  )
  if (!details.failed) {
    if (compared === 0) return resultOf(check, 'skip', { seed: o.seed, message: `no ${family} action is recorded by two of ${variants.join(', ')}` })
    return resultOf(check, 'pass', { seed: o.seed, message: `${compared} generated actions agree on ${variants.join(', ')}` })
  }
  const counter = details.counterexample?.[0] as Scenario | undefined
  const where = { seed: details.seed, path: details.counterexamplePath ?? undefined }
  if (!counter || details.errorInstance instanceof EvaluationError) {
    return resultOf(check, 'error', { message: errorMessage(details.errorInstance), ...where })
  }
  const { verdicts, records } = await judge(counter)
  const said = Object.entries(verdicts).map(([v, m]) => `${v}: ${expectation(m === true)}`)
  const first = Object.values(verdicts)[0] === true
  return resultOf(check, 'fail', {
    expected: expectation(first),
    actual: Object.fromEntries(Object.entries(verdicts).map(([v, m]) => [v, expectation(m === true)])),
    message: `the same ${family} action gets different verdicts (${said.join(', ')})`,
    ...where,
    event: records,
  })
}
