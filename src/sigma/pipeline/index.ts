/**
 * Sigma field-mapping pipelines per (logsource, variant): how a Sigma rule reads each variant's
 * raw records. Importing this module installs them as the default views of Sigma rules.
 */
import { VARIANT_IDS, type VariantId } from '../../model/variant.js'
import { setDefaultSigmaViews, type SigmaViews } from '../rule.js'
import { buildPipeline } from './engine.js'
import { logsourceMatches } from './logsource.js'
import { parsePipelineDocument } from './parse.js'
import { shippedPipelines } from './shipped.js'
import type { Logsource, PipelineDocument, SigmaPipeline } from './types.js'

export type { Logsource, PipelineDocument, PipelineItem, SigmaPipeline } from './types.js'
export { PipelineError, parsePipelineDocument, pipelineDocumentSchema } from './parse.js'
export { transformations } from './transformations.js'
export { shippedPipelines } from './shipped.js'

/** User pipeline documents (same shape as the shipped ones), from the config file; they win field by field. */
export type PipelineOverrides = PipelineDocument | readonly PipelineDocument[]

function readsVariant(doc: PipelineDocument, variant: VariantId): boolean {
  return Array.isArray(doc.variant) ? doc.variant.includes(variant) : doc.variant === variant
}

function serves(doc: PipelineDocument, logsource: Logsource): boolean {
  return doc.logsources.some((c) => logsourceMatches(c, logsource))
}

/** The variants whose records a rule of this logsource reads (a shipped pipeline serves it there). */
export function claimedVariants(logsource: Logsource): VariantId[] {
  const { product, service, category } = logsource
  const cacheable = [product, service, category].every((x) => x === undefined || typeof x === 'string')
  const key = [product, service, category].map((x) => x ?? '\u0001').join('\u0000')
  const hit = cacheable ? claimedCache.get(key) : undefined
  if (hit) return [...hit]
  const claimed = VARIANT_IDS.filter((v) => shippedPipelines.some((d) => !Array.isArray(d.variant) && d.variant === v && serves(d, logsource)))
  if (cacheable) claimedCache.set(key, claimed)
  return [...claimed]
}

/** Logsource → claimed variants: lint asks once per detection item, and logsources repeat. */
const claimedCache = new Map<string, readonly VariantId[]>()

const cache = new Map<string, SigmaPipeline | undefined>()

/**
 * The pipeline a rule of `logsource` uses on `variant`; undefined when no shipped pipeline serves
 * that pair (the rule does not claim the variant). Overrides are checked and merged field by field.
 */
export function pipelineFor(logsource: Logsource, variant: VariantId, overrides?: PipelineOverrides): SigmaPipeline | undefined {
  const key = `${variant}|${logsource.product ?? ''}|${logsource.service ?? ''}|${logsource.category ?? ''}`
  const extra = overrides === undefined ? [] : (Array.isArray(overrides) ? overrides : [overrides]) as PipelineDocument[]
  if (extra.length === 0 && cache.has(key)) return cache.get(key)
  const shipped = shippedPipelines.filter((d) => readsVariant(d, variant) && serves(d, logsource))
  let pipeline: SigmaPipeline | undefined
  if (shipped.some((d) => !Array.isArray(d.variant))) {
    const user = extra
      .map((d, i) => parsePipelineDocument(d, `pipeline override #${i}`))
      .filter((d) => readsVariant(d, variant) && serves(d, logsource))
      // Overrides run before the shipped items of the same priority and win field by field.
      .map((d) => ({ ...d, priority: (d.priority ?? 50) - 1000 }))
    pipeline = buildPipeline([...user, ...shipped])
  }
  if (extra.length === 0) cache.set(key, pipeline)
  return pipeline
}

/** The pipelines as Sigma rule views (installed as the default on import). */
export const pipelineViews: SigmaViews = {
  claimedVariants: (logsource) => claimedVariants(logsource),
  viewFor: (logsource, variant) => pipelineFor(logsource, variant),
}

setDefaultSigmaViews(pipelineViews)
