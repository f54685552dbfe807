import type { ClusterContext, Provider } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'

const PROVIDER: Record<VariantId, Provider> = {
  k8s: 'kubernetes',
  eks: 'eks',
  aks: 'aks',
  gke: 'gke',
  'azure-activity': 'aks',
}

/**
 * The cluster a replayed action happens on when it is re-encoded for another variant: the same
 * cluster name and region, and fixed ids where the source variant had none (an EKS test says
 * nothing about an Azure subscription), so replays are deterministic.
 */
export function contextFor(variant: VariantId, from: ClusterContext): ClusterContext {
  const provider = PROVIDER[variant]
  const out: ClusterContext = { ...from, provider, clusterName: from.clusterName || 'ruleproof-cluster' }
  // Regions are provider-specific names: keep one only on its own provider.
  if (from.provider !== provider) delete out.region
  if (provider === 'eks') {
    out.accountId ??= '123456789012'
    out.region ??= 'us-east-1'
  } else if (provider === 'gke') {
    out.projectId ??= 'ruleproof-project'
    out.region ??= 'us-central1'
  } else if (provider === 'aks') {
    out.subscriptionId ??= '00000000-0000-4000-8000-000000000000'
    out.resourceGroup ??= 'ruleproof-rg'
    out.region ??= 'eastus'
  }
  return out
}
