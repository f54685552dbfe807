import { LineIndex } from '../../src/shared/yaml/lines.js'
import { parseYamlFast } from '../../src/shared/yaml/fast.js'
import { parseYamlDocumentsWithJsYaml, type YamlDocument, type YamlOptions } from '../../src/shared/yaml/parse.js'
import type { PosNode } from '../../src/shared/yaml/source-map.js'

/**
 * Helpers for the fast-path tests: run both YAML paths on one text and describe the first
 * difference, so a failure names the path and offset that disagree.
 */
export type Outcome = { kind: 'ok'; docs: YamlDocument[] } | { kind: 'error'; message: string }

export function viaJsYaml(text: string, options: YamlOptions = {}): Outcome {
  try {
    return { kind: 'ok', docs: parseYamlDocumentsWithJsYaml(text, 'f.yml', options) }
  } catch (e) {
    return { kind: 'error', message: (e as Error).message }
  }
}

export function viaFast(text: string, options: YamlOptions = {}): YamlDocument[] | undefined {
  return parseYamlFast(text, 'f.yml', options, new LineIndex(text))
}

/** The root PosNode of a document (DocumentSourceMap keeps it private). */
export function rootPos(doc: YamlDocument): PosNode {
  return (doc.map as unknown as { root: PosNode }).root
}

/** First difference between two values, own keys in order, numbers by Object.is; undefined when equal. */
export function valueDiff(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys ${JSON.stringify(ka)} vs ${JSON.stringify(kb)}`
  for (const k of ka) {
    const d = valueDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`)
    if (d !== undefined) return d
  }
  return undefined
}

export function posDiff(a: PosNode, b: PosNode, path = '$'): string | undefined {
  if (a.v !== b.v || a.k !== b.k) return `${path}: pos {v:${a.v},k:${a.k}} vs {v:${b.v},k:${b.k}}`
  if ('c' in a !== 'c' in b) return `${path}: children present in one only`
  const ca = a.c
  const cb = b.c
  if (ca === undefined || cb === undefined) return undefined
  if (Array.isArray(ca) !== Array.isArray(cb)) return `${path}: children kinds differ`
  if (Array.isArray(ca) && Array.isArray(cb)) {
    if (ca.length !== cb.length) return `${path}: ${ca.length} vs ${cb.length} children`
    for (let i = 0; i < ca.length; i++) {
      const d = posDiff(ca[i] as PosNode, cb[i] as PosNode, `${path}[${i}]`)
      if (d !== undefined) return d
    }
    return undefined
  }
  const ma = ca as Map<string, PosNode>
  const mb = cb as Map<string, PosNode>
  if ([...ma.keys()].join('\u0000') !== [...mb.keys()].join('\u0000')) return `${path}: child keys differ`
  for (const [k, v] of ma) {
    const d = posDiff(v, mb.get(k) as PosNode, `${path}.${k}`)
    if (d !== undefined) return d
  }
  return undefined
}

/** Difference between the fast path's documents and the js-yaml path's, or undefined. */
export function documentsDiff(fast: YamlDocument[], slow: YamlDocument[]): string | undefined {
  if (fast.length !== slow.length) return `${fast.length} vs ${slow.length} documents`
  for (let i = 0; i < fast.length; i++) {
    const f = fast[i] as YamlDocument
    const s = slow[i] as YamlDocument
    if (f.index !== s.index) return `document ${i}: index ${f.index} vs ${s.index}`
    if (f.map.file !== s.map.file) return `document ${i}: file differs`
    const d = valueDiff(f.value, s.value, `doc${i}`) ?? posDiff(rootPos(f), rootPos(s), `doc${i}`)
    if (d !== undefined) return d
  }
  return undefined
}

/**
 * Checks the fast path against the js-yaml path on `text`: 'bail' when the fast path declined,
 * 'same' when both agree; a string describing the disagreement otherwise.
 */
export function compareOn(text: string, options: YamlOptions = {}): 'bail' | 'same' | string {
  const fast = viaFast(text, options)
  const slow = viaJsYaml(text, options)
  if (fast === undefined) return 'bail'
  if (slow.kind === 'error') return `fast path returned where js-yaml fails: ${slow.message}`
  return documentsDiff(fast, slow.docs) ?? 'same'
}
