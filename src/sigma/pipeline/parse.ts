/**
 * Reading pipeline documents (shipped or from the user's config): checked against the document
 * schema and each transformation's parameters. Errors name the document and the JSON path.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv'
import { VARIANT_IDS } from '../../model/variant.js'
import { COMMON_ITEM_KEYS, transformations } from './transformations.js'
import type { PipelineDocument } from './types.js'

export class PipelineError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly path: string,
  ) {
    super(`${source}: ${path ? `${path}: ` : ''}${message}`)
    this.name = 'PipelineError'
  }
}

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

let ajv: InstanceType<typeof Ajv2020> | undefined
let documentValidator: ValidateFunction | undefined
const paramValidators = new Map<string, ValidateFunction>()

function compiler(): InstanceType<typeof Ajv2020> {
  // validateSchema off: checking these fixed schemas against the 2020-12 meta-schema compiles that
  // meta-schema (~60 ms of start-up per instance); test/sigma/schema-meta.test.ts does it once.
  ajv ??= new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateSchema: false })
  return ajv
}

function firstError(v: ValidateFunction, prefix: string): { path: string; message: string } {
  const e = v.errors?.[0]
  const extra = e?.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : e?.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''
  return { path: `${prefix}${e?.instancePath ?? ''}`, message: `${e?.message ?? 'invalid'}${extra}` }
}

/** Checks one pipeline document; throws PipelineError naming `source` and the offending path. */
export function parsePipelineDocument(value: unknown, source: string): PipelineDocument {
  documentValidator ??= compiler().compile(pipelineDocumentSchema)
  if (!documentValidator(value)) {
    const { path, message } = firstError(documentValidator, '')
    throw new PipelineError(message, source, path)
  }
  const doc = value as PipelineDocument
  const ids = new Set<string>()
  doc.items.forEach((item, i) => {
    if (ids.has(item.id)) throw new PipelineError(`duplicate item id ${JSON.stringify(item.id)}`, source, `/items/${i}/id`)
    ids.add(item.id)
    const t = transformations[item.type]
    const params = t ? t.params : mappingParams
    const required = t ? (t.required ?? []) : ['mapping']
    let v = paramValidators.get(item.type)
    if (!v) {
      v = compiler().compile({
        type: 'object',
        required,
        properties: { ...Object.fromEntries(COMMON_ITEM_KEYS.map((k) => [k, {}])), ...params },
        additionalProperties: false,
      })
      paramValidators.set(item.type, v)
    }
    if (!v(item)) {
      const { path, message } = firstError(v, `/items/${i}`)
      throw new PipelineError(message, source, path)
    }
    if (item.type !== 'field_name_mapping' && !item.fields && !item.prefixes) {
      throw new PipelineError('an item must say which fields it handles (fields or prefixes)', source, `/items/${i}`)
    }
  })
  return doc
}
