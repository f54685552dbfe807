import fc from 'fast-check'
import type { Result } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import { decodeTest, encodeOn, matches, notRecorded } from './codec.js'
import { changedPaths, overlapsAny } from './paths.js'
import { ASPECTS, type Aspect, shuffleKeys } from './perturb.js'
import { EvaluationError, errorMessage, expectation, resultOf } from './results.js'
import type { HarnessEnvironment, PlannedCheck, Scenario } from './types.js'

export interface PropertyRun {
  runs: number
  seed: number
  assumeDataActions: boolean
}

/** One perturbation: for each aspect a value or undefined (left alone), and a key-order seed. */
type Perturbation = { values: (unknown | undefined)[]; order: number }

/**
 * The aspects a rule cannot be reading on `variant`: none of their canonical paths, nor the raw
 * fields their change shows up in on that variant, is among the paths the rule reads.
 */
export function freeAspects(
  env: HarnessEnvironment,
  base: Scenario,
  variant: VariantId,
  reads: readonly string[],
  assume: boolean,
  seed: number,
): Aspect[] {
  const baseRaw = encodeOn(env, variant, base, assume)
  return ASPECTS.filter((a) => {
    if (overlapsAny(a.paths, reads)) return false
    // Footprint: a few fixed samples of the aspect, diffed on the raw record. An aspect that
    // changes nothing on this event (no uid to vary) is left out rather than reported as varied.
    let changes = false
    for (const v of fc.sample(a.values, { numRuns: 3, seed })) {
      let raw: unknown
      try {
        raw = encodeOn(env, variant, a.apply(base, v), assume)
      } catch {
        return false
      }
      const changed = changedPaths(baseRaw, raw)
      if (overlapsAny(changed, reads)) return false
      if (changed.length > 0) changes = true
    }
    return changes
  })
}

function perturbed(base: Scenario, aspects: readonly Aspect[], p: Perturbation): Scenario {
  let s = base
  aspects.forEach((a, i) => {
    const v = p.values[i]
    if (v !== undefined) s = a.apply(s, v)
  })
  return s
}

/**
 * Perturbation: vary what the rule does not read (ids, timestamps, IPs, names, user agents,
 * extra annotations, key order); the verdict on `variant` must stay the one the unperturbed
 * action gets. A failure is shrunk to the smallest perturbation and reported with seed and path.
 */
export async function runProperty(check: PlannedCheck, env: HarnessEnvironment, o: PropertyRun): Promise<Result> {
  const test = check.test!
  const variant = check.variant
  const assume = o.assumeDataActions || test.variant === 'azure-activity'
  let base: Scenario
  let baseRaw: unknown
  let baseMatch: boolean
  try {
    base = decodeTest(env, test)
    baseRaw = encodeOn(env, variant, base, assume)
    if (baseRaw === null) return resultOf(check, 'skip', { message: notRecorded(variant) })
    baseMatch = await matches(check.rule, baseRaw, variant, test)
  } catch (e) {
    return resultOf(check, 'error', { message: errorMessage(e) })
  }
  const reads = check.rule.fieldsRead?.(variant)
  if (reads === undefined) {
    return resultOf(check, 'skip', { message: `the rule does not report which fields it reads on ${variant}` })
  }
  const aspects = freeAspects(env, base, variant, reads, assume, o.seed)
  const arb = fc.record({
    values: fc.tuple(...aspects.map((a) => fc.option(a.values, { nil: undefined, freq: 2 }))),
    order: fc.nat({ max: 0xffff }),
  })
  const recordFor = (p: Perturbation): unknown => {
    const raw = encodeOn(env, variant, perturbed(base, aspects, p), assume)
    return raw === null ? null : shuffleKeys(raw, p.order)
  }
  const details = await fc.check(
    fc.asyncProperty(arb, async (p) => {
      const raw = recordFor(p)
      if (raw === null) return true // the variant dropped the perturbed action: nothing to judge
      try {
        return (await matches(check.rule, raw, variant, test)) === baseMatch
      } catch (e) {
        throw new EvaluationError(errorMessage(e))
      }
    }),
    { numRuns: o.runs, seed: o.seed },
  )
  const varied = aspects.map((a) => a.name).concat('key order')
  const expected = expectation(baseMatch)
  if (!details.failed) {
    return resultOf(check, 'pass', { expected, actual: expected, seed: o.seed, message: `${details.numRuns} perturbations of ${varied.join(', ')}` })
  }
  const counter = details.counterexample?.[0] as Perturbation | undefined
  if (!counter) {
    return resultOf(check, 'error', { message: errorMessage(details.errorInstance), seed: details.seed, path: details.counterexamplePath ?? undefined })
  }
  const changed = aspects.filter((_, i) => counter.values[i] !== undefined).map((a) => a.name)
  if (counter.order !== 0) changed.push('key order')
  const event = recordFor(counter)
  if (details.errorInstance instanceof EvaluationError) {
    return resultOf(check, 'error', {
      message: `the rule failed on a perturbed event (${changed.join(', ')}): ${details.errorInstance.message}`,
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      event,
    })
  }
  return resultOf(check, 'fail', {
    expected,
    actual: expectation(!baseMatch),
    message: `the verdict changed when only ${changed.join(', ') || 'nothing'} changed (fields the rule does not read)`,
    seed: details.seed,
    path: details.counterexamplePath ?? undefined,
    event,
  })
}
