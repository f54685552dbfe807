/**
 * `gke`: a Google Cloud Audit Logs `LogEntry` (Panther's `GCP.AuditLog`) for a GKE API-server
 * request. GKE re-encodes the Event as an `AuditLog` proto: one entry per request, no stage or
 * level, the username but no groups/uid/extra, one caller IP, no query string, bodies as
 * protobuf Structs (sorted keys, `@type`), failures as gRPC codes.
 */
import type { AuditEvent, AuditLevel, AuditStage, ClusterContext, ResponseStatus } from '../../model/audit-event.js'
import type { Decoded, EncodeOptions } from '../../model/variant.js'
import { DecodeError } from '../shared/errors.js'
import { providerAnnotations, EVENT_KEYS } from '../shared/event.js'
import { derivedUuid, fnv1a } from '../shared/hash.js'
import { isObject, ordered, sortKeysDeep, type JsonObject } from '../shared/json.js'
import {
  gkeBodyType, gkeMethodName, gkeResourceName, parseGkeMethodName, parseGkeResourceName,
  READ_VERBS, requestPathFor, STREAM_SUBRESOURCES, versionFromURI,
} from '../shared/k8s-api.js'
import { formatInstant, parseInstant } from '../shared/time.js'
import { grpcFromHttp, httpFromGrpc } from './status.js'

export const id = 'gke' as const

export const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog'
export const GKE_PLACEHOLDER = { projectId: 'example-project', location: 'us-central1', clusterName: 'example-cluster' } as const

export const carries: readonly string[] = [
  'kind', 'apiVersion', 'auditID', 'verb', 'user.username', 'userAgent',
  'objectRef.resource', 'objectRef.namespace', 'objectRef.name', 'objectRef.apiGroup', 'objectRef.apiVersion', 'objectRef.subresource',
  'requestObject', 'responseObject', 'stageTimestamp', 'annotations',
  'context.provider', 'context.clusterName', 'context.projectId', 'context.region',
]
export const loses: readonly string[] = [
  'level', // inferred from the bodies present
  'stage', // one entry per request: ResponseComplete (ResponseStarted for exec/attach/portforward)
  'requestURI', // query string lost; rebuilt from resourceName
  'user.uid', 'user.groups', 'user.extra', 'impersonatedUser',
  'sourceIPs', // only the last (the TCP peer) survives, as callerIp
  'objectRef.uid', 'objectRef.resourceVersion',
  'responseStatus', // HTTP code on success, reason/details unless the response is a Status; failures as gRPC
  'requestReceivedTimestamp', // one timestamp: stageTimestamp
  'annotations["ruleproof.dev/via"]',
  'context.accountId', 'context.subscriptionId', 'context.resourceGroup', 'context.azureResourceType',
]

/** The stage GKE keeps for a request. */
export function keptStage(event: Pick<AuditEvent, 'objectRef'> & { responseStatus?: { code?: number } | undefined; stage?: AuditStage }): AuditStage {
  // A failed authentication is audited only at ResponseStarted; a refused exec/attach/port-forward
  // never starts streaming and ends at ResponseComplete.
  const code = event.responseStatus?.code ?? 0
  // (The one event of a 401 is kept whichever stage an older writer gave it.)
  if (code === 401) return event.stage === 'ResponseComplete' ? 'ResponseComplete' : 'ResponseStarted'
  if (code >= 400) return 'ResponseComplete'
  return event.objectRef?.subresource && STREAM_SUBRESOURCES.has(event.objectRef.subresource) ? 'ResponseStarted' : 'ResponseComplete'
}

/** Admin Activity for writes; Data Access for reads and status writes. */
export function isDataAccess(event: Pick<AuditEvent, 'verb' | 'objectRef'>): boolean {
  return READ_VERBS.has(event.verb) || (event.objectRef?.subresource === 'status' && (event.verb === 'update' || event.verb === 'patch'))
}

export function apiVersionOf(event: Pick<AuditEvent, 'objectRef' | 'requestURI'>): string {
  return event.objectRef?.apiVersion || versionFromURI(event.requestURI) || 'v1'
}

function body(value: unknown): JsonObject | undefined {
  if (!isObject(value)) return undefined // JSON-patch arrays and AKS-style strings have no Struct form
  const sorted = sortKeysDeep(value) as JsonObject
  const type = gkeBodyType(value)
  return type ? { '@type': type, ...sorted } : sorted
}

function receiveTime(stage: string, auditID: string): string {
  const ns = parseInstant(stage) ?? 0n
  return formatInstant(ns + 600_000_000n + BigInt(fnv1a(`recv:${auditID}`) % 2_400_000_000), 9)
}

/**
 * Returns null for what GKE does not log as an entry: non-resource requests, stages other
 * than the one kept, and (with `gkeDataAccess: false`) Data Access entries.
 */
export function encode(event: AuditEvent, context: ClusterContext, options: EncodeOptions = {}): Record<string, unknown> | null {
  const ref = event.objectRef
  if (!ref?.resource) return null
  if (event.stage !== keptStage(event)) return null
  const dataAccess = isDataAccess(event)
  if (dataAccess && options.gkeDataAccess === false) return null
  const version = apiVersionOf(event)
  const methodName = gkeMethodName(ref, version, event.verb)
  const resourceName = gkeResourceName(ref, version)
  const code = event.responseStatus?.code ?? 200
  const failed = code >= 400
  const project = context.projectId || GKE_PLACEHOLDER.projectId
  const sourceIPs = event.sourceIPs ?? []
  const callerIp = sourceIPs[sourceIPs.length - 1]
  const status: JsonObject = {}
  if (failed) {
    status.code = grpcFromHttp(code, event.responseStatus?.reason)
    if (event.responseStatus?.message !== undefined) status.message = event.responseStatus.message
  }
  const denied = code === 401 || code === 403
  const protoPayload: JsonObject = {
    '@type': AUDIT_LOG_TYPE,
    authenticationInfo: event.user?.username !== undefined ? { principalEmail: event.user.username } : {},
    authorizationInfo: [denied ? { permission: methodName, resource: resourceName } : { granted: true, permission: methodName, resource: resourceName }],
    methodName,
    request: body(event.requestObject),
    requestMetadata: ordered({ callerIp, callerSuppliedUserAgent: event.userAgent }, ['callerIp', 'callerSuppliedUserAgent']),
    resourceName,
    response: body(event.responseObject),
    serviceName: 'k8s.io',
    status,
  }
  const labels = providerAnnotations(event)
  return ordered(
    {
      protoPayload: ordered(protoPayload, Object.keys(protoPayload)),
      insertId: event.auditID,
      resource: {
        type: 'k8s_cluster',
        labels: { project_id: project, location: context.region || GKE_PLACEHOLDER.location, cluster_name: context.clusterName || GKE_PLACEHOLDER.clusterName },
      },
      timestamp: formatInstant(parseInstant(event.stageTimestamp) ?? 0n, 6),
      labels: labels && Object.keys(labels).length > 0 ? labels : undefined,
      logName: `projects/${project}/logs/cloudaudit.googleapis.com%2F${dataAccess ? 'data_access' : 'activity'}`,
      operation: { id: event.auditID, producer: 'k8s.io', first: true, last: true },
      receiveTimestamp: receiveTime(event.stageTimestamp, event.auditID),
    },
    ['protoPayload', 'insertId', 'resource', 'timestamp', 'labels', 'logName', 'operation', 'receiveTimestamp'],
  )
}

/** Field read that accepts Panther's spellings (`at_sign_type` for `@type`, `callerIP`). */
function pick(obj: JsonObject, ...keys: string[]): unknown {
  for (const k of keys) if (obj[k] !== undefined) return obj[k]
  return undefined
}

function stripType(value: unknown): JsonObject | undefined {
  if (!isObject(value)) return undefined
  const { '@type': _t, at_sign_type: _a, ...rest } = value
  return rest
}

function isStatus(value: unknown): value is JsonObject {
  return isObject(value) && value.kind === 'Status'
}

/** The canonical responseStatus GKE lets one rebuild (shared with `project`). */
export function gkeResponseStatus(verb: string, grpc: number, message: unknown, response: unknown): ResponseStatus {
  const statusBody = isStatus(response) ? response : undefined
  const fromBody = typeof statusBody?.code === 'number' ? statusBody.code : undefined
  if (grpc === 0) return { metadata: {}, code: fromBody ?? (verb === 'create' ? 201 : 200) }
  const rs: ResponseStatus = { metadata: {}, status: 'Failure' }
  if (typeof message === 'string') rs.message = message
  if (typeof statusBody?.reason === 'string') rs.reason = statusBody.reason
  if (isObject(statusBody?.details)) rs.details = statusBody.details
  rs.code = fromBody ?? httpFromGrpc(grpc)
  return rs
}

/** Level GKE lets one infer from the bodies present. */
export function inferredLevel(request: unknown, response: unknown): AuditLevel {
  return response !== undefined ? 'RequestResponse' : request !== undefined ? 'Request' : 'Metadata'
}

/**
 * Accepts a LogEntry of a Kubernetes API request (`serviceName` k8s.io or an `io.k8s.` method),
 * raw or Panther-normalised. Other Cloud Audit entries are not Kubernetes audit events: error.
 */
export function decode(raw: unknown): Decoded {
  if (!isObject(raw)) throw new DecodeError(id, 'the record is not a JSON object')
  const pp = raw.protoPayload
  if (!isObject(pp)) throw new DecodeError(id, 'protoPayload must be an object', 'protoPayload')
  const methodName = pp.methodName
  if (typeof methodName !== 'string') throw new DecodeError(id, 'protoPayload.methodName must be a string', 'protoPayload.methodName')
  if (pp.serviceName !== undefined && pp.serviceName !== 'k8s.io') {
    throw new DecodeError(id, `serviceName ${JSON.stringify(pp.serviceName)} is not k8s.io: not a Kubernetes audit entry`, 'protoPayload.serviceName')
  }
  if (!methodName.startsWith('io.k8s.') && !/\.v\d+(?:(?:alpha|beta)\d+)?\./.test(methodName)) {
    throw new DecodeError(id, `methodName ${JSON.stringify(methodName)} is not a Kubernetes API method`, 'protoPayload.methodName')
  }
  const defaulted: string[] = []
  const method = parseGkeMethodName(methodName)
  // A non-resource request (`io.k8s.readyz`): the HTTP method is not in the entry.
  if (method.version === undefined) defaulted.push('verb')
  let resourceName = pp.resourceName
  if (typeof resourceName !== 'string') {
    const fromAuthz = Array.isArray(pp.authorizationInfo) && isObject(pp.authorizationInfo[0]) ? pp.authorizationInfo[0].resource : undefined
    resourceName = typeof fromAuthz === 'string' ? fromAuthz : undefined
    defaulted.push('objectRef.namespace', 'objectRef.name')
  }
  const parsed = typeof resourceName === 'string' ? parseGkeResourceName(resourceName, method.resource) : {}
  const nonResource = method.version === undefined
  const objectRef = ordered(
    {
      resource: method.resource ?? parsed.resource,
      namespace: parsed.namespace,
      name: parsed.name,
      apiGroup: parsed.apiGroup,
      apiVersion: parsed.apiVersion ?? method.version,
      subresource: method.subresource ?? parsed.subresource,
    },
    ['resource', 'namespace', 'name', 'apiGroup', 'apiVersion', 'subresource'],
  )
  const auth = isObject(pp.authenticationInfo) ? pp.authenticationInfo : {}
  const meta = isObject(pp.requestMetadata) ? pp.requestMetadata : {}
  const callerIp = pick(meta, 'callerIp', 'callerIP')
  const userAgent = meta.callerSuppliedUserAgent
  const status = isObject(pp.status) ? pp.status : {}
  const grpc = typeof status.code === 'number' ? status.code : 0
  const request = stripType(pp.request)
  const response = stripType(pp.response)
  const principal = pick(auth, 'principalEmail', 'principalSubject', 'authoritySelector')

  const t = pick(raw, 'timestamp', 'receiveTimestamp', 'p_event_time')
  const ns = typeof t === 'string' ? parseInstant(t) : undefined
  if (raw.timestamp === undefined || ns === undefined) defaulted.push('stageTimestamp')
  const time = formatInstant(ns ?? 0n, 6)

  let auditID = pick(raw, 'insertId')
  if (typeof auditID !== 'string') {
    const op = isObject(raw.operation) ? raw.operation.id : undefined
    auditID = typeof op === 'string' ? op : derivedUuid(JSON.stringify(raw))
    if (typeof op !== 'string') defaulted.push('auditID')
  }
  const labels = isObject(raw.labels) ? (raw.labels as Record<string, string>) : undefined
  const event = ordered(
    {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: inferredLevel(request, response),
      auditID,
      stage: keptStage({ objectRef, responseStatus: gkeResponseStatus(method.verb, grpc, status.message, response) }),
      requestURI: nonResource ? (typeof resourceName === 'string' && resourceName.startsWith('/') ? resourceName : '/') : requestPathFor(objectRef, method.verb),
      verb: nonResource ? 'get' : method.verb,
      user: typeof principal === 'string' ? { username: principal } : {},
      sourceIPs: typeof callerIp === 'string' ? [callerIp] : undefined,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
      objectRef: nonResource ? undefined : objectRef,
      responseStatus: gkeResponseStatus(method.verb, grpc, status.message, response),
      requestObject: request,
      responseObject: response,
      requestReceivedTimestamp: time,
      stageTimestamp: time,
      annotations: labels,
    },
    EVENT_KEYS,
  ) as unknown as AuditEvent

  const res = isObject(raw.resource) ? raw.resource : {}
  const rl = isObject(res.labels) ? res.labels : {}
  const logProject = typeof raw.logName === 'string' ? /^projects\/([^/]+)\//.exec(raw.logName)?.[1] : undefined
  const projectId = typeof rl.project_id === 'string' ? rl.project_id : logProject
  const clusterName = typeof rl.cluster_name === 'string' ? rl.cluster_name : typeof raw.p_source_label === 'string' ? raw.p_source_label : ''
  const context: ClusterContext = { provider: 'gke', clusterName }
  if (projectId !== undefined) context.projectId = projectId
  else defaulted.push('context.projectId')
  if (typeof rl.location === 'string') context.region = rl.location
  else defaulted.push('context.region')
  if (!clusterName) defaulted.push('context.clusterName')
  return { event, context, defaulted }
}
