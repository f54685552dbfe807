/** Azure Resource Manager IDs of clusters, as AKS diagnostic records and Activity-log records spell them. */
import type { ClusterContext } from '../../model/audit-event.js'

/** Placeholders used when the context lacks what an Azure envelope needs (documented in docs/variants.md). */
export const AZURE_PLACEHOLDER = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroup: 'example-rg',
  clusterName: 'example-cluster',
} as const

export const MANAGED_CLUSTERS = 'Microsoft.ContainerService/managedClusters'
export const CONNECTED_CLUSTERS = 'Microsoft.Kubernetes/connectedClusters'

export interface ArmCluster {
  subscriptionId: string
  resourceGroup: string
  clusterName: string
  resourceType: typeof MANAGED_CLUSTERS | typeof CONNECTED_CLUSTERS
}

export function armCluster(context: ClusterContext): ArmCluster {
  return {
    subscriptionId: context.subscriptionId || AZURE_PLACEHOLDER.subscriptionId,
    resourceGroup: context.resourceGroup || AZURE_PLACEHOLDER.resourceGroup,
    clusterName: context.clusterName || AZURE_PLACEHOLDER.clusterName,
    resourceType: context.azureResourceType ?? MANAGED_CLUSTERS,
  }
}

/** `/subscriptions/<sub>/resourceGroups/<rg>/providers/<type>/<name>` in ARM's mixed case. */
export function armId(c: ArmCluster): string {
  return `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/${c.resourceType}/${c.clusterName}`
}

const ARM_ID = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/(microsoft\.containerservice\/managedclusters|microsoft\.kubernetes\/connectedclusters)\/([^/]+)(?:\/(.*))?$/i

export interface ParsedArmId extends ArmCluster {
  /** What follows the cluster name (`rbac.authorization.k8s.io/rolebindings/x`), if anything. */
  rest?: string
}

/** Parses a cluster ARM ID (any case); names come back lower-cased since ARM IDs are case-insensitive. */
export function parseArmId(id: string): ParsedArmId | undefined {
  const m = ARM_ID.exec(id)
  if (!m) return undefined
  const out: ParsedArmId = {
    subscriptionId: m[1]!.toLowerCase(),
    resourceGroup: m[2]!.toLowerCase(),
    resourceType: m[3]!.toLowerCase().startsWith('microsoft.kubernetes') ? CONNECTED_CLUSTERS : MANAGED_CLUSTERS,
    clusterName: m[4]!.toLowerCase(),
  }
  if (m[5]) out.rest = m[5]
  return out
}

/** The context an Azure record names; names lower-cased. */
export function contextFromArm(c: ArmCluster): ClusterContext {
  const ctx: ClusterContext = {
    provider: 'aks',
    clusterName: c.clusterName,
    subscriptionId: c.subscriptionId,
    resourceGroup: c.resourceGroup,
  }
  if (c.resourceType === CONNECTED_CLUSTERS) ctx.azureResourceType = CONNECTED_CLUSTERS
  return ctx
}
