import { describe, expect, it } from 'vitest'
import { parseIpAddress, parseIpNetwork } from '../../../src/sigma/values/cidr.js'
import { compileError, item, itemError, sel } from './helpers.js'

describe('lt / lte / gt / gte', () => {
  it.each([
    ['lt', 5, 4, true],
    ['lt', 5, 5, false],
    ['lte', 5, 5, true],
    ['lte', 5, 6, false],
    ['gt', 5, 6, true],
    ['gt', 5, 5, false],
    ['gte', 5, 5, true],
    ['gte', 5, 4, false],
    ['gt', 1.5, '2', true],
    ['gt', 1, 'abc', false],
    ['gt', 1, true, false],
  ])('%s %j vs event %j → %j', (op, value, event, expected) => {
    expect(item(`n|${op}`, value, { n: event })).toBe(expected)
  })
  it('need a YAML number', () => {
    expect(itemError('n|gt', '5')?.message).toMatch(/'gt' modifier cannot be applied to a string/)
  })
  it('a missing field never compares', () => {
    expect(item('n|lt', 5, {})).toBe(false)
  })
})

describe('neq', () => {
  it('negates the whole item: NOT (f = a OR f = b); a missing field matches', () => {
    expect(item('verb|neq', ['get', 'list'], { verb: 'create' })).toBe(true)
    expect(item('verb|neq', ['get', 'list'], { verb: 'LIST' })).toBe(false)
    expect(item('verb|neq', 'get', {})).toBe(true)
    expect(item('code|neq', 200, { code: 200 })).toBe(false)
    expect(item('f|neq', null, { f: 'x' })).toBe(true)
    expect(item('f|neq', null, {})).toBe(false)
  })
  it('combines with contains and all', () => {
    expect(item('f|contains|neq', 'x', { f: 'axb' })).toBe(false)
    expect(item('f|contains|all|neq', ['a', 'b'], { f: 'a' })).toBe(true)
  })
})

describe('all', () => {
  it('AND-links the values', () => {
    expect(item('f|contains|all', ['a', 'b'], { f: 'ab' })).toBe(true)
    expect(item('f|contains|all', ['a', 'b'], { f: 'a' })).toBe(false)
    expect(item('f|all|contains', ['a', 'b'], { f: 'ba' })).toBe(true)
    expect(item('f|contains|all', 'a', { f: 'a' })).toBe(true)
  })
})

describe('exists', () => {
  it('true: present, whatever the value (empty or null, as the spec says); false: absent', () => {
    expect(item('f|exists', true, { f: '' })).toBe(true)
    expect(item('f|exists', true, { f: 0 })).toBe(true)
    expect(item('f|exists', true, { f: [] })).toBe(true)
    expect(item('f|exists', true, { f: null })).toBe(true)
    expect(item('f|exists', false, { f: null })).toBe(false)
    expect(item('a.b|exists', true, { a: [{ b: null }] })).toBe(true)
    expect(item('f|exists', true, {})).toBe(false)
    expect(item('f|exists', false, {})).toBe(true)
    expect(item('f|exists', false, { f: 'x' })).toBe(false)
    expect(item('a.b|exists', true, { a: { b: 1 } })).toBe(true)
  })
  it('needs a boolean and must come first', () => {
    expect(itemError('f|exists', 'yes')?.message).toMatch(/exists.*string/)
    expect(itemError('f|contains|exists', true)?.message).toMatch(/must come first/)
  })
})

describe('cidr', () => {
  it('IPv4 membership', () => {
    expect(item('ip|cidr', '10.0.0.0/8', { ip: '10.20.30.40' })).toBe(true)
    expect(item('ip|cidr', '10.0.0.0/8', { ip: '11.0.0.1' })).toBe(false)
    expect(item('ip|cidr', '192.168.0.0/23', { ip: '192.168.1.255' })).toBe(true)
    expect(item('ip|cidr', '192.168.0.0/23', { ip: '192.168.2.0' })).toBe(false)
    expect(item('ip|cidr', '0.0.0.0/0', { ip: '8.8.8.8' })).toBe(true)
    expect(item('ip|cidr', '1.2.3.4', { ip: '1.2.3.4' })).toBe(true)
    expect(item('ip|cidr', ['10.0.0.0/8', '172.16.0.0/12'], { ip: '172.31.0.1' })).toBe(true)
  })
  it('IPv6 membership, compressed and full forms', () => {
    expect(item('ip|cidr', 'fe80::/10', { ip: 'fe80::1' })).toBe(true)
    expect(item('ip|cidr', 'fe80::/10', { ip: 'FEBF:0:0:0:0:0:0:1' })).toBe(true)
    expect(item('ip|cidr', 'fe80::/10', { ip: 'fec0::1' })).toBe(false)
    expect(item('ip|cidr', '2001:db8::/32', { ip: '2001:0db8:85a3::8a2e:370:7334' })).toBe(true)
    expect(item('ip|cidr', '::ffff:0:0/96', { ip: '::ffff:10.0.0.1' })).toBe(true)
    expect(item('ip|cidr', 'fe80::/10', { ip: 'fe80::1%eth0' })).toBe(true)
  })
  it('non-IP text and other IP versions never match', () => {
    expect(item('ip|cidr', '10.0.0.0/8', { ip: 'host10' })).toBe(false)
    expect(item('ip|cidr', '10.0.0.0/8', { ip: '::ffff:10.0.0.1' })).toBe(false)
    expect(item('ip|cidr', '10.0.0.0/8', { ip: 10 })).toBe(false)
    expect(item('ip|cidr', '10.0.0.0/8', { ip: ['1.1.1.1', '10.1.1.1'] })).toBe(true)
  })
  it('parses strictly: host bits, bad prefixes and text are errors', () => {
    expect(itemError('ip|cidr', '10.0.0.1/8')?.message).toMatch(/host bits/)
    expect(itemError('ip|cidr', '10.0.0.0/33')?.message).toMatch(/prefix/)
    expect(itemError('ip|cidr', 'nonsense')?.message).toMatch(/not an IPv4 or IPv6/)
    expect(itemError('ip|contains|cidr', '10.0.0.0/8')?.message).toMatch(/must come first/)
    expect(itemError('ip|cidr|contains', '10.0.0.0/8')?.message).toMatch(/contains.*CIDR/)
  })
  it('address parser edge cases', () => {
    expect(parseIpAddress('01.2.3.4')).toBeUndefined()
    expect(parseIpAddress('1.2.3.256')).toBeUndefined()
    expect(parseIpAddress('1::2::3')).toBeUndefined()
    expect(parseIpAddress('::')).toEqual({ version: 6, value: 0n })
    expect(parseIpNetwork('::/0')).toMatchObject({ prefix: 0 })
  })
})

describe('fieldref', () => {
  it('compares two fields of the event, case-insensitively', () => {
    expect(item('user|fieldref', 'target', { user: 'Bob', target: 'bob' })).toBe(true)
    expect(item('user|fieldref', 'target', { user: 'bob', target: 'alice' })).toBe(false)
    expect(item('a.b|fieldref', 'c.d', { a: { b: 1 }, c: { d: '1' } })).toBe(true)
  })
  it('a missing field on either side is no match', () => {
    expect(item('user|fieldref', 'target', { user: 'bob' })).toBe(false)
    expect(item('user|fieldref', 'target', { target: 'bob' })).toBe(false)
  })
  it('with contains / startswith / endswith', () => {
    expect(item('cmd|fieldref|contains', 'img', { cmd: 'run C:\\x.exe now', img: 'c:\\X.EXE' })).toBe(true)
    expect(item('cmd|fieldref|startswith', 'img', { cmd: 'x.exe now', img: 'x.exe' })).toBe(true)
    expect(item('cmd|fieldref|endswith', 'img', { cmd: 'x.exe now', img: 'x.exe' })).toBe(false)
  })
  it('with neq, and the referenced field counts as read', () => {
    expect(item('user|fieldref|neq', 'target', { user: 'a', target: 'b' })).toBe(true)
    expect(compileError({ s: { 'user|fieldref': 'x*' }, condition: 's' })?.message).toMatch(/wildcards/)
  })
})

describe('values under exists / null keys in lists of maps', () => {
  it('selection and not filter keeps events lacking the filter field', () => {
    const d = (e: object) => sel({ verb: 'create' }, e) && !sel({ user: 'system' }, e)
    expect(d({ verb: 'create' })).toBe(true)
  })
})
