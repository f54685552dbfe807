import type { AuditEvent, ClusterContext } from './audit-event.js'

/** The log formats ruleproof knows. `k8s` is the plain kube-apiserver audit log. */
export const VARIANT_IDS = ['k8s', 'eks', 'aks', 'gke', 'azure-activity'] as const
export type VariantId = (typeof VARIANT_IDS)[number]

export function isVariantId(value: unknown): value is VariantId {
  return typeof value === 'string' && (VARIANT_IDS as readonly string[]).includes(value)
}

/** Options that change what a codec writes. */
export interface EncodeOptions {
  /**
   * azure-activity only: write the hypothetical ARM-style record that Sigma's
   * azure/activitylogs Kubernetes rules assume (real Activity logs have none).
   * @defaultValue false
   */
  assumeDataActions?: boolean
  /**
   * aks only: the diagnostic category the record is written under. `kube-audit-admin`
   * carries no read events (get, list, watch): encode returns null for them.
   * @defaultValue 'kube-audit'
   */
  aksCategory?: 'kube-audit' | 'kube-audit-admin'
  /**
   * gke only: whether Data Access audit logs are enabled (they are off by default on GKE).
   * Reads and status writes land in `data_access`; with `false` encode returns null for them.
   * @defaultValue true
   */
  gkeDataAccess?: boolean
}

/** A raw record decoded back to the canonical form. */
export interface Decoded {
  event: AuditEvent
  context: ClusterContext
  /**
   * Canonical paths (e.g. `stage`, `requestReceivedTimestamp`, `context.clusterName`) the raw
   * record did not provide and the codec filled with a documented default or derivation.
   * Partial records (Panther test logs) list many; a complete provider record lists few.
   */
  defaulted?: string[]
}

/**
 * One provider log format. `encode` returns null when the provider writes no record
 * for the action (AKS kube-audit-admin drops reads; Azure Activity has no data-plane writes).
 */
export interface Variant {
  id: VariantId
  title: string
  /** Panther log type whose raw record this variant is, when there is one. */
  pantherLogType?: string
  encode(event: AuditEvent, context: ClusterContext, options?: EncodeOptions): unknown | null
  decode(raw: unknown): Decoded
  /** JSON schema (draft 2020-12) of the raw record. */
  schema: object
  /** Canonical field paths this variant carries, and those it loses. */
  carries: readonly string[]
  loses: readonly string[]
}
