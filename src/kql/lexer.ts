import { KqlError } from './errors.js'

export type TokenKind = 'ident' | 'string' | 'number' | 'timespan' | 'punct' | 'eof'

export interface Token {
  kind: TokenKind
  /** Identifier/keyword text, punctuation, or the decoded string value. */
  text: string
  /** Numbers: the value; timespans: milliseconds. */
  value?: number
  /** Offset of the token's first character in the query text. */
  offset: number
  end: number
}

/** Operator names written with a dash: one token, as Kusto's own lexer reads them. */
const DASHED = new Set([
  'project-away', 'project-rename', 'project-reorder', 'project-keep', 'mv-expand', 'mv-apply',
  'make-series', 'parse-where', 'parse-kv', 'top-nested', 'top-hitters', 'order-by', 'project-smart',
])

const TIMESPAN_UNITS: Record<string, number> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001, tick: 0.0001, ticks: 0.0001,
}

const PUNCT = ['!~', '=~', '==', '!=', '<>', '<=', '>=', '..', '=>', '|', '(', ')', '[', ']', '{', '}', ',', ';', '=', '<', '>', '+', '-', '*', '/', '%', '.', ':', '~', '!', '?']

const isIdentStart = (c: string): boolean => /[A-Za-z_$]/.test(c)
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_$]/.test(c)

function readString(text: string, i: number, quote: string, verbatim: boolean): { value: string; end: number } {
  let out = ''
  let j = i + 1
  for (;;) {
    if (j >= text.length || text[j] === '\n') throw new KqlError('syntax', 'unterminated string literal', i)
    const c = text[j]!
    if (c === quote) {
      if (verbatim && text[j + 1] === quote) {
        out += quote
        j += 2
        continue
      }
      return { value: out, end: j + 1 }
    }
    if (c === '\\' && !verbatim) {
      const n = text[j + 1]
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' }
      if (n !== undefined && n in map) {
        out += map[n]
        j += 2
        continue
      }
      if (n === 'u') {
        out += String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16))
        j += 6
        continue
      }
      out += n ?? ''
      j += 2
      continue
    }
    out += c
    j++
  }
}

/** Splits a query into tokens, with offsets. Comments (`//`) are skipped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
      continue
    }
    // String literals: "…", '…', @"…" (verbatim), h"…" (obfuscated), and ```…``` multi-line.
    if (text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3)
      if (end < 0) throw new KqlError('syntax', 'unterminated string literal', i)
      tokens.push({ kind: 'string', text: text.slice(i + 3, end), offset: i, end: end + 3 })
      i = end + 3
      continue
    }
    let prefix = 0
    let verbatim = false
    if ((c === '@' || c === 'h' || c === 'H') && (text[i + 1] === '"' || text[i + 1] === "'")) {
      prefix = 1
      verbatim = c === '@'
    } else if ((c === 'h' || c === 'H') && text[i + 1] === '@' && (text[i + 2] === '"' || text[i + 2] === "'")) {
      prefix = 2
      verbatim = true
    }
    const q = text[i + prefix]
    if (q === '"' || q === "'") {
      const s = readString(text, i + prefix, q, verbatim)
      tokens.push({ kind: 'string', text: s.value, offset: i, end: s.end })
      i = s.end
      continue
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 64))!
      let j = i + m[0].length
      const num = Number(m[0])
      const unit = /^[A-Za-z]+/.exec(text.slice(j, j + 16))?.[0]
      if (unit !== undefined) {
        const scale = TIMESPAN_UNITS[unit.toLowerCase()]
        if (scale === undefined) {
          // Kusto names may start with digits (`3plogTime`).
          let k = j
          while (k < text.length && isIdentPart(text[k]!)) k++
          tokens.push({ kind: 'ident', text: text.slice(i, k), offset: i, end: k })
          i = k
          continue
        }
        j += unit.length
        tokens.push({ kind: 'timespan', text: text.slice(i, j), value: num * scale, offset: i, end: j })
      } else tokens.push({ kind: 'number', text: m[0], value: num, offset: i, end: j })
      i = j
      continue
    }
    if (isIdentStart(c)) {
      let j = i + 1
      while (j < text.length && isIdentPart(text[j]!)) j++
      let word = text.slice(i, j)
      const dash = /^-[a-z]+/.exec(text.slice(j, j + 20))
      if (dash && DASHED.has(word + dash[0])) {
        word += dash[0]
        j += dash[0].length
      }
      tokens.push({ kind: 'ident', text: word, offset: i, end: j })
      i = j
      continue
    }
    const p = PUNCT.find((x) => text.startsWith(x, i))
    if (!p) throw new KqlError('syntax', `unexpected character '${c}'`, i)
    tokens.push({ kind: 'punct', text: p, offset: i, end: i + p.length })
    i += p.length
  }
  tokens.push({ kind: 'eof', text: '', offset: text.length, end: text.length })
  return tokens
}
