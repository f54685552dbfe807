import fc from 'fast-check'
import type { VariantId } from '../model/variant.js'
import { encodeOn } from './codec.js'
import type { FamilySource, HarnessEnvironment, Scenario } from './types.js'

/*
 * Generated actions are shared by every rule of a run: fc.sample(arb, { seed, numRuns }) draws
 * exactly the values fc.check(…, { seed, numRuns }) would (same seed, same order), so the
 * harness draws and encodes each family once, judges every rule on those, and only calls
 * fc.check, to shrink and get the path, for a rule that fails.
 */
const drawn = new WeakMap<FamilySource, Map<string, Scenario[]>>()
const encoded = new WeakMap<Scenario, Map<string, unknown>>()

export function familySamples(env: HarnessEnvironment, family: string, seed: number, runs: number): Scenario[] {
  let byKey = drawn.get(env.families)
  if (!byKey) drawn.set(env.families, (byKey = new Map()))
  const key = `${family}\u0000${seed}\u0000${runs}`
  let samples = byKey.get(key)
  if (!samples) byKey.set(key, (samples = fc.sample(env.families.arbitrary(family), { seed, numRuns: runs })))
  return samples
}

/** encodeOn, remembered per drawn action (the records are read-only to rules). */
export function encodeSample(env: HarnessEnvironment, variant: VariantId, s: Scenario, assume: boolean): unknown {
  let byVariant = encoded.get(s)
  if (!byVariant) encoded.set(s, (byVariant = new Map()))
  const key = `${variant}${assume ? '+assume' : ''}`
  if (byVariant.has(key)) return byVariant.get(key)
  const raw = encodeOn(env, variant, s, assume)
  byVariant.set(key, raw)
  return raw
}

/**
 * Generated actions shrink in many tiny steps (each a segment of the replay path); a bound keeps
 * the shrinking quick and the printed path short, at the cost of a slightly less minimal action.
 */
export const MAX_SHRINKS = 40

export function shrinkable<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.limitShrink(arb, MAX_SHRINKS)
}
