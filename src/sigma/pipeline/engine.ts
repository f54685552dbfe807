/**
 * Builds a SigmaPipeline from pipeline documents: renames first (field_name_mapping items, in
 * priority order, user overrides first), then the first accessor item that handles each
 * resulting field; fields no item handles follow the document's `unmapped` policy.
 */
import { defaultAccessor, defaultKeywords, type FieldAccessor } from '../fields.js'
import { innerEvent } from '../../variants/aks/codec.js'
import { isObject } from '../../variants/shared/json.js'
import { transformations } from './transformations.js'
import type { PipelineDocument, PipelineItem, Resolution, SigmaPipeline } from './types.js'

interface Resolved {
  fields: string[]
  accessor?: FieldAccessor
  unsupported?: string
  approximate?: string
  provenance: string[]
}

function matchItem(item: PipelineItem, field: string): { rest: string | undefined } | undefined {
  if (item.fields?.includes(field)) return { rest: undefined }
  for (const p of item.prefixes ?? []) {
    if (field === p) return { rest: undefined }
    if (field.startsWith(`${p}.`)) return { rest: field.slice(p.length + 1) }
  }
  return undefined
}

function union(accessors: FieldAccessor[]): FieldAccessor {
  if (accessors.length === 1) return accessors[0]!
  return (r) => {
    // Most records have the field at one of the paths, or none: no array is built for those.
    let one: unknown
    let out: unknown[] | undefined
    for (const a of accessors) {
      const v = a(r)
      if (v === undefined) continue
      if (out === undefined && one === undefined && !Array.isArray(v)) {
        one = v
        continue
      }
      out ??= one === undefined ? [] : [one]
      if (Array.isArray(v)) out.push(...v)
      else out.push(v)
    }
    if (out === undefined) return one
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out
  }
}

function innerKeywords(source: string): (record: unknown) => Iterable<string> {
  return (record) => {
    const out: string[] = []
    if (isObject(record)) {
      for (const [k, v] of Object.entries(record)) {
        if (source.startsWith(`${k}.`) && isObject(v)) {
          const leaf = source.slice(k.length + 1)
          for (const [k2, v2] of Object.entries(v)) if (k2 !== leaf) out.push(...defaultKeywords(v2))
        } else out.push(...defaultKeywords(v))
      }
    }
    const inner = innerEvent(record)
    if (inner !== undefined) out.push(...defaultKeywords(inner))
    return out
  }
}

/** `docs` in precedence order (user overrides first); all read the same variant's records. */
export function buildPipeline(docs: PipelineDocument[]): SigmaPipeline {
  const ordered = docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.priority ?? 50) - (b.d.priority ?? 50) || a.i - b.i)
    .map((x) => x.d)
  const renames = ordered.flatMap((d) => d.items.filter((it) => it.type === 'field_name_mapping').map((it) => ({ d, it })))
  const accessors = ordered.flatMap((d) => d.items.filter((it) => it.type !== 'field_name_mapping').map((it) => ({ d, it })))
  const main = ordered.find((d) => !Array.isArray(d.variant) && d.unmapped !== undefined) ?? ordered.find((d) => !Array.isArray(d.variant))
  const unmapped = main?.unmapped ?? 'passthrough'
  const cache = new Map<string, Resolved>()

  const resolve = (field: string): Resolved => {
    const hit = cache.get(field)
    if (hit) return hit
    const provenance: string[] = []
    let fields = [field]
    for (const { d, it } of renames) {
      const mapping = it.mapping as Record<string, string | string[]>
      fields = fields.flatMap((f) => {
        // Own keys only: a field named `constructor` or `toString` is not in any mapping.
        const to = Object.hasOwn(mapping, f) ? mapping[f] : undefined
        if (to === undefined) return [f]
        provenance.push(`${d.name}/${it.id}`)
        return Array.isArray(to) ? to : [to]
      })
    }
    const found: FieldAccessor[] = []
    const reasons: string[] = []
    const approx: string[] = []
    for (const f of fields) {
      let res: Resolution | undefined
      for (const { d, it } of accessors) {
        const m = matchItem(it, f)
        if (!m) continue
        res = transformations[it.type]!.resolve(it, f, m.rest)
        provenance.push(`${d.name}/${it.id}`)
        if ('unsupported' in res) res = { unsupported: `${res.unsupported} (pipeline ${d.name}, item ${it.id})` }
        break
      }
      if (!res) {
        res = unmapped === 'passthrough'
          ? { accessor: defaultAccessor(f) }
          : { unsupported: `${f} is not mapped by pipeline ${main?.name ?? '?'}` }
      }
      if ('unsupported' in res) reasons.push(res.unsupported)
      else {
        found.push(res.accessor)
        if (res.approximate) approx.push(res.approximate)
      }
    }
    const resolved: Resolved =
      found.length > 0
        ? { fields, accessor: union(found), approximate: approx[0], provenance }
        : { fields, unsupported: reasons.join('; '), provenance }
    cache.set(field, resolved)
    return resolved
  }

  const kw = ordered.map((d) => d.keywords).find((k) => k !== undefined)
  const pipeline: SigmaPipeline = {
    accessor: (field) => resolve(field).accessor,
    unsupported: (field) => resolve(field).unsupported,
    approximate: (field) => resolve(field).approximate,
    provenance: (field) => resolve(field).provenance,
  }
  if (kw && kw !== 'leaves') pipeline.keywords = innerKeywords(kw.inner_json)
  return pipeline
}
