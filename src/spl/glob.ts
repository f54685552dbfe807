/**
 * Wildcard patterns (`*` any run, and for LIKE `_` any one character) matched without regular
 * expressions: a backtracking regex of a few `.*` takes time exponential in their number
 * (`verb=*a*a*a*a*a*a*a*a*a*a*b` on a 40-character value ran for 40 s), and a search is untrusted
 * input. Here the literal parts are placed from the right, each at its last place that leaves room
 * for the ones before it: O(text × pattern), and the runs the wildcards take are the ones a greedy
 * regex would give (the first as long as it can be), which `rename a*b as …` relies on.
 */

/** One literal part: its characters, `any` marking the positions of a one-character wildcard. */
interface Part {
  text: string
  any?: boolean[]
}

export interface Glob {
  test(text: string): boolean
  /** The runs each `*` took, in order, or undefined when the text does not match. */
  captures(text: string): string[] | undefined
}

function partAt(text: string, at: number, part: Part): boolean {
  const p = part.text
  if (!part.any) return text.startsWith(p, at)
  if (at + p.length > text.length) return false
  for (let i = 0; i < p.length; i++) if (!part.any[i] && text.charCodeAt(at + i) !== p.charCodeAt(i)) return false
  return true
}

/** The last place in [lo, hi - length] where the part stands, or -1. */
function lastAt(text: string, part: Part, lo: number, hi: number): number {
  const start = hi - part.text.length
  if (start < lo) return -1
  if (!part.any) {
    const p = text.lastIndexOf(part.text, start)
    return p >= lo ? p : -1
  }
  for (let p = start; p >= lo; p--) if (partAt(text, p, part)) return p
  return -1
}

/** A glob of parts between wildcards (`parts.length - 1` of them); `fold` compares lower-cased. */
export function globOf(parts: readonly Part[], fold: boolean): Glob {
  const ps = fold ? parts.map((p) => ({ ...p, text: p.text.toLowerCase() })) : parts
  const k = ps.length - 1
  const place = (text: string): number[] | undefined => {
    const first = ps[0]!
    if (k === 0) return text.length === first.text.length && partAt(text, 0, first) ? [] : undefined
    const last = ps[k]!
    const lo = first.text.length
    const end = text.length - last.text.length
    if (end < lo || !partAt(text, 0, first) || !partAt(text, end, last)) return undefined
    const at: number[] = new Array(k + 1)
    at[0] = 0
    at[k] = end
    let hi = end
    for (let i = k - 1; i >= 1; i--) {
      const p = lastAt(text, ps[i]!, lo, hi)
      if (p < 0) return undefined
      at[i] = p
      hi = p
    }
    return at
  }
  return {
    test: (text) => place(fold ? text.toLowerCase() : text) !== undefined,
    captures(text) {
      const t = fold ? text.toLowerCase() : text
      const at = place(t)
      if (!at) return undefined
      const out: string[] = []
      for (let i = 0; i < k; i++) out.push(t.slice(at[i]! + ps[i]!.text.length, at[i + 1]))
      return out
    },
  }
}

/** Splits on `*`; in a bare (unquoted) value `\x` is the character x (Splunk's escapes). */
function starParts(pattern: string, escapes: boolean): Part[] {
  if (!escapes) return pattern.split('*').map((text) => ({ text }))
  const parts: Part[] = []
  let cur = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) cur += pattern[++i]
    else if (c === '*') {
      parts.push({ text: cur })
      cur = ''
    } else cur += c
  }
  parts.push({ text: cur })
  return parts
}

const cache = new Map<string, Glob>()
function cached(key: string, make: () => Glob): Glob {
  let g = cache.get(key)
  if (!g) {
    if (cache.size > 5000) cache.clear()
    cache.set(key, (g = make()))
  }
  return g
}

/** A search value: `*` wildcards, case-insensitive; a bare value's backslash escapes its next character. */
export function valueGlob(pattern: string, bare: boolean): Glob {
  return cached(`v${bare ? 'b' : 'q'}${pattern}`, () => globOf(starParts(pattern, bare && pattern.includes('\\')), true))
}

/** A field-name pattern (`table`, `fields`, `rename`): `*` wildcards, case-sensitive. */
export function nameGlob(pattern: string): Glob {
  return cached(`n${pattern}`, () => globOf(starParts(pattern, false), false))
}

/** `LIKE` / `like()`: `%` any run, `_` any one character, case-sensitive. */
export function likeGlob(pattern: string): Glob {
  return cached(`l${pattern}`, () =>
    globOf(
      pattern.split('%').map((text) => (text.includes('_') ? { text, any: Array.from({ length: text.length }, (_, i) => text[i] === '_') } : { text })),
      false,
    ),
  )
}
