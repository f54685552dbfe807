import fc from 'fast-check'
import type { Result } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import { declaredGapMessage } from '../report/gap.js'
import { encodeOn, notRecorded } from './codec.js'
import { decodeTestRecords, matchesRecords, recordsOn } from './records.js'
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
  /** The record as the check sees it (a KQL rule's table row); the raw record by default. */
  view: (raw: unknown) => unknown = (raw) => raw,
): Aspect[] {
  const encode = (s: Scenario): unknown => {
    const raw = encodeOn(env, variant, s, assume)
    return raw === null ? null : view(raw)
  }
  const baseRaw = encode(base)
  return ASPECTS.filter((a) => {
    if (overlapsAny(a.paths, reads)) return false
    // Footprint: a few fixed samples of the aspect, diffed on the raw record. An aspect that
    // changes nothing on this event (no uid to vary) is left out rather than reported as varied.
    let changes = false
    for (const v of fc.sample(a.values, { numRuns: 3, seed })) {
      let raw: unknown
      try {
        raw = encode(a.apply(base, v))
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
  const view = check.view
  const assume = o.assumeDataActions || test.variant === 'azure-activity'
  const inView = (raw: unknown): unknown => (view !== undefined && check.rule.inView ? check.rule.inView(view, variant, raw) : raw)
  // Every record of the test, each perturbed the same way (an aggregating query needs them all).
  let bases: Scenario[]
  let baseMatch: boolean
  try {
    bases = decodeTestRecords(env, test)
    const records = recordsOn(env, check.rule, variant, bases, assume, view)
    if (records.length === 0) return resultOf(check, 'skip', { message: view !== undefined ? `${view} holds no ${variant} record of this action` : notRecorded(variant) })
    baseMatch = await matchesRecords(check.rule, records, variant, test)
  } catch (e) {
    return resultOf(check, 'error', { message: errorMessage(e) })
  }
  const base = bases[0]!
  const reads = check.rule.fieldsRead?.(variant, view)
  if (reads === undefined) {
    return resultOf(check, 'skip', { message: `the rule does not report which fields it reads on ${variant}${view !== undefined ? ` (${view})` : ''}` })
  }
  const aspects = freeAspects(env, base, variant, reads, assume, o.seed, inView)
  const arb = fc.record({
    values: fc.tuple(...aspects.map((a) => fc.option(a.values, { nil: undefined, freq: 2 }))),
    order: fc.nat({ max: 0xffff }),
  })
  const recordsFor = (p: Perturbation): unknown[] =>
    recordsOn(env, check.rule, variant, bases.map((b) => perturbed(b, aspects, p)), assume, view).map((r) => shuffleKeys(r, p.order))
  const recordFor = (p: Perturbation): unknown => {
    const records = recordsFor(p)
    return records.length === 0 ? null : records.length === 1 ? records[0] : records
  }
  // Blind: the check's view is the test's own table, one the rule's query does not read.
  const blind = view !== undefined && check.rule.tables !== undefined && !check.rule.tables.includes(view)
  const details = await fc.check(
    fc.asyncProperty(arb, async (p) => {
      const records = recordsFor(p)
      if (records.length === 0) return true // the variant dropped the perturbed action: nothing to judge
      try {
        return (await matchesRecords(check.rule, records, variant, test)) === baseMatch
      } catch (e) {
        throw new EvaluationError(errorMessage(e))
      }
    }),
    { numRuns: o.runs, seed: o.seed },
  )
  const varied = aspects.map((a) => a.name).concat('key order')
  const expected = expectation(baseMatch)
  if (!details.failed) {
    const message = `${details.numRuns} perturbations of ${varied.join(', ')}`
    if (!blind) return resultOf(check, 'pass', { expected, actual: expected, seed: o.seed, message })
    // Reported, not hidden: the rule cannot see this table; the test's override says whether that is declared.
    const override = test.overrides?.[variant]
    const why = `the rule reads nothing of ${view}: blind to ${variant} records there`
    return resultOf(check, 'pass', { expected, actual: expected, seed: o.seed, message: override ? declaredGapMessage(`${override.reason}; ${why}`) : `${why} (${message})` })
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
