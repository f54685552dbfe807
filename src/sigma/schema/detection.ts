import { dateSchema, levelSchema, searchIdentifierSchema, shortText, statusSchema, uniqueStrings, uuidSchema } from './common.js'

/** Sigma detection rule (specification 2.1.0). Extra top-level keys are allowed (custom attributes). */
export const detectionRuleSchema = {
  $id: 'https://ruleproof.dev/schema/sigma-detection-rule.json',
  title: 'Sigma detection rule (ruleproof)',
  type: 'object',
  required: ['title', 'logsource', 'detection'],
  properties: {
    title: shortText,
    id: uuidSchema,
    related: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type'],
        properties: {
          id: uuidSchema,
          type: { type: 'string', enum: ['derived', 'obsolete', 'merged', 'renamed', 'similar'] },
        },
      },
    },
    name: shortText,
    taxonomy: shortText,
    status: statusSchema,
    description: { type: 'string', maxLength: 65535 },
    license: { type: 'string' },
    author: { type: 'string' },
    references: uniqueStrings,
    date: dateSchema,
    modified: dateSchema,
    logsource: {
      type: 'object',
      properties: {
        category: { type: 'string' },
        product: { type: 'string' },
        service: { type: 'string' },
        definition: { type: 'string' },
      },
    },
    detection: {
      type: 'object',
      required: ['condition'],
      properties: {
        condition: { type: 'string', 'x-message': 'must be a string such as "selection and not filter"' },
      },
      additionalProperties: searchIdentifierSchema,
    },
    fields: uniqueStrings,
    falsepositives: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 2 } },
    level: levelSchema,
    tags: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'string',
        pattern: '^[a-z0-9_-]+\\.[a-z0-9._-]+$',
        'x-message': 'must be a lower-case namespaced tag such as attack.t1053.007',
      },
    },
    scope: { type: 'array', items: { type: 'string', minLength: 2 } },
  },
} as const
