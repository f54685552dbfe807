/**
 * ruleproof's JSON schema (draft 2020-12) of a Sentinel analytics rule YAML, as Microsoft's
 * Azure-Sentinel repository writes and validates them (Scheduled and NRT rules, hunting queries).
 */
const DURATION = '^\\s*[0-9]+\\s*[mhd]\\s*$'

export const TACTICS = [
  'Reconnaissance', 'ResourceDevelopment', 'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation',
  'DefenseEvasion', 'CredentialAccess', 'Discovery', 'LateralMovement', 'Collection', 'Exfiltration',
  'CommandAndControl', 'Impact', 'PreAttack', 'ImpairProcessControl', 'InhibitResponseFunction',
] as const

const entityMapping = {
  type: 'object',
  required: ['entityType', 'fieldMappings'],
  properties: {
    entityType: { type: 'string' },
    fieldMappings: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['identifier', 'columnName'], properties: { identifier: { type: 'string' }, columnName: { type: 'string' } }, additionalProperties: false },
    },
  },
  additionalProperties: false,
}

export const SENTINEL_RULE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['id', 'name', 'query'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
    name: { type: 'string', minLength: 1, maxLength: 256 },
    description: { type: 'string', maxLength: 5000 },
    severity: { type: 'string', pattern: '^\\s*(Informational|Low|Medium|High)\\s*$' },
    requiredDataConnectors: {
      type: 'array',
      items: { type: 'object', required: ['connectorId', 'dataTypes'], properties: { connectorId: { type: 'string' }, dataTypes: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
    },
    queryFrequency: { type: 'string', pattern: DURATION },
    queryPeriod: { type: 'string', pattern: DURATION },
    triggerOperator: { type: 'string', pattern: '^\\s*(gt|lt|eq|ne|GreaterThan|LessThan|Equal|NotEqual)\\s*$' },
    triggerThreshold: { type: 'integer', minimum: 0, maximum: 10000 },
    tactics: { type: 'array', items: { type: 'string' } },
    relevantTechniques: { type: 'array', items: { type: 'string' } },
    query: { type: 'string', minLength: 1 },
    entityMappings: { type: 'array', maxItems: 10, items: entityMapping },
    customDetails: { type: 'object', maxProperties: 20, additionalProperties: { type: 'string' } },
    alertDetailsOverride: {
      type: 'object',
      properties: {
        alertDisplayNameFormat: { type: 'string' }, alertDescriptionFormat: { type: 'string' }, alertTacticsColumnName: { type: 'string' },
        alertSeverityColumnName: { type: 'string' }, alertDynamicProperties: { type: 'array' },
      },
      additionalProperties: false,
    },
    eventGroupingSettings: { type: 'object', properties: { aggregationKind: { enum: ['SingleAlert', 'AlertPerResult'] } }, additionalProperties: false },
    incidentConfiguration: { type: 'object' },
    version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
    kind: { enum: ['Scheduled', 'NRT'] },
    status: { type: 'string' },
    tags: { type: 'array' },
    metadata: { type: 'object' },
    suppressionEnabled: { type: 'boolean' },
    suppressionDuration: { type: 'string' },
    sentinelEntitiesMappings: { type: 'array' },
    dataTypes: { type: 'array' },
  },
  additionalProperties: false,
} as const
