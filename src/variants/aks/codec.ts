/**
 * `aks`: an Azure AKS diagnostic-settings record (Event Hub `records[]` item / Storage blob
 * line; what Panther files under `Azure.MonitorActivity`). The Event travels whole, as a JSON
 * **string** ending in `\n`, in `properties.log`; the envelope names the cluster by its
 * upper-case ARM ID. `kube-audit-admin` carries no read events.
 */
import type { AuditEvent, ClusterContext } from '../../model/audit-event.js'
import type { Decoded, EncodeOptions } from '../../model/variant.js'
import { armCluster, armId, contextFromArm, parseArmId, MANAGED_CLUSTERS, type ArmCluster } from '../shared/azure.js'
import { DecodeError } from '../shared/errors.js'
import { readEvent, writeEvent } from '../shared/event.js'
import { ALL_EVENT_FIELDS } from '../shared/fields.js'
import { derivedString, fnv1a, HEX, K8S_SUFFIX } from '../shared/hash.js'
import { isObject } from '../shared/json.js'
import { READ_VERBS } from '../shared/k8s-api.js'
import { formatInstant, parseInstant } from '../shared/time.js'

export const id = 'aks' as const

export const OPERATION_NAME = 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read'
export const CATEGORIES = ['kube-audit', 'kube-audit-admin'] as const

export const carries: readonly string[] = [
  ...ALL_EVENT_FIELDS,
  'context.provider', 'context.clusterName', 'context.subscriptionId', 'context.resourceGroup',
]
export const loses: readonly string[] = [
  'annotations["ruleproof.dev/via"]',
  // ARM IDs are upper-cased in the record: names come back lower-case.
  'context.region', 'context.accountId', 'context.projectId', 'context.azureResourceType',
]

/** `kube-apiserver-<pod-template-hash>-<suffix>`: one of two API-server pods per cluster. */
function apiServerPod(clusterName: string, auditID: string): string {
  const hash = derivedString(`rs:${clusterName}`, 10, K8S_SUFFIX)
  const replica = fnv1a(auditID) % 2
  return `kube-apiserver-${hash}-${derivedString(`pod:${clusterName}:${replica}`, 5, K8S_SUFFIX)}`
}

/** Record `time`: a fraction of a millisecond after stageTimestamp, with 9 digits. */
function recordTime(stageTimestamp: string, auditID: string): string {
  const ns = parseInstant(stageTimestamp) ?? 0n
  return formatInstant(ns + 150_000n + BigInt(fnv1a(`time:${auditID}`) % 700_000), 9)
}

export function encode(event: AuditEvent, context: ClusterContext, options: EncodeOptions = {}): Record<string, unknown> | null {
  const category = options.aksCategory ?? 'kube-audit'
  if (category === 'kube-audit-admin' && READ_VERBS.has(event.verb)) return null
  // AKS diagnostic records exist for managed clusters only.
  const cluster: ArmCluster = { ...armCluster(context), resourceType: MANAGED_CLUSTERS }
  const pod = apiServerPod(cluster.clusterName, event.auditID)
  return {
    category,
    operationName: OPERATION_NAME,
    properties: {
      pod,
      log: JSON.stringify(writeEvent(event)) + '\n',
      stream: 'stdout',
      containerID: derivedString(`container:${pod}`, 64, HEX),
    },
    resourceId: armId(cluster).toUpperCase(),
    serviceBuild: 'na',
    time: recordTime(event.stageTimestamp, event.auditID),
  }
}

/** Parsed `properties.log` per record: Sigma pipelines and Panther views read it many times. */
const parsedLogs = new WeakMap<object, unknown>()

/** The Event inside an AKS record (parsed once per record object), or undefined when there is none. */
export function innerEvent(record: unknown): unknown {
  if (!isObject(record)) return undefined
  const props = record.properties
  if (!isObject(props) || typeof props.log !== 'string') return undefined
  if (parsedLogs.has(props)) return parsedLogs.get(props)
  let value: unknown
  try {
    value = JSON.parse(props.log)
  } catch {
    value = undefined
  }
  parsedLogs.set(props, value)
  return value
}

/** AKSAudit / AKSAuditAdmin columns (resource-specific Log Analytics tables) → Event keys. */
const AKS_AUDIT_COLUMNS: Record<string, string> = {
  Level: 'level', AuditId: 'auditID', Stage: 'stage', RequestUri: 'requestURI', Verb: 'verb', User: 'user',
  SourceIps: 'sourceIPs', UserAgent: 'userAgent', ObjectRef: 'objectRef', ResponseStatus: 'responseStatus',
  RequestObject: 'requestObject', ResponseObject: 'responseObject', RequestReceivedTime: 'requestReceivedTimestamp',
  StageReceivedTime: 'stageTimestamp', Annotations: 'annotations',
}

/** Log Analytics rows (AzureDiagnostics `log_s`, or AKSAudit typed columns) as the export record they came from. */
function fromLogAnalytics(row: Record<string, unknown>): Record<string, unknown> | undefined {
  const resourceId = row.ResourceId ?? row._ResourceId
  if (typeof row.log_s === 'string' && typeof row.Category === 'string') {
    return { category: row.Category, operationName: row.OperationName, properties: { pod: row.pod_s, log: row.log_s }, resourceId, time: row.TimeGenerated }
  }
  if (row.Type === 'AKSAudit' || row.Type === 'AKSAuditAdmin') {
    const event: Record<string, unknown> = { kind: 'Event', apiVersion: 'audit.k8s.io/v1' }
    for (const [col, key] of Object.entries(AKS_AUDIT_COLUMNS)) if (row[col] !== undefined && row[col] !== null && row[col] !== '') event[key] = row[col]
    return { category: row.Type === 'AKSAudit' ? 'kube-audit' : 'kube-audit-admin', properties: { pod: row.PodName, log: JSON.stringify(event) }, resourceId, time: row.TimeGenerated }
  }
  return undefined
}

/**
 * Accepts one record (Panther's partial test logs too), an Event Hub body `{records:[…]}`
 * holding exactly one, or a Log Analytics row: `AzureDiagnostics` (`Category`, `log_s`) or
 * `AKSAudit` / `AKSAuditAdmin` (typed columns; these have no impersonatedUser column).
 */
export function decode(raw: unknown): Decoded {
  if (!isObject(raw)) throw new DecodeError(id, 'the record is not a JSON object')
  let record = fromLogAnalytics(raw) ?? raw
  let at = ''
  if (Array.isArray(raw.records)) {
    if (raw.records.length !== 1 || !isObject(raw.records[0])) throw new DecodeError(id, 'an Event Hub body must hold exactly one record to decode as one', 'records')
    record = raw.records[0]
    at = 'records[0].'
  }
  const category = record.category
  if (typeof category !== 'string' || !(CATEGORIES as readonly string[]).includes(category)) {
    throw new DecodeError(id, `category ${JSON.stringify(category)} is not kube-audit or kube-audit-admin`, `${at}category`)
  }
  const props = record.properties
  if (!isObject(props) || typeof props.log !== 'string') throw new DecodeError(id, 'properties.log must be the audit Event as a JSON string', `${at}properties.log`)
  let inner: unknown
  try {
    inner = JSON.parse(props.log)
  } catch (err) {
    throw new DecodeError(id, `properties.log is not JSON: ${(err as Error).message}`, `${at}properties.log`)
  }
  const defaulted: string[] = []
  const fallbackTime = typeof record.time === 'string' ? record.time : typeof record.p_event_time === 'string' ? record.p_event_time : undefined
  const event = readEvent(id, inner, `${at}properties.log`, defaulted, { fallbackTime })
  const arm = typeof record.resourceId === 'string' ? parseArmId(record.resourceId) : undefined
  let context: ClusterContext
  if (arm) context = contextFromArm(arm)
  else {
    context = { provider: 'aks', clusterName: typeof record.p_source_label === 'string' ? record.p_source_label : '' }
    defaulted.push('context.subscriptionId', 'context.resourceGroup')
    if (!context.clusterName) defaulted.push('context.clusterName')
  }
  return { event, context, defaulted }
}
