import fc from 'fast-check'
import type { Result } from '../model/result.js'
import { declaredGapMessage } from '../report/gap.js'
import type { VariantId } from '../model/variant.js'
import { encodeOn, matches } from './codec.js'
import { EvaluationError, errorMessage, expectation, resultOf } from './results.js'
import { encodeSample, familySamples, shrinkable } from './samples.js'
import type { GeneratedRun } from './scenario.js'
import type { HarnessEnvironment, PlannedCheck, Scenario } from './types.js'

type Verdicts = Partial<Record<VariantId, boolean>>
type Encode = (v: VariantId, s: Scenario) => unknown

async function judge(check: PlannedCheck, s: Scenario, encode: Encode): Promise<{ verdicts: Verdicts; records: Partial<Record<VariantId, unknown>> }> {
  const verdicts: Verdicts = {}
  const records: Partial<Record<VariantId, unknown>> = {}
  const recorded = check.variants!.flatMap((v) => {
    const raw = encode(v, s)
    if (raw === null) return []
    records[v] = raw
    return [[v, raw] as const]
  })
  // All variants at once: the Panther worker pipelines requests.
  const got = await Promise.all(
    recorded.map(async ([v, raw]) => {
      try {
        return await matches(check.rule, raw, v)
      } catch (e) {
        throw new EvaluationError(`${v}: ${errorMessage(e)}`)
      }
    }),
  )
  // Filled in the rule's variant order, whatever order the answers came back in.
  recorded.forEach(([v], i) => (verdicts[v] = got[i]!))
  return { verdicts, records }
}

const agree = (v: Verdicts): boolean => new Set(Object.values(v)).size <= 1

/** Agreement, or a disagreement that only the gap's variants make (a declared gap). */
function judgeGap(v: Verdicts, gap: PlannedCheck['gap']): 'agree' | 'gap' | 'disagree' {
  if (agree(v)) return 'agree'
  if (!gap) return 'disagree'
  const rest = Object.fromEntries(Object.entries(v).filter(([variant]) => !gap.variants.includes(variant as VariantId)))
  return agree(rest) ? 'gap' : 'disagree'
}

/**
 * The same action must get the same verdict on every variant of the rule that records it. A
 * disagreement is shrunk and shown as the record and verdict on each variant.
 */
export async function runConsistency(check: PlannedCheck, env: HarnessEnvironment, o: GeneratedRun): Promise<Result> {
  const family = check.family!
  const variants = check.variants!
  // The family's own expectation when known (benign families: no match), never a variant's verdict.
  const expected = check.expect !== undefined ? { expected: expectation(check.expect) } : {}
  let samples: Scenario[]
  try {
    samples = familySamples(env, family, o.seed, o.runs)
  } catch (e) {
    return resultOf(check, 'error', { message: errorMessage(e) })
  }
  const cached: Encode = (v, s) => encodeSample(env, v, s, o.assumeDataActions)
  let compared = 0
  let gapped = 0
  let failed = false
  for (const s of samples) {
    try {
      const { verdicts } = await judge(check, s, cached)
      if (Object.keys(verdicts).length > 1) compared++
      const said = judgeGap(verdicts, check.gap)
      if (said === 'gap') gapped++
      if (said === 'disagree') {
        failed = true
        break
      }
    } catch {
      failed = true
      break
    }
  }
  if (!failed) {
    if (compared === 0) return resultOf(check, 'skip', { ...expected, seed: o.seed, message: `no ${family} action is recorded by two of ${variants.join(', ')}` })
    if (gapped > 0) return resultOf(check, 'pass', { ...expected, seed: o.seed, message: declaredGapMessage(`${check.gap!.reason} (${gapped} of ${compared} actions differ on ${check.gap!.variants.join(', ')})`) })
    return resultOf(check, 'pass', { ...expected, seed: o.seed, message: `${compared} generated actions agree on ${variants.join(', ')}` })
  }
  const fresh: Encode = (v, s) => encodeOn(env, v, s, o.assumeDataActions)
  const details = await fc.check(
    fc.asyncProperty(shrinkable(env.families.arbitrary(family)), async (s) => judgeGap((await judge(check, s, fresh)).verdicts, check.gap) !== 'disagree'),
    { numRuns: o.runs, seed: o.seed },
  )
  const counter = details.counterexample?.[0] as Scenario | undefined
  const where = { seed: details.seed, path: details.counterexamplePath ?? undefined }
  if (!details.failed || !counter || details.errorInstance instanceof EvaluationError) {
    return resultOf(check, 'error', { message: details.failed ? errorMessage(details.errorInstance) : 'the rule gave different verdicts for the same event', ...where })
  }
  const { verdicts, records } = await judge(check, counter, fresh)
  return resultOf(check, 'fail', {
    ...expected,
    actual: Object.fromEntries(Object.entries(verdicts).map(([v, m]) => [v, expectation(m === true)])),
    message: `(the same generated ${family} action on each)`,
    ...where,
    event: records,
  })
}
