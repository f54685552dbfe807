import type { ClusterContext, Provider } from '../src/model/audit-event.js'
import { chars, constantFrom, fake, record, uuid, type Gen } from './_internals/gen.js'

export interface ClusterContextConstraints {
  /**
   * Provider of the cluster.
   * @defaultValue any of `kubernetes`, `eks`, `aks`, `gke`
   */
  provider?: Provider
}

const REGIONS: Record<Provider, readonly string[]> = {
  kubernetes: ['dc1'],
  eks: ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'],
  aks: ['westeurope', 'eastus', 'northeurope', 'uksouth'],
  gke: ['europe-west1', 'us-central1', 'us-west1-c', 'asia-northeast1'],
}

const EXAMPLES: Record<Provider, ClusterContext> = {
  kubernetes: { provider: 'kubernetes', clusterName: 'prod-k8s-1' },
  eks: { provider: 'eks', clusterName: 'prod-eks-1', region: 'us-east-1', accountId: '111122223333' },
  aks: { provider: 'aks', clusterName: 'prod-aks-1', region: 'westeurope', subscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', resourceGroup: 'rg-prod-aks' },
  gke: { provider: 'gke', clusterName: 'prod-gke-1', region: 'europe-west1', projectId: 'acme-prod' },
}

function forProvider(p: Provider): Gen<ClusterContext> {
  const name = record({ env: constantFrom('prod', 'staging', 'dev', 'shared'), word: fake((f) => f.word.noun().toLowerCase().replace(/[^a-z0-9]/g, '')), n: constantFrom('1', '2', '01', 'a') })
  const clusterName = name.map((n) => `${n.env}-${n.word}-${n.n}`)
  switch (p) {
    case 'eks':
      return record({ clusterName, region: constantFrom(...REGIONS.eks), accountId: chars('0123456789', 12) }).map((c) => ({ provider: 'eks' as const, ...c }))
    case 'aks':
      return record({ clusterName, region: constantFrom(...REGIONS.aks), subscriptionId: uuid(), rg: clusterName }).map((c) => ({ provider: 'aks' as const, clusterName: c.clusterName, region: c.region, subscriptionId: c.subscriptionId, resourceGroup: `rg-${c.rg}` }))
    case 'gke':
      return record({ clusterName, region: constantFrom(...REGIONS.gke), project: name }).map((c) => ({ provider: 'gke' as const, clusterName: c.clusterName, region: c.region, projectId: `${c.project.word}-${c.project.env}` }))
    default:
      return clusterName.map((clusterName) => ({ provider: 'kubernetes' as const, clusterName }))
  }
}

/** The cluster an event comes from: name, region, account / subscription and resource group / project. */
export function clusterContext(constraints: ClusterContextConstraints = {}): Gen<ClusterContext> {
  if (constraints.provider) return forProvider(constraints.provider)
  return constantFrom<Provider>('kubernetes', 'eks', 'aks', 'gke').bind(forProvider)
}

/** The fixed example cluster of each provider (the ones of logformats.md §2.8, §3.8, §5.8). */
clusterContext.example = (provider: Provider): ClusterContext => ({ ...EXAMPLES[provider] })
