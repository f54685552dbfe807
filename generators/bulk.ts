/**
 * The fast seeded bulk generator. It draws the SAME family definitions as the fast-check
 * arbitraries (each `Gen` has a PRNG fast path, `draw(rng)`), so a label means the same in a
 * property and in a dataset, but skips fast-check's per-value bookkeeping (Value objects, bias,
 * shrink contexts). Work is cut into chunks; chunk k is drawn from its own stream
 * `createRng(seed, k)` and clock, so any worker can produce any chunk and the output does not
 * depend on how chunks are spread over threads.
 */
import { createRng, type Rng } from './_internals/rng.js'
import { weighted, constant, type Gen } from './_internals/gen.js'
import type { Family } from './families/family.js'
import type { Step } from './types.js'

export interface BulkOptions {
  seed: number
  /** Families to draw from (any mix of atomic.*, benign.*, noise.*). */
  families: readonly Family[]
  /**
   * Probability that a scenario comes from an `atomic.*` family (when both kinds are selected).
   * @defaultValue 0.05
   */
  attackRatio?: number
  /**
   * Time of the first action, epoch milliseconds.
   * @defaultValue `Date.parse('2026-03-14T00:00:00Z')`
   */
  start?: number
  /**
   * Mean time between scenarios, microseconds.
   * @defaultValue 40_000 (25 requests per second)
   */
  meanGapMicros?: number
}

export interface BulkStep {
  family: Family
  step: Step
}

/** The scenario picker: by group (attack ratio), then by family weight. */
export function scenarioPicker(options: BulkOptions): Gen<{ family: Family; steps: Step[] }> {
  const attack = options.families.filter((f) => f.labels.malicious)
  const benign = options.families.filter((f) => !f.labels.malicious && f.name.startsWith('benign.'))
  const noise = options.families.filter((f) => !f.labels.malicious && !f.name.startsWith('benign.'))
  const group = (fs: readonly Family[]) =>
    weighted(...fs.map((f) => [f.weight, f.scenario.map((s) => ({ family: f, steps: s.steps }))] as const))
  const ratio = options.attackRatio ?? 0.05
  const parts: [number, Gen<{ family: Family; steps: Step[] }>][] = []
  const rest = (benign.length ? 1 : 0) + (noise.length ? 3 : 0)
  if (attack.length) parts.push([rest ? ratio : 1, group(attack)])
  if (benign.length) parts.push([(attack.length ? 1 - ratio : 1) * (1 / rest), group(benign)])
  if (noise.length) parts.push([(attack.length ? 1 - ratio : 1) * (3 / rest), group(noise)])
  if (parts.length === 0) return constant({ family: options.families[0]!, steps: [] })
  return weighted(...parts.map(([w, g]) => [Math.max(0, Math.round(w * 1_000_000)), g] as const))
}

/**
 * The `count` actions of chunk `chunk` (actions `chunk * chunkSize …`). Scenarios are cut at the
 * chunk end, so a cascade may be incomplete at a chunk boundary.
 */
export function bulkSteps(options: BulkOptions, chunk: number, chunkSize: number, count: number, picker = scenarioPicker(options)): BulkStep[] {
  const rng: Rng = createRng(options.seed, chunk)
  const gap = options.meanGapMicros ?? 40_000
  let clock = (options.start ?? Date.parse('2026-03-14T00:00:00Z')) * 1000 + chunk * chunkSize * gap
  rng.clock = () => clock
  const out: BulkStep[] = []
  while (out.length < count) {
    const { family, steps } = picker.draw(rng)
    for (const step of steps) {
      if (out.length >= count) break
      out.push({ family, step })
    }
    // Exponential inter-arrival times around the mean gap.
    clock += Math.max(1, Math.round(-Math.log(1 - rng.double()) * gap))
  }
  return out
}
