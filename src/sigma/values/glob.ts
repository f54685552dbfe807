/**
 * Sigma wildcard matching without backtracking. A glob is split at its `*`s into segments (text
 * and `?`); the first segment is anchored at the start, the last at the end, and every middle
 * segment is matched at its leftmost position after the previous one. Leftmost-first is optimal
 * for `*`-separated segments, so no choice is ever revisited: `*a*a*a*a*a*b` against 400
 * characters costs a few `indexOf` calls instead of the billions of steps a regex takes.
 *
 * Literal text is compared as written (callers fold case first); `?` is one character, a code
 * point as in Python (a surrogate pair counts once), like the `u` RegExp this replaces.
 */
import type { StringPart } from './sigma-string.js'

/** One `*`-free piece of a glob: text and `?` wildcards. */
type Segment = readonly (string | null)[]

export type GlobTest = (text: string) => boolean

const SURROGATE = /[\uD800-\uDFFF]/

/**
 * Compiles glob parts (literal strings and `{kind: 'any' | 'one'}` wildcards; no placeholders)
 * into a linear-time test. `fold` is applied to the literal parts (lower-casing for
 * case-insensitive values; the caller folds the text the same way).
 */
export function compileLinearGlob(parts: readonly StringPart[], fold: (t: string) => string = (t) => t): GlobTest {
  const segments: Segment[] = [[]]
  for (const p of parts) {
    const current = segments[segments.length - 1] as (string | null)[]
    if (typeof p === 'string') current.push(fold(p))
    else if (p.kind === 'any') segments.push([])
    else if (p.kind === 'one') current.push(null)
    else throw new Error('internal: placeholder left in a value')
  }
  const hasOne = segments.some((s) => s.includes(null))
  if (!hasOne) return textGlob(segments.map((s) => s.join('')))
  // With `?`: segments as code points; text with surrogate pairs is split into code points too.
  const points = segments.map((s) => s.flatMap((x) => (x === null ? [null] : Array.from(x))))
  const byUnits = points.every((s) => s.every((x) => x === null || x.length === 1))
  return (text) => {
    const chars: readonly string[] | string = byUnits && !SURROGATE.test(text) ? text : Array.from(text)
    return pointGlob(points, chars)
  }
}

/** Segments of plain text: startsWith / endsWith / indexOf. */
function textGlob(segs: readonly string[]): GlobTest {
  if (segs.length === 1) {
    const only = segs[0] as string
    return (t) => t === only
  }
  const first = segs[0] as string
  const last = segs[segs.length - 1] as string
  const middle = segs.slice(1, -1).filter((s) => s !== '')
  const fixed = first.length + last.length
  return (t) => {
    if (t.length < fixed || !t.startsWith(first) || !t.endsWith(last)) return false
    let at = first.length
    const end = t.length - last.length
    for (let i = 0; i < middle.length; i++) {
      const s = middle[i] as string
      const found = t.indexOf(s, at)
      if (found === -1 || found + s.length > end) return false
      at = found + s.length
    }
    return true
  }
}

/** Whether `seg` matches `chars` at `at` (`null` = any one character). */
function matchesAt(seg: readonly (string | null)[], chars: readonly string[] | string, at: number): boolean {
  for (let k = 0; k < seg.length; k++) {
    const c = seg[k]
    if (c !== null && c !== chars[at + k]) return false
  }
  return true
}

/** Segments with `?`, over characters (a string of BMP text, or an array of code points). */
function pointGlob(segs: readonly (readonly (string | null)[])[], chars: readonly string[] | string): boolean {
  const n = chars.length
  const first = segs[0] as readonly (string | null)[]
  if (segs.length === 1) return n === first.length && matchesAt(first, chars, 0)
  const last = segs[segs.length - 1] as readonly (string | null)[]
  if (n < first.length + last.length || !matchesAt(first, chars, 0) || !matchesAt(last, chars, n - last.length)) return false
  let at = first.length
  const end = n - last.length
  for (let i = 1; i < segs.length - 1; i++) {
    const s = segs[i] as readonly (string | null)[]
    let found = -1
    for (let p = at; p + s.length <= end; p++) {
      if (matchesAt(s, chars, p)) {
        found = p
        break
      }
    }
    if (found === -1) return false
    at = found + s.length
  }
  return true
}
