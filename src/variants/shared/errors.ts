import type { VariantId } from '../../model/variant.js'

/** A raw record that is not a record of the variant asked to decode it. `path` points into the record. */
export class DecodeError extends Error {
  readonly variant: VariantId
  readonly path: string
  constructor(variant: VariantId, message: string, path = '') {
    super(`${variant}: ${message}${path ? ` (at ${path})` : ''}`)
    this.name = 'DecodeError'
    this.variant = variant
    this.path = path
  }
}
