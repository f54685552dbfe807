/**
 * Sigma strings as typed token sequences (spec §3.c): literal text, the `*` and `?` wildcards and
 * `%name%` placeholders. A wildcard is a token here, never a raw character, so modifiers can add
 * or encode text without re-parsing escapes.
 */

/** The `*` wildcard: any sequence of characters, including none and newlines. */
export const ANY: Wildcard = Object.freeze({ kind: 'any' })
/** The `?` wildcard: exactly one character. */
export const ONE: Wildcard = Object.freeze({ kind: 'one' })

export interface Wildcard {
  readonly kind: 'any' | 'one'
}
export interface PlaceholderPart {
  readonly kind: 'placeholder'
  readonly name: string
}
/** A piece of a Sigma string: literal text (never empty) or a special token. */
export type StringPart = string | Wildcard | PlaceholderPart

export interface SigmaString {
  readonly type: 'string'
  readonly parts: readonly StringPart[]
  /** Case-sensitive (`|cased`); strings are case-insensitive by default. */
  readonly cased: boolean
  /** The YAML text before escape processing; only on values no modifier has changed yet. */
  readonly original?: string
  /** Each character is one byte (output of the UTF-16 modifiers); Base64 encodes those bytes. */
  readonly bytes?: boolean
}

const BACKSLASH = 0x5c
const STAR = 0x2a
const QUESTION = 0x3f

/**
 * Parses a YAML string into a Sigma string with the escape rules of the spec: a backslash escapes
 * only `*`, `?` and itself; before any other character (or at the end) it is kept literally.
 */
export function parseSigmaString(text: string): SigmaString {
  const parts: StringPart[] = []
  // Literal text is copied in slices between the special characters (`\\`, `*`, `?`), not
  // character by character: every detection value of every rule passes through here.
  let acc = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === BACKSLASH) {
      const n = text.charCodeAt(i + 1)
      if (n === STAR || n === QUESTION || n === BACKSLASH) {
        acc += text.slice(from, i) + text[i + 1]
        i++
        from = i + 1
      }
      // Before any other character (or at the end) the backslash stays, as literal text.
    } else if (c === STAR || c === QUESTION) {
      acc += text.slice(from, i)
      if (acc !== '') parts.push(acc)
      parts.push(c === STAR ? ANY : ONE)
      acc = ''
      from = i + 1
    }
  }
  acc += text.slice(from)
  if (acc !== '') parts.push(acc)
  return { type: 'string', parts, cased: false, original: text }
}

/** A Sigma string holding only literal text (no wildcard interpretation). */
export function literalString(text: string, cased = false): SigmaString {
  return { type: 'string', parts: text === '' ? [] : [text], cased }
}

/** Builds a string from parts, merging adjacent literal text. */
export function makeString(parts: readonly StringPart[], cased: boolean): SigmaString {
  const merged: StringPart[] = []
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part === '') continue
      const last = merged[merged.length - 1]
      if (typeof last === 'string') merged[merged.length - 1] = last + part
      else merged.push(part)
    } else {
      merged.push(part)
    }
  }
  return { type: 'string', parts: merged, cased }
}

export function hasWildcards(s: SigmaString): boolean {
  return s.parts.some((p) => typeof p !== 'string' && p.kind !== 'placeholder')
}

export function hasPlaceholders(s: SigmaString): boolean {
  return s.parts.some((p) => typeof p !== 'string' && p.kind === 'placeholder')
}

/**
 * The string in Sigma notation: literal `*`/`?` escaped, wildcards bare, placeholders as `%name%`.
 * This is also the text pySigma encodes for `base64` (so an escaped `\*` keeps its backslash).
 */
export function toPlain(s: SigmaString): string {
  let out = ''
  for (const p of s.parts) {
    if (typeof p === 'string') out += p.replace(/[*?]/g, '\\$&')
    else if (p.kind === 'any') out += '*'
    else if (p.kind === 'one') out += '?'
    else out += `%${(p as PlaceholderPart).name}%`
  }
  return out
}

/** Literal text of a string without wildcards or placeholders (undefined otherwise). */
export function plainText(s: SigmaString): string | undefined {
  let out = ''
  for (const p of s.parts) {
    if (typeof p !== 'string') return undefined
    out += p
  }
  return out
}

export function startsWithAny(s: SigmaString): boolean {
  const first = s.parts[0]
  return first !== undefined && typeof first !== 'string' && first.kind === 'any'
}

export function endsWithAny(s: SigmaString): boolean {
  const last = s.parts[s.parts.length - 1]
  return last !== undefined && typeof last !== 'string' && last.kind === 'any'
}
