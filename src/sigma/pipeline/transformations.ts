/**
 * The transformation registry: each pipeline item's `type` names one of these. A transformation
 * turns (field, the part of the field under the matched prefix) into an accessor on the raw record,
 * or a reason why the field is not provided. `field_name_mapping` (renames) is applied by the engine.
 */
import { defaultAccessor, type FieldAccessor } from '../fields.js'
import type { PipelineItem, Resolution } from './types.js'
import { innerEvent } from '../../variants/aks/codec.js'
import { gkeResponseStatus } from '../../variants/gke/codec.js'
import { isObject } from '../../variants/shared/json.js'
import { parseGkeMethodName, parseGkeResourceName, requestPathFor, STREAM_SUBRESOURCES } from '../../variants/shared/k8s-api.js'

export interface Transformation {
  description: string
  /** JSON schema of the item's own parameters (beyond id/type/fields/prefixes/note). */
  params: Record<string, unknown>
  /** Parameters an item must give. */
  required?: string[]
  resolve(item: PipelineItem, field: string, rest: string | undefined): Resolution
}

const strings = { type: 'array', items: { type: 'string' } }

/** Reads `rest` (dotted, Sigma semantics) under a value, or the value itself. */
function under(get: FieldAccessor, rest: string | undefined): FieldAccessor {
  if (!rest) return get
  const inner = defaultAccessor(rest)
  return (r) => {
    const base = get(r)
    return base === undefined ? undefined : inner(base)
  }
}

/** First defined value among accessors. */
function firstOf(accessors: FieldAccessor[]): FieldAccessor {
  if (accessors.length === 1) return accessors[0]!
  return (r) => {
    for (const a of accessors) {
      const v = a(r)
      if (v !== undefined) return v
    }
    return undefined
  }
}

function pathsOf(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : [value as string]
}

/** `''` addresses the record itself. */
function at(path: string): FieldAccessor {
  return path === '' ? (r) => r : defaultAccessor(path)
}

// --- GKE derivations, parsed once per record -------------------------------------------------

interface GkeView {
  verb?: string
  objectRef: Record<string, string | undefined>
  requestURI?: string
  responseStatus: Record<string, unknown>
  stage?: string
}

const gkeCache = new WeakMap<object, GkeView | null>()

function gkeView(record: unknown): GkeView | null {
  if (!isObject(record)) return null
  const cached = gkeCache.get(record)
  if (cached !== undefined) return cached
  let view: GkeView | null = null
  const pp = record.protoPayload
  if (isObject(pp) && typeof pp.methodName === 'string') {
    const m = parseGkeMethodName(pp.methodName)
    const rn = typeof pp.resourceName === 'string' ? pp.resourceName : undefined
    const p = rn ? parseGkeResourceName(rn, m.resource) : {}
    const objectRef: Record<string, string | undefined> = {
      resource: m.resource ?? p.resource,
      namespace: p.namespace,
      name: p.name,
      apiGroup: p.apiGroup,
      apiVersion: p.apiVersion ?? m.version,
      subresource: m.subresource ?? p.subresource,
    }
    const status = isObject(pp.status) ? pp.status : {}
    const grpc = typeof status.code === 'number' ? status.code : 0
    const response = isObject(pp.response) ? pp.response : undefined
    view = {
      verb: m.verb || undefined,
      objectRef,
      requestURI: objectRef.resource ? requestPathFor(objectRef, m.verb) : undefined,
      responseStatus: gkeResponseStatus(m.verb, grpc, status.message, response) as Record<string, unknown>,
      stage: objectRef.subresource && STREAM_SUBRESOURCES.has(objectRef.subresource) ? 'ResponseStarted' : 'ResponseComplete',
    }
  }
  gkeCache.set(record, view)
  return view
}

export const transformations: Record<string, Transformation> = {
  path: {
    description: 'Reads the field at a path of the raw record (`to`: dotted path, or a list of alternatives, the first present wins).',
    params: { to: { oneOf: [{ type: 'string' }, strings] } },
    required: ['to'],
    resolve: (item, _field, rest) => ({ accessor: under(firstOf(pathsOf(item.to).map(defaultAccessor)), rest) }),
  },
  prefix: {
    description: 'Maps the matched prefix to another prefix of the raw record ("" = the record itself); the rest of the field name is read under it (`to`: one path or alternatives).',
    params: { to: { oneOf: [{ type: 'string' }, strings] } },
    required: ['to'],
    resolve: (item, _field, rest) => ({ accessor: firstOf(pathsOf(item.to).map((p) => under(at(p), rest))) }),
  },
  segment: {
    description: 'One segment of the string at `to`, split at `separator` (default "/"): `index` counts from 0, negative from the end.',
    params: { to: { type: 'string' }, index: { type: 'integer' }, separator: { type: 'string' } },
    required: ['to', 'index'],
    resolve: (item) => {
      const get = defaultAccessor(String(item.to))
      const index = Number(item.index)
      const sep = typeof item.separator === 'string' ? item.separator : '/'
      const seg = (v: unknown): unknown => {
        if (typeof v !== 'string') return undefined
        const parts = v.split(sep)
        return parts[index < 0 ? parts.length + index : index]
      }
      return { accessor: (r) => { const v = get(r); return Array.isArray(v) ? v.map(seg).filter((x) => x !== undefined) : seg(v) } }
    },
  },
  as_list: {
    description: 'Reads a single value at `to` (first present alternative) and returns it as a one-element list (GKE callerIp → sourceIPs).',
    params: { to: { oneOf: [{ type: 'string' }, strings] } },
    required: ['to'],
    resolve: (item) => {
      const get = firstOf(pathsOf(item.to).map(defaultAccessor))
      return { accessor: (r) => { const v = get(r); return v === undefined ? undefined : Array.isArray(v) ? v : [v] } }
    },
  },
  constant: {
    description: 'A constant value for every record of the variant.',
    params: { value: {} },
    required: ['value'],
    resolve: (item) => ({ accessor: () => item.value }),
  },
  inner_json: {
    description: 'Reads the field (its full name) inside the JSON string at `source`, parsed once per record (AKS properties.log).',
    params: { source: { const: 'properties.log' } },
    required: ['source'],
    resolve: (_item, field) => {
      const get = defaultAccessor(field)
      return { accessor: (r) => { const inner = innerEvent(r); return inner === undefined ? undefined : get(inner) } }
    },
  },
  gke_verb: {
    description: 'The Kubernetes verb: last dot-segment of protoPayload.methodName.',
    params: {},
    resolve: () => ({ accessor: (r) => gkeView(r)?.verb }),
  },
  gke_object_ref: {
    description: 'objectRef.<part> from protoPayload.methodName (resource, subresource) and resourceName (group, version, namespace, name).',
    params: {},
    resolve: (_item, field, rest) => {
      const part = rest ?? field.split('.').pop()!
      if (!rest) return { accessor: (r) => { const v = gkeView(r); return v ? Object.fromEntries(Object.entries(v.objectRef).filter(([, x]) => x !== undefined)) : undefined } }
      return { accessor: (r) => { const o = gkeView(r)?.objectRef; return o && Object.hasOwn(o, part) ? o[part] : undefined } }
    },
  },
  gke_response_status: {
    description: 'responseStatus as the HTTP-equivalent of the entry: code from the response Status or from the gRPC status (0 → 200/201, 7 → 403, …); status/message/reason for failures.',
    params: {},
    resolve: (_item, _field, rest) => {
      const inner = rest ? defaultAccessor(rest) : (x: unknown) => x
      return { accessor: (r) => { const v = gkeView(r); return v ? inner(v.responseStatus) : undefined } }
    },
  },
  gke_request_uri: {
    description: 'The request path rebuilt from resourceName (/api/v1/… for the core group, /apis/<group>/<version>/… otherwise); the query string is not in GKE entries.',
    params: {},
    resolve: (item) => ({ accessor: (r) => gkeView(r)?.requestURI, approximate: item.note ?? 'rebuilt from resourceName; the query string is lost' }),
  },
  gke_stage: {
    description: 'The stage GKE kept: ResponseComplete (ResponseStarted for exec/attach/portforward).',
    params: {},
    resolve: (item) => ({ accessor: (r) => gkeView(r)?.stage, approximate: item.note ?? 'inferred' }),
  },
  log_id: {
    description: 'The log id of a Cloud Logging logName, both decoded and as written (cloudaudit.googleapis.com/activity and …%2Factivity).',
    params: { to: { type: 'string' } },
    resolve: (item) => {
      const get = defaultAccessor(String(item.to ?? 'logName'))
      return {
        accessor: (r) => {
          const v = get(r)
          if (typeof v !== 'string') return v
          const id = v.includes('/logs/') ? v.slice(v.indexOf('/logs/') + 6) : v
          let decoded = id
          try { decoded = decodeURIComponent(id) } catch { /* keep as written */ }
          return decoded === id ? [v, id] : [v, decoded, id]
        },
      }
    },
  },
  unsupported: {
    description: 'The variant does not carry the field; `note` says why.',
    params: {},
    resolve: (item, field) => ({ unsupported: item.note ?? `${field} is not in this log format` }),
  },
}

/** Parameters every item may have besides its transformation's own. */
export const COMMON_ITEM_KEYS = ['id', 'type', 'fields', 'prefixes', 'note'] as const
