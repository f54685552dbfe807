import type { AuditEvent, ClusterContext } from '../src/model/audit-event.js'
import { toAuditEvent } from './_internals/builders/event.js'
import { asGen, integer, weighted, type Gen, type GenOr } from './_internals/gen.js'
import { clusterContext } from './clusterContext.js'
import { selectFamilies } from './families/index.js'

export interface AuditEventConstraints {
  /**
   * Families to draw from (comma-separated globs, `!` excludes).
   * @defaultValue `'*'`
   */
  families?: string
  /**
   * The cluster the event is rendered for.
   * @defaultValue the plain-Kubernetes example cluster
   */
  context?: GenOr<ClusterContext>
}

/** An `audit.k8s.io/v1` Event from any step of the selected families' scenarios. */
export function auditEvent(constraints: AuditEventConstraints = {}): Gen<AuditEvent> {
  const fams = selectFamilies(constraints.families ?? '*')
  const scenario = weighted(...fams.map((f) => [f.weight, f.scenario] as const))
  const context = asGen(constraints.context ?? clusterContext.example('kubernetes'))
  return scenario.bind((s) => integer(0, s.steps.length - 1).bind((i) => context.map((ctx) => toAuditEvent(s.steps[i]!.action, ctx))))
}
