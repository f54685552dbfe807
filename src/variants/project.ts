/**
 * What a variant keeps of an event: `project(event, context, variant)` is the event and context
 * that `decode(encode(event, context))` must give back — the canonical event seen through the
 * variant's losses (`carries` / `loses` in each codec), or null when the variant writes no record.
 * The codec contract tests hold every codec to it; the harness can use it to explain a gap.
 */
import type { AuditEvent, ClusterContext, ObjectReference } from '../model/audit-event.js'
import type { Decoded, EncodeOptions, VariantId } from '../model/variant.js'
import { dataActionOf, userFromClaims, verbOfDataAction } from './azure-activity/codec.js'
import { accountFromEvent } from './eks/identity.js'
import { apiVersionOf, GKE_PLACEHOLDER, gkeResponseStatus, inferredLevel, isDataAccess, keptStage } from './gke/codec.js'
import { grpcFromHttp } from './gke/status.js'
import { armCluster, CONNECTED_CLUSTERS } from './shared/azure.js'
import { EVENT_KEYS, isCommandInvoke, providerAnnotations, VIA_ANNOTATION, VIA_COMMAND_INVOKE } from './shared/event.js'
import { isObject, ordered, type JsonObject } from './shared/json.js'
import { READ_VERBS, requestPathFor } from './shared/k8s-api.js'
import { toMicroTime } from './shared/time.js'

function event(fields: Partial<AuditEvent> & Pick<AuditEvent, 'level' | 'auditID' | 'stage' | 'requestURI' | 'verb' | 'user' | 'requestReceivedTimestamp' | 'stageTimestamp'>): AuditEvent {
  return ordered({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', ...fields } as JsonObject, EVENT_KEYS) as unknown as AuditEvent
}

/** The Event kept whole (k8s, eks, aks): MicroTime timestamps, no ruleproof marker. */
function whole(e: AuditEvent): AuditEvent {
  return ordered(
    {
      ...e,
      requestReceivedTimestamp: toMicroTime(e.requestReceivedTimestamp),
      stageTimestamp: toMicroTime(e.stageTimestamp),
      annotations: providerAnnotations(e),
    } as unknown as JsonObject,
    EVENT_KEYS,
  ) as unknown as AuditEvent
}

function lastIp(e: AuditEvent): string[] | undefined {
  const ips = e.sourceIPs ?? []
  return ips.length > 0 ? [ips[ips.length - 1]!] : undefined
}

function username(e: AuditEvent): AuditEvent['user'] {
  return e.user?.username !== undefined ? { username: e.user.username } : {}
}

function azureContext(context: ClusterContext, withRegion: boolean): ClusterContext {
  const c = armCluster(context)
  const out: ClusterContext = {
    provider: 'aks',
    clusterName: c.clusterName.toLowerCase(),
    subscriptionId: c.subscriptionId.toLowerCase(),
    resourceGroup: c.resourceGroup.toLowerCase(),
  }
  if (withRegion && context.region !== undefined) out.region = context.region
  if (withRegion && c.resourceType === CONNECTED_CLUSTERS) out.azureResourceType = CONNECTED_CLUSTERS
  return out
}

function gke(e: AuditEvent, context: ClusterContext, options: EncodeOptions): Decoded | null {
  const ref = e.objectRef
  if (!ref?.resource || e.stage !== keptStage(e)) return null
  if (isDataAccess(e) && options.gkeDataAccess === false) return null
  const objectRef = ordered(
    {
      resource: ref.resource,
      namespace: ref.namespace && ref.resource !== 'namespaces' ? ref.namespace : undefined,
      name: ref.name || undefined,
      apiGroup: ref.apiGroup || undefined,
      apiVersion: apiVersionOf(e),
      subresource: ref.subresource || undefined,
    },
    ['resource', 'namespace', 'name', 'apiGroup', 'apiVersion', 'subresource'],
  ) as ObjectReference
  const requestObject = isObject(e.requestObject) ? e.requestObject : undefined
  const responseObject = isObject(e.responseObject) ? e.responseObject : undefined
  const code = e.responseStatus?.code ?? 200
  const failed = code >= 400
  const grpc = failed ? grpcFromHttp(code, e.responseStatus?.reason) : 0
  const annotations = providerAnnotations(e)
  const time = toMicroTime(e.stageTimestamp)
  return {
    event: event({
      level: inferredLevel(requestObject, responseObject),
      auditID: e.auditID,
      // GKE entries carry no stage: what decoding them gives.
      stage: keptStage({ objectRef: e.objectRef, responseStatus: e.responseStatus }),
      requestURI: requestPathFor(objectRef, e.verb),
      verb: e.verb,
      user: username(e),
      sourceIPs: lastIp(e),
      userAgent: e.userAgent,
      objectRef,
      responseStatus: gkeResponseStatus(e.verb, grpc, failed ? e.responseStatus?.message : undefined, responseObject),
      requestObject,
      responseObject,
      requestReceivedTimestamp: time,
      stageTimestamp: time,
      annotations: annotations && Object.keys(annotations).length > 0 ? annotations : undefined,
    }),
    context: {
      provider: 'gke',
      clusterName: context.clusterName || GKE_PLACEHOLDER.clusterName,
      projectId: context.projectId || GKE_PLACEHOLDER.projectId,
      region: context.region || GKE_PLACEHOLDER.location,
    },
  }
}

function azureActivity(e: AuditEvent, context: ClusterContext, options: EncodeOptions): Decoded | null {
  const time = toMicroTime(e.stageTimestamp)
  const user = userFromClaims(e.user?.username, e.user?.extra?.oid?.[0])
  const common = { level: 'Metadata' as const, auditID: e.auditID, stage: 'ResponseComplete' as const, user, sourceIPs: lastIp(e), requestReceivedTimestamp: time, stageTimestamp: time }
  if (isCommandInvoke(e)) {
    return {
      event: event({ ...common, requestURI: '/', verb: 'create', responseStatus: { metadata: {}, code: 200 }, annotations: { [VIA_ANNOTATION]: VIA_COMMAND_INVOKE } }),
      context: azureContext(context, true),
    }
  }
  const ref = e.objectRef
  if (!options.assumeDataActions || !ref?.resource) return null
  const objectRef = ordered(
    { resource: ref.resource, name: ref.name || undefined, apiGroup: ref.apiGroup || undefined, subresource: ref.subresource || undefined },
    ['resource', 'name', 'apiGroup', 'subresource'],
  ) as ObjectReference
  const code = e.responseStatus?.code ?? 200
  return {
    event: event({
      ...common,
      requestURI: requestPathFor(objectRef, verbOfDataAction(dataActionOf(e.verb, ref.subresource))),
      verb: verbOfDataAction(dataActionOf(e.verb, ref.subresource)),
      objectRef,
      responseStatus: code < 400 ? { metadata: {}, code } : { metadata: {}, status: 'Failure', code },
    }),
    context: azureContext(context, true),
  }
}

/** The decoded form a variant's record of `event` must give back; null when it writes none. */
export function project(e: AuditEvent, context: ClusterContext, variant: VariantId, options: EncodeOptions = {}): Decoded | null {
  switch (variant) {
    case 'k8s':
      return { event: whole(e), context: { provider: 'kubernetes', clusterName: '' } }
    case 'eks': {
      const ctx: ClusterContext = { provider: 'eks', clusterName: '' }
      const account = accountFromEvent(e)
      if (account !== undefined) ctx.accountId = account
      return { event: whole(e), context: ctx }
    }
    case 'aks':
      if (options.aksCategory === 'kube-audit-admin' && READ_VERBS.has(e.verb)) return null
      return { event: whole(e), context: azureContext(context, false) }
    case 'gke':
      return gke(e, context, options)
    case 'azure-activity':
      return azureActivity(e, context, options)
  }
}
