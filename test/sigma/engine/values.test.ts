import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileGlob, memoize } from '../../../src/sigma/values/match.js'
import { ANY, ONE, parseSigmaString, toPlain } from '../../../src/sigma/values/sigma-string.js'
import { item, itemError, sel } from './helpers.js'

describe('Sigma string escapes (spec §3.c)', () => {
  it.each([
    ['a*b', ['a', ANY, 'b']],
    ['a?b', ['a', ONE, 'b']],
    ['a\\*b', ['a*b']],
    ['a\\?b', ['a?b']],
    ['a\\\\b', ['a\\b']],
    ['C:\\Windows\\System32', ['C:\\Windows\\System32']],
    ['trailing\\', ['trailing\\']],
    ['x\\\\*', ['x\\', ANY]],
    ['x\\\\\\*', ['x\\*']],
    ['x\\\\\\\\', ['x\\\\']],
    ["C:\\Windows\\*", ['C:\\Windows*']],
    ['', []],
  ])('%j parses to %j', (text, parts) => {
    expect(parseSigmaString(text).parts).toEqual(parts)
  })

  it('toPlain re-escapes literal wildcards', () => {
    expect(toPlain(parseSigmaString('a\\*b*'))).toBe('a\\*b*')
  })
})

describe('plain value matching', () => {
  it('is an exact, case-insensitive whole-value match', () => {
    expect(item('verb', 'create', { verb: 'create' })).toBe(true)
    expect(item('verb', 'create', { verb: 'CREATE' })).toBe(true)
    expect(item('verb', 'CREATE', { verb: 'create' })).toBe(true)
    expect(item('verb', 'create', { verb: 'created' })).toBe(false)
    expect(item('verb', 'create', { verb: 'recreate' })).toBe(false)
  })

  it('lists are OR-linked', () => {
    expect(item('verb', ['create', 'patch'], { verb: 'patch' })).toBe(true)
    expect(item('verb', ['create', 'patch'], { verb: 'get' })).toBe(false)
  })

  it('a map is an AND of its fields, a list of maps an OR of the maps', () => {
    expect(sel({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true)
    expect(sel({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false)
    expect(sel([{ F: 1, G: 2 }, { H: 3 }], { H: 3 })).toBe(true)
    expect(sel([{ F: 1, G: 2 }, { H: 3 }], { F: 1 })).toBe(false)
    expect(sel([{ F: 1, G: 2 }, { H: 3 }], { F: 1, G: 2 })).toBe(true)
  })

  it('wildcards: * any sequence (newlines too), ? exactly one character', () => {
    expect(item('f', 'io.k8s.core.v*.secrets.create', { f: 'io.k8s.core.v1.secrets.create' })).toBe(true)
    expect(item('f', 'io.k8s.core.v*.secrets.create', { f: 'io.k8s.core.v1.secrets.delete' })).toBe(false)
    expect(item('f', 'a*b', { f: 'a\nline\nb' })).toBe(true)
    expect(item('f', 'a?c', { f: 'abc' })).toBe(true)
    expect(item('f', 'a?c', { f: 'ac' })).toBe(false)
    expect(item('f', 'a?c', { f: 'abbc' })).toBe(false)
    expect(item('f', 'a?c', { f: 'a😀c' })).toBe(true)
    expect(item('f', '*', { f: '' })).toBe(true)
    expect(item('f', '*', {})).toBe(false)
    expect(item('f', 'a**b', { f: 'ab' })).toBe(true)
  })

  it('escaped wildcards are literal', () => {
    expect(item('f', 'a\\*b', { f: 'a*b' })).toBe(true)
    expect(item('f', 'a\\*b', { f: 'axb' })).toBe(false)
    expect(item('f', 'C:\\Windows\\*', { f: 'C:\\Windows*' })).toBe(true)
    expect(item('f', 'C:\\Windows\\*', { f: 'C:\\Windows\\x' })).toBe(false)
    expect(item('f', 'what\\?', { f: 'what?' })).toBe(true)
    expect(item('f', 'what\\?', { f: 'whatx' })).toBe(false)
    expect(item('f', 'C:\\\\*', { f: 'C:\\anything' })).toBe(true)
  })

  it('regex metacharacters in values are literal', () => {
    expect(item('f', 'a.b*(c)', { f: 'a.b--(c)' })).toBe(true)
    expect(item('f', 'a.b*(c)', { f: 'aXb--(c)' })).toBe(false)
    expect(item('f', '[x]^$|+', { f: '[X]^$|+' })).toBe(true)
  })

  it('empty string matches only an existing empty string', () => {
    expect(item('f', '', { f: '' })).toBe(true)
    expect(item('f', '', {})).toBe(false)
    expect(item('f', '', { f: null })).toBe(false)
    expect(item('f', '', { f: 'x' })).toBe(false)
  })

  it('null matches an absent field or JSON null; an empty list is a null test', () => {
    expect(item('f', null, {})).toBe(true)
    expect(item('f', null, { f: null })).toBe(true)
    expect(item('f', null, { f: '' })).toBe(false)
    expect(item('f', null, { f: 0 })).toBe(false)
    expect(item('f', [], {})).toBe(true)
    expect(item('f', [], { f: 'x' })).toBe(false)
  })

  it('a missing field is no match; not of it is a match', () => {
    expect(item('f', 'x', {})).toBe(false)
    expect(item('f', 'x', 'not an object')).toBe(false)
    expect(item('f', 'x', null)).toBe(false)
  })
})

describe('numbers and booleans (reference §5.3)', () => {
  it('a YAML number matches the same number or its text', () => {
    expect(item('EventID', 4688, { EventID: 4688 })).toBe(true)
    expect(item('EventID', 4688, { EventID: '4688' })).toBe(true)
    expect(item('EventID', 4688, { EventID: '4689' })).toBe(false)
    expect(item('code', 1, { code: '1.0' })).toBe(true)
    expect(item('code', 1.5, { code: 1.5 })).toBe(true)
    expect(item('code', 401, { code: 'abc' })).toBe(false)
    expect(item('code', 401, { code: ' 401' })).toBe(false)
    expect(item('code', 401, { code: '0x191' })).toBe(false)
    expect(item('code', 1, { code: true })).toBe(false)
  })

  it('a quoted number matches the number by text', () => {
    expect(item('EventID', '4688', { EventID: 4688 })).toBe(true)
    expect(item('EventID', '46*', { EventID: 4688 })).toBe(true)
    expect(item('f', '00000429', { f: 429 })).toBe(false)
  })

  it('booleans match JSON booleans and their text in any case', () => {
    expect(item('f', true, { f: true })).toBe(true)
    expect(item('f', true, { f: 'True' })).toBe(true)
    expect(item('f', true, { f: false })).toBe(false)
    expect(item('f', false, { f: 'false' })).toBe(true)
    expect(item('f', false, { f: 'no' })).toBe(false)
    expect(item('f', 'true', { f: true })).toBe(true)
  })

  it('an object never equals a value', () => {
    expect(item('f', 'x', { f: { x: 'x' } })).toBe(false)
  })
})

describe('arrays in events', () => {
  it('a value matches when any element matches', () => {
    expect(item('sourceIPs', '10.0.0.1', { sourceIPs: ['1.1.1.1', '10.0.0.1'] })).toBe(true)
    expect(item('sourceIPs', '10.0.0.2', { sourceIPs: ['1.1.1.1', '10.0.0.1'] })).toBe(false)
    expect(item('n', 'x', { n: [['a'], ['b', 'x']] })).toBe(true)
    expect(itemError('n', [['x']])?.message).toMatch(/may not contain lists/)
    expect(itemError('n', { a: 1 })?.message).toMatch(/may not be a map/)
  })

  it('contains|all: each value may be found in any element', () => {
    expect(item('cmd|contains|all', ['curl', 'bash'], { cmd: ['curl x', 'bash -c'] })).toBe(true)
    expect(item('cmd|contains|all', ['curl', 'bash'], { cmd: ['curl x'] })).toBe(false)
  })
})

describe('keywords', () => {
  it('a keyword list is a case-insensitive substring search over string leaves, OR-linked', () => {
    expect(sel(['image-policy.k8s.io/break-glass'], { a: { annotations: { 'image-policy.k8s.io/break-glass': 'true' }, b: 'x' } })).toBe(false)
    expect(sel(['break-glass'], { ann: ['foo', 'Image-Policy.k8s.io/BREAK-GLASS: true'] })).toBe(true)
    expect(sel(['nomatch', 'glass'], { ann: 'break-glass' })).toBe(true)
    expect(sel('glass', { ann: 'break-glass' })).toBe(true)
    expect(sel(['foo*bar'], { x: 'xx foo123bar yy' })).toBe(true)
  })

  it('numbers are searched by text', () => {
    expect(sel([4688], { id: 4688 })).toBe(true)
    expect(sel([468], { id: 4688 })).toBe(true)
    expect(sel(['4688'], { nested: [{ id: 4688 }] })).toBe(true)
  })

  it("'|all' makes keywords AND-linked; other modifiers work with an empty field name", () => {
    const d = (key: string, v: unknown, e: unknown) => sel({ [key]: v }, e)
    expect(d('|all', ['foo', 'bar'], { a: 'foo', b: 'bar' })).toBe(true)
    expect(d('|all', ['foo', 'bar'], { a: 'foo' })).toBe(false)
    expect(d('|startswith', 'foo', { a: 'xfoo', b: 'foobar' })).toBe(true)
    expect(d('|startswith', 'foo', { a: 'xfoo' })).toBe(false)
    expect(d('|re', '^fo+$', { a: 'foo' })).toBe(true)
    expect(d('|gt', 5, { a: 'x', b: 7 })).toBe(true)
    expect(d('|gt', 5, { a: 'x', b: 3 })).toBe(false)
  })

  it('a list mixing maps and keywords is an OR of both', () => {
    expect(sel([{ a: 1 }, 'needle'], { a: 1 })).toBe(true)
    expect(sel([{ a: 1 }, 'needle'], { b: 'a needle' })).toBe(true)
    expect(sel([{ a: 1 }, 'needle'], { b: 'no' })).toBe(false)
  })

  it('custom keyword sources are honoured', () => {
    expect(sel(['secret'], { a: 'secret' }, { keywords: () => ['nothing here'] })).toBe(false)
    expect(sel(['secret'], {}, { keywords: () => new Set(['top secret']) })).toBe(true)
  })

  it('rejects null keywords and exists/fieldref without a field', () => {
    expect(itemError('|exists', true)?.message).toMatch(/needs a field/)
    expect(itemError('|fieldref', 'x')?.message).toMatch(/needs a field/)
  })
})

function referenceRegex(pattern: string): RegExp {
  // Independent construction: escape the text, then turn unescaped * and ? into .* and .
  let src = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '?' || pattern[i + 1] === '\\')) {
      src += '\\' + pattern[i + 1]
      i++
    } else if (c === '\\') src += '\\\\'
    else if (c === '*') src += '[\\s\\S]*'
    else if (c === '?') src += '[\\s\\S]'
    else src += c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
  }
  return new RegExp(`^${src}$`, 'i')
}

describe('wildcard matcher properties', () => {
  const alphabet = fc.constantFrom('a', 'b', 'A', '*', '?', '\\', '.', '-')
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'B', '*', '?', '\\', '.', '-', '\n') })
  it('agrees with a reference regex construction', () => {
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 8 }), text, (pattern, hay) => {
        const glob = compileGlob(parseSigmaString(pattern))
        expect(glob(hay.toLowerCase())).toBe(referenceRegex(pattern).test(hay))
      }),
      { numRuns: 500 },
    )
  })

  it('every string matches its own escaped form', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const escaped = s.replace(/[\\*?]/g, '\\$&')
        expect(item('f', escaped, { f: s })).toBe(true)
      }),
    )
  })
})

describe('memoize', () => {
  it('answers like the function, beyond its size and length limits', () => {
    let calls = 0
    const f = memoize((s) => {
      calls++
      return s.length
    }, 2, 3)
    expect([f('a'), f('a'), f('bb'), f('ccc'), f('ccc'), f('dddd'), f('dddd')]).toEqual([1, 1, 2, 3, 3, 4, 4])
    expect(calls).toBe(6) // only 'a' and 'bb' are remembered: 'ccc' is past the count limit, 'dddd' the length limit
  })
})
