import { type SigmaString, hasPlaceholders, hasWildcards, literalString, makeString, toPlain } from '../values/sigma-string.js'
import { type ModifierDef, ModifierError } from './types.js'

function bytesOf(s: SigmaString): Buffer {
  const text = toPlain(s)
  return s.bytes ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8')
}

function requireLiteral(s: SigmaString, name: string): void {
  if (hasWildcards(s)) throw new ModifierError(`'${name}' cannot encode a value with wildcards (use '${name}|contains' instead of 'contains|${name}')`)
  if (hasPlaceholders(s)) throw new ModifierError(`'${name}' cannot encode a placeholder`)
}

export const base64: ModifierDef = {
  name: 'base64',
  aliases: [],
  family: 'encodings',
  scope: 'value',
  accepts: ['string'],
  returns: ['string'],
  description: 'the value Base64-encoded (with padding)',
  apply(v) {
    const s = v as SigmaString
    requireLiteral(s, 'base64')
    return literalString(bytesOf(s).toString('base64'), s.cased)
  },
}

const START = [0, 2, 3]
const END = [undefined, -3, -2]

/**
 * The three Base64 renderings of the value at byte offsets 0, 1 and 2 inside a larger text, with
 * the characters that depend on unknown neighbours removed (pySigma's construction, including
 * its use of the character count to pick the end trim).
 */
export const base64offset: ModifierDef = {
  name: 'base64offset',
  aliases: [],
  family: 'encodings',
  scope: 'value',
  accepts: ['string'],
  returns: ['expansion'],
  description: 'the three Base64 renderings of the value at any offset (use with contains)',
  apply(v) {
    const s = v as SigmaString
    requireLiteral(s, 'base64offset')
    const bytes = bytesOf(s)
    // pySigma's len(SigmaString): characters of the literal text (an escaped `\*` counts once).
    const length = s.parts.reduce((n, p) => n + (typeof p === 'string' ? Array.from(p).length : 1), 0)
    const values = [0, 1, 2].map((i) => {
      const encoded = Buffer.concat([Buffer.alloc(i, 0x20), bytes]).toString('base64')
      return literalString(encoded.slice(START[i], END[(length + i) % 3]), s.cased)
    })
    return { type: 'expansion', values }
  },
}

function utf16(s: SigmaString, mode: 'le' | 'be', bom: boolean): SigmaString {
  const parts = s.parts.map((p) => {
    if (typeof p !== 'string') return p
    let out = ''
    for (let i = 0; i < p.length; i++) {
      const u = p.charCodeAt(i)
      const lo = String.fromCharCode(u & 0xff)
      const hi = String.fromCharCode(u >> 8)
      out += mode === 'le' ? lo + hi : hi + lo
    }
    return out
  })
  const first = bom ? [mode === 'le' ? '\xff\xfe' : '\xfe\xff'] : []
  // One character per byte (U+0000–U+00FF), so Base64 encodes the bytes, not their UTF-8 form.
  return { ...makeString([...first, ...parts], s.cased), bytes: true }
}

export const utf16le: ModifierDef = {
  name: 'utf16le',
  aliases: ['wide'],
  family: 'encodings',
  scope: 'value',
  accepts: ['string'],
  returns: ['string'],
  description: 'the value as UTF-16LE bytes (wildcards kept)',
  apply(v) {
    return utf16(v as SigmaString, 'le', false)
  },
}

export const utf16be: ModifierDef = {
  name: 'utf16be',
  aliases: [],
  family: 'encodings',
  scope: 'value',
  accepts: ['string'],
  returns: ['string'],
  description: 'the value as UTF-16BE bytes (wildcards kept)',
  apply(v) {
    return utf16(v as SigmaString, 'be', false)
  },
}

export const utf16mod: ModifierDef = {
  name: 'utf16',
  aliases: [],
  family: 'encodings',
  scope: 'value',
  accepts: ['string'],
  returns: ['string'],
  description: 'the value as UTF-16 with byte-order mark (FF FE, little endian)',
  apply(v) {
    return utf16(v as SigmaString, 'le', true)
  },
}

