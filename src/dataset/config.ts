/**
 * The resolved, serialisable description of one dataset: everything a worker needs to render any
 * chunk. Same config ⇒ same bytes, whatever the number of workers.
 */
import type { ClusterContext, Provider } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'
import { auditId, clusterContext, createRng } from './generators.js'
import type { Format } from './envelopes.js'
import type { Transport } from './kinesis.js'

export interface DatasetOptions {
  variants: VariantId[]
  /** Number of actions (API requests). */
  count: number
  seed: number
  /** Probability that a scenario is an attack. */
  attackRatio: number
  /** Comma-separated family globs. */
  families: string
  format: Format
  /** How the format's payloads travel (`kinesis`: cloudwatch only); absent: plain lines. */
  transport?: Transport
  gzip: boolean
  assumeDataActions: boolean
  /** Start of the dataset's clock, ISO 8601. */
  start: string
  /**
   * aks: the diagnostic category (`kube-audit-admin` has no get/list/watch records).
   * @defaultValue 'kube-audit'
   */
  aksCategory?: 'kube-audit' | 'kube-audit-admin'
  /**
   * gke: Data Access logs enabled (reads and status writes are recorded only then).
   * @defaultValue true
   */
  gkeDataAccess?: boolean
}

export interface DatasetConfig extends DatasetOptions {
  /** Actions per chunk (the unit of work and of PRNG streams). */
  chunkSize: number
  contexts: Record<VariantId, ClusterContext>
  workspaceId: string
}

export const CHUNK_SIZE = 1000

export const PROVIDER_OF: Record<VariantId, Provider> = { k8s: 'kubernetes', eks: 'eks', aks: 'aks', gke: 'gke', 'azure-activity': 'aks' }

/** The clusters of a dataset, drawn from its seed (azure-activity shares the AKS cluster). */
export function resolveConfig(options: DatasetOptions): DatasetConfig {
  const contexts = {} as Record<VariantId, ClusterContext>
  const byProvider = new Map<Provider, ClusterContext>()
  const providers: Provider[] = ['kubernetes', 'eks', 'aks', 'gke']
  providers.forEach((p, i) => byProvider.set(p, clusterContext({ provider: p }).draw(createRng(options.seed, 0x7fff0000 + i))))
  for (const v of options.variants) contexts[v] = byProvider.get(PROVIDER_OF[v])!
  return { ...options, chunkSize: CHUNK_SIZE, contexts, workspaceId: auditId().draw(createRng(options.seed, 0x7fff00ff)) }
}

export function chunkCount(config: Pick<DatasetConfig, 'count' | 'chunkSize'>): number {
  return Math.ceil(config.count / config.chunkSize)
}
