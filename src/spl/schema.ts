/**
 * JSON schema of a security_content detection (detections/**.yml): the keys contentctl reads, as
 * the corpus uses them. Unknown keys are errors at the key, as contentctl's model rejects them.
 */
const strings = { type: 'array', items: { type: 'string' } } as const
const nonEmpty = { type: 'string', minLength: 1 } as const

export const DETECTION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['name', 'id', 'version', 'date', 'author', 'status', 'type', 'description', 'search', 'how_to_implement', 'known_false_positives', 'references', 'tags'],
  additionalProperties: false,
  properties: {
    name: nonEmpty,
    id: { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
    version: { type: 'integer', minimum: 1 },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    author: nonEmpty,
    status: { enum: ['production', 'experimental', 'deprecated', 'validation', 'removed'] },
    type: { enum: ['TTP', 'Anomaly', 'Hunting', 'Correlation', 'Baseline', 'Investigation', 'Deprecated'] },
    description: nonEmpty,
    data_source: strings,
    data_sources: strings,
    datamodel: strings,
    search: nonEmpty,
    how_to_implement: { type: 'string' },
    known_false_positives: { type: 'string' },
    references: { type: ['array', 'null'], items: { type: 'string' } },
    drilldown_searches: {
      type: 'array',
      items: { type: 'object', required: ['name', 'search'], properties: { name: { type: 'string' }, search: { type: 'string' }, earliest_offset: { type: 'string' }, latest_offset: { type: 'string' } }, additionalProperties: false },
    },
    rba: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        risk_objects: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, type: { type: 'string' }, score: { type: 'number' } }, additionalProperties: false } },
        threat_objects: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, type: { type: 'string' } }, additionalProperties: false } },
      },
      additionalProperties: false,
    },
    tags: {
      type: 'object',
      required: ['analytic_story', 'asset_type', 'product', 'security_domain'],
      properties: {
        analytic_story: strings,
        asset_type: { type: 'string' },
        confidence: { type: 'integer', minimum: 0, maximum: 100 },
        impact: { type: 'integer', minimum: 0, maximum: 100 },
        message: { type: 'string' },
        mitre_attack_id: strings,
        observable: { type: 'array', items: { type: 'object', required: ['name', 'type'], properties: { name: { type: 'string' }, type: { type: 'string' }, role: strings }, additionalProperties: false } },
        product: strings,
        required_fields: strings,
        risk_score: { type: 'number' },
        security_domain: { enum: ['access', 'endpoint', 'network', 'threat', 'identity', 'audit', 'cloud'] },
        cve: strings,
        CVE: strings,
        atomic_guid: strings,
        manual_test: { type: 'string' },
        group: strings,
        context: strings,
        dataset: strings,
        supported_tas: strings,
        automated_detection_testing: { type: 'string' },
      },
      additionalProperties: false,
    },
    tests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'attack_data'],
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          attack_data: {
            type: 'array',
            items: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: nonEmpty, source: { type: 'string' }, sourcetype: { type: 'string' }, update_timestamp: { type: ['boolean', 'string'] } } },
          },
        },
      },
    },
  },
} as const
