/**
 * Sentinel views of the variants: the Log Analytics tables a record of a variant lands in, as
 * a KQL rule reads them (and as `generate --format sentinel` writes them).
 *
 * - `aks`: diagnostic settings write the audit log either to `AzureDiagnostics` ("Azure
 *   diagnostics" destination mode: `Category`, `log_s` the Event as a JSON string, `pod_s`, …)
 *   or to the resource-specific tables `AKSAudit` (kube-audit) / `AKSAuditAdmin`
 *   (kube-audit-admin: every verb but get/list/watch) with typed columns. A native record lands in
 *   `AzureDiagnostics` (the mode Microsoft's own analytics rules read); a Log Analytics row lands in
 *   the table it names. `generate --format sentinel` writes all three (one file per table).
 * - `azure-activity`: `AzureActivity`, with both the legacy columns (`OperationName`,
 *   `ActivityStatus`, `Properties` as text, …) and the `*Value` / `_d` columns.
 * - `k8s`, `eks`, `gke`: no Sentinel table holds them by default (no built-in connector).
 */
import type { VariantId } from '../model/variant.js'
import { innerEvent } from './aks/codec.js'
import { isObject } from './shared/json.js'
import { READ_VERBS } from './shared/k8s-api.js'

export type ColumnType = 'string' | 'datetime' | 'dynamic' | 'long' | 'int' | 'real' | 'bool'

export interface SentinelTable {
  name: string
  variant: VariantId
  /** Column names and types as Microsoft's table reference documents them. */
  columns: Record<string, ColumnType>
  doc: string
}

type Obj = Record<string, unknown>

const AZURE_DIAGNOSTICS: SentinelTable = {
  name: 'AzureDiagnostics',
  variant: 'aks',
  doc: 'AKS diagnostic logs in "Azure diagnostics" mode: Category kube-audit / kube-audit-admin, the Event as JSON text in log_s',
  columns: {
    TenantId: 'string', TimeGenerated: 'datetime', ResourceId: 'string', Category: 'string', ResourceGroup: 'string',
    SubscriptionId: 'string', ResourceProvider: 'string', Resource: 'string', ResourceType: 'string', OperationName: 'string',
    log_s: 'string', pod_s: 'string', stream_s: 'string', containerID_s: 'string', SourceSystem: 'string', Type: 'string', _ResourceId: 'string',
  },
}

const AKS_AUDIT_COLUMNS: Record<string, ColumnType> = {
  TenantId: 'string', TimeGenerated: 'datetime', Level: 'string', AuditId: 'string', Stage: 'string', RequestUri: 'string',
  Verb: 'string', User: 'dynamic', SourceIps: 'dynamic', UserAgent: 'string', ObjectRef: 'dynamic', ResponseStatus: 'dynamic',
  RequestObject: 'dynamic', ResponseObject: 'dynamic', RequestReceivedTime: 'datetime', StageReceivedTime: 'datetime',
  Annotations: 'dynamic', PodName: 'string', SourceSystem: 'string', Type: 'string', _ResourceId: 'string',
}

const AKS_AUDIT: SentinelTable = { name: 'AKSAudit', variant: 'aks', doc: 'AKS kube-audit in resource-specific mode (typed columns)', columns: AKS_AUDIT_COLUMNS }
const AKS_AUDIT_ADMIN: SentinelTable = { name: 'AKSAuditAdmin', variant: 'aks', doc: 'AKS kube-audit-admin in resource-specific mode (no reads)', columns: AKS_AUDIT_COLUMNS }

const AZURE_ACTIVITY: SentinelTable = {
  name: 'AzureActivity',
  variant: 'azure-activity',
  doc: 'the Azure Activity log: legacy columns and the *Value / _d columns',
  columns: {
    TenantId: 'string', SourceSystem: 'string', TimeGenerated: 'datetime', CallerIpAddress: 'string', CategoryValue: 'string',
    CorrelationId: 'string', Authorization: 'string', Authorization_d: 'dynamic', Claims: 'string', Claims_d: 'dynamic',
    Level: 'string', OperationNameValue: 'string', Properties: 'string', Properties_d: 'dynamic', Caller: 'string',
    EventDataId: 'string', EventSubmissionTimestamp: 'datetime', HTTPRequest: 'string', OperationId: 'string',
    ResourceGroup: 'string', ResourceProviderValue: 'string', ActivityStatusValue: 'string', ActivitySubstatusValue: 'string',
    Hierarchy: 'string', SubscriptionId: 'string', OperationName: 'string', ActivityStatus: 'string', ActivitySubstatus: 'string',
    Category: 'string', ResourceId: 'string', ResourceProvider: 'string', Resource: 'string', Type: 'string', _ResourceId: 'string',
  },
}

export const SENTINEL_TABLES: Record<string, SentinelTable> = {
  AzureDiagnostics: AZURE_DIAGNOSTICS,
  AKSAudit: AKS_AUDIT,
  AKSAuditAdmin: AKS_AUDIT_ADMIN,
  AzureActivity: AZURE_ACTIVITY,
}

/** Why a variant has no Sentinel table (reported when a KQL rule is replayed on it). */
export const NO_SENTINEL_TABLE: Partial<Record<VariantId, string>> = {
  k8s: 'a self-managed cluster\'s audit log has no Sentinel table by default (no built-in connector)',
  eks: 'EKS audit logs have no Sentinel table by default (CloudWatch Logs is not a built-in connector)',
  gke: 'GKE audit logs have no Sentinel table by default (no built-in connector)',
}

export function tablesOfVariant(variant: VariantId): SentinelTable[] {
  return Object.values(SENTINEL_TABLES).filter((t) => t.variant === variant)
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** Log Analytics datetimes carry 7 fractional digits (100 ns). */
export function logAnalyticsTime(iso: string): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso)
  if (!m) return iso
  return `${m[1]}.${(m[2] ?? '').padEnd(7, '0').slice(0, 7)}Z`
}

/** The columns AzureDiagnostics derives from a resource ID (one cluster writes millions of rows: cached). */
const resourceColumns = new Map<string, Obj>()
function fromResourceId(resourceId: string): Obj {
  let cols = resourceColumns.get(resourceId)
  if (!cols) {
    const parts = resourceId.split('/')
    const at = (key: string): string => parts[parts.findIndex((p) => p.toUpperCase() === key) + 1] ?? ''
    cols = {
      ResourceGroup: at('RESOURCEGROUPS').toUpperCase(),
      SubscriptionId: at('SUBSCRIPTIONS').toLowerCase(),
      ResourceProvider: at('PROVIDERS').toUpperCase(),
      Resource: parts[parts.length - 1]?.toUpperCase() ?? '',
      ResourceType: parts[parts.length - 2]?.toUpperCase() ?? '',
    }
    if (resourceColumns.size > 10_000) resourceColumns.clear()
    resourceColumns.set(resourceId, cols)
  }
  return cols
}

export function azureDiagnosticsRow(raw: Obj, workspaceId: string): Obj {
  const props = (isObject(raw.properties) ? raw.properties : {}) as Obj
  const resourceId = str(raw.resourceId)
  const cols = fromResourceId(resourceId)
  return {
    TenantId: workspaceId,
    TimeGenerated: logAnalyticsTime(str(raw.time)),
    ResourceId: resourceId,
    Category: raw.category,
    ResourceGroup: cols.ResourceGroup,
    SubscriptionId: cols.SubscriptionId,
    ResourceProvider: cols.ResourceProvider,
    Resource: cols.Resource,
    ResourceType: cols.ResourceType,
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

/** The resource-specific AKS tables: kube-audit lands in AKSAudit, kube-audit-admin in AKSAuditAdmin. */
export const AKS_RESOURCE_TABLES = ['AKSAudit', 'AKSAuditAdmin'] as const
export type AksResourceTable = (typeof AKS_RESOURCE_TABLES)[number]

/** Verbs Microsoft leaves out of kube-audit-admin (and so out of AKSAuditAdmin). */
export const AKS_ADMIN_EXCLUDED_VERBS: ReadonlySet<string> = READ_VERBS

function laTime(v: unknown): unknown {
  return typeof v === 'string' ? logAnalyticsTime(v) : v
}

/**
 * AKSAudit / AKSAuditAdmin row of a native AKS record (columns per Microsoft's table reference).
 * `table` defaults to the one the record's category lands in; undefined when the record holds
 * no Event, or for AKSAuditAdmin when the verb is a read (kube-audit-admin has none).
 */
export function aksAuditRow(raw: Obj, workspaceId: string, table?: AksResourceTable): Obj | undefined {
  const event = innerEvent(raw)
  if (!isObject(event)) return undefined
  const type = table ?? (raw.category === 'kube-audit-admin' ? 'AKSAuditAdmin' : 'AKSAudit')
  if (type === 'AKSAuditAdmin' && typeof event.verb === 'string' && AKS_ADMIN_EXCLUDED_VERBS.has(event.verb)) return undefined
  const props = (isObject(raw.properties) ? raw.properties : {}) as Obj
  return {
    TenantId: workspaceId,
    TimeGenerated: logAnalyticsTime(str(raw.time)),
    Level: event.level,
    AuditId: event.auditID,
    Stage: event.stage,
    RequestUri: event.requestURI,
    Verb: event.verb,
    User: event.user ?? null,
    SourceIps: event.sourceIPs ?? null,
    UserAgent: event.userAgent,
    ObjectRef: event.objectRef ?? null,
    ResponseStatus: event.responseStatus ?? null,
    RequestObject: event.requestObject ?? null,
    ResponseObject: event.responseObject ?? null,
    RequestReceivedTime: laTime(event.requestReceivedTimestamp),
    StageReceivedTime: laTime(event.stageTimestamp),
    Annotations: event.annotations ?? null,
    PodName: props.pod,
    SourceSystem: 'Azure',
    Type: type,
    _ResourceId: str(raw.resourceId).toLowerCase(),
  }
}

export function azureActivityRow(raw: Obj, workspaceId: string, context: { resourceGroup?: string; subscriptionId?: string } = {}): Obj {
  const identity = (isObject(raw.identity) ? raw.identity : {}) as Obj
  const claims = (isObject(identity.claims) ? identity.claims : {}) as Obj
  const props = (isObject(raw.properties) ? raw.properties : {}) as Obj
  const resourceId = str(raw.resourceId)
  const operation = isObject(raw.operationName) ? str(raw.operationName.value) : str(raw.operationName)
  const parts = resourceId.split('/')
  const at = (key: string): string => parts[parts.findIndex((p) => p.toUpperCase() === key) + 1] ?? ''
  const status = str(raw.resultType)
  const substatus = str(raw.resultSignature).split('.').slice(1).join('.') || str(raw.resultSignature)
  const caller = str(claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'] ?? claims['http://schemas.microsoft.com/identity/claims/objectidentifier'] ?? raw.caller)
  const provider = operation.split('/')[0]?.toUpperCase() ?? ''
  const rg = context.resourceGroup ?? at('RESOURCEGROUPS')
  const sub = context.subscriptionId ?? at('SUBSCRIPTIONS')
  return {
    TenantId: workspaceId,
    SourceSystem: 'Azure',
    TimeGenerated: logAnalyticsTime(str(raw.time)),
    CallerIpAddress: raw.callerIpAddress,
    CategoryValue: raw.category,
    CorrelationId: raw.correlationId,
    Authorization: JSON.stringify(identity.authorization ?? {}),
    Authorization_d: identity.authorization ?? {},
    Claims: JSON.stringify(claims),
    Claims_d: claims,
    Level: raw.level,
    OperationNameValue: operation,
    Properties: JSON.stringify(props),
    Properties_d: props,
    Caller: caller,
    EventSubmissionTimestamp: logAnalyticsTime(str(raw.time)),
    HTTPRequest: '',
    OperationId: '',
    ResourceGroup: rg.toUpperCase(),
    ResourceProviderValue: provider,
    ActivityStatusValue: raw.resultType,
    ActivitySubstatusValue: substatus,
    Hierarchy: '',
    SubscriptionId: sub,
    // Legacy columns (before the 2021 schema change): localized names of the same values.
    OperationName: operation,
    ActivityStatus: status === 'Success' ? 'Succeeded' : status === 'Failure' ? 'Failed' : status,
    ActivitySubstatus: substatus,
    Category: raw.category,
    ResourceId: resourceId,
    ResourceProvider: provider,
    Resource: parts[parts.length - 1] ?? '',
    Type: 'AzureActivity',
    _ResourceId: resourceId.toLowerCase(),
  }
}

/**
 * The row a native record lands as in `table` (one of the Sentinel views of its variant), or
 * undefined when that table holds none for it (a read in AKSAuditAdmin, another variant's table).
 */
export function rowInTable(table: string, raw: unknown, workspaceId = ''): Obj | undefined {
  if (!isObject(raw)) return undefined
  switch (table) {
    case 'AzureDiagnostics': return typeof raw.category === 'string' ? azureDiagnosticsRow(raw, workspaceId) : undefined
    case 'AKSAudit': case 'AKSAuditAdmin': return aksAuditRow(raw, workspaceId, table)
    case 'AzureActivity': return typeof raw.operationName === 'string' || isObject(raw.operationName) ? azureActivityRow(raw, workspaceId) : undefined
    default: return undefined
  }
}

/**
 * The Log Analytics rows a raw record of `variant` is, by table. A row already in Log Analytics
 * form (it has `Type`, or AzureDiagnostics' `log_s`) lands in its own table as it is.
 */
export function sentinelRows(variant: VariantId, raw: unknown, workspaceId = ''): { table: string; row: Obj; own?: true }[] {
  if (!isObject(raw)) return []
  const records = Array.isArray(raw.records) ? raw.records.filter(isObject) : [raw]
  // own: a row built here (a fresh object the caller may change), not the caller's input.
  const out: { table: string; row: Obj; own?: true }[] = []
  for (const rec of records) {
    const type = typeof rec.Type === 'string' ? rec.Type : typeof rec.log_s === 'string' ? 'AzureDiagnostics' : undefined
    if (type !== undefined) {
      out.push({ table: type, row: rec })
      continue
    }
    if (variant === 'aks') out.push({ table: 'AzureDiagnostics', row: azureDiagnosticsRow(rec, workspaceId), own: true })
    else if (variant === 'azure-activity') out.push({ table: 'AzureActivity', row: azureActivityRow(rec, workspaceId), own: true })
  }
  return out
}
