/**
 * Byte offsets where `bytes` is not valid UTF-8: the start of each maximal invalid subpart,
 * the unit that `TextDecoder` and `Buffer#toString` replace with one U+FFFD (WHATWG Encoding).
 */
export function invalidUtf8Offsets(bytes: Uint8Array, limit = Infinity): number[] {
  const out: number[] = []
  const n = bytes.length
  let i = 0
  while (i < n && out.length < limit) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0
      if (b === 0xed) hi = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f
    } else {
      out.push(i++)
      continue
    }
    let j = i + 1
    let ok = true
    for (let k = 0; k < need; k++, j++) {
      const c = bytes[j]
      if (c === undefined || c < lo || c > hi) {
        ok = false
        break
      }
      lo = 0x80
      hi = 0xbf
    }
    if (!ok) out.push(i)
    i = j
  }
  return out
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lenient = new TextDecoder('utf-8', { ignoreBOM: true })

export interface InvalidUtf8Place {
  line: number
  column: number
  /** The offending byte, for messages. */
  byte: number
}

export interface DecodedText {
  /** The text; invalid sequences read as U+FFFD (what every reader of the file would get). */
  text: string
  /** Where invalid sequences start (1-based line and column in `text`), at most `limit` of them. */
  invalid: InvalidUtf8Place[]
  /** How many invalid sequences there are in all (may exceed `invalid.length`). */
  invalidCount: number
}

/** Decodes UTF-8 (a BOM is kept, as `readFileSync(f, 'utf8')` keeps it) and says where it was not valid. */
export function decodeUtf8(bytes: Uint8Array, limit = 10): DecodedText {
  try {
    return { text: strict.decode(bytes), invalid: [], invalidCount: 0 }
  } catch {
    // Invalid: find the places (rare, so the second pass costs nothing in the common case).
  }
  const text = lenient.decode(bytes)
  const offsets = invalidUtf8Offsets(bytes)
  const invalid: InvalidUtf8Place[] = []
  let line = 1
  let lineStart = 0
  let scanned = 0
  for (const off of offsets.slice(0, limit)) {
    for (; scanned < off; scanned++) {
      if (bytes[scanned] === 0x0a) {
        line++
        lineStart = scanned + 1
      }
    }
    invalid.push({ line, column: lenient.decode(bytes.subarray(lineStart, off)).length + 1, byte: bytes[off]! })
  }
  return { text, invalid, invalidCount: offsets.length }
}
