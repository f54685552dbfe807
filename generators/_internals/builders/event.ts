/**
 * The audit Event the API server of `context.provider` writes for an action: one event per
 * request at stage ResponseComplete (the managed policies omit RequestReceived, §1.4), level from
 * the managed audit policy, bodies according to the level, Go struct key order (§7).
 */
import type { AuditEvent, AuditLevel, ClusterContext, ObjectReference, ResponseStatus } from '../../../src/model/audit-event.js'
import type { Action } from '../../types.js'
import { authorizationReason, renderUser } from './identity.js'
import { statusObject } from './objects.js'
import { microTime } from './time.js'

/** What a rejected client sent: a client certificate for people on a plain cluster, else a bearer token. */
function attemptedMethod(a: Action): string {
  return a.actor.kind === 'human' && a.userAgent.startsWith('kubectl') && !a.actor.automation ? 'x509' : 'bearer'
}

const STREAM_SUBRESOURCES: ReadonlySet<string> = new Set(['exec', 'attach', 'portforward'])

/** API groups the upstream (GCE) policy lists as known: their writes are logged at RequestResponse. */
const KNOWN_GROUPS = new Set([
  '', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'apps', 'authentication.k8s.io',
  'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io', 'extensions', 'metrics.k8s.io', 'networking.k8s.io',
  'node.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io',
])
const METADATA_ONLY = new Set(['secrets', 'configmaps', 'tokenreviews', 'events'])
const READS = new Set(['get', 'list', 'watch'])

/** The level the managed policies (EKS, AKS, GKE: the upstream GCE policy) log a request at. */
export function auditLevel(a: Pick<Action, 'resource' | 'subresource' | 'apiGroup' | 'verb' | 'actor'>, provider: ClusterContext['provider']): AuditLevel {
  if (METADATA_ONLY.has(a.resource) && !a.subresource) return 'Metadata'
  // AKS logs service accounts and their tokens at Metadata; EKS (and upstream) token requests at Request.
  if (a.resource === 'serviceaccounts' && provider === 'aks') return 'Metadata'
  if (a.resource === 'serviceaccounts' && a.subresource === 'token') return 'Request'
  if (a.subresource === 'status' && a.actor.kind === 'node') return 'Request'
  if (READS.has(a.verb)) return 'Request'
  return KNOWN_GROUPS.has(a.apiGroup) ? 'RequestResponse' : 'Metadata'
}

export function requestUri(a: Action): string {
  let path = a.apiGroup ? `/apis/${a.apiGroup}/${a.apiVersion}` : `/api/${a.apiVersion}`
  if (a.namespace !== undefined) path += `/namespaces/${a.namespace}`
  path += `/${a.resource}`
  const collection = a.verb === 'list' || a.verb === 'watch' || a.verb === 'deletecollection' || (a.verb === 'create' && !a.subresource)
  if (a.name !== undefined && !collection) path += `/${a.name}`
  if (a.subresource) path += `/${a.subresource}`
  return a.query ? `${path}?${a.query}` : path
}

const REASONS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
  409: 'AlreadyExists', 410: 'Expired', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
}

function qualified(a: Action): string {
  return a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource
}

/** The failure Status an API server returns for the action's outcome (§1.10). */
export function failureStatus(a: Action, username: string | undefined): Required<Pick<ResponseStatus, 'message' | 'code'>> & ResponseStatus {
  const code = a.outcome.code
  let reason = REASONS[code] ?? 'InternalError'
  let message = a.outcome.message
  const details: Record<string, unknown> = {}
  if (a.name) details.name = a.name
  if (a.apiGroup) details.group = a.apiGroup
  details.kind = a.resource
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource
  if (code === 401) {
    // apiserver WithFailedAuthenticationAudit: an empty Status with only the attempted methods as
    // message, then the code; no status/reason/details (they come from a Status body, never written).
    return { metadata: {}, message: message ?? `Authentication failed, attempted: ${attemptedMethod(a)}`, code }
  }
  if (code === 403 && a.outcome.deniedBy !== 'admission') {
    const scope = a.namespace !== undefined ? ` in the namespace "${a.namespace}"` : ' at the cluster scope'
    message ??= `${qualified(a)}${a.name ? ` "${a.name}"` : ''} is forbidden: User "${username ?? 'system:anonymous'}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup}"${scope}`
  } else if (code === 403) {
    message ??= `${qualified(a)} "${a.name ?? ''}" is forbidden: violates PodSecurity "baseline:latest": privileged`
  } else if (code === 404) {
    message ??= `${qualified(a)} "${a.name ?? ''}" not found`
  } else if (code === 409 && a.verb === 'create') {
    message ??= `${qualified(a)} "${a.name ?? ''}" already exists`
  } else if (code === 409) {
    reason = 'Conflict'
    message ??= `Operation cannot be fulfilled on ${qualified(a)} "${a.name ?? ''}": the object has been modified; please apply your changes to the latest version and try again`
  } else if (code === 422) {
    // Validation names the offending field in details.causes (§1.10): a CronJob's schedule, else the name.
    const field = a.resource === 'cronjobs' ? 'spec.schedule' : 'metadata.name'
    const detail = a.resource === 'cronjobs' ? 'unparseable cron schedule' : 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters'
    details.causes = [{ reason: 'FieldValueInvalid', message: `Invalid value: "${a.resource === 'cronjobs' ? '' : (a.name ?? '')}": ${detail}`, field }]
    message ??= `${qualified(a)} "${a.name ?? ''}" is invalid: ${field}: Invalid value: "${a.resource === 'cronjobs' ? '' : (a.name ?? '')}": ${detail}`
  } else {
    message ??= `an error on the server has prevented the request from succeeding`
  }
  return { metadata: {}, status: 'Failure', message, reason, details, code }
}

/**
 * Builds the audit Event for `action` as `context`'s API server logs it. Pure: the same action
 * and context always give the same event.
 */
export function toAuditEvent(action: Action, context: ClusterContext): AuditEvent {
  const a = action
  const level = auditLevel(a, context.provider)
  const ok = a.outcome.code < 400
  const rbacDenied = a.outcome.code === 403 && a.outcome.deniedBy !== 'admission'
  const unauthenticated = a.outcome.code === 401
  // A request that fails authentication has no identity: the API server logs `user: {}` (§1.10).
  const user = unauthenticated ? {} : renderUser(a.actor, context)

  const objectRef: ObjectReference = { resource: a.resource }
  if (a.namespace !== undefined) objectRef.namespace = a.namespace
  if (a.name !== undefined) objectRef.name = a.name
  const meta = isObject(a.body) && isObject(a.body.metadata) ? a.body.metadata : undefined
  if (a.verb === 'update' && typeof meta?.uid === 'string') objectRef.uid = meta.uid
  if (a.apiGroup) objectRef.apiGroup = a.apiGroup
  objectRef.apiVersion = a.apiVersion
  if (a.verb === 'update' && typeof meta?.resourceVersion === 'string') objectRef.resourceVersion = meta.resourceVersion
  if (a.subresource) objectRef.subresource = a.subresource

  const failure = ok ? undefined : failureStatus(a, user.username)
  const responseStatus: ResponseStatus = failure ?? { metadata: {}, code: a.outcome.code }

  const event: AuditEvent = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level,
    auditID: a.auditId,
    // An exec/attach/port-forward that was let through streams: the event every provider keeps is
    // the ResponseStarted one (upstream logs ResponseComplete again when the stream closes).
    // A failed authentication is audited once, at ResponseStarted (WithFailedAuthenticationAudit).
    stage: unauthenticated || (ok && a.subresource && STREAM_SUBRESOURCES.has(a.subresource)) ? 'ResponseStarted' : 'ResponseComplete',
    requestURI: requestUri(a),
    verb: a.verb,
    user,
    sourceIPs: [a.sourceIp],
    userAgent: a.userAgent,
    objectRef,
    responseStatus,
  } as AuditEvent
  // Bodies go between responseStatus and the timestamps (Go struct order).
  if (level !== 'Metadata' && a.body !== undefined && !rbacDenied && !unauthenticated) {
    event.requestObject = a.body as Record<string, unknown>
  }
  if (level === 'RequestResponse') {
    if (ok && a.response !== undefined) event.responseObject = a.response as Record<string, unknown>
    if (failure && !unauthenticated) {
      const { metadata: _m, ...rest } = failure
      event.responseObject = statusObject(rest.code, rest.reason ?? '', rest.message, rest.details)
    }
  }
  event.requestReceivedTimestamp = microTime(a.time)
  event.stageTimestamp = microTime(a.time + a.latencyMicros)
  if (!unauthenticated) {
    const annotations: Record<string, string> = {
      'authorization.k8s.io/decision': rbacDenied ? 'forbid' : 'allow',
      'authorization.k8s.io/reason': rbacDenied ? '' : authorizationReason(a.actor, context, a.namespace),
    }
    if (a.annotations) Object.assign(annotations, a.annotations)
    event.annotations = annotations
  }
  return event
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
