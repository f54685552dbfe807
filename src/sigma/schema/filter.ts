import { dateSchema, searchIdentifierSchema, shortText, uuidSchema } from './common.js'

/** Sigma filter (meta filter, specification 2.1.0). */
export const filterRuleSchema = {
  $id: 'https://ruleproof.dev/schema/sigma-filter.json',
  title: 'Sigma filter (ruleproof)',
  type: 'object',
  required: ['title', 'logsource', 'filter'],
  properties: {
    title: shortText,
    id: uuidSchema,
    description: { type: 'string', maxLength: 65535 },
    date: dateSchema,
    modified: dateSchema,
    taxonomy: shortText,
    logsource: {
      type: 'object',
      properties: {
        category: { type: 'string' },
        product: { type: 'string' },
        service: { type: 'string' },
      },
    },
    filter: {
      type: 'object',
      required: ['rules', 'selection', 'condition'],
      properties: {
        rules: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
        selection: searchIdentifierSchema,
        condition: { type: 'string' },
      },
    },
  },
} as const
