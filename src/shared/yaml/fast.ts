import { CHOMPING_MODE, EVENT_ID, SCALAR_STYLE, getScalarValue } from 'js-yaml'
import type { ScalarEvent } from 'js-yaml'
import type { LineIndex } from './lines.js'
import { DocumentSourceMap, type PosNode } from './source-map.js'
import { resolvePlain } from './scalars.js'
import type { YamlDocument, YamlOptions } from './parse.js'

/**
 * A single-pass reader for the block-YAML subset that rule files use (block mappings and
 * sequences, plain/quoted/block scalars, JSON-like flow collections, comments, `---`/`...`).
 * It must give exactly what the js-yaml path gives — values, key order and source offsets —
 * so it gives up (returns undefined) on anything outside that subset or that js-yaml would
 * refuse: tags, anchors, aliases, merge keys, directives, explicit keys, tabs in indentation,
 * duplicate keys, syntax errors. The js-yaml path then reads the file and owns every error.
 *
 * Offsets follow js-yaml's events: a collection starts at its first token (`-`, the first key,
 * `[`/`{`), a quoted scalar at its quote, a block scalar at the line after its header, an empty
 * value at -1.
 */
export function parseYamlFast(
  text: string,
  file: string,
  options: YamlOptions,
  lines: LineIndex,
  flow: FlowReading = 'js-yaml',
): YamlDocument[] | undefined {
  if (!plausible(text)) return undefined
  const reader = new FastReader(text, options.resolvePlain ?? resolvePlain, flow)
  let roots: Root[]
  try {
    roots = reader.documents()
  } catch (e) {
    if (e === BAIL) return undefined
    throw e
  }
  const documents: YamlDocument[] = []
  for (let n = 0; n < roots.length; n++) {
    const root = roots[n] as Root
    documents.push({ value: root.value, map: new DocumentSourceMap(file, root.pos, lines), index: n })
  }
  return documents
}

/**
 * How flow content is read: as js-yaml does (the default, the fast path's contract), as PyYAML
 * does (no indentation checks inside flow collections and quoted scalars), or as libyaml (PyYAML's
 * C loader) does, which also takes tabs as separation inside flow collections.
 */
export type FlowReading = 'js-yaml' | 'pyyaml' | 'libyaml'

interface Root {
  value: unknown
  pos: PosNode
}

/** Thrown (without a stack) to abandon the fast path; caught in parseYamlFast only. */
const BAIL: unique symbol = Symbol('yaml fast path bails out')

function bail(): never {
  throw BAIL
}

/**
 * Characters the scanner would otherwise have to special-case everywhere: NUL (js-yaml refuses
 * it), a lone CR (a line break to js-yaml, not to LineIndex), a BOM after the first character
 * (js-yaml treats one at a line start as a document boundary).
 */
function plausible(text: string): boolean {
  if (text.indexOf('\0') !== -1) return false
  if (text.indexOf('\uFEFF', 1) !== -1) return false
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return false
  }
  return true
}

/** Nesting past this bails, far below js-yaml's maxDepth (100) so its depth error stays its own. */
const MAX_DEPTH = 60

const SPACE = 32
const TAB = 9
const LF = 10
const CR = 13
const HASH = 35
const COLON = 58
const DASH = 45
const DOT = 46
const SQUOTE = 39
const DQUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const LBRACKET = 91
const RBRACKET = 93
const LBRACE = 123
const RBRACE = 125

/** NaN (past the end) counts as the end of the stream, like js-yaml's trailing NUL. */
function isWsOrEolOrEnd(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB || c !== c
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE
}

/** The escapes js-yaml accepts after a backslash in a double-quoted scalar (besides x/u/U). */
function isSimpleEscape(c: number): boolean {
  switch (c) {
    case 48: // 0
    case 97: // a
    case 98: // b
    case 116: // t
    case TAB:
    case 110: // n
    case 118: // v
    case 102: // f
    case 114: // r
    case 101: // e
    case SPACE:
    case DQUOTE:
    case 47: // /
    case BACKSLASH:
    case 78: // N
    case 95: // _
    case 76: // L
    case 80: // P
      return true
    default:
      return false
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
}

/** First characters that cannot start a plain scalar (js-yaml's canStartPlainScalar). */
function isPlainStartIndicator(c: number): boolean {
  switch (c) {
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
      return true
    default:
      return false
  }
}

class FastReader {
  private readonly text: string
  private readonly len: number
  private readonly plain: (text: string) => unknown
  private readonly endsWithoutNewline: boolean
  /** Reused for decoding through js-yaml's own getScalarValue (folding, escapes, chomping). */
  private readonly event: ScalarEvent
  private pos = 0
  /** Offset where the line holding `pos` starts (after a leading BOM on the first line). */
  private lineStart = 0
  /** Leading spaces of the line holding `pos`, once a line break has been crossed. */
  private lineIndent = 0
  private depth = 0
  /**
   * PyYAML's (libyaml's) reading of flow content, where js-yaml is stricter: inside flow
   * collections and quoted scalars line indentation is not checked (a closing brace may sit at
   * the parent key's column); with libyaml, tabs also separate tokens in flow collections. Only the
   * document markers `---`/`...` at column 0 still end such content (an error, so a bail).
   */
  private readonly pyyamlFlow: boolean
  private readonly flowTabs: boolean
  /** Depth of flow collections around `pos`. */
  private flowLevel = 0
  /** Position node of the value read last. */
  private node: PosNode = { v: -1, k: -1 }

  constructor(text: string, plain: (text: string) => unknown, flow: FlowReading) {
    this.pyyamlFlow = flow !== 'js-yaml'
    this.flowTabs = flow === 'libyaml'
    this.text = text
    this.len = text.length
    this.plain = plain
    this.endsWithoutNewline = text.charCodeAt(text.length - 1) !== LF
    this.event = {
      type: EVENT_ID.SCALAR,
      valueStart: 0,
      valueEnd: 0,
      anchorStart: -1,
      anchorEnd: -1,
      tagStart: -1,
      tagEnd: -1,
      style: SCALAR_STYLE.PLAIN,
      chomping: CHOMPING_MODE.CLIP,
      indent: -1,
      fast: false,
    }
  }

  documents(): Root[] {
    const text = this.text
    const len = this.len
    const roots: Root[] = []
    if (text.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1
    while (text.charCodeAt(this.pos) === SPACE) this.pos++
    this.lineIndent = this.pos - this.lineStart
    this.skipSeparation()
    while (this.pos < len) {
      const pos = this.pos
      const c = text.charCodeAt(pos)
      if (pos === this.lineStart && c === 37) bail() // % directive
      if (this.isDocMarker(pos, DOT)) {
        // `...` without a document before it ends nothing and starts nothing.
        this.afterMarker()
        continue
      }
      if (this.isDocMarker(pos, DASH)) this.afterMarker()
      let value: unknown
      let node: PosNode
      const at = this.pos
      if (at >= len || this.isDocMarker(at, DASH) || this.isDocMarker(at, DOT)) {
        value = this.plain('')
        node = { v: -1, k: -1 }
      } else {
        if (at !== this.lineStart + this.lineIndent) bail()
        value = this.rootNode()
        node = this.node
      }
      roots.push({ value, pos: node })
      const end = this.pos
      if (end >= len) break
      if (this.isDocMarker(end, DOT)) this.afterMarker()
      else if (!this.isDocMarker(end, DASH)) bail()
    }
    return roots
  }

  /** Steps over `---`/`...`; nothing but a comment may follow on its line. */
  private afterMarker(): void {
    const markerLine = this.lineStart
    this.pos += 3
    this.skipSeparation()
    if (this.pos < this.len && this.lineStart === markerLine) bail()
  }

  private isDocMarker(p: number, ch: number): boolean {
    const text = this.text
    return (
      p === this.lineStart &&
      text.charCodeAt(p) === ch &&
      text.charCodeAt(p + 1) === ch &&
      text.charCodeAt(p + 2) === ch &&
      isWsOrEolOrEnd(text.charCodeAt(p + 3))
    )
  }

  private isSeqEntry(p: number): boolean {
    return this.text.charCodeAt(p) === DASH && isWsOrEolOrEnd(this.text.charCodeAt(p + 1))
  }

  /** Only block collections at the root; root scalars and flow collections are left to js-yaml. */
  private rootNode(): unknown {
    const pos = this.pos
    const c = this.text.charCodeAt(pos)
    if (c === DASH && this.isSeqEntry(pos)) return this.sequence(this.lineIndent, -1)
    if (c === LBRACKET || c === LBRACE || c === 124 || c === 62) bail()
    return this.blockNode(this.lineIndent - 1, -1, true, true)
  }

  /**
   * Skips spaces, comments and line breaks up to the next content (or the end). Tabs anywhere
   * in between bail out: js-yaml's rules for them depend on where they stand.
   */
  private skipSeparation(): void {
    const text = this.text
    let pos = this.pos
    const tabs = this.flowTabs && this.flowLevel > 0
    for (;;) {
      let c = text.charCodeAt(pos)
      while (c === SPACE || (tabs && c === TAB)) c = text.charCodeAt(++pos)
      if (c === TAB) bail()
      if (c === HASH) {
        const prev = text.charCodeAt(pos - 1)
        // `a#b` is text, not a comment: a comment needs a space or a line start before it.
        if (pos !== this.lineStart && prev !== SPACE && prev !== LF) break
        const nl = text.indexOf('\n', pos)
        if (nl === -1) {
          pos = this.len
          break
        }
        pos = nl
        c = LF
      }
      if (c === LF || c === CR) {
        pos += c === CR ? 2 : 1
        this.lineStart = pos
        while (text.charCodeAt(pos) === SPACE) pos++
        this.lineIndent = pos - this.lineStart
        if (tabs) while (text.charCodeAt(pos) === SPACE || text.charCodeAt(pos) === TAB) pos++
        continue
      }
      break
    }
    this.pos = pos
  }

  /** Where a value stands on a line of its own, it must be the first thing on that line. */
  private atLineFirst(entryLine: number): boolean {
    const pos = this.pos
    if (pos >= this.len) return false
    if (this.lineStart === entryLine || pos !== this.lineStart + this.lineIndent) bail()
    return true
  }

  private empty(k: number): unknown {
    this.node = { v: -1, k }
    return this.plain('')
  }

  /**
   * A node in block context at `pos`. `parentIndent` is the indentation of the collection
   * holding it (scalars continue on lines indented past it); `block` allows a block
   * collection to start here (not after `key: ` on the same line).
   */
  private blockNode(parentIndent: number, k: number, block: boolean, root = false): unknown {
    const text = this.text
    const pos = this.pos
    const c = text.charCodeAt(pos)
    if (c === DASH && isWsOrEolOrEnd(text.charCodeAt(pos + 1))) {
      if (!block) bail()
      return this.sequence(pos - this.lineStart, k)
    }
    if (c === LBRACKET || c === LBRACE) {
      const value = this.flow(this.pyyamlFlow ? 0 : parentIndent + 1, k)
      this.skipSeparation()
      return value
    }
    if (c === 124 || c === 62) return this.blockScalar(parentIndent + 1, k)
    if (c === SQUOTE || c === DQUOTE) {
      const line = this.lineStart
      const value = this.quoted(this.pyyamlFlow ? 0 : parentIndent + 1)
      let p = this.pos
      while (text.charCodeAt(p) === SPACE) p++
      if (text.charCodeAt(p) === COLON && isWsOrEolOrEnd(text.charCodeAt(p + 1))) {
        // A quoted mapping key.
        if (!block || this.lineStart !== line) bail()
        this.pos = pos
        return this.mapping(pos - line, k)
      }
      if (root) bail()
      this.node = { v: pos, k }
      this.skipSeparation()
      return value
    }
    if (!this.canStartPlain(c, text.charCodeAt(pos + 1), false)) bail()
    const line = this.lineStart
    const lineIndent = this.lineIndent
    const end = this.scanPlain(pos, parentIndent + 1, false)
    if (text.charCodeAt(this.pos) === COLON) {
      // `key: ...`: this node is a mapping (its first key is read again there).
      if (!block || this.lineStart !== line) bail()
      this.pos = pos
      this.lineIndent = lineIndent
      return this.mapping(pos - line, k)
    }
    if (root || end === pos) bail()
    const value = this.plainValue(this.plainText(pos, end, line))
    this.node = { v: pos, k }
    this.skipSeparation()
    return value
  }

  private canStartPlain(c: number, next: number, inFlow: boolean): boolean {
    if (c !== c || c === SPACE || c === TAB || c === LF || c === CR || isPlainStartIndicator(c)) return false
    if (c === 63 /* ? */ || c === DASH) return !(isWsOrEolOrEnd(next) || (inFlow && isFlowIndicator(next)))
    return true
  }

  /** The text of a plain scalar that started on line `line`; folding only when it spans lines. */
  private plainText(start: number, end: number, line: number): string {
    if (this.lineStart === line || this.text.indexOf('\n', start) >= end) return this.text.slice(start, end)
    return this.decode(SCALAR_STYLE.PLAIN, start, end)
  }

  private decode(style: ScalarEvent['style'], start: number, end: number): string {
    const event = this.event
    event.style = style
    event.valueStart = start
    event.valueEnd = end
    event.chomping = CHOMPING_MODE.CLIP
    event.indent = -1
    return getScalarValue(this.text, event)
  }

  /** A block mapping whose first key is at `pos`, at column `indent`. */
  private mapping(indent: number, k: number): unknown {
    if (++this.depth > MAX_DEPTH) bail()
    const text = this.text
    const obj: Record<string, unknown> = {}
    const children = new Map<string, PosNode>()
    const start = this.pos
    for (;;) {
      const keyStart = this.pos
      const entryLine = this.lineStart
      const c = text.charCodeAt(keyStart)
      let key: string
      if (c === SQUOTE || c === DQUOTE) {
        key = this.quoted(indent + 1)
        if (this.lineStart !== entryLine) bail()
        let p = this.pos
        while (text.charCodeAt(p) === SPACE) p++
        if (text.charCodeAt(p) !== COLON || !isWsOrEolOrEnd(text.charCodeAt(p + 1))) bail()
        this.pos = p
      } else {
        if (!this.canStartPlain(c, text.charCodeAt(keyStart + 1), false)) bail()
        key = text.slice(keyStart, this.scanKey(keyStart))
        // Merge keys are the js-yaml path's business.
        if (key === '<<') bail()
      }
      this.pos++ // the colon
      const value = this.mappingValue(indent, keyStart)
      // A repeated key leaves the size unchanged: js-yaml's path reports it (or onDuplicateKey).
      const size = children.size
      children.set(key, this.node)
      if (children.size === size) bail()
      if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
      else obj[key] = value
      if (!this.atLineFirst(entryLine)) break
      const column = this.lineIndent
      if (column < indent) break
      if (column > indent) bail()
      if (column === 0 && (this.isDocMarker(this.pos, DASH) || this.isDocMarker(this.pos, DOT))) break
    }
    this.depth--
    this.node = { v: start, k, c: children }
    return obj
  }

  /** A plain key on one line: up to the `:` indicator; anything else bails. */
  private scanKey(start: number): number {
    const text = this.text
    let p = start
    let end = start
    for (;;) {
      const c = text.charCodeAt(p)
      if (c > COLON && c < 0x7f) {
        end = ++p
        continue
      }
      if (c === COLON) {
        if (isWsOrEolOrEnd(text.charCodeAt(p + 1))) break
      } else if (c === HASH) {
        const prev = text.charCodeAt(p - 1)
        if (prev === SPACE || prev === TAB) bail()
      } else if (c === LF || c === CR || c !== c) bail()
      if (c !== SPACE && c !== TAB) {
        if (c < 0x20 || c > 0x7e) p = this.checkPrintable(p)
        end = p + 1
      }
      p++
    }
    if (end === start) bail()
    this.pos = p
    return end
  }

  /** The value after `key:`; `pos` is just past the colon. */
  private mappingValue(indent: number, k: number): unknown {
    const text = this.text
    let p = this.pos
    let c = text.charCodeAt(p)
    while (c === SPACE) c = text.charCodeAt(++p)
    if (c === TAB) bail()
    this.pos = p
    if (c === LF || c === CR || c === HASH || c !== c) {
      this.skipSeparation()
      if (this.pos >= this.len) return this.empty(k)
      const column = this.lineIndent
      if (column > indent) return this.blockNode(indent, k, true)
      if (column === indent && this.isSeqEntry(this.pos)) return this.sequence(indent, k)
      return this.empty(k)
    }
    return this.blockNode(indent, k, false)
  }

  /** A block sequence whose first `-` is at `pos`, at column `indent`. */
  private sequence(indent: number, k: number): unknown {
    if (++this.depth > MAX_DEPTH) bail()
    const text = this.text
    const items: unknown[] = []
    const children: PosNode[] = []
    const start = this.pos
    for (;;) {
      const entryLine = this.lineStart
      let p = this.pos + 1
      let c = text.charCodeAt(p)
      while (c === SPACE) c = text.charCodeAt(++p)
      if (c === TAB) bail()
      this.pos = p
      let item: unknown
      if (c === LF || c === CR || c === HASH || c !== c) {
        this.skipSeparation()
        if (this.pos >= this.len || this.lineIndent <= indent) item = this.empty(-1)
        else item = this.blockNode(indent, -1, true)
      } else item = this.blockNode(indent, -1, true)
      items.push(item)
      children.push(this.node)
      if (!this.atLineFirst(entryLine)) break
      const column = this.lineIndent
      if (column < indent) break
      if (column > indent) bail()
      if (!this.isSeqEntry(this.pos)) break
    }
    this.depth--
    this.node = { v: start, k, c: children }
    return items
  }

  /**
   * A plain scalar from `start`, continuing onto following lines indented at least
   * `minIndent`. Leaves `pos` where js-yaml stops (the `:` indicator, a comment, a flow
   * indicator in flow context, or the line break before a less indented line); returns the
   * end of its text.
   */
  private scanPlain(start: number, minIndent: number, inFlow: boolean): number {
    const text = this.text
    const len = this.len
    let p = start
    let end = start
    for (;;) {
      const c = text.charCodeAt(p)
      // Most characters are ordinary printable ASCII past ':' (flow indicators aside).
      if (c > COLON && c < 0x7f && !(inFlow && isFlowIndicator(c))) {
        end = ++p
        continue
      }
      if (p >= len) break
      if (c === COLON) {
        const next = text.charCodeAt(p + 1)
        if (isWsOrEolOrEnd(next) || (inFlow && isFlowIndicator(next))) break
      } else if (c === HASH) {
        const prev = text.charCodeAt(p - 1)
        if (prev === SPACE || prev === TAB || prev === LF || prev === CR) break
      } else if (inFlow && isFlowIndicator(c)) break
      else if (c === LF || c === CR) {
        // Continue on the next non-blank line if it is indented enough.
        let q = p
        let lineStart: number
        let next: number
        for (;;) {
          q += text.charCodeAt(q) === CR ? 2 : 1
          lineStart = q
          while (text.charCodeAt(q) === SPACE) q++
          next = text.charCodeAt(q)
          if (next === TAB) bail()
          if (next !== LF && next !== CR) break
        }
        if (q - lineStart >= minIndent) {
          // A document marker cannot sit on a line indented past 0; minIndent is >= 1 here
          // except in PyYAML's flow reading, where a marker at column 0 ends the content.
          if (minIndent < 1 && (!this.pyyamlFlow || this.isMarkerLine(lineStart))) bail()
          this.lineStart = lineStart
          this.lineIndent = q - lineStart
          p = q
          continue
        }
        break
      }
      if (c !== SPACE && c !== TAB) {
        if (c < 0x20 || c > 0x7e) p = this.checkPrintable(p)
        end = p + 1
      }
      p++
    }
    this.pos = p
    return end
  }

  /**
   * What js-yaml's checkPrintable refuses in plain and block scalars (C0/C1 controls, U+FFFE/F,
   * lone surrogates) bails; a surrogate pair is stepped over whole. Returns the offset of the
   * character's last code unit.
   */
  private checkPrintable(p: number): number {
    const c = this.text.charCodeAt(p)
    if (c === TAB || c === 0x85) return p
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) bail()
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = this.text.charCodeAt(p + 1)
      if (low >= 0xdc00 && low <= 0xdfff) return p + 1
      bail()
    }
    if (c >= 0xdc00 && c <= 0xdfff) bail()
    return p
  }

  /**
   * A single- or double-quoted scalar at `pos`; continuation lines must be indented at least
   * `minIndent`. Leaves `pos` after the closing quote.
   */
  private quoted(minIndent: number): string {
    const text = this.text
    const len = this.len
    const quote = text.charCodeAt(this.pos)
    const start = this.pos + 1
    let p = start
    let simple = true
    for (;;) {
      if (p >= len) bail()
      const c = text.charCodeAt(p)
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) {
          simple = false
          p += 2
          continue
        }
        break
      }
      if (c === BACKSLASH && quote === DQUOTE) {
        simple = false
        const e = text.charCodeAt(p + 1)
        if (e === LF || e === CR) {
          p = this.quotedBreak(p + 1, minIndent)
          continue
        }
        if (isSimpleEscape(e)) {
          p += 2
          continue
        }
        const digits = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0
        if (digits === 0) bail()
        for (let d = 2; d < 2 + digits; d++) if (!isHex(text.charCodeAt(p + d))) bail()
        p += 2 + digits
        continue
      }
      if (c === LF || c === CR) {
        simple = false
        p = this.quotedBreak(p, minIndent)
        continue
      }
      if (c < 0x20 && c !== TAB) bail()
      p++
    }
    this.pos = p + 1
    if (simple) return text.slice(start, p)
    return this.decode(quote === SQUOTE ? SCALAR_STYLE.SINGLE_QUOTED : SCALAR_STYLE.DOUBLE_QUOTED, start, p)
  }

  /** A line break inside a quoted scalar: blank lines are skipped, the next line must be indented enough. */
  private quotedBreak(p: number, minIndent: number): number {
    const text = this.text
    let lineStart: number
    for (;;) {
      p += text.charCodeAt(p) === CR ? 2 : 1
      lineStart = p
      while (text.charCodeAt(p) === SPACE) p++
      const c = text.charCodeAt(p)
      if (c === TAB) bail()
      if (c !== LF && c !== CR) break
    }
    const indent = p - lineStart
    if (indent < minIndent) bail()
    if (indent === 0 && (!this.pyyamlFlow || this.isMarkerLine(lineStart))) bail()
    this.lineStart = lineStart
    this.lineIndent = indent
    return p
  }

  /**
   * A literal or folded block scalar at `pos` (its header); content lines are indented at
   * least `minIndent`. Explicit indentation indicators bail. Ends at the next content.
   */
  private blockScalar(minIndent: number, k: number): unknown {
    const text = this.text
    const len = this.len
    let p = this.pos
    const folded = text.charCodeAt(p) === 62
    let chomping: ScalarEvent['chomping'] = CHOMPING_MODE.CLIP
    let c = text.charCodeAt(++p)
    if (c === 43 || c === DASH) {
      chomping = c === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP
      c = text.charCodeAt(++p)
    }
    if ((c >= 48 && c <= 57) || c === 43 || c === DASH) bail()
    let spaced = false
    while (c === SPACE) {
      spaced = true
      c = text.charCodeAt(++p)
    }
    if (c === TAB) bail()
    if (c === HASH) {
      if (!spaced) bail()
      const nl = text.indexOf('\n', p)
      p = nl === -1 ? len : nl
      c = text.charCodeAt(p)
    }
    if (c === LF || c === CR) p += c === CR ? 2 : 1
    else if (p < len) bail()
    const valueStart = p
    let valueEnd = p
    let contentIndent = -1
    let maxLeading = 0
    // Where the scalar stops: the first character of the next less indented line (or the end).
    let stopLine = -1
    let stop = len
    while (p < len) {
      const linePos = p
      let q = p
      while (text.charCodeAt(q) === SPACE) q++
      const column = q - linePos
      if (q >= len) {
        if (contentIndent >= 0 ? column > contentIndent : column > 0) valueEnd = q
        stopLine = linePos
        break
      }
      const first = text.charCodeAt(q)
      if (column === 0 && (first === DASH || first === DOT)) {
        this.lineStart = linePos
        if (this.isDocMarker(q, first)) {
          stopLine = linePos
          stop = q
          break
        }
      }
      const blank = first === LF || first === CR
      if (!blank) {
        if (contentIndent === -1) {
          if (first === TAB) bail()
          if (column >= minIndent && column < maxLeading) bail()
          if (column < minIndent) {
            stopLine = linePos
            stop = q
            break
          }
          contentIndent = column
        } else if (column < contentIndent) {
          stopLine = linePos
          stop = q
          break
        }
      } else if (contentIndent === -1 && column > maxLeading) maxLeading = column
      let r = q
      for (;;) {
        const ch = text.charCodeAt(r)
        if (ch === LF || ch === CR || r >= len) break
        if (ch < 0x20 || ch > 0x7e) r = this.checkPrintable(r)
        r++
      }
      valueEnd = r
      if (r < len) {
        r += text.charCodeAt(r) === CR ? 2 : 1
        valueEnd = r
      }
      p = r
    }
    if (stopLine === -1) stopLine = p
    const event = this.event
    event.style = folded ? SCALAR_STYLE.FOLDED_BLOCK : SCALAR_STYLE.LITERAL_BLOCK
    event.valueStart = valueStart
    event.valueEnd = valueEnd
    event.chomping = chomping
    event.indent = contentIndent
    let value = getScalarValue(text, event)
    // PyYAML drops the final line break of a block scalar that ends the file without one;
    // the same rule as the js-yaml path.
    if (this.endsWithoutNewline && value.endsWith('\n') && text.slice(valueEnd).trim() === '') value = value.slice(0, -1)
    this.node = { v: valueStart, k }
    this.lineStart = stopLine
    this.lineIndent = stop < len ? stop - stopLine : 0
    this.pos = stop
    this.skipSeparation()
    return value
  }

  /**
   * A flow sequence or mapping at `pos` (JSON-like: scalars and nested flow collections,
   * over several lines if need be). Lines inside must be indented at least `minIndent`.
   * Leaves `pos` after the closing bracket.
   */
  private flow(minIndent: number, k: number): unknown {
    if (++this.depth > MAX_DEPTH) bail()
    const text = this.text
    const start = this.pos
    const isMap = text.charCodeAt(start) === LBRACE
    const terminator = isMap ? RBRACE : RBRACKET
    const items: unknown[] = []
    const seqChildren: PosNode[] = []
    const obj: Record<string, unknown> = {}
    const mapChildren = new Map<string, PosNode>()
    this.flowLevel++
    this.pos = start + 1
    let readNext = true
    for (;;) {
      this.flowSeparation(minIndent)
      const p = this.pos
      const c = text.charCodeAt(p)
      if (p >= this.len) bail()
      if (c === terminator) {
        this.pos = p + 1
        break
      }
      if (!readNext || c === COMMA) bail()
      if (isMap) {
        let key: string
        if (c === SQUOTE || c === DQUOTE) key = this.quoted(minIndent)
        else {
          if (!this.canStartPlain(c, text.charCodeAt(p + 1), true)) bail()
          const line = this.lineStart
          const end = this.scanPlain(p, minIndent, true)
          if (end === p) bail()
          key = this.plainText(p, end, line)
          if (key === '<<') bail()
        }
        this.flowSeparation(minIndent)
        if (mapChildren.has(key)) bail()
        const value = this.flowValue(minIndent, p, terminator, true)
        if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
        else obj[key] = value
        mapChildren.set(key, this.node)
      } else if (this.pyyamlFlow && c !== LBRACKET && c !== LBRACE) {
        items.push(this.flowSeqEntry(minIndent, terminator))
        seqChildren.push(this.node)
      } else {
        items.push(this.flowNode(minIndent, -1))
        seqChildren.push(this.node)
      }
      this.flowSeparation(minIndent)
      if (text.charCodeAt(this.pos) === COMMA) {
        readNext = true
        this.pos++
      } else readNext = false
    }
    this.depth--
    this.flowLevel--
    if (isMap) {
      this.node = { v: start, k, c: mapChildren }
      return obj
    }
    this.node = { v: start, k, c: seqChildren }
    return items
  }

  /**
   * After a flow mapping key, at `pos`: `: value`. PyYAML also reads an empty value (`{a: }`)
   * and a key without `:` (`{a, b}`) as null; js-yaml's reading leaves those to js-yaml.
   */
  private flowValue(minIndent: number, k: number, terminator: number, required: boolean): unknown {
    const text = this.text
    if (text.charCodeAt(this.pos) !== COLON) {
      const c = text.charCodeAt(this.pos)
      if (required && !(this.pyyamlFlow && (c === COMMA || c === terminator))) bail()
      return this.empty(k)
    }
    this.pos++
    this.flowSeparation(minIndent)
    const v = text.charCodeAt(this.pos)
    if (v !== v) bail()
    if (v === COMMA || v === terminator) {
      if (!this.pyyamlFlow) bail()
      return this.empty(k)
    }
    return this.flowNode(minIndent, k)
  }

  /**
   * A scalar entry of a flow sequence in PyYAML's reading, where `key: value` on one line is a
   * single-pair mapping (`[a: 1, b]` is `[{a: 1}, 'b']`); the key keeps its text.
   */
  private flowSeqEntry(minIndent: number, terminator: number): unknown {
    const text = this.text
    const p = this.pos
    const c = text.charCodeAt(p)
    const line = this.lineStart
    let keyText: string
    let quoted = false
    if (c === SQUOTE || c === DQUOTE) {
      keyText = this.quoted(minIndent)
      quoted = true
    } else {
      if (!this.canStartPlain(c, text.charCodeAt(p + 1), true)) bail()
      const end = this.scanPlain(p, minIndent, true)
      if (end === p) bail()
      keyText = this.plainText(p, end, line)
    }
    const scalarLine = this.lineStart
    const after = this.pos
    const afterIndent = this.lineIndent
    this.flowSeparation(minIndent)
    const next = text.charCodeAt(this.pos + 1)
    const pair =
      text.charCodeAt(this.pos) === COLON &&
      this.lineStart === scalarLine &&
      scalarLine === line &&
      (quoted || isWsOrEolOrEnd(next) || isFlowIndicator(next))
    if (!pair) {
      this.pos = after
      this.lineStart = scalarLine
      this.lineIndent = afterIndent
      this.node = { v: p, k: -1 }
      return quoted ? keyText : this.plainValue(keyText)
    }
    if (keyText === '<<') bail()
    const value = this.flowValue(minIndent, p, terminator, true)
    const obj: Record<string, unknown> = {}
    if (keyText === '__proto__') Object.defineProperty(obj, keyText, { value, enumerable: true, writable: true, configurable: true })
    else obj[keyText] = value
    this.node = { v: p, k: -1, c: new Map([[keyText, this.node]]) }
    return obj
  }

  private flowNode(minIndent: number, k: number): unknown {
    const text = this.text
    const p = this.pos
    const c = text.charCodeAt(p)
    if (c === LBRACKET || c === LBRACE) return this.flow(minIndent, k)
    if (c === SQUOTE || c === DQUOTE) {
      const value = this.quoted(minIndent)
      this.node = { v: p, k }
      return value
    }
    if (!this.canStartPlain(c, text.charCodeAt(p + 1), true)) bail()
    const line = this.lineStart
    const end = this.scanPlain(p, minIndent, true)
    if (end === p) bail()
    const value = this.plainValue(this.plainText(p, end, line))
    this.node = { v: p, k }
    return value
  }

  /** A plain scalar in value position; the two PyYAML cannot construct leave it to js-yaml's path. */
  private plainValue(text: string): unknown {
    if (text === '=' || text === '<<') bail()
    return this.plain(text)
  }

  /** Separation inside a flow collection: a new line must be indented at least `minIndent`. */
  private flowSeparation(minIndent: number): void {
    const line = this.lineStart
    this.skipSeparation()
    if (this.lineStart !== line && this.pos < this.len) {
      if (this.lineIndent < minIndent) bail()
      if (this.lineIndent === 0 && this.isMarkerLine(this.lineStart)) bail()
    }
  }

  /** True when the line at `lineStart` begins with a document marker (`---` or `...`). */
  private isMarkerLine(lineStart: number): boolean {
    const text = this.text
    const c = text.charCodeAt(lineStart)
    return (
      (c === DASH || c === DOT) &&
      text.charCodeAt(lineStart + 1) === c &&
      text.charCodeAt(lineStart + 2) === c &&
      isWsOrEolOrEnd(text.charCodeAt(lineStart + 3))
    )
  }
}
