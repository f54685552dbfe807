/**
 * Assembles an `Action` from the parts a family drew: resource coordinates from the resource
 * table, the client's query string and field manager (§1.7), the stored object the server
 * returns (§1.8), a Status for deletes.
 */
import type { Action, Actor, Outcome, Verb } from '../../types.js'
import { statusObject, storedObject } from './objects.js'
import { resourceInfo } from './resources.js'

type Obj = Record<string, unknown>

/** Values the server and the network supply for every request. */
export interface RequestMeta {
  auditId: string
  /** Microseconds since the epoch. */
  time: number
  latencyMicros: number
  /** uid the server assigns to a created object. */
  uid: string
  resourceVersion: number
  /** 5-character suffix for `generateName` objects. */
  suffix: string
}

export type Client = 'kubectl' | 'kubectl-apply' | 'helm' | 'argocd' | 'flux' | 'terraform' | 'controller' | 'kubelet' | 'client-go' | 'python'

/** The query string a client sends for a verb, and the field manager the server records. */
export function clientQuery(client: Client, verb: Verb, resourceVersion: number): { query?: string; manager: string } {
  switch (verb) {
    case 'list':
      return client === 'kubectl' || client === 'kubectl-apply' ? { query: 'limit=500', manager: '' } : { query: `resourceVersion=${resourceVersion}`, manager: '' }
    case 'watch':
      return client === 'controller' || client === 'kubelet' || client === 'client-go'
        ? { query: `allowWatchBookmarks=true&resourceVersion=${resourceVersion}&timeout=7m5s&timeoutSeconds=425&watch=true`, manager: '' }
        : { query: `resourceVersion=${resourceVersion}&watch=true`, manager: '' }
    case 'get':
    case 'delete':
    case 'deletecollection':
      return { manager: '' }
    default:
      break
  }
  switch (client) {
    case 'kubectl':
      return verb === 'create'
        ? { query: 'fieldManager=kubectl-create&fieldValidation=Strict', manager: 'kubectl-create' }
        : verb === 'patch'
          ? { query: 'fieldManager=kubectl-patch', manager: 'kubectl-patch' }
          : { query: 'fieldManager=kubectl-replace&fieldValidation=Strict', manager: 'kubectl-replace' }
    case 'kubectl-apply':
      return { query: 'fieldManager=kubectl-client-side-apply&fieldValidation=Strict', manager: 'kubectl-client-side-apply' }
    case 'helm':
      return { manager: 'helm' }
    case 'argocd':
      return verb === 'patch' ? { query: 'fieldManager=argocd-controller&force=true', manager: 'argocd-controller' } : { manager: 'argocd-controller' }
    case 'flux':
      return { query: 'fieldManager=kustomize-controller&force=true', manager: 'kustomize-controller' }
    case 'terraform':
      return { query: 'fieldManager=Terraform', manager: 'Terraform' }
    case 'controller':
      return { manager: 'kube-controller-manager' }
    case 'kubelet':
      return { manager: 'kubelet' }
    default:
      return { manager: 'Go-http-client' }
  }
}

export interface ActionParts {
  verb: Verb
  resource: string
  namespace?: string
  name?: string
  subresource?: string
  /** Overrides the resource's current version (e.g. the removed `v1beta1`). */
  apiVersion?: string
  actor: Actor
  client: Client
  userAgent: string
  sourceIp: string
  body?: unknown
  /** The object as stored before a patch/update (for the response). */
  current?: Obj
  outcome: Outcome
  meta: RequestMeta
  annotations?: Record<string, string>
  /** Overrides the client's query string. */
  query?: string
}

/**
 * A watch's ResponseComplete comes when the watch ends, minutes later (logformats §1.3): at the
 * informer's `timeoutSeconds`, or when a person stops `kubectl get -w`. Derived from the drawn
 * latency, so no extra draw changes the streams.
 */
function watchMicros(p: ActionParts): number | undefined {
  if (p.verb !== 'watch' || p.outcome.code >= 400) return undefined
  const informer = p.client === 'controller' || p.client === 'kubelet' || p.client === 'client-go'
  return (informer ? 425_000_000 : 60_000_000 + p.meta.latencyMicros * 4_000) + p.meta.latencyMicros
}

export function makeAction(p: ActionParts): Action {
  const info = resourceInfo(p.resource)
  const { query, manager } = clientQuery(p.client, p.verb, p.meta.resourceVersion)
  const action: Action = {
    auditId: p.meta.auditId,
    time: p.meta.time,
    latencyMicros: watchMicros(p) ?? p.meta.latencyMicros,
    verb: p.verb,
    apiGroup: info.group,
    apiVersion: p.apiVersion ?? info.version,
    resource: p.resource,
    actor: p.actor,
    userAgent: p.userAgent,
    sourceIp: p.sourceIp,
    outcome: p.outcome,
  }
  if (p.subresource) action.subresource = p.subresource
  if (info.namespaced && p.namespace !== undefined) action.namespace = p.namespace
  const generatedName = isObj(p.body) && isObj(p.body.metadata) && typeof p.body.metadata.generateName === 'string' && !p.body.metadata.name ? `${p.body.metadata.generateName}${p.meta.suffix}` : undefined
  if (p.name !== undefined) action.name = p.name
  const q = p.query ?? query
  if (q) action.query = q
  if (p.body !== undefined) action.body = p.body
  if (p.annotations && Object.keys(p.annotations).length) action.annotations = p.annotations
  if (p.outcome.code < 400) {
    const server = { uid: p.meta.uid, resourceVersion: String(p.meta.resourceVersion), time: p.meta.time, manager: manager || 'kubectl', ...(generatedName ? { generatedName } : {}) }
    if (p.verb === 'create' && isObj(p.body) && isObj(p.body.metadata)) action.response = storedObject(p.body, server)
    else if ((p.verb === 'update' || p.verb === 'patch') && p.current) {
      const base = p.verb === 'update' && isObj(p.body) ? p.body : p.current
      action.response = storedObject(base, { ...server, uid: String((p.current.metadata as Obj | undefined)?.uid ?? p.meta.uid) })
    } else if (p.verb === 'delete') {
      action.response = statusObject(200, '', '', { name: p.name, ...(info.group ? { group: info.group } : {}), kind: p.resource, uid: p.meta.uid })
      delete (action.response as Obj).reason
      delete (action.response as Obj).message
    }
  }
  return action
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
