import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileLinearGlob } from '../../../src/sigma/values/glob.js'
import { ANY, ONE, type StringPart } from '../../../src/sigma/values/sigma-string.js'
import { compileGlob } from '../../../src/sigma/values/match.js'
import { parseSigmaString } from '../../../src/sigma/values/sigma-string.js'

/** The reading the matcher must keep: an anchored `u` RegExp (`*` = [^]*, `?` = one code point). */
function reference(parts: readonly StringPart[]): (t: string) => boolean {
  let src = '^'
  for (const p of parts) {
    if (typeof p === 'string') src += p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
    else src += (p as { kind: string }).kind === 'any' ? '[^]*' : '[^]'
  }
  const re = new RegExp(src + '$', 'u')
  return (t) => re.test(t)
}

const char = fc.constantFrom('a', 'b', 'A', '.', '\n', '😀', 'é')
const part: fc.Arbitrary<StringPart> = fc.oneof(fc.constant(ANY), fc.constant(ONE), fc.string({ unit: char, minLength: 1, maxLength: 3 }))
const text = fc.string({ unit: char, maxLength: 12 })

describe('linear glob matcher', () => {
  it('agrees with the anchored RegExp reading on any glob and text', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 7 }), text, (parts, t) => {
        expect(compileLinearGlob(parts)(t)).toBe(reference(parts)(t))
      }),
      { numRuns: 3000 },
    )
  })

  it('matches texts built from the glob', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(part, text), { maxLength: 6 }), (pieces) => {
        const parts = pieces.map(([p]) => p)
        // Replace each wildcard by text it may stand for: the result must match.
        const t = pieces.map(([p, fill]) => (typeof p === 'string' ? p : (p as { kind: string }).kind === 'any' ? fill : '😀')).join('')
        expect(compileLinearGlob(parts)(t)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it('is linear where the backtracking RegExp was not: *a*a*a*a*a*b against 400 characters', () => {
    // The old matcher (a backtracking RegExp) ran past the test timeout here; no timing is asserted.
    const test = compileGlob(parseSigmaString('*a*a*a*a*a*a*a*a*b'))
    for (let n = 100; n <= 400; n += 50) expect(test('a'.repeat(n))).toBe(false)
    expect(test('a'.repeat(400) + 'b')).toBe(true)
    expect(compileGlob(parseSigmaString('*a?a*a?a*a?a*b'))('a'.repeat(100_000))).toBe(false)
  })

  it('keeps escapes: an escaped * or ? is literal text', () => {
    const test = compileGlob(parseSigmaString('a\\*b?c*'))
    expect(test('a*bxcyz')).toBe(true)
    expect(test('axbxc')).toBe(false)
  })
})
