/**
 * Where each character of a YAML scalar's value was written in the file, so that an error at an
 * offset of a query held in YAML (a KQL `query:`, an SPL `search:`) is reported at its file:line:column
 * whatever the scalar's style: block literal (`|`) or folded (`>`) with chomping and indentation
 * indicators, plain, single- or double-quoted, on one line or many, LF or CRLF.
 *
 * The written scalar is read as a stream of tokens (a character of the value, an escape, a line
 * break) and aligned with the decoded value: a token that yields the value's next character maps it;
 * a line break maps the space or newline that folding made of it; anything else (indentation, folded
 * breaks, whitespace around them) yields nothing and is passed over.
 */
import type { SourceLocation } from '../../model/source.js'

export interface ScalarLocator {
  at(offset: number): SourceLocation
}

interface Token {
  pos: number
  /** The character it yields; undefined for a line break; for an escape, how many it yields. */
  ch?: string
  escape?: number
}

/** The offset each line of a text starts at. */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}

/** 1-based line and column of an offset, given `lineStarts`. */
export function lineCol(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 }
}

const lineEnd = (text: string, i: number): number => {
  const n = text.indexOf('\n', i)
  return n < 0 ? text.length : n
}
/** The end of a line's content: before its break, and before the `\r` of a CRLF. */
const contentEnd = (text: string, i: number): number => {
  const e = lineEnd(text, i)
  return e > i && text.charCodeAt(e - 1) === 13 ? e - 1 : e
}

/** A block scalar's body, from the line after its header: its lines past the indentation, each followed by its break. */
function* blockTokens(text: string, header: number, parentIndent: number): Generator<Token> {
  const head = /^[|>]([1-9][+-]?|[+-][1-9]?)?/.exec(text.slice(header, header + 3))?.[0] ?? ''
  const explicit = /[1-9]/.exec(head)?.[0]
  let indent = explicit ? parentIndent + Number(explicit) : -1
  let i = lineEnd(text, header) + 1
  while (i < text.length) {
    const end = contentEnd(text, i)
    let spaces = 0
    while (i + spaces < end && text.charCodeAt(i + spaces) === 32) spaces++
    const blank = i + spaces === end
    if (!blank && indent < 0) indent = spaces
    if (!blank && spaces < indent) return
    for (let p = i + Math.min(spaces, Math.max(indent, 0)); p < end; p++) yield { pos: p, ch: text[p]! }
    yield { pos: end }
    i = lineEnd(text, i) + 1
  }
}

/** A flow scalar from its first character (the opening quote, if any): characters, escapes and breaks. */
function* flowTokens(text: string, start: number): Generator<Token> {
  const quote = text[start] === '"' || text[start] === "'" ? text[start] : undefined
  let i = quote ? start + 1 : start
  while (i < text.length) {
    const c = text[i]!
    if (c === '\r' && text[i + 1] === '\n') {
      i++
      continue
    }
    if (c === '\n') {
      yield { pos: i }
      i++
      continue
    }
    if (quote === "'" && c === "'" && text[i + 1] === "'") {
      yield { pos: i, ch: "'" }
      i += 2
      continue
    }
    if (quote === '"' && c === '\\') {
      const e = text[i + 1]
      if (e === '\n' || e === '\r') {
        // An escaped line break joins the lines: it and the next line's leading blanks yield nothing.
        i = lineEnd(text, i) + 1
        while (text[i] === ' ' || text[i] === '\t') i++
        continue
      }
      const len = e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2
      const cp = e === 'U' ? parseInt(text.slice(i + 2, i + 10), 16) : 0
      yield { pos: i, escape: cp > 0xffff ? 2 : 1 }
      i += len
      continue
    }
    yield { pos: i, ch: c }
    i++
  }
}

/** The file offset of each character of `value` (and, last, of its end). */
function scalarPositions(tokens: Iterable<Token>, value: string): number[] {
  const pos: number[] = []
  const it = tokens[Symbol.iterator]()
  let t = it.next()
  let last = 0
  for (let k = 0; k < value.length; ) {
    if (t.done) {
      pos.push(last)
      k++
      continue
    }
    const tok = t.value
    const ch = value[k]!
    if (tok.escape !== undefined) {
      for (let n = 0; n < tok.escape && k < value.length; n++, k++) pos.push(tok.pos)
    } else if (tok.ch === ch || (tok.ch === undefined && (ch === ' ' || ch === '\n'))) {
      pos.push(tok.pos)
      k++
    } else {
      // Indentation, a folded break, blanks around a break: not part of the value.
      t = it.next()
      continue
    }
    last = tok.pos + 1
    t = it.next()
  }
  pos.push(t.done ? last : t.value.pos)
  return pos
}

/** Where a scalar value starts: a block scalar's header on the key's line, or the value's own place. */
function valueStart(text: string, starts: readonly number[], key: SourceLocation, valueAt: SourceLocation): { offset: number; block: boolean } {
  const keyOffset = (starts[key.line - 1] ?? 0) + key.column - 1
  const keyLineEnd = contentEnd(text, keyOffset)
  // Past the key (quoted or plain) and its colon, then tags and anchors.
  let i = keyOffset
  if (text[i] === '"' || text[i] === "'") {
    const q = text[i]!
    i++
    while (i < keyLineEnd && !(text[i] === q && text[i - 1] !== '\\')) i++
  }
  while (i < keyLineEnd && !(text[i] === ':' && (i + 1 === keyLineEnd || text[i + 1] === ' ' || text[i + 1] === '\t'))) i++
  i++
  for (;;) {
    while (i < keyLineEnd && (text[i] === ' ' || text[i] === '\t')) i++
    if (text[i] !== '!' && text[i] !== '&') break
    while (i < keyLineEnd && text[i] !== ' ' && text[i] !== '\t') i++
  }
  if (i < keyLineEnd && (text[i] === '|' || text[i] === '>')) return { offset: i, block: true }
  return { offset: (starts[valueAt.line - 1] ?? 0) + valueAt.column - 1, block: false }
}

/**
 * Maps offsets of a scalar's decoded value to the file. `key` and `valueAt` are where the source
 * map puts the mapping key and its value (for a block scalar, the value's place is its body).
 */
export function yamlScalarLocator(fileText: string, key: SourceLocation, valueAt: SourceLocation, value: string): ScalarLocator {
  const starts = lineStarts(fileText)
  const start = valueStart(fileText, starts, key, valueAt)
  const tokens = start.block ? blockTokens(fileText, start.offset, key.column - 1) : flowTokens(fileText, start.offset)
  const pos = scalarPositions(tokens, value)
  return {
    at(offset) {
      const p = pos[Math.min(Math.max(0, offset), pos.length - 1)]!
      return { file: valueAt.file, ...lineCol(starts, p) }
    },
  }
}
