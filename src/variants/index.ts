/**
 * The variant registry: one codec per provider log format, plus lookups by Panther log type
 * and a best guess of the variant of a raw record.
 */
import type { Variant, VariantId } from '../model/variant.js'
import * as azureActivity from './azure-activity/codec.js'
import { looksLikeEks } from './eks/identity.js'
import { variants } from './registry.js'
import { isObject } from './shared/json.js'

export { variants } from './registry.js'

export function getVariant(id: VariantId): Variant {
  const v = variants[id]
  if (!v) throw new RangeError(`unknown variant ${JSON.stringify(id)}; known: ${Object.keys(variants).join(', ')}`)
  return v
}

const BY_PANTHER_LOG_TYPE: Record<string, VariantId> = {
  'Amazon.EKS.Audit': 'eks',
  'Azure.MonitorActivity': 'aks',
  'GCP.AuditLog': 'gke',
}

/**
 * The variant whose records a Panther log type holds. `Azure.MonitorActivity` also holds Activity
 * records (`azure-activity`); use `detectVariant` on a record to tell them apart.
 */
export function variantForPantherLogType(logType: string): VariantId | undefined {
  return BY_PANTHER_LOG_TYPE[logType]
}

/**
 * A best guess of the variant of a raw record, from its shape: AKS by `category` kube-audit*,
 * GKE by `protoPayload`, Azure Activity by an ARM `operationName`, EKS by `p_log_type`, a
 * CloudWatch envelope or EKS identities (IAM users, `eks:*`, EKS access-policy reasons),
 * otherwise a plain audit Event is `k8s`. Undefined when nothing fits.
 */
export function detectVariant(raw: unknown): VariantId | undefined {
  if (!isObject(raw)) return undefined
  const record = Array.isArray(raw.records) && raw.records.length > 0 && isObject(raw.records[0]) ? raw.records[0] : raw
  if (typeof record.category === 'string' && record.category.startsWith('kube-audit')) return 'aks'
  if ((typeof record.Category === 'string' && record.Category.startsWith('kube-audit')) || record.Type === 'AKSAudit' || record.Type === 'AKSAuditAdmin') return 'aks'
  if (isObject(record.protoPayload)) return 'gke'
  if (typeof record.operationName === 'string' || isObject(record.operationName)) {
    return azureActivity.isKubernetesOperation(isObject(record.operationName) ? record.operationName.value : record.operationName) ? 'azure-activity' : undefined
  }
  if (Array.isArray(raw.logEvents) || (typeof raw.logGroup === 'string' && raw.logGroup.startsWith('/aws/eks/'))) return 'eks'
  if (raw.p_log_type === 'Amazon.EKS.Audit') return 'eks'
  if (raw.kind === 'Event' || raw.kind === 'EventList' || (typeof raw.verb === 'string' && (isObject(raw.objectRef) || typeof raw.requestURI === 'string'))) {
    return looksLikeEks(raw) ? 'eks' : 'k8s'
  }
  return undefined
}

export { validateRecord, relaxSchema, type SchemaProblem } from './validate.js'
export { DecodeError } from './shared/errors.js'
export { VIA_ANNOTATION, VIA_COMMAND_INVOKE, isCommandInvoke } from './shared/event.js'
export { innerEvent as aksInnerEvent } from './aks/codec.js'
export { toCloudWatchPayload, type CloudWatchPayload } from './eks/cloudwatch.js'
export { project } from './project.js'
export { reencodeEquivalence, derivedPaths, type Equivalence, type Difference } from './equivalence.js'
export { noRecordReason } from './no-record.js'
