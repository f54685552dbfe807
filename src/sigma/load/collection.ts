import type { Finding } from '../../model/result.js'
import type { SourceLocation } from '../../model/source.js'
import type { SourceMap, YamlDocument, YamlPath } from '../../shared/yaml/index.js'
import { LOAD_CHECKS } from './types.js'

/**
 * Legacy Sigma 1.x collections: a multi-document file where `action: global` sets a template
 * that is merged into every following rule, `action: reset` drops it and `action: repeat` repeats
 * the previous rule with changes. Not part of Sigma 2, but pySigma still reads them
 * (`sigma/collection.py`), and so do we, with the same merge: maps are merged key by key, and
 * for any other value the global template wins over the rule (pySigma's `deep_dict_update(rule,
 * global)`), while a `repeat` document wins over the rule it repeats. Correlation and filter
 * documents are never merged with the template.
 */

/** Which source map holds each part of a merged value. */
interface Origin {
  map: SourceMap
  children?: Map<string, Origin>
}

export interface ExpandedDocument {
  value: unknown
  map: SourceMap
  /** Index of the YAML document the rule was written in. */
  index: number
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** Merges `src` over `dest` (neither is changed); `src` wins except where both hold maps. */
function merge(
  dest: Record<string, unknown>,
  destOrigin: Origin,
  src: Record<string, unknown>,
  srcOrigin: Origin,
): { value: Record<string, unknown>; origin: Origin } {
  const value: Record<string, unknown> = { ...dest }
  const children = new Map<string, Origin>()
  for (const k of Object.keys(dest)) children.set(k, destOrigin.children?.get(k) ?? { map: destOrigin.map })
  for (const [k, v] of Object.entries(src)) {
    const srcChild = srcOrigin.children?.get(k) ?? { map: srcOrigin.map }
    const d = dest[k]
    if (isMap(v) && isMap(d)) {
      const merged = merge(d, children.get(k) ?? { map: destOrigin.map }, v, srcChild)
      value[k] = merged.value
      children.set(k, merged.origin)
    } else {
      value[k] = v
      children.set(k, srcChild)
    }
  }
  return { value, origin: { map: destOrigin.map, children } }
}

/** A source map over a merged value: each path is located in the document that supplied it. */
class MergedSourceMap implements SourceMap {
  constructor(
    readonly file: string,
    private readonly origin: Origin,
  ) {}

  private owner(path: YamlPath): SourceMap {
    let node = this.origin
    for (const step of path) {
      const next = node.children?.get(String(step))
      if (!next) return node.map
      node = next
    }
    return node.map
  }
  value(path: YamlPath): SourceLocation {
    return this.owner(path).value(path)
  }
  key(path: YamlPath): SourceLocation {
    return this.owner(path).key(path)
  }
  has(path: YamlPath): boolean {
    return this.owner(path).has(path)
  }
}

/** True when the file uses collection actions (any document with an `action` key). */
export function isCollection(documents: YamlDocument[]): boolean {
  return documents.some((d) => isMap(d.value) && 'action' in d.value)
}

/**
 * Expands a collection into its rules. Documents without `action` pass through unchanged
 * (with the template merged in when there is one). Empty documents are skipped.
 */
export function expandCollection(documents: YamlDocument[], file: string): { documents: ExpandedDocument[]; findings: Finding[] } {
  const out: ExpandedDocument[] = []
  const findings: Finding[] = []
  let global: { value: Record<string, unknown>; origin: Origin } | undefined
  let previous: { value: Record<string, unknown>; origin: Origin } | undefined

  for (const doc of documents) {
    if (doc.value === null || doc.value === undefined) continue
    if (!isMap(doc.value) || !('action' in doc.value)) {
      if (!isMap(doc.value) || global === undefined || 'correlation' in doc.value || 'filter' in doc.value) {
        out.push({ value: doc.value, map: doc.map, index: doc.index })
        const v = doc.value
        if (isMap(v) && !('correlation' in v) && !('filter' in v)) previous = { value: v, origin: { map: doc.map } }
        continue
      }
      const merged = merge(doc.value, { map: doc.map }, global.value, global.origin)
      out.push({ value: merged.value, map: new MergedSourceMap(file, merged.origin), index: doc.index })
      previous = merged
      continue
    }
    const { action, ...rest } = doc.value
    if (action === 'global') {
      global = { value: rest, origin: { map: doc.map } }
      previous = global
    } else if (action === 'reset') {
      global = undefined
    } else if (action === 'repeat') {
      if (previous === undefined) {
        const at = doc.map.value(['action'])
        findings.push({
          check: LOAD_CHECKS.collection,
          severity: 'error',
          file,
          line: at.line,
          column: at.column,
          message: "action: repeat needs a rule before it to repeat",
        })
        continue
      }
      const merged = merge(previous.value, previous.origin, rest, { map: doc.map })
      out.push({ value: merged.value, map: new MergedSourceMap(file, merged.origin), index: doc.index })
      previous = merged
    } else {
      const at = doc.map.value(['action'])
      findings.push({
        check: LOAD_CHECKS.collection,
        severity: 'error',
        file,
        line: at.line,
        column: at.column,
        message: `unknown collection action '${String(action)}' (known: global, reset, repeat)`,
      })
    }
  }
  return { documents: out, findings }
}
