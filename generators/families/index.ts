import fc from 'fast-check'
import type { ClusterContext } from '../../src/model/audit-event.js'
import { toAuditEvent } from '../_internals/builders/event.js'
import { clusterContext } from '../clusterContext.js'
import type { LabelledEvent, Scenario } from '../types.js'
import { atomicFamilies } from './atomic.js'
import { benignFamilies } from './benign.js'
import { clusterAttackFamilies, clusterBenignFamilies } from './cluster.js'
import { labelsOf, type Family } from './family.js'
import { noiseFamilies } from './noise.js'
import { selectNames } from './names.js'

export type { Family } from './family.js'

/** Every scenario family, `atomic.*` first, then `benign.*`, then `noise.*`. */
export const families: readonly Family[] = [...atomicFamilies, ...clusterAttackFamilies, ...benignFamilies, ...clusterBenignFamilies, ...noiseFamilies]

const byName = new Map(families.map((f) => [f.name, f]))
const stepOwner = new Map(families.flatMap((f) => f.steps.map((s) => [s, f] as const)))

/** Every name `familyArbitrary` accepts: families and their cascade steps (`<family>.job`, `.status`, `.pod`). */
export function familyNames(): string[] {
  return families.flatMap((f) => [...f.steps])
}

export function getFamily(name: string): Family {
  const f = byName.get(name)
  if (!f) throw new RangeError(`generators: unknown family '${name}' (known: ${families.map((x) => x.name).join(', ')})`)
  return f
}

/**
 * Families whose name matches a comma-separated glob list (`atomic.*,benign.ci-*`); a pattern
 * starting with `!` excludes. Throws when nothing matches or a positive pattern matches nothing.
 */
export function selectFamilies(globs: string): Family[] {
  return selectNames(globs, families.map((f) => f.name)).map((n) => byName.get(n) as Family)
}

export interface FamilyArbitraryOptions {
  /**
   * The cluster the events are rendered for (identities, reasons and node names are per provider).
   * @defaultValue the example cluster of `provider`
   */
  context?: ClusterContext
  /**
   * Used when no `context` is given.
   * @defaultValue `'kubernetes'`
   */
  provider?: ClusterContext['provider']
}

/** The scenarios of a family (all steps, with their actions). */
export function scenarioArbitrary(name: string): fc.Arbitrary<Scenario> {
  return getFamily(name).scenario
}

/**
 * Labelled audit events of one family or cascade step. For a family name it yields the
 * family's own request (e.g. the CronJob create); for `<family>.job` / `.status` / `.pod` the
 * controller's request that follows. Scenarios where the step does not occur (a denied create
 * has no cascade) are skipped.
 */
export function familyArbitrary(name: string, options: FamilyArbitraryOptions = {}): fc.Arbitrary<LabelledEvent> {
  const family = stepOwner.get(name)
  if (!family) throw new RangeError(`generators: unknown family or step '${name}' (known: ${familyNames().join(', ')})`)
  const context = options.context ?? clusterContext.example(options.provider ?? 'kubernetes')
  return family.scenario
    .filter((s) => s.steps.some((st) => st.family === name && st.primary !== false))
    .map((s) => {
      const step = s.steps.find((st) => st.family === name && st.primary !== false)!
      const event = toAuditEvent(step.action, context)
      return { family: name, labels: labelsOf(name, family.labels, event), action: step.action, context, event }
    })
}
