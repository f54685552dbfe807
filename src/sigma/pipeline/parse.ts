/**
 * Reading pipeline documents (shipped or from the user's config): checked against the document
 * schema and each transformation's parameters. Errors name the document and the JSON path.
 */
import type { ValidateFunction } from 'ajv'
import * as generated from './validators.generated.js'
import type { PipelineDocument } from './types.js'
export { pipelineDocumentSchema } from './schema.js'

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

// Compiled ahead of time from ./schema.ts (scripts/gen-validators.ts): the document, and each
// transformation's parameters; any other item type is a field_name_mapping.
const paramValidators = generated as unknown as Record<string, ValidateFunction | undefined>
const documentValidator: ValidateFunction = generated.document

function firstError(v: ValidateFunction, prefix: string): { path: string; message: string } {
  const e = v.errors?.[0]
  const extra = e?.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : e?.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''
  return { path: `${prefix}${e?.instancePath ?? ''}`, message: `${e?.message ?? 'invalid'}${extra}` }
}

/** Checks one pipeline document; throws PipelineError naming `source` and the offending path. */
export function parsePipelineDocument(value: unknown, source: string): PipelineDocument {
  if (!documentValidator(value)) {
    const { path, message } = firstError(documentValidator, '')
    throw new PipelineError(message, source, path)
  }
  const doc = value as PipelineDocument
  const ids = new Set<string>()
  doc.items.forEach((item, i) => {
    if (ids.has(item.id)) throw new PipelineError(`duplicate item id ${JSON.stringify(item.id)}`, source, `/items/${i}/id`)
    ids.add(item.id)
    const v = paramValidators[`params_${item.type}`] ?? generated.params_field_name_mapping
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
