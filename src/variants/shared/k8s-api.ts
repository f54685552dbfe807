/**
 * Kubernetes API coordinates: request paths, GKE method and resource names, the Azure
 * data-action names. One place, so that encoders, decoders, pipelines and projections agree.
 */
import type { ObjectReference } from '../../model/audit-event.js'

const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/

/** The request path (no query) of an object reference: `/api/v1/…` for core, `/apis/<g>/<v>/…` otherwise. */
export function requestPath(ref: ObjectReference, version = ref.apiVersion ?? 'v1'): string {
  const group = ref.apiGroup ?? ''
  const parts: string[] = group ? ['apis', group, version] : ['api', version]
  if (ref.namespace && ref.resource !== 'namespaces') parts.push('namespaces', ref.namespace)
  if (ref.resource) parts.push(ref.resource)
  if (ref.name) parts.push(ref.name)
  if (ref.subresource) parts.push(ref.subresource)
  return '/' + parts.join('/')
}

/**
 * The path a `verb` request on `ref` goes to: a create without subresource POSTs to the
 * collection (the name is in the body, not the URI — logformats §1.7).
 */
export function requestPathFor(ref: ObjectReference, verb: string): string {
  return requestPath(verb === 'create' && !ref.subresource ? { ...ref, name: undefined } : ref)
}

/** The API version in a request URI (`/apis/batch/v1/…` → v1), if it has one. */
export function versionFromURI(uri: string): string | undefined {
  const segs = uri.split('?')[0]!.split('/')
  if (segs[1] === 'api') return segs[2] && VERSION.test(segs[2]) ? segs[2] : undefined
  if (segs[1] === 'apis') return segs[3] && VERSION.test(segs[3]) ? segs[3] : undefined
  return undefined
}

/** GKE's method-name spelling of an API group: reverse DNS, `core` for the core group, `io.k8s.` before dot-less groups. */
export function gkeGroupPrefix(group: string): string {
  if (!group) return 'io.k8s.core'
  if (!group.includes('.')) return `io.k8s.${group}`
  return group.split('.').reverse().join('.')
}

/** `io.k8s.<group>.<version>.<resource>[.<subresource>].<verb>` */
export function gkeMethodName(ref: ObjectReference, version: string, verb: string): string {
  const parts = [gkeGroupPrefix(ref.apiGroup ?? ''), version, ref.resource ?? '']
  if (ref.subresource) parts.push(ref.subresource)
  parts.push(verb)
  return parts.join('.')
}

/** `<group|core>/<version>/[namespaces/<ns>/]<resource>[/<name>[/<subresource>]]` */
export function gkeResourceName(ref: ObjectReference, version: string): string {
  const parts = [ref.apiGroup || 'core', version]
  if (ref.namespace && ref.resource !== 'namespaces') parts.push('namespaces', ref.namespace)
  if (ref.resource) parts.push(ref.resource)
  if (ref.name) {
    parts.push(ref.name)
    if (ref.subresource) parts.push(ref.subresource)
  }
  return parts.join('/')
}

export interface ParsedMethod {
  verb: string
  version?: string
  resource?: string
  subresource?: string
}

/** Splits a GKE method name; the group is taken from `resourceName` (the method name's is ambiguous). */
export function parseGkeMethodName(method: string): ParsedMethod {
  const segs = method.split('.')
  const verb = segs[segs.length - 1] ?? ''
  const vi = segs.findIndex((s, i) => i > 0 && VERSION.test(s))
  if (vi < 0) return { verb }
  const rest = segs.slice(vi + 1, -1)
  return { verb, version: segs[vi], resource: rest[0], subresource: rest[1] }
}

export interface ParsedResourceName {
  apiGroup?: string
  apiVersion?: string
  namespace?: string
  resource?: string
  name?: string
  subresource?: string
}

/**
 * Parses a GKE `resourceName`. `resource` (from the method name) disambiguates the
 * cluster-scoped `namespaces` resource from a namespaced path.
 */
export function parseGkeResourceName(resourceName: string, resource?: string): ParsedResourceName {
  const segs = resourceName.split('/')
  const [group, version, ...rest] = segs
  const out: ParsedResourceName = {}
  if (group && group !== 'core') out.apiGroup = group
  if (version) out.apiVersion = version
  const namespaced = rest[0] === 'namespaces' && resource !== 'namespaces' && rest.length >= 3
  const tail = namespaced ? rest.slice(2) : rest
  if (namespaced) out.namespace = rest[1]
  if (tail[0]) out.resource = tail[0]
  if (tail[1]) out.name = tail[1]
  if (tail[2]) out.subresource = tail.slice(2).join('/')
  return out
}

/** `<group>.k8s.io/<version>.<Kind>` as GKE writes `@type` on request/response bodies. */
export function gkeBodyType(body: Record<string, unknown>): string | undefined {
  const { kind, apiVersion } = body
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return undefined
  const slash = apiVersion.indexOf('/')
  const group = slash < 0 ? '' : apiVersion.slice(0, slash)
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1)
  const g = !group ? 'core.k8s.io' : group.includes('.') ? group : `${group}.k8s.io`
  return `${g}/${version}.${kind}`
}

/** Read verbs: no record in AKS kube-audit-admin; GKE Data Access. */
export const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch'])
/** Long-running connection subresources (logged at ResponseStarted where only one stage is kept). */
export const STREAM_SUBRESOURCES: ReadonlySet<string> = new Set(['exec', 'attach', 'portforward'])
