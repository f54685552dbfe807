import { describe, expect, it } from 'vitest'
import { translatePythonRegex } from '../../../src/sigma/values/regex.js'
import { item, itemError } from './helpers.js'

describe('re', () => {
  it('searches (unanchored) and is case-sensitive by default', () => {
    expect(item('f|re', 'bash -[ic]', { f: '/bin/bash -i >& /dev/tcp' })).toBe(true)
    expect(item('f|re', 'BASH', { f: 'bash' })).toBe(false)
    expect(item('f|re', '^a.c$', { f: 'abc' })).toBe(true)
  })
  it('uses the raw YAML string (no Sigma escape processing)', () => {
    expect(item('f|re', 'a\\*b', { f: 'a*b' })).toBe(true)
    expect(item('f|re', 'a\\*b', { f: 'axb' })).toBe(false)
    expect(item('f|re', '\\d{3}', { f: 'x123' })).toBe(true)
  })
  it('i, m, s flags and their long aliases', () => {
    expect(item('f|re|i', 'BASH', { f: 'bash' })).toBe(true)
    expect(item('f|re|ignorecase', 'BASH', { f: 'bash' })).toBe(true)
    expect(item('f|re|m', '^b$', { f: 'a\nb\nc' })).toBe(true)
    expect(item('f|re', '^b$', { f: 'a\nb\nc' })).toBe(false)
    expect(item('f|re|multiline', '^b$', { f: 'a\nb\nc' })).toBe(true)
    expect(item('f|re|s', 'a.b', { f: 'a\nb' })).toBe(true)
    expect(item('f|re|dotall', 'a.b', { f: 'a\nb' })).toBe(true)
    expect(item('f|re', 'a.b', { f: 'a\nb' })).toBe(false)
  })
  it('a leading inline (?i) / (?s) / (?m) group becomes a flag', () => {
    expect(item('f|re', '(?i)bash', { f: 'BASH' })).toBe(true)
    expect(item('f|re', '(?is)a.B', { f: 'A\nb' })).toBe(true)
    expect(item('f|re', '(?i)(?m)^x$', { f: 'a\nX' })).toBe(true)
  })
  it('matches numbers by their text and arrays element-wise', () => {
    expect(item('code|re', '^40[13]$', { code: 403 })).toBe(true)
    expect(item('f|re', 'x$', { f: ['a', 'bx'] })).toBe(true)
  })
  it('contains/startswith/endswith/all/neq/expand may follow re', () => {
    expect(item('f|re|contains', 'ab', { f: 'xaby' })).toBe(true)
    expect(item('f|re|all', ['a', 'b'], { f: 'ab' })).toBe(true)
    expect(item('f|re|all', ['a', 'c'], { f: 'ab' })).toBe(false)
    expect(item('f|re|neq', 'a', { f: 'b' })).toBe(true)
  })
  it('must be first; flags only after re; invalid patterns are compile errors', () => {
    expect(itemError('f|contains|re', 'x')?.message).toMatch(/'re' modifier must come first/)
    expect(itemError('f|i', 'x')?.message).toMatch(/flag of 're'/)
    expect(itemError('f|re', '(unclosed')?.message).toMatch(/invalid regular expression/)
    expect(itemError('f|re', 'a(?i)b')?.message).toMatch(/start of the expression/)
    expect(itemError('f|re', '(?i:a)b')?.message).toMatch(/scoped inline flags/)
    expect(itemError('f|re', '(?>a)')?.message).toMatch(/atomic/)
    expect(itemError('f|re', 'a++')?.message).toMatch(/possessive/)
    expect(itemError('f|re', 5)?.message).toMatch(/number/)
  })
})

describe('Python → JavaScript regex translation', () => {
  it.each([
    ['(?P<x>a)(?P=x)', '(?<x>a)\\k<x>', 'aa'],
    ['\\Aab', '^ab', 'ab'],
    ['ab\\Z', 'ab(?![\\s\\S])', 'ab'],
    ['a{,2}', 'a{0,2}', 'aa'],
    ['a(?#comment)b', 'ab', 'ab'],
    ['[]a]', '[\\]a]', ']'],
    ['[^]a]', '[^\\]a]', 'b'],
    ['[$]', '[$]', '$'],
  ])('%s → %s', (py, js, sample) => {
    const t = translatePythonRegex(py, '')
    expect(t.source).toBe(js)
    expect(new RegExp(t.source, t.flags).test(sample)).toBe(true)
  })
  it("$ also matches before a final newline, as in Python", () => {
    expect(item('f|re', 'exe$', { f: 'cmd.exe\n' })).toBe(true)
    expect(item('f|re', 'exe$', { f: 'cmd.exe\nx' })).toBe(false)
  })
  it('keeps identity escapes that the u flag would reject', () => {
    expect(item('f|re', '\\"\\-x', { f: '"-x' })).toBe(true)
  })
})
