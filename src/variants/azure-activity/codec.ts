/**
 * `azure-activity`: the Azure Activity log (resource-log schema, as Event Hub / Storage deliver
 * it and Panther's `Azure.MonitorActivity` ingests it). Kubernetes object writes go to the API
 * server, not to Resource Manager, so the Activity log holds **no** record of them
 * (logformats §4.2): encode returns null, except for
 *  - the ARM trace that does exist: `…/runCommand/action` for an action that came through
 *    `az aks command invoke` (the event carries the audit annotation
 *    `ruleproof.dev/via: az-aks-command-invoke`, which no other codec writes), and
 *  - with `assumeDataActions`, the hypothetical record Sigma's azure/activitylogs Kubernetes
 *    rules assume (operation name = the RBAC data action), labelled as assumed in
 *    `properties.ruleproof`.
 */
import type { AuditEvent, ClusterContext } from '../../model/audit-event.js'
import type { Decoded, EncodeOptions } from '../../model/variant.js'
import { armCluster, armId, contextFromArm, parseArmId } from '../shared/azure.js'
import { DecodeError } from '../shared/errors.js'
import { EVENT_KEYS, isCommandInvoke, VIA_ANNOTATION, VIA_COMMAND_INVOKE } from '../shared/event.js'
import { derivedUuid } from '../shared/hash.js'
import { isObject, ordered, type JsonObject } from '../shared/json.js'
import { requestPathFor } from '../shared/k8s-api.js'
import { formatInstant, parseInstant } from '../shared/time.js'

export const id = 'azure-activity' as const

export const ASSUMED_NOTE =
  'ruleproof assumed record: Azure writes no Activity-log record for Kubernetes data actions (logformats §4.2); generated because assumeDataActions was set'

export const carries: readonly string[] = [
  'kind', 'apiVersion', 'auditID', 'user.username', 'stageTimestamp',
  'context.provider', 'context.clusterName', 'context.subscriptionId', 'context.resourceGroup', 'context.region', 'context.azureResourceType',
]
export const loses: readonly string[] = [
  'level', 'stage', 'requestURI', 'user.uid', 'user.groups', 'impersonatedUser', 'userAgent',
  'user.extra', // only extra.oid, as the objectidentifier claim
  'verb', // data actions say read / write / delete / action: create|update|patch → create, get|list|watch → get, deletecollection → delete
  'sourceIPs', // callerIpAddress: the last one
  'objectRef.resource', 'objectRef.apiGroup', 'objectRef.name', // assumed records only
  'objectRef.namespace', 'objectRef.uid', 'objectRef.apiVersion', 'objectRef.resourceVersion', 'objectRef.subresource',
  'responseStatus', 'requestObject', 'responseObject', 'requestReceivedTimestamp',
  'annotations', // only the command-invoke marker survives, through the operation name
  'context.accountId', 'context.projectId',
]

const ACTION_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy'])

/** The ARM data-action suffix of a verb: READ, WRITE, DELETE (or ACTION for connection subresources). */
export function dataActionOf(verb: string, subresource?: string): 'READ' | 'WRITE' | 'DELETE' | 'ACTION' {
  if (subresource && ACTION_SUBRESOURCES.has(subresource)) return 'ACTION'
  if (verb === 'get' || verb === 'list' || verb === 'watch') return 'READ'
  if (verb === 'delete' || verb === 'deletecollection') return 'DELETE'
  return 'WRITE'
}

/** The verb a data action decodes to (the most common verb behind it). */
export function verbOfDataAction(action: string): string {
  switch (action) {
    case 'READ': return 'get'
    case 'DELETE': return 'delete'
    default: return 'create'
  }
}

/** `MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE` (upper case, as the Sigma rules spell it). */
export function dataActionName(event: AuditEvent, context: ClusterContext): string | undefined {
  const ref = event.objectRef
  if (!ref?.resource) return undefined
  const parts: string[] = [armCluster(context).resourceType]
  if (ref.apiGroup) parts.push(ref.apiGroup)
  parts.push(ref.resource)
  if (ref.subresource) parts.push(ref.subresource)
  parts.push(dataActionOf(event.verb, ref.subresource))
  return parts.join('/').toUpperCase()
}

function time7(stageTimestamp: string): string {
  return formatInstant(parseInstant(stageTimestamp) ?? 0n, 7)
}

function lastIp(event: AuditEvent): string | undefined {
  const ips = event.sourceIPs ?? []
  return ips[ips.length - 1]
}

function claims(event: AuditEvent): JsonObject {
  const c: JsonObject = {}
  const name = event.user?.username
  if (name !== undefined) c['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'] = name
  const oid = event.user?.extra?.oid?.[0]
  if (oid !== undefined) c['http://schemas.microsoft.com/identity/claims/objectidentifier'] = oid
  const ip = lastIp(event)
  if (ip !== undefined) c.ipaddr = ip
  return c
}

const WORDS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'NoContent', 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 422: 'UnprocessableEntity', 429: 'TooManyRequests', 500: 'InternalServerError' }

/** ARM's status word for an HTTP code (`Created`), or the number. */
export function statusWord(code: number): string {
  return WORDS[code] ?? String(code)
}

/** The HTTP code behind `Succeeded.Created` / `Failed.Forbidden` / `200`. */
export function codeOfSignature(signature: unknown): number | undefined {
  if (typeof signature !== 'string') return undefined
  const word = signature.includes('.') ? signature.slice(signature.indexOf('.') + 1) : signature
  if (/^\d{3}$/.test(word)) return Number(word)
  const hit = Object.entries(WORDS).find(([, w]) => w.toLowerCase() === word.toLowerCase())
  return hit ? Number(hit[0]) : undefined
}

/** API groups without a dot (all other groups are DNS names). */
const DOTLESS_GROUPS = new Set(['batch', 'apps', 'extensions', 'policy', 'autoscaling'])

function record(event: AuditEvent, context: ClusterContext, operation: string, action: string, resourceId: string, code: number, extra: JsonObject): JsonObject {
  const cluster = armCluster(context)
  const ok = code < 400
  const scope = armId(cluster)
  return ordered(
    {
      time: time7(event.stageTimestamp),
      resourceId,
      operationName: operation,
      category: 'Administrative',
      resultType: ok ? 'Success' : 'Failure',
      resultSignature: `${ok ? 'Succeeded' : 'Failed'}.${statusWord(code)}`,
      durationMs: 0,
      callerIpAddress: lastIp(event),
      correlationId: event.auditID,
      identity: { authorization: { scope, action }, claims: claims(event) },
      level: ok ? 'Information' : 'Error',
      location: context.region,
      properties: {
        statusCode: statusWord(code),
        eventCategory: 'Administrative',
        entity: scope,
        message: action,
        ...extra,
      },
    },
    ['time', 'resourceId', 'operationName', 'category', 'resultType', 'resultSignature', 'durationMs', 'callerIpAddress', 'correlationId', 'identity', 'level', 'location', 'properties'],
  )
}

export function encode(event: AuditEvent, context: ClusterContext, options: EncodeOptions = {}): Record<string, unknown> | null {
  const cluster = armCluster(context)
  const code = event.responseStatus?.code ?? 200
  if (isCommandInvoke(event)) {
    const action = `${cluster.resourceType}/runCommand/action`
    // The ARM call itself is accepted; what the command did in the cluster is not in the record.
    return record(event, context, action.toUpperCase(), action, armId(cluster).toUpperCase(), 200, {})
  }
  if (!options.assumeDataActions) return null
  const operation = dataActionName(event, context)
  if (!operation) return null
  const ref = event.objectRef!
  const path = [ref.apiGroup, ref.resource, ref.name].filter((x): x is string => !!x).join('/')
  const action = operation.split('/').slice(2).join('/').toLowerCase()
  return record(event, context, operation, `${cluster.resourceType}/${action}`, `${armId(cluster)}/${path}`, code, {
    ruleproof: { assumed: true, note: ASSUMED_NOTE },
  })
}

const RUN_COMMAND = /^(?:MICROSOFT\.CONTAINERSERVICE\/MANAGEDCLUSTERS|MICROSOFT\.KUBERNETES\/CONNECTEDCLUSTERS)\/RUNCOMMAND\/ACTION$/
const DATA_ACTION = /^(?:MICROSOFT\.CONTAINERSERVICE\/MANAGEDCLUSTERS|MICROSOFT\.KUBERNETES\/CONNECTEDCLUSTERS)\/(.+)\/(READ|WRITE|DELETE|ACTION)$/

/** True for an operation name that names a Kubernetes data action or the run-command action. */
export function isKubernetesOperation(operationName: unknown): boolean {
  if (typeof operationName !== 'string') return false
  const op = operationName.toUpperCase()
  return RUN_COMMAND.test(op) || (DATA_ACTION.test(op) && !/\/(LISTCLUSTER\w*CREDENTIAL|AGENTPOOLS|ROTATECLUSTERCERTIFICATES|START|STOP|COMMANDRESULTS)(\/|$)/.test(op))
}

/**
 * Accepts an Activity record (or `{records:[one]}`) whose operation is a Kubernetes data action
 * (assumed records, or hand-written ones like Panther's tests) or the run-command action.
 * Other ARM operations have no Kubernetes audit event: error.
 */
export function decode(raw: unknown): Decoded {
  if (!isObject(raw)) throw new DecodeError(id, 'the record is not a JSON object')
  let rec = raw
  if (Array.isArray(raw.records)) {
    if (raw.records.length !== 1 || !isObject(raw.records[0])) throw new DecodeError(id, 'an Event Hub body must hold exactly one record to decode as one', 'records')
    rec = raw.records[0]
  }
  const opRaw = rec.operationName
  const op = isObject(opRaw) ? opRaw.value : opRaw
  if (typeof op !== 'string') throw new DecodeError(id, 'operationName must be a string', 'operationName')
  const upper = op.toUpperCase()
  if (!isKubernetesOperation(upper)) throw new DecodeError(id, `operation ${JSON.stringify(op)} is not a Kubernetes data action or run command`, 'operationName')
  const defaulted: string[] = ['level', 'stage', 'requestURI', 'requestReceivedTimestamp']
  const arm = typeof rec.resourceId === 'string' ? parseArmId(rec.resourceId) : undefined
  const context: ClusterContext = arm ? contextFromArm(arm) : { provider: 'aks', clusterName: '' }
  if (!arm) defaulted.push('context.clusterName', 'context.subscriptionId', 'context.resourceGroup')
  if (typeof rec.location === 'string') context.region = rec.location
  const identity = isObject(rec.identity) ? rec.identity : {}
  const cl = isObject(identity.claims) ? identity.claims : {}
  const upn = cl['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn'] ?? rec.caller
  const ip = rec.callerIpAddress
  const t = typeof rec.time === 'string' ? parseInstant(rec.time) : undefined
  if (t === undefined) defaulted.push('stageTimestamp')
  const time = formatInstant(t ?? 0n, 6)
  const correlation = rec.correlationId
  if (typeof correlation !== 'string') defaulted.push('auditID')
  const ok = rec.resultType === undefined || /^succe/i.test(String(rec.resultType))
  const code = codeOfSignature(rec.resultSignature)

  let verb = 'create'
  let objectRef: AuditEvent['objectRef']
  let annotations: Record<string, string> | undefined
  if (RUN_COMMAND.test(upper)) {
    annotations = { [VIA_ANNOTATION]: VIA_COMMAND_INVOKE }
    defaulted.push('verb', 'objectRef')
  } else {
    const m = DATA_ACTION.exec(upper)!
    const segs = m[1]!.toLowerCase().split('/')
    verb = verbOfDataAction(m[2]!)
    // Names come from the resourceId path (original case) when it has one.
    const idSegs = (arm?.rest ?? '').split('/').filter(Boolean)
    const hasGroup = segs.length >= 2 && (segs[0]!.includes('.') || DOTLESS_GROUPS.has(segs[0]!))
    const apiGroup = hasGroup ? segs[0] : undefined
    const resource = hasGroup ? segs[1] : segs[0]
    const subresource = hasGroup ? segs[2] : segs[1]
    const nameIdx = apiGroup ? 2 : 1
    const name = idSegs.length > nameIdx ? idSegs[nameIdx] : undefined
    objectRef = ordered({ resource, name, apiGroup, subresource }, ['resource', 'namespace', 'name', 'apiGroup', 'apiVersion', 'subresource'])
  }
  const event = ordered(
    {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: typeof correlation === 'string' ? correlation : derivedUuid(JSON.stringify(rec)),
      stage: 'ResponseComplete',
      requestURI: objectRef ? requestPathFor(objectRef, verb) : '/',
      verb,
      user: userFromClaims(upn, cl['http://schemas.microsoft.com/identity/claims/objectidentifier']),
      sourceIPs: typeof ip === 'string' ? [ip] : undefined,
      objectRef,
      responseStatus: ok ? { metadata: {}, code: code ?? (verb === 'create' ? 201 : 200) } : { metadata: {}, status: 'Failure', code: code ?? 403 },
      requestReceivedTimestamp: time,
      stageTimestamp: time,
      annotations,
    },
    EVENT_KEYS,
  ) as unknown as AuditEvent
  return { event, context, defaulted }
}

/** The identity an Activity record names: the UPN claim (or caller) and the Entra object id (AKS Guard's `extra.oid`). */
export function userFromClaims(upn: unknown, oid: unknown): AuditEvent['user'] {
  const user: AuditEvent['user'] = {}
  if (typeof upn === 'string') user.username = upn
  if (typeof oid === 'string') user.extra = { oid: [oid] }
  return user
}
