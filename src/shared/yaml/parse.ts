import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents } from 'js-yaml'
import type { Event, ScalarEvent } from 'js-yaml'
import { LoadError } from '../errors.js'
import type { SourceLocation } from '../../model/source.js'
import { LineIndex } from './lines.js'
import { parseYamlFast } from './fast.js'
import { DocumentSourceMap, type PosNode, type SourceMap } from './source-map.js'
import { constructBool, constructFloat, constructInt, resolvePlain, resolvePlainType } from './scalars.js'

export interface YamlDocument {
  value: unknown
  map: SourceMap
  /** 0-based position of the document in a multi-document file. */
  index: number
}

export interface YamlOptions {
  /**
   * Most nodes that aliases may bring in, counted with the size of what each alias refers to;
   * past it the file is refused as an alias bomb.
   * @defaultValue 10000
   */
  maxAliasNodes?: number
  /**
   * Resolves plain (unquoted, untagged) scalars; panther_analysis_tool's dialect differs from
   * PyYAML's YAML 1.1 in a few values.
   * @defaultValue resolvePlain (PyYAML's SafeLoader, minus timestamps)
   */
  resolvePlain?: (text: string) => unknown
  /**
   * Called for a repeated mapping key, whose last value then wins (PyYAML's behaviour). Without
   * it, a repeated key is an error.
   */
  onDuplicateKey?: (key: string, location: SourceLocation) => void
  /**
   * Constructors for explicitly tagged scalars (`!!int 0644`) that replace the built-in ones,
   * for dialects that override PyYAML's (PAT). A constructor returns undefined to refuse the
   * text (a load error at the tag).
   */
  tagged?: Readonly<Record<string, (text: string) => unknown>>
  /**
   * Which PyYAML reads these files: 'libyaml' (its C loader, as PAT) also takes tabs inside
   * flow collections, which the pure-Python loader (pySigma's) refuses.
   * @defaultValue 'pyyaml'
   */
  pyyaml?: 'pyyaml' | 'libyaml'
}

interface Anchored {
  value: unknown
  pos: PosNode
  size: number
}

const MERGE_KEY = '<<'

/**
 * Parses every document of a YAML file into plain values with a source map. Errors name
 * `file:line:column`. The common block-YAML subset goes through a hand-written reader
 * (./fast.ts); anything else, and every error, through js-yaml.
 */
export function parseYamlDocuments(text: string, file: string, options: YamlOptions = {}): YamlDocument[] {
  const lines = new LineIndex(text)
  const fast = parseYamlFast(text, file, options, lines)
  if (fast) return fast
  try {
    return parseYamlDocumentsWithJsYaml(text, file, options, lines)
  } catch (e) {
    // js-yaml checks indentation inside flow collections and quoted scalars, and refuses tabs
    // there; PyYAML (what PAT and most rule tools load with) does neither. Such a file is read
    // again by the fast reader in PyYAML's flow mode; if it bails too, js-yaml's error stands.
    if (e instanceof LoadError && PYYAML_LENIENT.test(e.message)) {
      const lenient = parseYamlFast(text, file, options, lines, options.pyyaml ?? 'pyyaml')
      if (lenient) return lenient
    }
    throw e
  }
}

const PYYAML_LENIENT = /deficient indentation|tab characters must not be used in indentation/

/** The js-yaml path: one pass over js-yaml's parser events (no second parse for positions). */
export function parseYamlDocumentsWithJsYaml(
  text: string,
  file: string,
  options: YamlOptions = {},
  lines: LineIndex = new LineIndex(text),
): YamlDocument[] {
  const fail = (message: string, offset: number): never => {
    throw new LoadError(message, { file, ...lines.position(Math.max(0, offset)) })
  }

  if (text.includes('%YAML')) checkYamlVersions(text, fail)

  let events: Event[]
  try {
    events = parseEvents(text, { filename: file })
  } catch (e) {
    const err = e as { reason?: string; message?: string; mark?: { line: number; column: number } }
    const mark = err.mark
    throw new LoadError(`YAML syntax error: ${err.reason ?? err.message ?? String(e)}`, {
      file,
      line: (mark?.line ?? 0) + 1,
      column: (mark?.column ?? 0) + 1,
    })
  }

  const maxAliasNodes = options.maxAliasNodes ?? 10_000
  const plain = options.resolvePlain ?? resolvePlain
  const onDuplicateKey = options.onDuplicateKey
  const documents: YamlDocument[] = []
  let i = 0
  let anchors = new Map<string, Anchored>()
  let aliasNodes = 0

  const anchorName = (e: { anchorStart: number; anchorEnd: number }): string | undefined =>
    e.anchorStart >= 0 ? text.slice(e.anchorStart, e.anchorEnd) : undefined
  const tagOf = (e: { tagStart: number; tagEnd: number }): string | undefined =>
    e.tagStart >= 0 ? text.slice(e.tagStart, e.tagEnd) : undefined

  // Quoted scalars' offsets point inside the quotes; findings should point at the quote.
  const scalarStart = (e: ScalarEvent): number =>
    e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED ? e.valueStart - 1 : e.valueStart

  const endsWithoutNewline = !text.endsWith('\n')
  const scalarText = (e: ScalarEvent): string => {
    if (e.fast) return text.slice(e.valueStart, e.valueEnd)
    const value = getScalarValue(text, e)
    // A block scalar that ends the file without a final newline keeps no line break in PyYAML;
    // js-yaml adds one.
    if (
      endsWithoutNewline &&
      (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) &&
      value.endsWith('\n') &&
      text.slice(e.valueEnd).trim() === ''
    ) {
      return value.slice(0, -1)
    }
    return value
  }

  function scalar(e: ScalarEvent): unknown {
    const raw = scalarText(e)
    const tag = tagOf(e)
    if (tag === undefined || tag === '!') {
      if (e.style !== SCALAR_STYLE.PLAIN || tag !== undefined) return raw
      // PyYAML resolves a plain `=` or `<<` to its value/merge tags, which its safe loader cannot
      // construct anywhere but as a key: the file does not load.
      if (raw === '=' || raw === '<<') fail(`a plain ${raw} cannot be read (PyYAML has no constructor for its tag); quote it`, e.valueStart)
      return plain(raw)
    }
    const own = options.tagged?.[tag]
    if (own !== undefined) {
      const value = own(raw)
      return value === undefined ? fail(`'${raw}' cannot be read as ${tag}`, e.tagStart) : value
    }
    switch (tag) {
      case '!!str':
      case '!!binary':
        return raw
      case '!!int':
        if (resolvePlainType(raw) !== 'int') fail(`'${raw}' is not an integer (tag !!int)`, e.tagStart)
        return constructInt(raw)
      case '!!float':
        if (!['int', 'float'].includes(resolvePlainType(raw))) fail(`'${raw}' is not a float (tag !!float)`, e.tagStart)
        return constructFloat(raw)
      case '!!bool':
        if (resolvePlainType(raw) !== 'bool') fail(`'${raw}' is not a boolean (tag !!bool)`, e.tagStart)
        return constructBool(raw)
      case '!!null':
        return null
      default:
        // PyYAML's safe loader refuses tags it has no constructor for; so do we.
        return fail(`unsupported YAML tag ${tag}`, e.tagStart)
    }
  }

  function checkCollectionTag(e: { tagStart: number; tagEnd: number }, allowed: string[]): void {
    const tag = tagOf(e)
    if (tag !== undefined && !allowed.includes(tag)) fail(`unsupported YAML tag ${tag}`, e.tagStart)
  }

  /** Reads one node starting at events[i]; returns its value, positions and node count. */
  function node(keyOffset: number): Anchored {
    const e = events[i++] as Event
    switch (e.type) {
      case EVENT_ID.SCALAR: {
        const result = { value: scalar(e), pos: { v: scalarStart(e), k: keyOffset }, size: 1 }
        const name = anchorName(e)
        if (name !== undefined) anchors.set(name, result)
        return result
      }
      case EVENT_ID.ALIAS: {
        const name = text.slice(e.anchorStart, e.anchorEnd)
        const target = anchors.get(name)
        if (target === undefined) return fail(`unknown alias *${name}`, e.anchorStart - 1)
        aliasNodes += target.size
        if (aliasNodes > maxAliasNodes) {
          fail(`aliases expand to more than ${maxAliasNodes} nodes (an alias bomb?)`, e.anchorStart - 1)
        }
        const pos: PosNode = { v: e.anchorStart - 1, k: keyOffset }
        if (target.pos.c !== undefined) pos.c = target.pos.c
        return { value: target.value, pos, size: target.size }
      }
      case EVENT_ID.SEQUENCE: {
        checkCollectionTag(e, ['!!seq', '!!omap', '!!pairs'])
        const items: unknown[] = []
        const children: PosNode[] = []
        const result: Anchored = { value: items, pos: { v: e.start, k: keyOffset, c: children }, size: 1 }
        const name = anchorName(e)
        while ((events[i] as Event).type !== EVENT_ID.POP) {
          const item = node(-1)
          items.push(item.value)
          children.push(item.pos)
          result.size += item.size
        }
        i++
        if (name !== undefined) anchors.set(name, result)
        return result
      }
      case EVENT_ID.MAPPING: {
        checkCollectionTag(e, ['!!map', '!!set'])
        const obj: Record<string, unknown> = {}
        const children = new Map<string, PosNode>()
        const result: Anchored = { value: obj, pos: { v: e.start, k: keyOffset, c: children }, size: 1 }
        const name = anchorName(e)
        const explicit = new Set<string>()
        const merges: Anchored[] = []
        while ((events[i] as Event).type !== EVENT_ID.POP) {
          const keyEvent = events[i] as Event
          const keyOffsetHere = keyEvent.type === EVENT_ID.SCALAR ? scalarStart(keyEvent) : 'start' in keyEvent ? keyEvent.start : 0
          let key: string
          if (keyEvent.type === EVENT_ID.SCALAR) {
            i++
            // Keys keep their text: field names are strings to every rule language.
            key = scalarText(keyEvent)
            if (key === MERGE_KEY && keyEvent.style === SCALAR_STYLE.PLAIN) {
              merges.push(node(keyOffsetHere))
              continue
            }
          } else {
            const complex = node(-1)
            if (complex.value !== null && typeof complex.value === 'object') {
              fail('mapping keys must be scalars', keyOffsetHere)
            }
            key = String(complex.value)
          }
          if (explicit.has(key)) {
            if (onDuplicateKey === undefined) fail(`duplicate key '${key}'`, keyOffsetHere)
            else onDuplicateKey(key, { file, ...lines.position(keyOffsetHere) })
          }
          explicit.add(key)
          const value = node(keyOffsetHere)
          setKey(obj, key, value.value)
          children.set(key, value.pos)
          result.size += value.size
        }
        i++
        applyMerges(obj, children, explicit, merges)
        if (name !== undefined) anchors.set(name, result)
        return result
      }
      default:
        return fail('unexpected YAML structure', 0)
    }
  }

  /** An own property even for `__proto__` (plain assignment would replace the prototype and lose the key). */
  function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
    if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
    else obj[key] = value
  }

  /**
   * `<<` merge keys as PyYAML's flatten_mapping: the merged pairs come first (each `<<` in
   * order; a list of sources last to first), then the explicit pairs; a later pair overrides an
   * earlier one's value but keeps its place. So explicit keys win, an earlier source in a list
   * wins over a later one, and merged keys lead the key order.
   */
  function applyMerges(obj: Record<string, unknown>, children: Map<string, PosNode>, explicit: Set<string>, merges: Anchored[]): void {
    if (merges.length === 0) return
    const pairs: [string, unknown, PosNode | undefined][] = []
    for (const merge of merges) {
      const sources: Anchored[] = []
      if (Array.isArray(merge.value)) {
        const kids = (merge.pos.c ?? []) as PosNode[]
        merge.value.forEach((v, n) => sources.push({ value: v, pos: kids[n] ?? merge.pos, size: 0 }))
        sources.reverse()
      } else sources.push(merge)
      for (const source of sources) {
        if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
          fail('a merge key (<<) needs a mapping or a list of mappings', source.pos.v)
        }
        const sourceKids = source.pos.c instanceof Map ? source.pos.c : new Map<string, PosNode>()
        for (const [k, v] of Object.entries(source.value as Record<string, unknown>)) pairs.push([k, v, sourceKids.get(k)])
      }
    }
    for (const k of explicit) pairs.push([k, obj[k], children.get(k)])
    for (const k of Object.keys(obj)) delete obj[k]
    for (const [k, v, p] of pairs) {
      setKey(obj, k, v)
      if (p) children.set(k, p)
    }
  }

  while (i < events.length) {
    const e = events[i++] as Event
    if (e.type !== EVENT_ID.DOCUMENT) continue
    anchors = new Map()
    let value: unknown = null
    let pos: PosNode = { v: 0, k: -1 }
    if ((events[i] as Event | undefined)?.type !== EVENT_ID.POP) {
      const root = node(-1)
      value = root.value
      pos = root.pos
    }
    i++ // the document's POP
    documents.push({ value, map: new DocumentSourceMap(file, pos, lines), index: documents.length })
  }
  return documents
}

/**
 * PyYAML reads documents of YAML 1.1 and 1.2 only (libyaml: "found incompatible YAML document");
 * js-yaml only warns. Directives stand before a document's content: at the start of the stream
 * or after a `...` line.
 */
function checkYamlVersions(text: string, fail: (message: string, offset: number) => never): void {
  let inDirectives = true
  let offset = 0
  for (const line of text.split('\n')) {
    if (inDirectives) {
      const m = /^%YAML[ \t]+([0-9]+)\.([0-9]+)/.exec(line)
      if (m && (m[1] !== '1' || (m[2] !== '1' && m[2] !== '2'))) {
        fail(`found incompatible YAML document (%YAML ${m[1]}.${m[2]}; PyYAML reads 1.1 and 1.2)`, offset)
      }
      if (!m && !/^(?:%|#|[ \t]*\r?$)/.test(line)) inDirectives = false
    } else if (/^\.\.\.(?:[ \t#]|\r?$)/.test(line)) inDirectives = true
    offset += line.length + 1
  }
}
