import { dateSchema, levelSchema, shortText, statusSchema, uniqueStrings, uuidSchema } from './common.js'

const CORRELATION_TYPES = [
  'event_count',
  'temporal',
  'temporal_ordered',
  'value_count',
  'value_sum',
  'value_avg',
  'value_percentile',
] as const

/** Per type, the `correlation` keys that must be present (the specification's conditional requirements). */
function requiredFor(type: string, keys: string[]) {
  return { if: { required: ['type'], properties: { type: { const: type } } }, then: { required: keys } }
}

/**
 * Sigma correlation rule (specification 2.1.0). Like the official schema it constrains only the
 * shape of `correlation.condition` (a map); its operators are checked by the loader.
 */
export const correlationRuleSchema = {
  $id: 'https://ruleproof.dev/schema/sigma-correlation-rule.json',
  title: 'Sigma correlation rule (ruleproof)',
  type: 'object',
  required: ['title', 'correlation'],
  properties: {
    title: shortText,
    id: uuidSchema,
    status: statusSchema,
    description: { type: 'string', maxLength: 65535 },
    author: { type: 'string' },
    references: uniqueStrings,
    date: dateSchema,
    modified: dateSchema,
    taxonomy: shortText,
    correlation: {
      type: 'object',
      required: ['type', 'rules', 'timespan'],
      properties: {
        type: { type: 'string', enum: CORRELATION_TYPES },
        rules: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', minLength: 2, 'x-message': 'must be a rule id or name' },
        },
        aliases: { type: 'object', additionalProperties: { type: 'object', 'x-message': 'must map rule names to field names' } },
        'group-by': uniqueStrings,
        timespan: { type: 'string', maxLength: 10, 'x-message': 'must be a number and a unit such as 5m' },
        condition: { type: 'object', 'x-message': 'must be a map such as {gte: 10}' },
      },
      allOf: [
        requiredFor('event_count', ['condition', 'group-by', 'timespan']),
        requiredFor('temporal', ['group-by', 'timespan']),
        requiredFor('temporal_ordered', ['group-by', 'timespan']),
        requiredFor('value_count', ['condition', 'group-by', 'timespan']),
        requiredFor('value_sum', ['condition', 'group-by', 'timespan']),
        requiredFor('value_avg', ['condition', 'group-by', 'timespan']),
        requiredFor('value_percentile', ['condition', 'group-by', 'timespan']),
      ],
    },
    falsepositives: {
      anyOf: [
        { type: 'string', minLength: 2 },
        { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
      ],
      'x-message': 'must be a list of texts (at least 2 characters each)',
    },
    level: levelSchema,
    generate: { type: 'boolean' },
  },
} as const
