/**
 * Why a variant writes no record for an event (encode returned null), in words a report can show;
 * undefined when it writes one.
 */
import type { AuditEvent, ClusterContext } from '../model/audit-event.js'
import type { EncodeOptions, VariantId } from '../model/variant.js'
import { isDataAccess, keptStage } from './gke/codec.js'
import { isCommandInvoke } from './shared/event.js'
import { READ_VERBS } from './shared/k8s-api.js'

export function noRecordReason(event: AuditEvent, _context: ClusterContext, variant: VariantId, options: EncodeOptions = {}): string | undefined {
  switch (variant) {
    case 'k8s':
    case 'eks':
      return undefined
    case 'aks':
      return options.aksCategory === 'kube-audit-admin' && READ_VERBS.has(event.verb)
        ? `AKS kube-audit-admin carries no read events (verb ${event.verb}); only kube-audit does`
        : undefined
    case 'gke':
      if (!event.objectRef?.resource) return 'GKE: no entry is written for a non-resource request by ruleproof (shape not observed)'
      if (event.stage !== keptStage(event)) return `GKE keeps one entry per request, at ${keptStage(event)}; this event is stage ${event.stage}`
      if (isDataAccess(event) && options.gkeDataAccess === false) return 'GKE Data Access audit logs are disabled (they are off by default): reads and status writes are not logged'
      return undefined
    case 'azure-activity':
      if (isCommandInvoke(event)) return undefined
      if (options.assumeDataActions && event.objectRef?.resource) return undefined
      return event.objectRef?.resource
        ? 'the Azure Activity log has no record of Kubernetes API requests (they are data actions, not Resource Manager operations); --assume-data-actions writes the record Sigma azure/activitylogs rules assume, labelled as assumed'
        : 'the Azure Activity log has no record of this request'
  }
}
