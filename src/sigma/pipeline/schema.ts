/**
 * JSON schemas of pipeline documents and of each transformation's parameters. Compiled ahead of
 * time into validators.generated.js (npm run gen:validators); parse.ts uses those.
 */
import { VARIANT_IDS } from '../../model/variant.js'
import { COMMON_ITEM_KEYS, transformations } from './transformations.js'

const logsource = {
  type: 'object',
  properties: { product: { type: 'string' }, service: { type: 'string' }, category: { type: 'string' } },
  additionalProperties: false,
  minProperties: 1,
}

export const pipelineDocumentSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ruleproof.dev/schemas/sigma-pipeline.json',
  title: 'ruleproof Sigma field-mapping pipeline',
  type: 'object',
  required: ['name', 'variant', 'logsources', 'items'],
  properties: {
    name: { type: 'string', minLength: 1 },
    variant: { oneOf: [{ enum: [...VARIANT_IDS] }, { type: 'array', items: { enum: [...VARIANT_IDS] }, minItems: 1 }] },
    logsources: { type: 'array', items: logsource, minItems: 1 },
    priority: { type: 'integer' },
    unmapped: { enum: ['passthrough', 'unsupported'] },
    keywords: { oneOf: [{ const: 'leaves' }, { type: 'object', required: ['inner_json'], properties: { inner_json: { type: 'string' } }, additionalProperties: false }] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type'],
        properties: {
          id: { type: 'string', minLength: 1 },
          type: { enum: ['field_name_mapping', ...Object.keys(transformations)] },
          fields: { type: 'array', items: { type: 'string' } },
          prefixes: { type: 'array', items: { type: 'string' } },
          note: { type: 'string' },
        },
      },
    },
  },
  additionalProperties: false,
} as const

const mappingParams = {
  mapping: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] } },
}

/** Schema of one item's parameters: a known transformation's, or a field_name_mapping's `mapping`. */
export function itemParamsSchema(type: string): Record<string, unknown> {
  const t = transformations[type]
  return {
    type: 'object',
    required: t ? (t.required ?? []) : ['mapping'],
    properties: { ...Object.fromEntries(COMMON_ITEM_KEYS.map((k) => [k, {}])), ...(t ? t.params : mappingParams) },
    additionalProperties: false,
  }
}

/** Types whose parameters have a validator of their own; any other type is checked as a mapping. */
export const PARAM_TYPES = Object.keys(transformations)
