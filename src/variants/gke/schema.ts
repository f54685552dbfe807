/** One Cloud Audit Logs LogEntry of a GKE Kubernetes API request. */
const ts = (digits: string) => ({ type: 'string', pattern: `^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{${digits}}Z$` })

export const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ruleproof.dev/schemas/variants/gke.json',
  title: 'GKE Kubernetes audit LogEntry (Cloud Audit Logs; Panther GCP.AuditLog)',
  type: 'object',
  required: ['protoPayload', 'insertId', 'resource', 'timestamp', 'logName', 'receiveTimestamp'],
  properties: {
    protoPayload: {
      type: 'object',
      required: ['@type', 'authenticationInfo', 'methodName', 'resourceName', 'serviceName'],
      properties: {
        '@type': { const: 'type.googleapis.com/google.cloud.audit.AuditLog' },
        authenticationInfo: {
          type: 'object',
          properties: { principalEmail: { type: 'string' }, principalSubject: { type: 'string' }, authoritySelector: { type: 'string' } },
          additionalProperties: false,
        },
        authorizationInfo: {
          type: 'array',
          items: {
            type: 'object',
            required: ['permission', 'resource'],
            // Denied requests omit granted (proto3 false); JSON exported with defaults writes false.
            properties: { granted: { type: 'boolean' }, permission: { type: 'string' }, resource: { type: 'string' } },
            additionalProperties: false,
          },
        },
        methodName: { type: 'string', pattern: '^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*\\.v\\d+((alpha|beta)\\d+)?\\.[a-z0-9]+(\\.[a-z0-9]+)?\\.[a-z]+$' },
        request: { type: 'object' },
        requestMetadata: {
          type: 'object',
          properties: { callerIp: { type: 'string' }, callerSuppliedUserAgent: { type: 'string' } },
          additionalProperties: false,
        },
        resourceName: { type: 'string', pattern: '^[a-z0-9.-]+/v\\d+((alpha|beta)\\d+)?(/[^/]+)+$' },
        response: { type: 'object' },
        serviceName: { const: 'k8s.io' },
        status: {
          type: 'object',
          properties: { code: { type: 'integer', minimum: 0, maximum: 16 }, message: { type: 'string' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    insertId: { type: 'string', minLength: 1 },
    resource: {
      type: 'object',
      required: ['type', 'labels'],
      properties: {
        type: { const: 'k8s_cluster' },
        labels: {
          type: 'object',
          required: ['project_id', 'location', 'cluster_name'],
          properties: { project_id: { type: 'string' }, location: { type: 'string' }, cluster_name: { type: 'string' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    timestamp: ts('6'),
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    logName: { type: 'string', pattern: '^projects/[^/]+/logs/cloudaudit\\.googleapis\\.com%2F(activity|data_access)$' },
    operation: {
      type: 'object',
      required: ['id', 'producer'],
      properties: { id: { type: 'string' }, producer: { const: 'k8s.io' }, first: { type: 'boolean' }, last: { type: 'boolean' } },
      additionalProperties: false,
    },
    receiveTimestamp: ts('9'),
  },
  additionalProperties: false,
} as const
