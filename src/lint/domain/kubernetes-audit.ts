/**
 * The field domain of a Kubernetes `audit.k8s.io/v1` Event (logformats.md §1): which dotted
 * paths exist, their JSON type and, for enumerations, their values. `open` marks objects whose
 * keys are free (request bodies, annotations, user extra).
 */
export type FieldType = 'string' | 'integer' | 'object' | 'array' | 'string[]'

export interface FieldSpec {
  type: FieldType
  values?: readonly string[]
  open?: boolean
  children?: Record<string, FieldSpec>
}

/** Verbs a request can be audited with: resource verbs plus lower-cased HTTP methods of non-resource URLs. */
export const AUDIT_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'post', 'put', 'head', 'options'] as const

const S: FieldSpec = { type: 'string' }
const userInfo: FieldSpec = {
  type: 'object',
  children: { username: S, uid: S, groups: { type: 'string[]' }, extra: { type: 'object', open: true } },
}

export const KUBERNETES_AUDIT_EVENT: FieldSpec = {
  type: 'object',
  children: {
    kind: { type: 'string', values: ['Event'] },
    apiVersion: { type: 'string', values: ['audit.k8s.io/v1'] },
    level: { type: 'string', values: ['Metadata', 'Request', 'RequestResponse'] },
    auditID: S,
    stage: { type: 'string', values: ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] },
    requestURI: S,
    verb: { type: 'string', values: AUDIT_VERBS },
    user: userInfo,
    impersonatedUser: userInfo,
    sourceIPs: { type: 'string[]' },
    userAgent: S,
    objectRef: {
      type: 'object',
      children: { resource: S, namespace: S, name: S, uid: S, apiGroup: S, apiVersion: S, resourceVersion: S, subresource: S },
    },
    responseStatus: {
      type: 'object',
      children: {
        metadata: { type: 'object', open: true },
        status: { type: 'string', values: ['Success', 'Failure'] },
        message: S,
        reason: S,
        details: { type: 'object', open: true },
        code: { type: 'integer' },
      },
    },
    requestObject: { type: 'object', open: true },
    responseObject: { type: 'object', open: true },
    requestReceivedTimestamp: S,
    stageTimestamp: S,
    annotations: { type: 'object', open: true },
  },
}

export type FieldLookup =
  | { kind: 'known'; spec: FieldSpec }
  | { kind: 'open' }
  | { kind: 'unknown'; known: string[]; at: string }

/** Resolves a dotted Sigma field name against the domain. */
export function lookupField(root: FieldSpec, field: string): FieldLookup {
  let spec = root
  const parts = field.split('.')
  for (let i = 0; i < parts.length; i++) {
    if (spec.open) return { kind: 'open' }
    const key = parts[i] as string
    // Own keys only: `objectRef.constructor` is not a field of the domain.
    const next = spec.children && Object.hasOwn(spec.children, key) ? spec.children[key] : undefined
    if (next === undefined) return { kind: 'unknown', known: Object.keys(spec.children ?? {}), at: parts.slice(0, i).join('.') }
    spec = next
  }
  return { kind: 'known', spec }
}

/** The domain for a Sigma logsource, when ruleproof knows one. */
export function domainFor(logsource: { product?: string; service?: string }): FieldSpec | undefined {
  if (logsource.product === 'kubernetes' && logsource.service === 'audit') return KUBERNETES_AUDIT_EVENT
  return undefined
}
