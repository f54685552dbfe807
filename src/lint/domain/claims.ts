import type { VariantId } from '../../model/variant.js'

/**
 * The variants a rule claims, as the linter judges coverage. Mirrors H3's `claimedVariants`
 * (src/sigma/pipeline) and `variantForPantherLogType` (src/variants) for the logsources and log
 * types ruleproof models.
 */
export function sigmaClaimedVariants(logsource: { product?: string; service?: string }): VariantId[] {
  const { product, service } = logsource
  if (product === 'kubernetes' && (service === 'audit' || service === undefined)) return ['k8s', 'eks', 'aks', 'gke']
  if (product === 'azure' && service === 'activitylogs') return ['azure-activity']
  if (product === 'gcp' && service === 'gcp.audit') return ['gke']
  return []
}

const PANTHER_LOG_TYPES: Record<string, VariantId> = {
  'Amazon.EKS.Audit': 'eks',
  'Azure.MonitorActivity': 'aks',
  'GCP.AuditLog': 'gke',
}

export function pantherVariant(logType: string): VariantId | undefined {
  return PANTHER_LOG_TYPES[logType]
}
