/**
 * SIEM envelopes around a variant's native record, one line per record so the labels file
 * stays aligned line by line:
 * - `native`: the record as the variant writes it;
 * - `splunk-hec`: a Splunk HTTP Event Collector event with the source, sourcetype and body of the
 *   variant's collection path (docs/variants.md, "Splunk"): k8s `source: kubernetes`, `sourcetype: _json`
 *   (what the Splunk "Kubernetes Cron Job Creation" analytic's `kube_audit` macro selects), eks
 *   `aws:cloudwatchlogs`, gke `google:gcp:pubsub:message` (the LogEntry in `data`), aks and
 *   azure-activity `mscs:azure:eventhub`;
 * - `sentinel`: a Log Analytics row — `AzureDiagnostics` for AKS (`Category`, `log_s`, `pod_s`, …,
 *   what the Sentinel KQL seed reads; logformats §3.4), `AzureActivity` for the Activity log (§4.1);
 *   AKS records also land, in files of their own, in the resource-specific tables `AKSAudit` and
 *   `AKSAuditAdmin` ({@link extraTables});
 * - `cloudwatch`: a decoded CloudWatch Logs subscription payload for EKS (§2.2), one log event per batch;
 *   with the `kinesis` transport, Kinesis records carrying base64(gzip(payload)) of several
 *   events each (src/dataset/kinesis.ts), written a chunk at a time by the chunk renderer.
 */
import type { AuditEvent, ClusterContext } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'
import { toCloudWatchPayload } from '../variants/index.js'
import { AKS_RESOURCE_TABLES, aksAuditRow, azureActivityRow, azureDiagnosticsRow } from '../variants/sentinel.js'
import { splunkHecEvent } from '../spl/views.js'
import type { Transport } from './kinesis.js'

export const FORMATS = ['native', 'splunk-hec', 'sentinel', 'cloudwatch'] as const
export type Format = (typeof FORMATS)[number]

/** Variants each format can wrap. */
export const FORMAT_VARIANTS: Record<Format, readonly VariantId[]> = {
  native: ['k8s', 'eks', 'aks', 'gke', 'azure-activity'],
  'splunk-hec': ['k8s', 'eks', 'aks', 'gke', 'azure-activity'],
  sentinel: ['aks', 'azure-activity'],
  cloudwatch: ['eks'],
}

/** Transports each format can be carried in (besides its plain lines). */
export const FORMAT_TRANSPORTS: Record<Format, readonly Transport[]> = {
  native: [],
  'splunk-hec': [],
  sentinel: [],
  cloudwatch: ['kinesis'],
}

type Obj = Record<string, unknown>

/** Everything an envelope may need besides the record. */
export interface EnvelopeContext {
  variant: VariantId
  context: ClusterContext
  /** Log Analytics workspace id (`TenantId` of Sentinel rows). */
  workspaceId: string
}

function epochSeconds(iso: string): number {
  const ms = Date.parse(iso)
  const frac = /\.(\d+)Z$/.exec(iso)?.[1] ?? ''
  // Keep microseconds: Splunk HEC `time` is epoch seconds with a fraction.
  return Math.floor(ms / 1000) + Number(`0.${(frac + '000000').slice(0, 6)}`)
}

/** Wraps one native record in the format's envelope. */
export function envelope(format: Format, raw: unknown, event: AuditEvent, env: EnvelopeContext): unknown {
  switch (format) {
    case 'native':
      return raw
    case 'splunk-hec':
      // One definition of each collection path, shared with the SPL engine (src/spl/views.ts).
      return splunkHecEvent(env.variant, raw as Obj, env.context, epochSeconds(event.stageTimestamp))
    case 'sentinel':
      // One definition of the tables, shared with the KQL engine (src/variants/sentinel.ts).
      return env.variant === 'aks' ? azureDiagnosticsRow(raw as Obj, env.workspaceId) : azureActivityRow(raw as Obj, env.workspaceId, env.context)
    case 'cloudwatch':
      return toCloudWatchPayload([raw as Obj], env.context, 'eks-audit-to-firehose')
  }
}

/**
 * The table a format's main file of `variant` holds (Log Analytics formats name one), and the
 * other tables its records also land in, each written to a file of its own (one file per table,
 * as a Log Analytics export writes them): AKS diagnostic settings in resource-specific mode send
 * kube-audit to AKSAudit and kube-audit-admin (every verb but get/list/watch) to AKSAuditAdmin.
 */
export function mainTable(format: Format, variant: VariantId): string | undefined {
  if (format !== 'sentinel') return undefined
  return variant === 'aks' ? 'AzureDiagnostics' : variant === 'azure-activity' ? 'AzureActivity' : undefined
}

export function extraTables(format: Format, variant: VariantId): readonly string[] {
  return format === 'sentinel' && variant === 'aks' ? AKS_RESOURCE_TABLES : []
}

/**
 * The row of an extra table for one action: `raw` is the kube-audit record of it (the category
 * that has every verb, whatever `--aks-category` chose for the main file). Undefined when the
 * table has no row for it (a read in AKSAuditAdmin).
 */
export function extraTableRow(table: string, raw: unknown, env: Pick<EnvelopeContext, 'workspaceId'>): Obj | undefined {
  return (AKS_RESOURCE_TABLES as readonly string[]).includes(table) ? aksAuditRow(raw as Obj, env.workspaceId, table as (typeof AKS_RESOURCE_TABLES)[number]) : undefined
}
