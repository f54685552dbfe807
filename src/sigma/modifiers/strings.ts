import { ANY, type SigmaString, type StringPart, endsWithAny, makeString, parseSigmaString, startsWithAny } from '../values/sigma-string.js'
import type { SigmaValue } from '../values/types.js'
import { type ModifierDef, ModifierError } from './types.js'

/** Wraps a value in `*…*` (strings); regexes already search (unanchored); fieldrefs change shape. */
export const contains: ModifierDef = {
  name: 'contains',
  aliases: [],
  family: 'strings',
  scope: 'value',
  accepts: ['string', 're', 'fieldref'],
  returns: ['string', 're', 'fieldref'],
  description: 'the value may occur anywhere in the field',
  apply(v) {
    if (v.type === 'string') {
      const parts: StringPart[] = [...v.parts]
      if (!startsWithAny(v)) parts.unshift(ANY)
      if (!endsWithAny(v) || v.parts.length === 0) parts.push(ANY)
      return makeString(parts, v.cased)
    }
    if (v.type === 'fieldref') return { ...v, shape: 'contains' }
    return v
  },
}

export const startswith: ModifierDef = {
  name: 'startswith',
  aliases: [],
  family: 'strings',
  scope: 'value',
  accepts: ['string', 're', 'fieldref'],
  returns: ['string', 're', 'fieldref'],
  description: 'the field starts with the value',
  apply(v) {
    if (v.type === 'string') return endsWithAny(v) ? v : makeString([...v.parts, ANY], v.cased)
    if (v.type === 'fieldref') return { ...v, shape: 'startswith' }
    return v
  },
}

export const endswith: ModifierDef = {
  name: 'endswith',
  aliases: [],
  family: 'strings',
  scope: 'value',
  accepts: ['string', 're', 'fieldref'],
  returns: ['string', 're', 'fieldref'],
  description: 'the field ends with the value',
  apply(v) {
    if (v.type === 'string') return startsWithAny(v) ? v : makeString([ANY, ...v.parts], v.cased)
    if (v.type === 'fieldref') return { ...v, shape: 'endswith' }
    return v
  },
}

export const cased: ModifierDef = {
  name: 'cased',
  aliases: [],
  family: 'strings',
  scope: 'value',
  accepts: ['string'],
  returns: ['string'],
  description: 'match case-sensitively (the default is case-insensitive)',
  apply(v) {
    return { ...(v as SigmaString), cased: true }
  },
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015']
const WORD = /[\p{L}\p{N}_]/u
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c)

/**
 * Positions where pySigma's `\B[-/]\b` (Python: Unicode word characters) matches in a literal
 * piece: a `-` or `/` not preceded by a word character (boundary-less) and followed by one.
 */
function windashPositions(text: string): number[] {
  const chars = Array.from(text)
  const out: number[] = []
  chars.forEach((c, i) => {
    if (c !== '-' && c !== '/') return
    if (isWord(chars[i - 1])) return // `\B` before a non-word char needs a non-word char (or start) before it
    if (isWord(chars[i + 1])) out.push(i)
  })
  return out
}

/** `-` / `/` option characters become all five Windows dash forms (Cartesian product). */
export const windash: ModifierDef = {
  name: 'windash',
  aliases: [],
  family: 'strings',
  scope: 'value',
  accepts: ['string'],
  returns: ['expansion'],
  description: 'expand option dashes to -, /, en dash, em dash and horizontal bar',
  apply(v) {
    const s = v as SigmaString
    // Each literal piece is scanned on its own, as pySigma does.
    let variants: StringPart[][] = [[]]
    for (const part of s.parts) {
      if (typeof part !== 'string') {
        variants = variants.map((p) => [...p, part])
        continue
      }
      const chars = Array.from(part)
      const positions = new Set(windashPositions(part))
      let pieces: string[] = ['']
      chars.forEach((c, i) => {
        pieces = positions.has(i) ? pieces.flatMap((p) => DASHES.map((d) => p + d)) : pieces.map((p) => p + c)
      })
      variants = variants.flatMap((p) => pieces.map((piece) => [...p, piece]))
      if (variants.length > 100_000) throw new ModifierError('windash produces more than 100000 variants')
    }
    return { type: 'expansion', values: variants.map((parts) => makeString(parts, s.cased)) }
  },
}

// pySigma's placeholder: any text without `%` between two `%` (`%domain-admins%`, `%My Servers%`).
const PLACEHOLDER = /(?<!\\)%([^%]+)%/g

function escapeRegexText(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

/**
 * `%name%` placeholders are replaced by the configured values (OR-linked); `\%` is a literal
 * percent. An unresolved placeholder rejects the rule, as the spec demands.
 */
export const expand: ModifierDef = {
  name: 'expand',
  aliases: [],
  family: 'strings',
  scope: 'value',
  accepts: ['string', 're'],
  returns: ['string', 're', 'expansion'],
  description: 'replace %placeholders% with configured value lists',
  apply(v, ctx) {
    const lookup = (name: string): readonly string[] => {
      const values = Object.hasOwn(ctx.placeholders, name) ? ctx.placeholders[name] : undefined
      if (!values) throw new ModifierError(`placeholder '%${name}%' has no configured values`)
      if (values.length === 0) throw new ModifierError(`placeholder '%${name}%' has an empty value list`)
      return values
    }
    if (v.type === 're') {
      const pattern = v.pattern.replace(PLACEHOLDER, (_, name: string) => `(?:${lookup(name).map(escapeRegexText).join('|')})`)
      return { ...v, pattern: pattern.replace(/\\%/g, '%') }
    }
    const s = v as SigmaString
    // Each placeholder multiplies the alternatives; placeholder values are Sigma strings
    // (wildcards in them count).
    let variants: StringPart[][] = [[]]
    for (const part of s.parts) {
      if (typeof part !== 'string') {
        variants = variants.map((p) => [...p, part])
        continue
      }
      let last = 0
      const pieces: StringPart[][][] = []
      for (const m of part.matchAll(PLACEHOLDER)) {
        const before = part.slice(last, m.index).replace(/\\%/g, '%')
        if (before) pieces.push([[before]])
        pieces.push(lookup(m[1] as string).map((val) => [...parseSigmaString(val).parts]))
        last = (m.index as number) + m[0].length
      }
      const tail = part.slice(last).replace(/\\%/g, '%')
      if (tail) pieces.push([[tail]])
      for (const options of pieces) variants = variants.flatMap((p) => options.map((o) => [...p, ...o]))
    }
    const values: SigmaValue[] = variants.map((parts) => makeString(parts, s.cased))
    return values.length === 1 ? (values[0] as SigmaValue) : { type: 'expansion', values }
  },
}
