import { eventSchema } from '../shared/event-schema.js'

const { $id: _id, $schema: _schema, ...innerEvent } = eventSchema

/**
 * One AKS diagnostic record. `properties.log` is the Event as a JSON string; its content schema
 * is given as `contentSchema` (an annotation in 2020-12: `validateRecord` checks it as well).
 */
export const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ruleproof.dev/schemas/variants/aks.json',
  title: 'Azure AKS kube-audit diagnostic record (Panther Azure.MonitorActivity)',
  type: 'object',
  required: ['category', 'operationName', 'properties', 'resourceId', 'time'],
  properties: {
    category: { enum: ['kube-audit', 'kube-audit-admin'] },
    operationName: { const: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read' },
    properties: {
      type: 'object',
      required: ['log'],
      properties: {
        pod: { type: 'string', pattern: '^kube-apiserver-[a-z0-9]+-[a-z0-9]{5}$' },
        log: {
          type: 'string',
          pattern: '\\n$',
          contentMediaType: 'application/json',
          contentSchema: innerEvent,
        },
        stream: { enum: ['stdout', 'stderr'] },
        containerID: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
      additionalProperties: false,
    },
    resourceId: {
      type: 'string',
      pattern: '^/SUBSCRIPTIONS/[0-9A-F-]{36}/RESOURCEGROUPS/[^/a-z]+/PROVIDERS/MICROSOFT\\.CONTAINERSERVICE/MANAGEDCLUSTERS/[^/a-z]+$',
    },
    serviceBuild: { type: 'string' },
    time: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$' },
  },
  additionalProperties: false,
} as const
