import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSigmaString as lintParse, sigmaStringRegex } from '../../../src/lint/sigma/wildcard.js'
import { ANY, ONE, type StringPart, parseSigmaString } from '../../../src/sigma/values/sigma-string.js'

/**
 * The escape rules of spec §3.c read one character at a time: a backslash escapes `*`, `?` and
 * itself; before any other character, or at the end, it is a literal backslash. Both parsers
 * (the evaluator's and lint's) must agree with this reading on any text.
 */
function reference(text: string): { parts: StringPart[]; escapedWildcard: boolean } {
  const parts: StringPart[] = []
  let acc = ''
  let escapedWildcard = false
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string
    const n = chars[i + 1]
    if (c === '\\' && (n === '*' || n === '?' || n === '\\')) {
      if (n !== '\\') escapedWildcard = true
      acc += n
      i++
    } else if (c === '*' || c === '?') {
      if (acc !== '') parts.push(acc)
      parts.push(c === '*' ? ANY : ONE)
      acc = ''
    } else acc += c
  }
  if (acc !== '') parts.push(acc)
  return { parts, escapedWildcard }
}

// Texts dense in the special characters, with some non-ASCII (astral) characters in between.
const text = fc.oneof(
  fc.array(fc.constantFrom('\\', '*', '?', 'a', 'B', ' ', 'é', '😀', '%'), { maxLength: 12 }).map((cs) => cs.join('')),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
)

describe('Sigma string parsing', () => {
  it('the evaluator reads escapes and wildcards as the spec does', () => {
    fc.assert(
      fc.property(text, (t) => {
        const parsed = parseSigmaString(t)
        expect(parsed.parts).toEqual(reference(t).parts)
        expect(parsed.original).toBe(t)
      }),
      { numRuns: 3000 },
    )
  })

  it("lint's tokens and escaped-wildcard flag agree with the same reading", () => {
    fc.assert(
      fc.property(text, (t) => {
        const ref = reference(t)
        const parsed = lintParse(t)
        expect(parsed.tokens).toEqual(ref.parts)
        expect(parsed.escapedWildcard).toBe(ref.escapedWildcard)
      }),
      { numRuns: 3000 },
    )
  })

  it('an escaped wildcard standing alone between wildcards stays a literal character', () => {
    const re = sigmaStringRegex('a*\\**b', 'exact')
    expect(re.test('aX*Yb')).toBe(true)
    expect(re.test('aXYb')).toBe(false)
    expect(lintParse('\\*').escapedWildcard).toBe(true)
    expect(lintParse('\\\\*').escapedWildcard).toBe(false)
  })
})
