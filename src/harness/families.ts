import type fc from 'fast-check'
import { clusterContext, familyArbitrary, familyNames, families, toAuditEvent, type LabelledEvent } from '../../generators/index.js'
import type { Provider } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'
import type { FamilySource, Scenario } from './types.js'

const PROVIDER: Record<VariantId, Provider> = { k8s: 'kubernetes', eks: 'eks', aks: 'aks', gke: 'gke', 'azure-activity': 'aks' }

/**
 * The generators' scenario families (and their cascade steps, `<family>.job` …) as the harness
 * sees them. Each generated action is rendered for the provider of the variant it is encoded
 * on (identities, authorization reasons and node names differ per provider), so "the same
 * action on every variant" is the same request, logged the way each provider logs it.
 */
export function generatorFamilies(): FamilySource {
  const names = [...familyNames()].sort()
  const cache = new Map<string, fc.Arbitrary<Scenario>>()
  return {
    names,
    families: families.map((f) => f.name).sort(),
    arbitrary(name) {
      let arb = cache.get(name)
      if (!arb) {
        arb = familyArbitrary(name).map(
          (l: LabelledEvent): Scenario => ({
            event: l.event,
            context: l.context,
            render(variant) {
              const context = clusterContext.example(PROVIDER[variant])
              return { event: toAuditEvent(l.action, context), context }
            },
          }),
          // Shrinking keeps the generator's own values; the rendering is recomputed.
        )
        cache.set(name, arb)
      }
      return arb
    },
  }
}
