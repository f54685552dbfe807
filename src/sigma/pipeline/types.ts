/**
 * Field-mapping pipelines as data (after pySigma's processing pipelines, reference sigma.md §4.4):
 * a document names the variant and the logsources it applies to and lists items; each item is a
 * named transformation with parameters and the fields it applies to.
 */
import type { FieldAccessor } from '../fields.js'
import type { VariantId } from '../../model/variant.js'

export interface Logsource {
  product?: string
  service?: string
  category?: string
}

/** One processing item. `fields` (exact names) and `prefixes` (a name and everything under it) select the fields it handles. */
export interface PipelineItem {
  id: string
  type: string
  fields?: string[]
  prefixes?: string[]
  /** Why (shown with unsupported fields and approximations). */
  note?: string
  [param: string]: unknown
}

export interface PipelineDocument {
  name: string
  /** The variant (or variants, for shared taxonomy documents) whose records it reads. */
  variant: VariantId | VariantId[]
  /** The rule logsources the pipeline serves: each given key must equal the rule's (case-insensitive). */
  logsources: Logsource[]
  /** Lower runs first (name mappings) and wins (accessors). @defaultValue 50 */
  priority?: number
  /**
   * Fields no item handles: `passthrough` reads them as dotted paths on the raw record,
   * `unsupported` reports them. @defaultValue 'passthrough'
   */
  unmapped?: 'passthrough' | 'unsupported'
  /** Where keywords (field-less Sigma values) are searched. @defaultValue 'leaves' */
  keywords?: 'leaves' | { inner_json: string }
  items: PipelineItem[]
}

/** How a Sigma rule reads one variant's raw records. */
export interface SigmaPipeline {
  /** The value of a Sigma field on a raw record; undefined when the variant cannot provide the field. */
  accessor(field: string): FieldAccessor | undefined
  /** Why the field cannot be provided on this variant (naming the pipeline item), or undefined. */
  unsupported(field: string): string | undefined
  /** When the field is provided only approximately (e.g. GKE `requestURI` without its query string), why. */
  approximate(field: string): string | undefined
  /** The items that resolved a field, `pipeline/item`, for explanations. */
  provenance(field: string): string[]
  keywords?(record: unknown): Iterable<string>
}

/** The result of one accessor item for one field. */
export type Resolution = { accessor: FieldAccessor; approximate?: string } | { unsupported: string }
