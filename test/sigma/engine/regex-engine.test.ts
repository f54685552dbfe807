import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { backtrackingBound, compileSigmaRegex, re2Source, RegexBudgetError, regexBudget, setRegexBudget } from '../../../src/sigma/values/regex-engine.js'
import { translatePythonRegex } from '../../../src/sigma/values/regex.js'

/** The JavaScript reading of a Python pattern: what the evaluator ran before RE2. */
const js = (pattern: string, flags = '') => {
  const t = translatePythonRegex(pattern, flags)
  return new RegExp(t.source, t.flags)
}

describe('|re on a linear-time engine', () => {
  it('runs the usual Sigma patterns on RE2', () => {
    for (const p of ['(a+)+$', '\\.exe$', '(?i)^cmd\\.exe\\s+/c', '[a-z0-9]{32}', '(?P<x>ab)\\d+', '\\AGET\\Z', 'a.b', '^\\s*$', '\\x41\\u00e9'])
      expect(compileSigmaRegex(p, '').engine, p).toBe('re2')
  })

  it('runs V8 directly only where its worst case on the text is small', () => {
    expect(backtrackingBound('^10\\.')).toBe(Infinity)
    expect(backtrackingBound('[a-z]+\\.exe')).toBe(1000)
    expect(backtrackingBound('a.*b.*c')).toBe(99)
    for (const p of ['(a+)+$', '(a|b)*', '(?<n>a+)+', '(a)\\1', '(?:x?y)*']) expect(backtrackingBound(p), p).toBe(-1)
    for (const p of ['(?:ab)+', '(?:a+b)?', '(?:exe|dll)$', 'x{1,100}']) expect(backtrackingBound(p), p).toBeGreaterThan(0)
  })

  it('(a+)+$ against 33+ characters returns at once', () => {
    const re = compileSigmaRegex('(a+)+$', '')
    expect(re.test('a'.repeat(33) + '!')).toBe(false)
    expect(re.test('a'.repeat(100_000) + '!')).toBe(false)
    expect(re.test('b' + 'a'.repeat(40))).toBe(true)
  })

  it('falls back to the JavaScript engine for what RE2 cannot express', () => {
    for (const p of ['(?=a)b', '(a)\\1', '(?<!x)y', 'a(?!b)', '$\\n', '[\\S]']) expect(compileSigmaRegex(p, '').engine, p).toBe('backtracking')
    const look = compileSigmaRegex('foo(?=bar)', '')
    expect(look.test('xfoobar')).toBe(true)
    expect(look.test('foobaz')).toBe(false)
  })

  it("Python's $ before a final newline, \\s as JavaScript reads it, and code points", () => {
    expect(compileSigmaRegex('exe$', '').test('a.exe\n')).toBe(true)
    expect(compileSigmaRegex('exe$', '').test('a.exe\n\n')).toBe(false)
    expect(compileSigmaRegex('a\\sb', '').test('a\u00a0b')).toBe(true)
    expect(compileSigmaRegex('a[^\\s]b', '').test('a\u2028b')).toBe(false)
    // Texts with surrogate pairs keep the JavaScript (UTF-16) reading.
    expect(compileSigmaRegex('^.$', 's').test('😀')).toBe(js('^.$', 's').test('😀'))
    expect(compileSigmaRegex('\\U0001F600', '').test('x😀')).toBe(true)
  })

  it('agrees with the JavaScript reading on generated patterns and texts', () => {
    const atom = fc.constantFrom('a', 'b', '.', '\\d', '\\s', '\\S', '\\w', '[ab]', '[^a]', '[\\sa]', '\\.', '\\-', '(?:ab|b)', '(a|b)', '^', '$', '\\A', '\\Z', '\\b')
    const quant = fc.constantFrom('', '', '*', '+', '?', '{1,2}', '*?')
    const pattern = fc.array(fc.tuple(atom, quant), { minLength: 1, maxLength: 5 }).map((xs) => xs.map(([a, q]) => (['^', '$', '\\A', '\\Z', '\\b'].includes(a) ? a : a + q)).join(''))
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', '\n', '.', '-', '\u00a0', 'A'), maxLength: 8 })
    fc.assert(
      fc.property(pattern, fc.constantFrom('', 'i', 'm', 's'), text, (p, flags, t) => {
        let reference: RegExp
        try {
          reference = js(p, flags)
        } catch {
          return
        }
        expect(compileSigmaRegex(p, flags).test(t)).toBe(reference.test(t))
        const slow = compileSigmaRegex(p, flags, { fastPath: false })
        if (slow.engine === 're2') expect(slow.test(t), `RE2 on ${JSON.stringify(t)}`).toBe(reference.test(t))
      }),
      { numRuns: 3000 },
    )
  })

  it('re2Source refuses constructs whose meaning could differ', () => {
    expect(re2Source('(?=a)')).toBeUndefined()
    expect(re2Source('\\1')).toBeUndefined()
    expect(re2Source('[]')).toBeUndefined()
    expect(re2Source('a\ud83d')).toBeUndefined()
    expect(re2Source('(?<n>a)')).toBe('(?P<n>a)')
  })
})

describe('the backtracking fallback runs under a per-event budget', () => {
  const saved = regexBudget()
  afterEach(() => setRegexBudget(saved))

  it('throws RegexBudgetError naming the pattern, and the next evaluation works', () => {
    setRegexBudget(200)
    const evil = compileSigmaRegex('^(?=(a+)+$)b', '')
    expect(evil.engine).toBe('backtracking')
    expect(() => evil.test('a'.repeat(40) + '!')).toThrow(RegexBudgetError)
    expect(() => evil.test('a'.repeat(40) + '!')).toThrow("regex '^(?=(a+)+$)b' did not finish within 200 ms")
    expect(compileSigmaRegex('a(?=b)', '').test('ab')).toBe(true)
  })
})
