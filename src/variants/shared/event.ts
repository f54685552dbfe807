/**
 * The canonical audit Event on the wire: written in kube-apiserver's Go struct order, read
 * back leniently (Panther test logs are partial) with every filled-in field reported.
 */
import type { AuditEvent, AuditLevel, AuditStage } from '../../model/audit-event.js'
import type { VariantId } from '../../model/variant.js'
import { DecodeError } from './errors.js'
import { derivedUuid } from './hash.js'
import { isObject, ordered, type JsonObject } from './json.js'
import { requestPathFor } from './k8s-api.js'
import { parseInstant, formatInstant } from './time.js'

export const EVENT_KEYS = [
  'kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'impersonatedUser',
  'sourceIPs', 'userAgent', 'objectRef', 'responseStatus', 'requestObject', 'responseObject',
  'requestReceivedTimestamp', 'stageTimestamp', 'annotations',
] as const
export const USER_KEYS = ['username', 'uid', 'groups', 'extra'] as const
export const OBJECT_REF_KEYS = ['resource', 'namespace', 'name', 'uid', 'apiGroup', 'apiVersion', 'resourceVersion', 'subresource'] as const
export const STATUS_KEYS = ['metadata', 'status', 'message', 'reason', 'details', 'code'] as const

/**
 * ruleproof's own marker, never written to a provider record: an action that came through
 * `az aks command invoke` (the only Kubernetes action with an Azure Activity-log trace).
 */
export const VIA_ANNOTATION = 'ruleproof.dev/via'
export const VIA_COMMAND_INVOKE = 'az-aks-command-invoke'

export function isCommandInvoke(event: AuditEvent): boolean {
  return event.annotations?.[VIA_ANNOTATION] === VIA_COMMAND_INVOKE
}

/** Audit annotations as a provider writes them: without ruleproof's marker. */
export function providerAnnotations(event: AuditEvent): Record<string, string> | undefined {
  const a = event.annotations
  if (!a || !(VIA_ANNOTATION in a)) return a
  const { [VIA_ANNOTATION]: _marker, ...rest } = a
  return Object.keys(rest).length > 0 ? rest : undefined
}

const MICRO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

function micro(text: string): string {
  if (MICRO.test(text)) return text // already MicroTime: the common case, kept fast
  const ns = parseInstant(text)
  return ns === undefined ? text : formatInstant(ns, 6)
}

/** Go's encoding/json writes map keys (`user.extra`, `annotations`) sorted. */
function sortedMap<T>(map: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!map) return map
  const keys = Object.keys(map)
  if (keys.every((k, i) => i === 0 || keys[i - 1]! < k)) return map // already sorted: the common case
  return Object.fromEntries(keys.sort().map((k) => [k, map[k]!]))
}

function userInfo(u: AuditEvent['user']): JsonObject {
  return ordered({ ...u, extra: sortedMap(u.extra) } as JsonObject, USER_KEYS)
}

/** The Event object exactly as kube-apiserver serialises it (key order, MicroTime, no marker). */
export function writeEvent(e: AuditEvent): JsonObject {
  return ordered(
    {
      ...e,
      user: userInfo(e.user),
      impersonatedUser: e.impersonatedUser && userInfo(e.impersonatedUser),
      objectRef: e.objectRef && ordered(e.objectRef as JsonObject, OBJECT_REF_KEYS),
      responseStatus: e.responseStatus && ordered(e.responseStatus as JsonObject, STATUS_KEYS),
      requestReceivedTimestamp: micro(e.requestReceivedTimestamp),
      stageTimestamp: micro(e.stageTimestamp),
      annotations: sortedMap(providerAnnotations(e)),
    },
    EVENT_KEYS,
  )
}

const LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse']
const STAGES: readonly AuditStage[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']

export interface ReadOptions {
  /** Where to take a timestamp from when the event has none (Panther's `p_event_time`). */
  fallbackTime?: string
}

/**
 * `objectRef.apiVersion: batch/v1` with no `apiGroup` (Panther's test logs write it so) becomes
 * `apiGroup: batch, apiVersion: v1`, as kube-apiserver writes them: otherwise the group is lost
 * and every variant that spells the group (GKE's methodName, request paths) names another API.
 */
function splitGroupVersion(ref: JsonObject | undefined, defaulted: string[]): JsonObject | undefined {
  if (!ref || ref.apiGroup !== undefined || typeof ref.apiVersion !== 'string') return ref
  const slash = ref.apiVersion.indexOf('/')
  if (slash <= 0 || slash === ref.apiVersion.length - 1) return ref
  defaulted.push('objectRef.apiGroup')
  return ordered({ ...ref, apiGroup: ref.apiVersion.slice(0, slash), apiVersion: ref.apiVersion.slice(slash + 1) }, OBJECT_REF_KEYS)
}

/**
 * Reads an Event object (complete or partial) into the canonical form. Wrong types are errors;
 * missing required fields are filled (and listed in `defaulted`):
 * kind/apiVersion constants, `level` from the bodies present, `stage` ResponseComplete,
 * `auditID` derived from the content, `requestURI` from `objectRef`, `verb` '', `user` {},
 * timestamps from each other, then `fallbackTime`, then the epoch.
 */
export function readEvent(variant: VariantId, raw: unknown, at: string, defaulted: string[], options: ReadOptions = {}): AuditEvent {
  if (!isObject(raw)) throw new DecodeError(variant, 'the audit Event is not a JSON object', at)
  const p = (k: string) => (at ? `${at}.${k}` : k)
  const str = (k: string): string | undefined => {
    const v = raw[k]
    if (v === undefined || v === null) return undefined
    if (typeof v !== 'string') throw new DecodeError(variant, `${k} must be a string`, p(k))
    return v
  }
  const obj = (k: string): JsonObject | undefined => {
    const v = raw[k]
    if (v === undefined || v === null) return undefined
    if (!isObject(v)) throw new DecodeError(variant, `${k} must be an object`, p(k))
    return v
  }
  const kind = str('kind')
  if (kind !== undefined && kind !== 'Event') throw new DecodeError(variant, `kind is ${JSON.stringify(kind)}, not "Event"`, p('kind'))
  const apiVersion = str('apiVersion')
  if (apiVersion !== undefined && apiVersion !== 'audit.k8s.io/v1') {
    throw new DecodeError(variant, `apiVersion is ${JSON.stringify(apiVersion)}, not "audit.k8s.io/v1"`, p('apiVersion'))
  }
  if (kind === undefined) defaulted.push('kind')
  if (apiVersion === undefined) defaulted.push('apiVersion')

  const requestObject = raw.requestObject
  const responseObject = raw.responseObject
  let level = str('level') as AuditLevel | undefined
  if (level !== undefined && !LEVELS.includes(level)) throw new DecodeError(variant, `unknown level ${JSON.stringify(level)}`, p('level'))
  if (level === undefined) {
    defaulted.push('level')
    level = responseObject !== undefined ? 'RequestResponse' : requestObject !== undefined ? 'Request' : 'Metadata'
  }
  let stage = str('stage') as AuditStage | undefined
  if (stage !== undefined && !STAGES.includes(stage)) throw new DecodeError(variant, `unknown stage ${JSON.stringify(stage)}`, p('stage'))
  if (stage === undefined) {
    defaulted.push('stage')
    stage = 'ResponseComplete'
  }

  const user = obj('user')
  if (user === undefined) defaulted.push('user')
  const impersonatedUser = obj('impersonatedUser')
  const objectRef = splitGroupVersion(obj('objectRef'), defaulted)
  const responseStatus = obj('responseStatus')
  const annotations = obj('annotations')
  const sourceIPs = raw.sourceIPs
  if (sourceIPs !== undefined && sourceIPs !== null && !(Array.isArray(sourceIPs) && sourceIPs.every((x) => typeof x === 'string'))) {
    throw new DecodeError(variant, 'sourceIPs must be an array of strings', p('sourceIPs'))
  }
  if (responseStatus && responseStatus.code !== undefined && typeof responseStatus.code !== 'number') {
    throw new DecodeError(variant, 'responseStatus.code must be a number', p('responseStatus.code'))
  }

  let verb = str('verb')
  if (verb === undefined) {
    defaulted.push('verb')
    verb = ''
  }
  let requestURI = str('requestURI')
  if (requestURI === undefined) {
    defaulted.push('requestURI')
    requestURI = objectRef ? requestPathFor(objectRef, verb) : '/'
  }

  const timeOf = (k: string): string | undefined => {
    const t = str(k)
    if (t === undefined) return undefined
    const ns = parseInstant(t)
    if (ns === undefined) throw new DecodeError(variant, `${k} is not a timestamp: ${JSON.stringify(t)}`, p(k))
    return formatInstant(ns, 6)
  }
  const fallback = options.fallbackTime !== undefined && parseInstant(options.fallbackTime) !== undefined ? micro(options.fallbackTime) : '1970-01-01T00:00:00.000000Z'
  let received = timeOf('requestReceivedTimestamp')
  let staged = timeOf('stageTimestamp')
  if (received === undefined) defaulted.push('requestReceivedTimestamp')
  if (staged === undefined) defaulted.push('stageTimestamp')
  received ??= staged ?? fallback
  staged ??= received

  let auditID = str('auditID')
  if (auditID === undefined) {
    defaulted.push('auditID')
    auditID = derivedUuid(JSON.stringify(raw))
  }

  const event: AuditEvent = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level,
    auditID,
    stage,
    requestURI,
    verb,
    user: (user ?? {}) as AuditEvent['user'],
    impersonatedUser: impersonatedUser as AuditEvent['impersonatedUser'],
    sourceIPs: (sourceIPs ?? undefined) as string[] | undefined,
    userAgent: str('userAgent'),
    objectRef: objectRef as AuditEvent['objectRef'],
    responseStatus: responseStatus as AuditEvent['responseStatus'],
    requestObject: (requestObject ?? undefined) as AuditEvent['requestObject'],
    responseObject: (responseObject ?? undefined) as AuditEvent['responseObject'],
    requestReceivedTimestamp: received,
    stageTimestamp: staged,
    annotations: annotations as AuditEvent['annotations'],
  }
  return ordered(event as unknown as JsonObject, EVENT_KEYS) as unknown as AuditEvent
}
