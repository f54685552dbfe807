/**
 * SIEM envelopes around a variant's native record, one line per record so the labels file
 * stays aligned line by line:
 * - `native`: the record as the variant writes it;
 * - `splunk-hec`: a Splunk HTTP Event Collector event, `source: kubernetes`, `sourcetype: _json`
 *   (what the Splunk "Kubernetes Cron Job Creation" analytic's `kube_audit` macro selects);
 * - `sentinel`: a Log Analytics row — `AzureDiagnostics` for AKS (`Category`, `log_s`, `pod_s`, …,
 *   what the Sentinel KQL seed reads; logformats §3.4), `AzureActivity` for the Activity log (§4.1);
 * - `cloudwatch`: a decoded CloudWatch Logs subscription payload for EKS (§2.2), one log event per batch.
 */
import type { AuditEvent, ClusterContext } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'
import { toCloudWatchPayload } from '../variants/index.js'

export const FORMATS = ['native', 'splunk-hec', 'sentinel', 'cloudwatch'] as const
export type Format = (typeof FORMATS)[number]

/** Variants each format can wrap. */
export const FORMAT_VARIANTS: Record<Format, readonly VariantId[]> = {
  native: ['k8s', 'eks', 'aks', 'gke', 'azure-activity'],
  'splunk-hec': ['k8s', 'eks', 'aks', 'gke', 'azure-activity'],
  sentinel: ['aks', 'azure-activity'],
  cloudwatch: ['eks'],
}

type Obj = Record<string, unknown>

/** Everything an envelope may need besides the record. */
export interface EnvelopeContext {
  variant: VariantId
  context: ClusterContext
  /** Log Analytics workspace id (`TenantId` of Sentinel rows). */
  workspaceId: string
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** Log Analytics datetimes carry 7 fractional digits (100 ns). */
function logAnalyticsTime(iso: string): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso)
  if (!m) return iso
  return `${m[1]}.${(m[2] ?? '').padEnd(7, '0').slice(0, 7)}Z`
}

function epochSeconds(iso: string): number {
  const ms = Date.parse(iso)
  const frac = /\.(\d+)Z$/.exec(iso)?.[1] ?? ''
  // Keep microseconds: Splunk HEC `time` is epoch seconds with a fraction.
  return Math.floor(ms / 1000) + Number(`0.${(frac + '000000').slice(0, 6)}`)
}

function azureDiagnosticsRow(raw: Obj, env: EnvelopeContext): Obj {
  const props = (raw.properties ?? {}) as Obj
  const resourceId = str(raw.resourceId)
  const parts = resourceId.split('/')
  const at = (key: string) => parts[parts.findIndex((p) => p.toUpperCase() === key) + 1] ?? ''
  return {
    TenantId: env.workspaceId,
    TimeGenerated: logAnalyticsTime(str(raw.time)),
    ResourceId: resourceId,
    Category: raw.category,
    ResourceGroup: at('RESOURCEGROUPS').toUpperCase(),
    SubscriptionId: at('SUBSCRIPTIONS').toLowerCase(),
    ResourceProvider: at('PROVIDERS').toUpperCase(),
    Resource: parts[parts.length - 1]?.toUpperCase() ?? '',
    ResourceType: parts[parts.length - 2]?.toUpperCase() ?? '',
    OperationName: raw.operationName,
    log_s: props.log,
    pod_s: props.pod,
    stream_s: props.stream,
    containerID_s: props.containerID,
    SourceSystem: 'Azure',
    Type: 'AzureDiagnostics',
    _ResourceId: resourceId.toLowerCase(),
  }
}

function azureActivityRow(raw: Obj, env: EnvelopeContext): Obj {
  const identity = (raw.identity ?? {}) as Obj
  const claims = (identity.claims ?? {}) as Obj
  const props = (raw.properties ?? {}) as Obj
  const resourceId = str(raw.resourceId)
  const operation = str(raw.operationName)
  return {
    TenantId: env.workspaceId,
    SourceSystem: 'Azure',
    TimeGenerated: logAnalyticsTime(str(raw.time)),
    OperationNameValue: operation,
    Level: raw.level,
    ActivityStatusValue: raw.resultType,
    ActivitySubstatusValue: str(raw.resultSignature).split('.').slice(1).join('.') || raw.resultSignature,
    CategoryValue: raw.category,
    Caller: claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'] ?? claims['http://schemas.microsoft.com/identity/claims/objectidentifier'] ?? '',
    CallerIpAddress: raw.callerIpAddress,
    CorrelationId: raw.correlationId,
    Authorization_d: identity.authorization ?? {},
    Claims_d: claims,
    Properties_d: props,
    ResourceGroup: (env.context.resourceGroup ?? '').toUpperCase(),
    ResourceProviderValue: operation.split('/')[0]?.toUpperCase() ?? '',
    SubscriptionId: env.context.subscriptionId ?? '',
    _ResourceId: resourceId.toLowerCase(),
    Type: 'AzureActivity',
  }
}

/** Wraps one native record in the format's envelope. */
export function envelope(format: Format, raw: unknown, event: AuditEvent, env: EnvelopeContext): unknown {
  switch (format) {
    case 'native':
      return raw
    case 'splunk-hec':
      return { time: epochSeconds(event.stageTimestamp), host: env.context.clusterName, source: 'kubernetes', sourcetype: '_json', event: raw }
    case 'sentinel':
      return env.variant === 'aks' ? azureDiagnosticsRow(raw as Obj, env) : azureActivityRow(raw as Obj, env)
    case 'cloudwatch':
      return toCloudWatchPayload([raw as Obj], env.context, 'eks-audit-to-firehose')
  }
}
