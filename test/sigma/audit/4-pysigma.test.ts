/**
 * Audit of reference/sigma.md §4.2 "Modifiers implemented" and §4.3 "How pySigma treats…":
 * the modifier name table, case sensitivity, wildcard/escape tokens, regex flags, cidr and
 * exists, as an evaluator agreeing with pySigma-based backends must see them.
 */
import { describe, expect, it } from 'vitest'
import { modifierNames } from '../../../src/sigma/compile/index.js'
import { item, itemError } from './helpers.js'

describe('§4.2 modifier names', () => {
  const pySigma = [
    'all', 'neq', 'base64', 'base64offset', 'cased', 'cidr', 'contains', 'day', 'dotall', 'endswith', 'exists', 'expand', 'fieldref',
    'gt', 'gte', 'hour', 'i', 'ignorecase', 'lt', 'lte', 'm', 'minute', 'month', 'multiline', 're', 'utf16', 'utf16be', 's',
    'startswith', 'week', 'wide', 'windash', 'year',
  ]
  it("pySigma's 33 names are all accepted", () => {
    expect(pySigma).toHaveLength(33)
    for (const name of pySigma) expect(modifierNames(), name).toContain(name)
  })
  it('plus the spec name utf16le (missing in pySigma), and nothing else', () => {
    expect(modifierNames()).toContain('utf16le')
    expect([...modifierNames()].sort()).toEqual([...pySigma, 'utf16le'].sort())
  })
  it('every name resolves in a detection key', () => {
    for (const name of ['ignorecase', 'multiline', 'dotall']) expect(itemError(`f|re|${name}`, 'a'), name).toBeUndefined()
    expect(itemError('f|utf16le', 'a')).toBeUndefined()
  })
})

describe('§4.3 case sensitivity', () => {
  it('plain strings are case-insensitive, cased strings are a distinct, case-sensitive kind', () => {
    expect(item('f', 'KUBE-SYSTEM', { f: 'kube-system' })).toBe(true)
    expect(item('f|cased', 'KUBE-SYSTEM', { f: 'kube-system' })).toBe(false)
    expect(item('f', ['A', 'b'], { f: 'a' })).toBe(true)
    expect(item('f|cased', ['A', 'b'], { f: 'a' })).toBe(false)
  })
})

describe('§4.3 wildcards and escapes as tokens', () => {
  it('* → any sequence, ? → one character, literal regex metacharacters escaped', () => {
    expect(item('f', '*.exe', { f: 'cmd.exe' })).toBe(true)
    expect(item('f', '*.exe', { f: 'cmdxexe' })).toBe(false)
    expect(item('f', 'a+b', { f: 'aab' })).toBe(false)
    expect(item('f', 'a+b', { f: 'a+b' })).toBe(true)
    expect(item('f', '[ab]', { f: 'a' })).toBe(false)
    expect(item('f', '[ab]', { f: '[AB]' })).toBe(true)
  })
  it('contains/startswith/endswith only add wildcard tokens: *x*, x*, *x shapes', () => {
    expect(item('f|contains', 'a*b', { f: 'xxaYYbzz' })).toBe(true) // *a*b*
    expect(item('f|startswith', 'a?c', { f: 'abcdef' })).toBe(true) // a?c*
    expect(item('f|endswith', 'a?c', { f: 'zzabc' })).toBe(true) // *a?c
    expect(item('f|endswith', 'a?c', { f: 'zzabcz' })).toBe(false)
    expect(item('f|startswith', 'a\\*', { f: 'a*bc' })).toBe(true) // escaped star stays literal
    expect(item('f|startswith', 'a\\*', { f: 'abc' })).toBe(false)
  })
})

describe('§4.3 |re flags', () => {
  it('i, m, s set IGNORECASE / MULTILINE / DOTALL (combinable, any order)', () => {
    expect(item('f|re|i|s', 'A.B', { f: 'a\nb' })).toBe(true)
    expect(item('f|re|s|i', 'A.B', { f: 'a\nb' })).toBe(true)
    expect(item('f|re|m|i', '^B$', { f: 'a\nb\nc' })).toBe(true)
    expect(item('f|re|i', 'A.B', { f: 'a\nb' })).toBe(false)
  })
  it('the regex is the raw YAML string, validated as Python syntax', () => {
    expect(itemError('f|re', '(?P<x>a)')).toBeUndefined()
    expect(itemError('f|re', '(?P<x>a')).toBeDefined()
    expect(itemError('f|re', 'a{1')).toBeUndefined() // Python: a literal '{1'
    expect(item('f|re', 'a{1', { f: 'a{1' })).toBe(true)
  })
})

describe('§4.3 |cidr: native membership (not the wildcard-prefix approximation)', () => {
  it('10.0.0.0/8 ≈ 10.*', () => {
    expect(item('f|cidr', '10.0.0.0/8', { f: '10.255.255.255' })).toBe(true)
    expect(item('f|cidr', '10.0.0.0/8', { f: '10.1' })).toBe(false) // 10.* as text, not an address
  })
  it('192.168.0.0/23 = 192.168.0.* and 192.168.1.*', () => {
    expect(item('f|cidr', '192.168.0.0/23', { f: '192.168.0.7' })).toBe(true)
    expect(item('f|cidr', '192.168.0.0/23', { f: '192.168.1.7' })).toBe(true)
    expect(item('f|cidr', '192.168.0.0/23', { f: '192.168.2.7' })).toBe(false)
  })
  it('172.16.0.0/12 = 16 second octets, 16 to 31', () => {
    for (let o = 0; o < 256; o += 1) expect(item('f|cidr', '172.16.0.0/12', { f: `172.${o}.1.1` }), String(o)).toBe(o >= 16 && o <= 31)
  })
  it('fe80::/10 = fe8*, fe9*, fea*, feb*; compressed and expanded forms alike', () => {
    for (const p of ['fe80', 'fe9a', 'fea0', 'febf']) expect(item('f|cidr', 'fe80::/10', { f: `${p}::1` }), p).toBe(true)
    expect(item('f|cidr', 'fe80::/10', { f: 'fe80:0000:0000:0000:0000:0000:0000:0001' })).toBe(true)
    expect(item('f|cidr', 'fe80::/10', { f: 'FE80::1' })).toBe(true)
    expect(item('f|cidr', 'fe80::/10', { f: 'fec0::1' })).toBe(false)
  })
  it('/32 and /128 are the bare address', () => {
    expect(item('f|cidr', '10.1.2.3/32', { f: '10.1.2.3' })).toBe(true)
    expect(item('f|cidr', '10.1.2.3/32', { f: '10.1.2.4' })).toBe(false)
    expect(item('f|cidr', '2001:db8::1/128', { f: '2001:db8::1' })).toBe(true)
  })
})

describe('§4.3 |exists', () => {
  it('true → field exists, false → NOT(exists)', () => {
    for (const event of [{}, { f: 'x' }, { f: null }, { f: '' }, { g: { f: 1 } }])
      expect(item('f|exists', false, event), JSON.stringify(event)).toBe(!item('f|exists', true, event))
  })
  it('works on dotted paths', () => {
    expect(item('a.b|exists', true, { a: { b: 0 } })).toBe(true)
    expect(item('a.b|exists', true, { a: { c: 0 } })).toBe(false)
    expect(item('a.b|exists', true, { a: [{ c: 0 }, { b: 'x' }] })).toBe(true)
  })
})
