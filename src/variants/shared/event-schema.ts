/**
 * JSON schema (draft 2020-12) of the `audit.k8s.io/v1` Event as kube-apiserver writes it:
 * required fields, MicroTime timestamps, no unknown keys at the levels the API defines.
 * Bodies (`requestObject`, `responseObject`) are free-form objects (JSON-patch arrays allowed).
 */

export const MICRO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$'

const userInfo = {
  type: 'object',
  properties: {
    username: { type: 'string' },
    uid: { type: 'string' },
    groups: { type: 'array', items: { type: 'string' } },
    extra: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
  additionalProperties: false,
} as const

export const eventSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ruleproof.dev/schemas/k8s-audit-event.json',
  title: 'Kubernetes audit.k8s.io/v1 Event',
  type: 'object',
  required: ['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'requestReceivedTimestamp', 'stageTimestamp'],
  properties: {
    kind: { const: 'Event' },
    apiVersion: { const: 'audit.k8s.io/v1' },
    level: { enum: ['Metadata', 'Request', 'RequestResponse'] },
    auditID: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
    stage: { enum: ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] },
    requestURI: { type: 'string', pattern: '^/' },
    verb: { type: 'string', pattern: '^[a-z]+$' },
    user: userInfo,
    impersonatedUser: userInfo,
    // IPv4 or IPv6 text (no format keyword: the schema needs no ajv-formats).
    sourceIPs: { type: 'array', items: { type: 'string', pattern: '^(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$' } },
    userAgent: { type: 'string' },
    objectRef: {
      type: 'object',
      properties: {
        resource: { type: 'string' },
        namespace: { type: 'string' },
        name: { type: 'string' },
        uid: { type: 'string' },
        apiGroup: { type: 'string', minLength: 1 },
        apiVersion: { type: 'string' },
        resourceVersion: { type: 'string' },
        subresource: { type: 'string' },
      },
      additionalProperties: false,
    },
    responseStatus: {
      type: 'object',
      properties: {
        metadata: { type: 'object' },
        status: { type: 'string' },
        message: { type: 'string' },
        reason: { type: 'string' },
        details: { type: 'object' },
        code: { type: 'integer', minimum: 100, maximum: 599 },
      },
      additionalProperties: false,
    },
    // AKS replaces oversized bodies by the string "skipped-too-big-size-object".
    requestObject: { anyOf: [{ type: 'object' }, { type: 'array' }, { type: 'string' }] },
    responseObject: { anyOf: [{ type: 'object' }, { type: 'string' }] },
    requestReceivedTimestamp: { type: 'string', pattern: MICRO_TIME },
    stageTimestamp: { type: 'string', pattern: MICRO_TIME },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
} as const
