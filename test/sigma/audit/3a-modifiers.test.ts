/**
 * Audit of reference/sigma.md §3.a "Value modifiers": one test per stated rule, through
 * `compileDetection`. Expected strings (Base64, UTF-16, windash positions) were computed with
 * Python's base64 / re modules following pySigma's construction, not with the engine.
 */
import { describe, expect, it } from 'vitest'
import { b64, item, itemError, matches } from './helpers.js'

describe('§3.a syntax: field|mod1|mod2, names', () => {
  it('modifier names are case-sensitive lower case (Contains → unknown modifier)', () => {
    expect(itemError('f|Contains', 'a')).toMatch(/unknown modifier 'Contains'/)
    expect(itemError('f|CONTAINS', 'a')).toMatch(/unknown modifier/)
    expect(itemError('f|nosuchmod', 'a')).toMatch(/unknown modifier 'nosuchmod'/)
  })
  it('an empty field name makes a keyword detection with modifiers', () => {
    expect(matches({ '|all': ['alpha', 'beta'] }, { a: 'x alpha y', b: ['beta'] })).toBe(true)
    expect(matches({ '|all': ['alpha', 'beta'] }, { a: 'x alpha y' })).toBe(false)
    expect(matches({ '|contains': 'lph' }, { a: 'alpha' })).toBe(true)
    expect(matches({ '|startswith': 'alp' }, { a: 'alpha' })).toBe(true)
    expect(matches({ '|startswith': 'lph' }, { a: 'alpha' })).toBe(false)
  })
  it('modifiers apply in the written order (wide|base64 differs from base64 alone)', () => {
    expect(item('f|wide|base64', 'cmd', { f: 'YwBtAGQA' })).toBe(true)
    expect(item('f|base64', 'cmd', { f: 'Y21k' })).toBe(true)
    expect(item('f|base64', 'cmd', { f: 'YwBtAGQA' })).toBe(false)
  })
})

describe('§3.a contains / startswith / endswith', () => {
  it('contains wraps a string in *…* (not doubled when already there)', () => {
    expect(item('f|contains', 'bin', { f: '/usr/bin/sh' })).toBe(true)
    expect(item('f|contains', '*bin*', { f: '/usr/bin/sh' })).toBe(true)
    expect(item('f|contains', 'bin', { f: '/usr/sbin' })).toBe(true)
    expect(item('f|contains', 'BIN', { f: '/usr/bin' })).toBe(true) // still case-insensitive
    expect(item('f|contains', 'xyz', { f: '/usr/bin' })).toBe(false)
  })
  it('startswith appends *, endswith prepends *', () => {
    expect(item('f|startswith', 'adm', { f: 'administrator' })).toBe(true)
    expect(item('f|startswith', 'adm', { f: 'sysadm' })).toBe(false)
    expect(item('f|endswith', '\\cmd.exe', { f: 'C:\\Windows\\System32\\cmd.exe' })).toBe(true)
    expect(item('f|endswith', '\\cmd.exe', { f: 'C:\\cmd.exe.bak' })).toBe(false)
  })
  it('contains on a regex keeps search semantics; ^ and $ still anchor', () => {
    expect(item('f|re|contains', 'a.c', { f: 'xxabcxx' })).toBe(true)
    expect(item('f|re|contains', '^abc', { f: 'xabc' })).toBe(false)
    expect(item('f|re|contains', 'abc$', { f: 'abcx' })).toBe(false)
    expect(item('f|re|startswith', 'abc$', { f: 'xabc' })).toBe(true)
    expect(item('f|re|endswith', '^abc', { f: 'abcx' })).toBe(true)
  })
  it('contains/startswith/endswith on a field reference', () => {
    const ev = { f: 'prefix-VALUE-suffix', g: 'value', h: 'prefix', k: 'suffix' }
    expect(item('f|fieldref|contains', 'g', ev)).toBe(true)
    expect(item('f|fieldref|startswith', 'h', ev)).toBe(true)
    expect(item('f|fieldref|endswith', 'k', ev)).toBe(true)
    expect(item('f|fieldref|startswith', 'k', ev)).toBe(false)
    expect(item('f|fieldref', 'g', ev)).toBe(false)
  })
  it('numbers are a type error for string modifiers', () => {
    expect(itemError('f|contains', 80)).toMatch(/contains.*number/)
    expect(itemError('f|startswith', 80)).toMatch(/number/)
    expect(itemError('f|endswith', 1.5)).toMatch(/number/)
  })
})

describe('§3.a all', () => {
  it('AND-links the values of the list', () => {
    expect(item('f|contains|all', ['a', 'b'], { f: 'xaybz' })).toBe(true)
    expect(item('f|contains|all', ['a', 'b'], { f: 'xayz' })).toBe(false)
    expect(item('f|contains', ['a', 'b'], { f: 'xayz' })).toBe(true)
  })
  it('may appear anywhere in the chain', () => {
    expect(item('f|all|contains', ['a', 'b'], { f: 'xayz' })).toBe(false)
    expect(item('f|all|contains', ['a', 'b'], { f: 'ab' })).toBe(true)
  })
  it('a single value with all is accepted', () => {
    expect(item('f|contains|all', 'a', { f: 'xa' })).toBe(true)
  })
})

describe('§3.a exists', () => {
  it('true: the field is present; false: not present', () => {
    expect(item('f|exists', true, { f: 'x' })).toBe(true)
    expect(item('f|exists', true, { g: 'x' })).toBe(false)
    expect(item('f|exists', false, { g: 'x' })).toBe(true)
    expect(item('f|exists', false, { f: 'x' })).toBe(false)
  })
  it('presence regardless of an empty value', () => {
    expect(item('f|exists', true, { f: '' })).toBe(true)
    expect(item('f|exists', true, { f: 0 })).toBe(true)
    expect(item('f|exists', true, { f: false })).toBe(true)
    expect(item('f|exists', true, { f: [] })).toBe(true)
  })
  it('the value must be a YAML boolean', () => {
    expect(itemError('f|exists', 'true')).toMatch(/exists/)
    expect(itemError('f|exists', 1)).toMatch(/exists/)
  })
  it('nothing may precede it, and it needs a field', () => {
    expect(itemError('f|contains|exists', true)).toMatch(/first/)
    expect(itemError('|exists', true)).toMatch(/field/)
  })
})

describe('§3.a cased', () => {
  it('makes a string case-sensitive', () => {
    expect(item('f|cased', 'Abc', { f: 'Abc' })).toBe(true)
    expect(item('f|cased', 'Abc', { f: 'abc' })).toBe(false)
    expect(item('f', 'Abc', { f: 'abc' })).toBe(true)
  })
  it('combines with contains/startswith/endswith/windash/expand in either order', () => {
    for (const key of ['f|cased|contains', 'f|contains|cased']) {
      expect(item(key, 'Bc', { f: 'aBcd' })).toBe(true)
      expect(item(key, 'Bc', { f: 'abcd' })).toBe(false)
    }
    for (const key of ['f|cased|startswith', 'f|startswith|cased']) expect(item(key, 'Ab', { f: 'abc' })).toBe(false)
    for (const key of ['f|cased|endswith', 'f|endswith|cased']) expect(item(key, 'Bc', { f: 'aBc' })).toBe(true)
    for (const key of ['f|cased|windash', 'f|windash|cased']) {
      expect(item(key, ' -Flag', { f: ' /Flag' })).toBe(true)
      expect(item(key, ' -Flag', { f: ' /flag' })).toBe(false)
    }
    const placeholders = { p: ['Admin'] }
    for (const key of ['f|cased|expand', 'f|expand|cased']) {
      expect(item(key, '%p%', { f: 'Admin' }, { placeholders })).toBe(true)
      expect(item(key, '%p%', { f: 'admin' }, { placeholders })).toBe(false)
    }
  })
  it('does not combine with re or fieldref', () => {
    expect(itemError('f|re|cased', 'a')).toBeDefined()
    expect(itemError('f|fieldref|cased', 'g')).toBeDefined()
  })
})

describe('§3.a neq', () => {
  it('negates the whole item: f|neq: [a, b] = NOT (f=a OR f=b)', () => {
    expect(item('f|neq', ['a', 'b'], { f: 'c' })).toBe(true)
    expect(item('f|neq', ['a', 'b'], { f: 'a' })).toBe(false)
    expect(item('f|neq', ['a', 'b'], { f: 'B' })).toBe(false)
  })
  it('works for any value type', () => {
    expect(item('f|neq', 5, { f: 6 })).toBe(true)
    expect(item('f|neq', 5, { f: '5' })).toBe(false)
    expect(item('f|neq', true, { f: false })).toBe(true)
    expect(item('f|contains|neq', 'x', { f: 'axb' })).toBe(false)
    expect(item('f|fieldref|neq', 'g', { f: 'a', g: 'b' })).toBe(true)
    expect(item('f|fieldref|neq', 'g', { f: 'a', g: 'A' })).toBe(false)
  })
})

describe('§3.a windash', () => {
  const forms = ['-', '/', '\u2013', '\u2014', '\u2015']
  it('a dash or slash after a non-word character (or the start) and before a word character becomes all 5 forms', () => {
    for (const d of forms) {
      expect(item('f|windash', '-flag', { f: `${d}flag` })).toBe(true)
      expect(item('f|windash|contains', ' /c ', { f: `cmd ${d}c whoami` })).toBe(true)
    }
  })
  it('a-b is not expanded (the dash follows a word character)', () => {
    expect(item('f|windash', 'a-b', { f: 'a-b' })).toBe(true)
    expect(item('f|windash', 'a-b', { f: 'a/b' })).toBe(false)
    expect(item('f|windash', 'a-b', { f: 'a\u2013b' })).toBe(false)
  })
  it('in --flag only the second dash is expanded', () => {
    expect(item('f|windash', '--flag', { f: '-/flag' })).toBe(true)
    expect(item('f|windash', '--flag', { f: '-\u2014flag' })).toBe(true)
    expect(item('f|windash', '--flag', { f: '/-flag' })).toBe(false)
    expect(item('f|windash', '--flag', { f: '//flag' })).toBe(false)
  })
  it('a dash not followed by a word character is not expanded', () => {
    expect(item('f|windash', 'a -', { f: 'a /' })).toBe(false)
    expect(item('f|windash', 'a - b', { f: 'a / b' })).toBe(false)
  })
  it('n positions give 5^n OR-linked strings (all combinations)', () => {
    for (const a of forms) for (const b of forms) expect(item('f|windash', ' -a /b', { f: ` ${a}a ${b}b` })).toBe(true)
  })
  it('dash-like characters already in the value are not expanded', () => {
    expect(item('f|windash', '\u2013flag', { f: '\u2013flag' })).toBe(true)
    expect(item('f|windash', '\u2013flag', { f: '-flag' })).toBe(false)
  })
})

describe('§3.a re and its flags', () => {
  it('case-sensitive by default; i, m, s and their long aliases', () => {
    expect(item('f|re', 'abc', { f: 'ABC' })).toBe(false)
    expect(item('f|re|i', 'abc', { f: 'ABC' })).toBe(true)
    expect(item('f|re|ignorecase', 'abc', { f: 'ABC' })).toBe(true)
    expect(item('f|re|m', '^b$', { f: 'a\nb\nc' })).toBe(true)
    expect(item('f|re|multiline', '^b$', { f: 'a\nb\nc' })).toBe(true)
    expect(item('f|re', '^b$', { f: 'a\nb\nc' })).toBe(false)
    expect(item('f|re|s', 'a.b', { f: 'a\nb' })).toBe(true)
    expect(item('f|re|dotall', 'a.b', { f: 'a\nb' })).toBe(true)
    expect(item('f|re', 'a.b', { f: 'a\nb' })).toBe(false)
  })
  it('the flags used without re are a type error', () => {
    for (const f of ['i', 'm', 's', 'ignorecase', 'multiline', 'dotall']) expect(itemError(`f|${f}`, 'a')).toBeDefined()
  })
  it('re must be the first modifier', () => {
    expect(itemError('f|contains|re', 'a')).toMatch(/first/)
    expect(itemError('f|cased|re', 'a')).toMatch(/first/)
  })
  it('uses the raw YAML string: no Sigma escape or wildcard processing', () => {
    expect(item('f|re', 'a\\*b', { f: 'a*b' })).toBe(true)
    expect(item('f|re', 'a\\*b', { f: 'a\\*b' })).toBe(false)
    expect(item('f|re', 'a*b', { f: 'b' })).toBe(true) // `*` is a quantifier here
    expect(item('f|re', 'C:\\\\Windows', { f: 'C:\\Windows' })).toBe(true)
  })
  it('invalid regular expressions are load errors', () => {
    expect(itemError('f|re', '(')).toMatch(/re/)
    expect(itemError('f|re', '[a-')).toBeDefined()
    expect(itemError('f|re', 'a{2,1}')).toBeDefined()
  })
})

describe('§3.a base64', () => {
  it('UTF-8 bytes encoded with padding', () => {
    expect(item('f|base64', 'é', { f: 'w6k=' })).toBe(true)
    expect(item('f|base64', 'ab', { f: 'YWI=' })).toBe(true)
    expect(item('f|base64', 'ab', { f: 'YWI' })).toBe(false)
  })
  it('a value with wildcards is an error (contains|base64 fails, base64|contains works)', () => {
    expect(itemError('f|base64', 'a*')).toBeDefined()
    expect(itemError('f|contains|base64', 'a')).toBeDefined()
    expect(item('f|base64|contains', 'ab', { f: 'xxYWI=xx' })).toBe(true)
  })
  it('quirk: an escaped literal \\* is encoded with its backslash', () => {
    expect(item('f|base64', 'a\\*', { f: 'YVwq' })).toBe(true) // base64("a\\*")
  })
})

describe('§3.a base64offset', () => {
  it('ab → YW, Fi, hY (three OR-linked renderings)', () => {
    for (const s of ['YW', 'Fi', 'hY']) expect(item('f|base64offset', 'ab', { f: s })).toBe(true)
    expect(item('f|base64offset', 'ab', { f: 'YWI=' })).toBe(false)
  })
  it.each([
    ['cmd', ['Y21k', 'NtZ', 'jbW']],
    ['/bin/sh', ['L2Jpbi9za', '9iaW4vc2', 'vYmluL3No']],
    ['abcd', ['YWJjZ', 'FiY2', 'hYmNk']],
  ])('%s → exactly the pySigma strings', (value, expected) => {
    for (const s of expected) {
      expect(item('f|base64offset', value, { f: s })).toBe(true)
      expect(item('f|base64offset|contains', value, { f: `xx${s}yy` })).toBe(true)
    }
    expect(item('f|base64offset', value, { f: `${expected[0]}A` })).toBe(false)
  })
  it("pySigma picks the end trim by len(SigmaString): an escaped \\* counts as one character", () => {
    // value a\*b: bytes 'a\\*b' (4, the escape kept as in base64), length 3
    for (const s of ['YVwqYg==', 'FcK', 'hXC']) expect(item('f|base64offset', 'a\\*b', { f: s }), s).toBe(true)
    expect(item('f|base64offset', 'a\\*b', { f: 'FcKm' })).toBe(false)
  })
  it('finds the value inside an encoded larger string with contains', () => {
    for (const prefix of ['', 'x', 'xy', 'xyz']) {
      const encoded = Buffer.from(`${prefix}/bin/sh -c id`).toString('base64')
      expect(item('f|base64offset|contains', '/bin/sh', { f: encoded })).toBe(true)
    }
  })
})

describe('§3.a utf16le / wide / utf16be / utf16', () => {
  it('wide is an alias of utf16le: cmd → 63 00 6d 00 64 00', () => {
    expect(item('f|wide|base64', 'cmd', { f: b64([0x63, 0, 0x6d, 0, 0x64, 0]) })).toBe(true)
    expect(item('f|utf16le|base64', 'cmd', { f: b64([0x63, 0, 0x6d, 0, 0x64, 0]) })).toBe(true)
    expect(item('f|wide', 'cmd', { f: 'c\u0000m\u0000d\u0000' })).toBe(true)
  })
  it('utf16be puts the zero byte first', () => {
    expect(item('f|utf16be|base64', 'cmd', { f: b64([0, 0x63, 0, 0x6d, 0, 0x64]) })).toBe(true)
  })
  it('utf16 is BOM + little endian', () => {
    expect(item('f|utf16|base64', 'cmd', { f: b64([0xff, 0xfe, 0x63, 0, 0x6d, 0, 0x64, 0]) })).toBe(true)
    expect(item('f|utf16|base64', 'cmd', { f: b64([0x63, 0, 0x6d, 0, 0x64, 0]) })).toBe(false)
  })
  it('wildcards pass through (wide|base64offset|contains chain)', () => {
    expect(item('f|wide|contains', 'cmd', { f: 'xc\u0000m\u0000d\u0000y' })).toBe(true)
    const encoded = Buffer.from('powershell -e cmd', 'utf16le').toString('base64')
    expect(item('f|wide|base64offset|contains', 'cmd', { f: encoded })).toBe(true)
  })
})

describe('§3.a lt / lte / gt / gte', () => {
  it('numeric comparisons', () => {
    expect(item('f|lt', 5, { f: 4 })).toBe(true)
    expect(item('f|lt', 5, { f: 5 })).toBe(false)
    expect(item('f|lte', 5, { f: 5 })).toBe(true)
    expect(item('f|gt', 5, { f: 5.5 })).toBe(true)
    expect(item('f|gte', 5, { f: 5 })).toBe(true)
    expect(item('f|gte', 5, { f: 4.99 })).toBe(false)
    expect(item('f|gt', -1.5, { f: -1 })).toBe(true)
  })
  it('YAML number only: a quoted value is a type error', () => {
    for (const op of ['lt', 'lte', 'gt', 'gte']) {
      expect(itemError(`f|${op}`, '5')).toBeDefined()
      expect(itemError(`f|${op}`, true)).toBeDefined()
    }
  })
})

describe('§3.a minute … year', () => {
  const ts = '2026-03-14T22:37:05Z'
  it.each([
    ['minute', 37],
    ['hour', 22],
    ['day', 14],
    ['week', 11],
    ['month', 3],
    ['year', 2026],
  ])('%s extracts %i', (part, value) => {
    expect(item(`f|${part}`, value, { f: ts })).toBe(true)
    expect(item(`f|${part}`, value + 1, { f: ts })).toBe(false)
  })
  it('the value must be a number', () => {
    expect(itemError('f|hour', '22')).toBeDefined()
  })
  it('may be followed by lt/lte/gt/gte, not preceded', () => {
    expect(item('f|hour|gte', 22, { f: ts })).toBe(true)
    expect(item('f|hour|lt', 22, { f: ts })).toBe(false)
    expect(item('f|minute|lte', 37, { f: ts })).toBe(true)
    expect(itemError('f|gte|hour', 22)).toBeDefined()
  })
})

describe('§3.a cidr', () => {
  it('IPv4 and IPv6 ranges', () => {
    expect(item('f|cidr', '10.0.0.0/8', { f: '10.200.3.4' })).toBe(true)
    expect(item('f|cidr', '10.0.0.0/8', { f: '11.0.0.1' })).toBe(false)
    expect(item('f|cidr', '192.168.0.0/23', { f: '192.168.1.255' })).toBe(true)
    expect(item('f|cidr', '192.168.0.0/23', { f: '192.168.2.0' })).toBe(false)
    expect(item('f|cidr', 'fe80::/10', { f: 'fe80::1' })).toBe(true)
    expect(item('f|cidr', 'fe80::/10', { f: 'febf:ffff::1' })).toBe(true)
    expect(item('f|cidr', 'fe80::/10', { f: 'fec0::1' })).toBe(false)
    expect(item('f|cidr', '2001:db8::/32', { f: '2001:DB8:0:0:0:0:0:1' })).toBe(true)
  })
  it('a bare address is a /32 or /128', () => {
    expect(item('f|cidr', '10.0.0.1', { f: '10.0.0.1' })).toBe(true)
    expect(item('f|cidr', '10.0.0.1', { f: '10.0.0.2' })).toBe(false)
    expect(item('f|cidr', '::1', { f: '::1' })).toBe(true)
    expect(item('f|cidr', '::1', { f: '::2' })).toBe(false)
  })
  it('strict parsing: host bits set, bad prefix or not an address is an error', () => {
    expect(itemError('f|cidr', '10.0.0.1/8')).toMatch(/host bits/)
    expect(itemError('f|cidr', 'fe80::1/10')).toMatch(/host bits/)
    expect(itemError('f|cidr', '10.0.0.0/33')).toBeDefined()
    expect(itemError('f|cidr', '2001:db8::/129')).toBeDefined()
    expect(itemError('f|cidr', '10.0.0.256/32')).toBeDefined()
    expect(itemError('f|cidr', 'not-an-ip')).toBeDefined()
  })
  it("like Python's ip_network: an IPv4 netmask or hostmask may stand for the prefix length", () => {
    expect(item('f|cidr', '10.0.0.0/255.0.0.0', { f: '10.9.9.9' })).toBe(true)
    expect(item('f|cidr', '10.0.0.0/0.255.255.255', { f: '10.9.9.9' })).toBe(true)
    expect(item('f|cidr', '10.0.0.0/255.0.0.0', { f: '11.0.0.0' })).toBe(false)
    expect(item('f|cidr', '10.1.2.3/255.255.255.255', { f: '10.1.2.3' })).toBe(true) // netmask reading first: /32
    expect(itemError('f|cidr', '10.0.0.0/255.0.255.0')).toBeDefined()
    expect(itemError('f|cidr', '10.0.0.1/255.0.0.0')).toMatch(/host bits/)
  })
  it('event values that are not addresses never match (also an empty IPv6 scope id)', () => {
    expect(item('f|cidr', 'fe80::/10', { f: 'fe80::1%eth0' })).toBe(true)
    expect(item('f|cidr', 'fe80::/10', { f: 'fe80::1%' })).toBe(false)
    expect(item('f|cidr', '0.0.0.0/0', { f: '1.2.3' })).toBe(false)
    expect(item('f|cidr', '0.0.0.0/0', { f: '010.1.2.3' })).toBe(false) // leading zeros are ambiguous: rejected
    expect(item('f|cidr', '::/0', { f: '1::2::3' })).toBe(false)
  })
  it('must be first; only all and neq may follow', () => {
    expect(itemError('f|contains|cidr', '10.0.0.0/8')).toMatch(/first/)
    expect(itemError('f|cidr|contains', '10.0.0.0/8')).toBeDefined()
    expect(itemError('f|cidr|base64', '10.0.0.0/8')).toBeDefined()
    expect(item('f|cidr|neq', '10.0.0.0/8', { f: '11.0.0.1' })).toBe(true)
    expect(item('f|cidr|all', ['10.0.0.0/8', '10.1.0.0/16'], { f: '10.1.2.3' })).toBe(true)
    expect(item('f|cidr|all', ['10.0.0.0/8', '10.1.0.0/16'], { f: '10.2.2.3' })).toBe(false)
  })
})

describe('§3.a expand', () => {
  const placeholders = { Admins: ['root', 'admin*'], Servers: ['srv1'] }
  it('%name% is replaced by the configured values, OR-linked', () => {
    expect(item('f|expand', '%Admins%', { f: 'root' }, { placeholders })).toBe(true)
    expect(item('f|expand', '%Admins%', { f: 'administrator' }, { placeholders })).toBe(true)
    expect(item('f|expand', '%Admins%', { f: 'guest' }, { placeholders })).toBe(false)
    expect(item('f|expand', 'user-%Servers%-x', { f: 'user-srv1-x' }, { placeholders })).toBe(true)
  })
  it('a placeholder name is any text without % (pySigma): dashes and spaces included', () => {
    const ph = { 'domain-admins': ['da1'], 'My Servers': ['srv9'] }
    expect(item('f|expand', '%domain-admins%', { f: 'DA1' }, { placeholders: ph })).toBe(true)
    expect(item('f|expand', 'x%My Servers%', { f: 'xsrv9' }, { placeholders: ph })).toBe(true)
    expect(itemError('f|expand', '%domain-users%', { placeholders: ph })).toMatch(/domain-users/)
  })
  it('\\% is a literal percent', () => {
    expect(item('f|expand', '100\\%', { f: '100%' }, { placeholders })).toBe(true)
    expect(item('f|expand', '\\%Admins\\%', { f: '%Admins%' }, { placeholders })).toBe(true)
  })
  it('without expand, %x% is literal text', () => {
    expect(item('f', '%Admins%', { f: '%Admins%' }, { placeholders })).toBe(true)
    expect(item('f', '%Admins%', { f: 'root' }, { placeholders })).toBe(false)
  })
  it('an unresolved placeholder is an error', () => {
    expect(itemError('f|expand', '%Nope%')).toMatch(/Nope/)
    expect(itemError('f|expand', '%Nope%', { placeholders })).toMatch(/Nope/)
  })
  it('works in regular expressions too', () => {
    expect(item('f|re|expand', '^%Servers%$', { f: 'srv1' }, { placeholders })).toBe(true)
    expect(item('f|re|expand', '^%Servers%$', { f: 'srv2' }, { placeholders })).toBe(false)
  })
})

describe('§3.a fieldref', () => {
  it('compares the field with another field of the same event', () => {
    expect(item('f|fieldref', 'g', { f: 'same', g: 'same' })).toBe(true)
    expect(item('f|fieldref', 'g', { f: 'same', g: 'other' })).toBe(false)
  })
  it('the value must have no wildcards', () => {
    expect(itemError('f|fieldref', 'g*')).toBeDefined()
    expect(itemError('f|fieldref', 'g?')).toBeDefined()
  })
})

describe('§3.a combination rules', () => {
  it('after re only i m s, contains/startswith/endswith, expand, all, neq', () => {
    for (const ok of ['i', 'm', 's', 'contains', 'startswith', 'endswith', 'all', 'neq']) expect(itemError(`f|re|${ok}`, 'a')).toBeUndefined()
    expect(itemError('f|re|expand', 'a', { placeholders: {} })).toBeUndefined()
    for (const bad of ['cased', 'base64', 'base64offset', 'wide', 'windash', 'fieldref', 'cidr', 'lt', 'hour']) expect(itemError(`f|re|${bad}`, 'a')).toBeDefined()
  })
  it('re, cidr and exists take only unmodified values: not even all or neq may precede them (pySigma)', () => {
    for (const list of ['all', 'neq']) {
      expect(itemError(`f|${list}|re`, 'a'), list).toMatch(/first/)
      expect(itemError(`f|${list}|cidr`, '10.0.0.0/8'), list).toMatch(/first/)
      expect(itemError(`f|${list}|exists`, true), list).toMatch(/first/)
    }
    expect(itemError('f|re|all', ['a', 'b'])).toBeUndefined()
    expect(itemError('f|cidr|neq', '10.0.0.0/8')).toBeUndefined()
  })
  it('string-producing modifiers feed each other', () => {
    for (const chain of ['wide|base64offset|contains', 'base64|contains', 'contains|windash', 'windash|contains', 'cased|contains', 'expand|contains'])
      expect(itemError(`f|${chain}`, ' -a', { placeholders: {} })).toBeUndefined()
  })
  it('with all, expansions stay OR groups: windash|contains|all', () => {
    const key = 'f|windash|contains|all'
    expect(item(key, [' -a', ' -b'], { f: 'x \u2013a /b' })).toBe(true)
    expect(item(key, [' -a', ' -b'], { f: 'x \u2013a' })).toBe(false)
  })
  it('repeating a modifier is accepted', () => {
    expect(item('f|contains|contains', 'b', { f: 'abc' })).toBe(true)
    expect(item('f|base64|base64', 'a', { f: Buffer.from('YQ==').toString('base64') })).toBe(true)
  })
})
