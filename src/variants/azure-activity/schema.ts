/**
 * One Azure Activity-log record in the resource-log schema (Event Hub / Storage), restricted to
 * the records this variant writes: Kubernetes data actions (assumed) and `runCommand/action`.
 */
export const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ruleproof.dev/schemas/variants/azure-activity.json',
  title: 'Azure Activity log record (resource-log schema; Panther Azure.MonitorActivity)',
  type: 'object',
  required: ['time', 'resourceId', 'operationName', 'category', 'resultType', 'correlationId', 'identity', 'level', 'properties'],
  properties: {
    time: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z$' },
    resourceId: { type: 'string', pattern: '^/(subscriptions|SUBSCRIPTIONS)/[^/]+/(resourceGroups|RESOURCEGROUPS)/[^/]+/(providers|PROVIDERS)/' },
    operationName: { type: 'string', pattern: '^MICROSOFT\\.(CONTAINERSERVICE/MANAGEDCLUSTERS|KUBERNETES/CONNECTEDCLUSTERS)/[A-Z0-9./]+/(READ|WRITE|DELETE|ACTION)$' },
    category: { const: 'Administrative' },
    resultType: { enum: ['Success', 'Succeeded', 'Failure', 'Failed', 'Start', 'Started', 'Accept', 'Accepted'] },
    operationVersion: { type: 'string' },
    tenantId: { type: 'string' },
    resultDescription: { type: 'string' },
    caller: { type: 'string' },
    resultSignature: { type: 'string' },
    durationMs: { type: 'integer' },
    callerIpAddress: { type: 'string' },
    correlationId: { type: 'string' },
    identity: {
      type: 'object',
      required: ['authorization', 'claims'],
      properties: {
        authorization: {
          type: 'object',
          required: ['scope', 'action'],
          properties: { scope: { type: 'string' }, action: { type: 'string' } },
          additionalProperties: false,
        },
        claims: { type: 'object', additionalProperties: { type: 'string' } },
      },
      additionalProperties: false,
    },
    level: { enum: ['Information', 'Informational', 'Warning', 'Error', 'Critical'] },
    location: { type: 'string' },
    properties: {
      type: 'object',
      required: ['statusCode', 'eventCategory'],
      properties: {
        statusCode: { type: 'string' },
        eventCategory: { const: 'Administrative' },
        entity: { type: 'string' },
        message: { type: 'string' },
        ruleproof: {
          type: 'object',
          required: ['assumed', 'note'],
          properties: { assumed: { const: true }, note: { type: 'string' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  // An assumed data-action record must say so; only runCommand/action is a real trace.
  if: { properties: { operationName: { type: 'string', pattern: '/RUNCOMMAND/ACTION$' } } },
  else: { properties: { properties: { type: 'object', required: ['ruleproof'] } } },
} as const
