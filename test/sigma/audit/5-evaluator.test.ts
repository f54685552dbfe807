/**
 * Audit of reference/sigma.md §5 "Building an evaluator that agrees with pySigma-based
 * backends", items 1–18 (item 10, YAML loading, is in yaml-1.1.test.ts; 17–18 in
 * 3e-correlation-filters.test.ts). Python behaviour quoted in comments was checked with CPython's
 * `re`.
 */
import { describe, expect, it } from 'vitest'
import { compileDetection } from '../../../src/sigma/compile/index.js'
import { detectionError, item, itemError, matches } from './helpers.js'

describe('§5.1 case-insensitive by default, Unicode lower-casing on both sides', () => {
  it('ASCII and non-ASCII letters fold', () => {
    expect(item('f', 'ÄBC', { f: 'äbc' })).toBe(true)
    expect(item('f', 'äbc', { f: 'ÄBC' })).toBe(true)
    expect(item('f|contains', 'ÉTÉ', { f: 'un été chaud' })).toBe(true)
    expect(item('f|startswith', 'ПРИВ', { f: 'привет' })).toBe(true)
    expect(item('f', 'ΟΔΟΣ', { f: 'οδος' })).toBe(true) // Python 'ΟΔΟΣ'.lower() == 'οδος' (final sigma)
  })
  it('lower-casing, not case-folding: ß does not equal SS (as Python .lower())', () => {
    expect(item('f', 'STRASSE', { f: 'straße' })).toBe(false)
  })
  it('cased values compare exactly; regexes only as flagged', () => {
    expect(item('f|cased', 'Äbc', { f: 'äbc' })).toBe(false)
    expect(item('f|re', 'äbc', { f: 'ÄBC' })).toBe(false)
    expect(item('f|re|i', 'äbc', { f: 'ÄBC' })).toBe(true)
  })
  it('field names are matched exactly', () => {
    expect(item('Verb', 'create', { verb: 'create' })).toBe(false)
    expect(item('verb', 'create', { Verb: 'create' })).toBe(false)
  })
})

describe('§5.2 wildcard semantics: anchored full match', () => {
  it('* is any sequence including newlines and the empty string', () => {
    expect(item('f', 'a*c', { f: 'a\nb\nc' })).toBe(true)
    expect(item('f', 'a*c', { f: 'ac' })).toBe(true)
    expect(item('f', 'a*c', { f: 'acx' })).toBe(false)
  })
  it('? is exactly one character (a code point, also outside the BMP, also a newline)', () => {
    expect(item('f', 'a?c', { f: 'abc' })).toBe(true)
    expect(item('f', 'a?c', { f: 'ac' })).toBe(false)
    expect(item('f', 'a?c', { f: 'abbc' })).toBe(false)
    expect(item('f', 'a?c', { f: 'a😀c' })).toBe(true)
    expect(item('f', 'a?c', { f: 'a\nc' })).toBe(true)
  })
  it('a wildcard in the middle is part of the glob', () => {
    expect(item('f', 'schtasks* /create *AppData', { f: 'schtasks.exe /create /tr C:\\Users\\x\\AppData' })).toBe(true)
    expect(item('f', 'io.k8s.core.v*.secrets.create', { f: 'io.k8s.core.v1.secrets.create' })).toBe(true)
    expect(item('f', 'io.k8s.core.v*.secrets.create', { f: 'io.k8s.core.v1.secrets.createx' })).toBe(false)
  })
  it('regex metacharacters in literal text are literal', () => {
    expect(item('f', 'a.b(c)[d]+$^|{2}', { f: 'a.b(c)[d]+$^|{2}' })).toBe(true)
    expect(item('f', 'a.b', { f: 'axb' })).toBe(false)
    expect(item('f|contains', '(x)', { f: 'f(x)y' })).toBe(true)
  })
})

describe('§5.3 numbers and booleans', () => {
  it('a YAML number matches the same number or a string whose text is that number', () => {
    expect(item('EventID', 4688, { EventID: 4688 })).toBe(true)
    expect(item('EventID', 4688, { EventID: '4688' })).toBe(true)
    expect(item('EventID', 4688, { EventID: '4689' })).toBe(false)
    expect(item('EventID', 4688, { EventID: 'x4688' })).toBe(false)
  })
  it('a quoted string matches the number by text', () => {
    expect(item('EventID', '4688', { EventID: 4688 })).toBe(true)
    expect(item('EventID', '4688', { EventID: 4689 })).toBe(false)
  })
  it('numbers compare numerically when both sides are numbers (1.0 = 1)', () => {
    expect(item('f', 1, { f: 1.0 })).toBe(true)
    expect(item('f', 1.5, { f: 1.5 })).toBe(true)
    expect(item('f', 1, { f: '1.0' })).toBe(true)
  })
  it('gt/gte/lt/lte need a number or numeric string in the event', () => {
    expect(item('f|gt', 10, { f: '11' })).toBe(true)
    expect(item('f|gt', 10, { f: 'eleven' })).toBe(false)
    expect(item('f|gt', 10, { f: true })).toBe(false)
    expect(item('f|gt', 10, {})).toBe(false)
    expect(item('f|gt', 10, { f: null })).toBe(false)
  })
  it('string modifiers on unquoted numbers are a load error, not coerced', () => {
    expect(itemError('DestinationPort|contains', 80)).toBeDefined()
  })
  it('booleans match JSON booleans and the strings true/false in any case', () => {
    expect(item('f', true, { f: true })).toBe(true)
    expect(item('f', true, { f: 'true' })).toBe(true)
    expect(item('f', true, { f: 'True' })).toBe(true)
    expect(item('f', true, { f: 'TRUE' })).toBe(true)
    expect(item('f', true, { f: false })).toBe(false)
    expect(item('f', false, { f: 'false' })).toBe(true)
    expect(item('f', false, { f: 0 })).toBe(false)
    expect(item('f', false, {})).toBe(false)
  })
})

describe('§5.4 contains|all on one field', () => {
  it('every value occurs somewhere in the same field value', () => {
    expect(item('f|contains|all', ['-enc', 'bypass'], { f: 'powershell -enc x -exec bypass' })).toBe(true)
    expect(item('f|contains|all', ['-enc', 'bypass'], { f: 'powershell -enc x', g: 'bypass' })).toBe(false)
  })
  it('with an array-valued field, each value may be found in any element', () => {
    expect(item('f|contains|all', ['a', 'b'], { f: ['xa', 'yb'] })).toBe(true)
    expect(item('f|contains|all', ['a', 'b'], { f: ['xa', 'ya'] })).toBe(false)
  })
})

describe('§5.5 windash expansions combine with contains/startswith/endswith', () => {
  it('windash|startswith and windash|endswith', () => {
    expect(item('f|windash|startswith', '-e ', { f: '\u2014e abc' })).toBe(true)
    expect(item('f|windash|endswith', ' -e', { f: 'powershell /e' })).toBe(true)
    expect(item('f|windash|endswith', ' -e', { f: 'powershell /e x' })).toBe(false)
  })
})

describe('§5.6 field paths', () => {
  it('a dotted name is a path into nested objects', () => {
    expect(item('objectRef.resource', 'secrets', { objectRef: { resource: 'secrets' } })).toBe(true)
    expect(item('a.b.c', 1, { a: { b: { c: 1 } } })).toBe(true)
    expect(item('a.b.c', 1, { a: { b: 1 } })).toBe(false)
  })
  it('a literal dotted key wins over the nested path', () => {
    expect(item('a.b', 1, { 'a.b': 1, a: { b: 2 } })).toBe(true)
    expect(item('a.b', 2, { 'a.b': 1, a: { b: 2 } })).toBe(false)
    expect(item('a.b.c', 1, { a: { 'b.c': 1 } })).toBe(true)
  })
  it('arrays on the path are searched element-wise (a match in any element counts)', () => {
    expect(item('a.b', 2, { a: [{ b: 1 }, { b: 2 }] })).toBe(true)
    expect(item('a.b', 3, { a: [{ b: 1 }, { b: 2 }] })).toBe(false)
    expect(item('a.b.c', 'x', { a: [{ b: [{ c: 'y' }, { c: 'x' }] }] })).toBe(true)
    expect(item('f', 'x', { f: ['y', 'x'] })).toBe(true)
    expect(item('f|contains', 'priv', { f: [['a'], ['privileged']] })).toBe(true)
  })
  it('comparing a value against an object is no match', () => {
    expect(item('f', 'a', { f: { a: 'a' } })).toBe(false)
    expect(item('f|contains', 'object', { f: {} })).toBe(false)
    expect(item('f', 1, { f: { n: 1 } })).toBe(false)
    expect(item('f|re', '.*', { f: { a: 1 } })).toBe(false)
  })
  it('inherited Object.prototype names are not fields', () => {
    expect(item('constructor|exists', true, {})).toBe(false)
    expect(item('a.toString|exists', true, { a: {} })).toBe(false)
  })
})

describe('§5.7 missing fields, null, exists, empty string', () => {
  it('a test on a missing field is false; not of it is true', () => {
    const d = compileDetection({ selection: { verb: 'create' }, filter: { user: 'system' }, condition: 'selection and not filter' })
    expect(d.match({ verb: 'create' })).toBe(true)
    expect(d.match({ verb: 'create', user: 'system' })).toBe(false)
    expect(item('f', 'x', {})).toBe(false)
    expect(item('f|contains', 'x', {})).toBe(false)
    expect(item('f|re', '.*', {})).toBe(false)
  })
  it('field: null is true when the key is absent or JSON null', () => {
    expect(item('f', null, {})).toBe(true)
    expect(item('f', null, { f: null })).toBe(true)
    expect(item('f', null, { f: '' })).toBe(false)
    expect(item('f', null, { f: 0 })).toBe(false)
  })
  it('exists: true = present, be it empty or null (spec, modifiers appendix); false = absent', () => {
    expect(item('f|exists', true, { f: null })).toBe(true)
    expect(item('f|exists', false, { f: null })).toBe(false)
    expect(item('f|exists', false, {})).toBe(true)
    expect(item('f|exists', true, { f: '' })).toBe(true)
  })
  it("'' matches only an existing empty string", () => {
    expect(item('f', '', { f: '' })).toBe(true)
    expect(item('f', '', {})).toBe(false)
    expect(item('f', '', { f: null })).toBe(false)
    expect(item('f', '', { f: ' ' })).toBe(false)
  })
})

describe('§5.8 keywords', () => {
  it('a case-insensitive substring of any string leaf, wildcards honoured', () => {
    expect(matches(['BREAK-GLASS'], { a: { b: ['x', 'user break-glass account'] } })).toBe(true)
    expect(matches(['glass*acc'], { a: 'break-glass account' })).toBe(true)
    expect(matches(['glass?acc'], { a: 'break-glass account' })).toBe(true)
    expect(matches(['glass??acc'], { a: 'break-glass account' })).toBe(false)
    expect(matches(['nothere'], { a: 'break-glass account' })).toBe(false)
  })
  it('numbers by text', () => {
    expect(matches([4688], { a: { id: 4688 } })).toBe(true)
    expect(matches(['468'], { a: { id: 4688 } })).toBe(true)
    expect(matches([4688], { a: 'event 4688 logged' })).toBe(true)
  })
  it('keys are not searched, only values', () => {
    expect(matches(['secretkey'], { secretkey: 'x' })).toBe(false)
  })
  it('a keywords option replaces the searched texts (e.g. the raw line)', () => {
    const d = compileDetection({ kw: ['needle'], condition: 'kw' }, { keywords: (r) => [(r as { raw: string }).raw] })
    expect(d.match({ raw: 'a needle here', other: 'x' })).toBe(true)
    expect(d.match({ raw: 'nothing', other: 'needle' })).toBe(false)
  })
})

describe('§5.9 regular expressions in JavaScript', () => {
  it('search (unanchored) semantics', () => {
    expect(item('f|re', 'b+', { f: 'abbbc' })).toBe(true)
    expect(item('f|re', '^b', { f: 'abc' })).toBe(false)
  })
  it('leading inline flag groups become flags: (?i), (?s), (?m), combined', () => {
    expect(item('f|re', '(?i)abc', { f: 'xABCx' })).toBe(true)
    expect(item('f|re', '(?s)a.c', { f: 'a\nc' })).toBe(true)
    expect(item('f|re', '(?m)^c$', { f: 'a\nc\nd' })).toBe(true)
    expect(item('f|re', '(?is)A.C', { f: 'a\nc' })).toBe(true)
    expect(item('f|re', '(?i)(?s)A.C', { f: 'a\nc' })).toBe(true)
  })
  it('Python named groups (?P<n>…) and back-references (?P=n)', () => {
    expect(item('f|re', '(?P<q>["\'])x(?P=q)', { f: "'x'" })).toBe(true)
    expect(item('f|re', '(?P<q>["\'])x(?P=q)', { f: '\'x"' })).toBe(false)
  })
  it("'(?<name>…)' is not Python syntax: a load error", () => {
    expect(itemError('f|re', '(?<n>a)')).toBeDefined()
    expect(itemError('f|re', '(?<=a)b')).toBeUndefined() // lookbehind stays valid
    expect(itemError('f|re', '(?<!a)b')).toBeUndefined()
  })
  it('\\A and \\Z are string anchors; \\Z does not match before a final newline', () => {
    expect(item('f|re', '\\Aabc', { f: 'abc' })).toBe(true)
    expect(item('f|re', '\\Aabc', { f: 'x\nabc' })).toBe(false)
    expect(item('f|re|m', '\\Aabc', { f: 'x\nabc' })).toBe(false)
    expect(item('f|re', 'abc\\Z', { f: 'abc' })).toBe(true)
    expect(item('f|re', 'abc\\Z', { f: 'abc\n' })).toBe(false)
  })
  it('$ also matches right before a final newline (Python)', () => {
    expect(item('f|re', 'abc$', { f: 'abc\n' })).toBe(true)
    expect(item('f|re', 'abc$', { f: 'abc\n\n' })).toBe(false)
  })
  it('multiline ^ and $ break at \\n only, as in Python (not at \\r, U+2028, U+2029)', () => {
    expect(item('f|re|m', '^b$', { f: 'a\nb\nc' })).toBe(true)
    expect(item('f|re|m', '^b$', { f: 'a\rb\rc' })).toBe(false)
    expect(item('f|re|m', 'a$', { f: 'a\u2028b' })).toBe(false)
    expect(item('f|re|m', '^b', { f: 'a\u2029b' })).toBe(false)
  })
  it('. excludes only \\n (Python), so it matches \\r, U+2028 and U+2029', () => {
    expect(item('f|re', 'a.b', { f: 'a\rb' })).toBe(true)
    expect(item('f|re', 'a.b', { f: 'a\u2028b' })).toBe(true)
    expect(item('f|re', 'a.b', { f: 'a\nb' })).toBe(false)
    expect(item('f|re', 'a[.]b', { f: 'axb' })).toBe(false) // a dot in a class stays literal
  })
  it('{,n} means {0,n}', () => {
    expect(item('f|re', '^a{,2}$', { f: '' })).toBe(true)
    expect(item('f|re', '^a{,2}$', { f: 'aa' })).toBe(true)
    expect(item('f|re', '^a{,2}$', { f: 'aaa' })).toBe(false)
  })
  it('no u flag: identity escapes and a lone ] still compile, as in SigmaHQ rules', () => {
    expect(item('f|re', '\\"x\\-y', { f: '"x-y' })).toBe(true)
    expect(item('f|re', 'a]', { f: 'a]' })).toBe(true)
    expect(item('f|re', '[]a]', { f: ']' })).toBe(true)
    expect(item('f|re', '[^]a]', { f: 'b' })).toBe(true)
  })
  it('Python syntax errors are load errors: undefined letter escapes, incomplete \\x/\\u', () => {
    // Python: re.error "bad escape \z" / "bad escape \p" / "incomplete escape \x4"
    for (const bad of ['abc\\z', '\\p{L}', '\\k<a>', '\\e', '[\\A]', '\\x4', '\\u12', 'a\\'])
      expect(itemError('f|re', bad), bad).toBeDefined()
    expect(item('f|re', '\\x41\\u0042', { f: 'AB' })).toBe(true)
    expect(item('f|re', '\\U0001F600', { f: '😀' })).toBe(true)
    expect(item('f|re', '^\\U0001F600{2}$', { f: '😀😀' })).toBe(true) // the quantifier covers the whole character
    expect(item('f|re', '\\a', { f: 'a' })).toBe(false) // \a is BEL in Python
    expect(item('f|re', '\\a', { f: '\u0007' })).toBe(true)
  })
  it('constructs JavaScript cannot express are rejected, not silently changed', () => {
    for (const bad of ['(?>a)', 'a++', '(?i:a)b', 'a(?i)b', '(?x) a', '(?(1)a|b)']) expect(itemError('f|re', bad), bad).toBeDefined()
  })
  it('(?#…) comments are ignored', () => {
    expect(item('f|re', 'a(?#comment)b', { f: 'ab' })).toBe(true)
  })
})

describe('§5.11 base64 / base64offset / wide output is matched case-insensitively like any value', () => {
  it('Base64 text with other letter case still matches (backends apply default insensitivity)', () => {
    expect(item('f|base64', 'cmd', { f: 'y21K' })).toBe(true)
    expect(item('f|base64|cased', 'cmd', { f: 'y21K' })).toBe(false)
  })
})

describe('§5.12 cidr: event values parsed as IPs; non-IP text never matches', () => {
  it('membership, not text prefixes', () => {
    expect(item('f|cidr', '10.0.0.0/8', { f: '10.1.2.3' })).toBe(true)
    expect(item('f|cidr', '10.0.0.0/8', { f: '100.1.2.3' })).toBe(false)
    expect(item('f|cidr', '10.0.0.0/8', { f: '10.1.2.300' })).toBe(false)
    expect(item('f|cidr', '10.0.0.0/8', { f: 'host-10.1.2.3' })).toBe(false)
    expect(item('f|cidr', '10.0.0.0/8', { f: ['1.1.1.1', '10.9.9.9'] })).toBe(true)
  })
  it('IPv6 text forms are compared as addresses', () => {
    expect(item('f|cidr', '2001:db8::/32', { f: '2001:0db8:0000::0001' })).toBe(true)
    expect(item('f|cidr', '::ffff:0:0/96', { f: '::ffff:10.0.0.1' })).toBe(true)
    expect(item('f|cidr', '10.0.0.0/8', { f: '::ffff:10.0.0.1' })).toBe(false) // other IP version
  })
})

describe('§5.13 fieldref', () => {
  it('case-insensitive; if either field is missing, no match', () => {
    expect(item('f|fieldref', 'g', { f: 'ABC', g: 'abc' })).toBe(true)
    expect(item('f|fieldref', 'g', { f: 'ABC' })).toBe(false)
    expect(item('f|fieldref', 'g', { g: 'abc' })).toBe(false)
    expect(item('f|fieldref|contains', 'g', { f: 'x' })).toBe(false)
  })
  it('reads the other field through the same accessor (dotted paths)', () => {
    expect(item('user.name|fieldref', 'impersonated.name', { user: { name: 'bob' }, impersonated: { name: 'Bob' } })).toBe(true)
  })
  it('the fields list names the referenced field', () => {
    const d = compileDetection({ selection: { 'f|fieldref': 'g' }, condition: 'selection' })
    expect(d.fields).toEqual(['f', 'g'])
  })
})

describe('§5.14 expand requires a placeholder map', () => {
  it('rejects the rule when a placeholder is unresolved', () => {
    expect(itemError('f|expand', '%Workstations%')).toMatch(/Workstations/)
    expect(itemError('f|expand', '%Workstations%', { placeholders: { Workstations: [] } })).toBeDefined()
  })
  it('one placeholder → list of values, OR-linked', () => {
    const placeholders = { DomainControllers: ['dc1', 'dc2'] }
    expect(item('host|expand', '%DomainControllers%', { host: 'DC2' }, { placeholders })).toBe(true)
    expect(item('host|expand', '%DomainControllers%', { host: 'dc3' }, { placeholders })).toBe(false)
  })
})

describe('§5.15 neq and timestamp modifiers', () => {
  it('neq: missing field → true', () => {
    expect(item('f|neq', 'a', {})).toBe(true)
    expect(item('f|neq', 'a', { f: null })).toBe(true)
  })
  it('ISO 8601 / RFC 3339 text and epoch numbers, parts in UTC', () => {
    expect(item('t|hour', 22, { t: '2026-03-14T22:37:05Z' })).toBe(true)
    expect(item('t|hour', 21, { t: '2026-03-14T23:37:05+02:00' })).toBe(true) // 21:37 UTC
    expect(item('t|hour', 2, { t: '2026-03-14T23:37:05-03:00' })).toBe(true) // next day 02:37 UTC
    expect(item('t|day', 15, { t: '2026-03-14T23:37:05-03:00' })).toBe(true)
    expect(item('t|hour', 22, { t: '2026-03-14T22:37:05.123456Z' })).toBe(true)
    expect(item('t|year', 2026, { t: 1773527825 })).toBe(true) // epoch seconds
    expect(item('t|year', 2026, { t: 1773527825000 })).toBe(true) // epoch milliseconds
    expect(item('t|minute', 37, { t: 1773527825 })).toBe(true)
    expect(item('t|minute', 37, { t: '1773527825' })).toBe(true) // epoch seconds as text
    expect(item('t|hour', 22, { t: '2026-03-14 22:37:05' })).toBe(true) // no zone = UTC
    expect(item('t|month', 3, { t: '2026-03-14' })).toBe(true) // a date alone
  })
  it('week is the ISO week number, including week 53', () => {
    expect(item('t|week', 53, { t: '2020-12-31T12:00:00Z' })).toBe(true)
    expect(item('t|week', 1, { t: '2021-01-04T00:00:00Z' })).toBe(true)
    expect(item('t|week', 53, { t: '2021-01-03T00:00:00Z' })).toBe(true) // still ISO week 2020-W53
  })
  it('unparseable timestamps do not match', () => {
    expect(item('t|day', 2, { t: '2026-02-30T10:00:00Z' })).toBe(false) // no such date (no roll-over to March 2)
    expect(item('t|month', 3, { t: '2026-02-30T10:00:00Z' })).toBe(false)
    expect(item('t|day', 29, { t: '2024-02-29T10:00:00Z' })).toBe(true) // leap day
    expect(item('t|hour', 0, { t: '2026-03-14T24:00:00Z' })).toBe(false)
    expect(item('t|minute', 0, { t: '2026-03-14T10:60:00Z' })).toBe(false)
    expect(item('t|hour', 22, { t: 'yesterday at ten' })).toBe(false)
    expect(item('t|hour|gte', 0, { t: 'n/a' })).toBe(false)
    expect(item('t|hour', 22, {})).toBe(false)
  })
})

describe('explain agrees with match', () => {
  it('for conditions with not, x of and filters', () => {
    const detection = { sel: { verb: ['create', 'patch'] }, sel_ns: { namespace: 'kube-system' }, _filter: { user: 'system:*' }, condition: '1 of sel* and not _filter' }
    const d = compileDetection(detection, { filters: [{ detection: { selection: { namespace: 'default' } }, condition: 'not selection' }] })
    for (const verb of ['create', 'get'])
      for (const namespace of ['kube-system', 'default', undefined])
        for (const user of ['system:node', 'alice']) {
          const event = { verb, namespace, user }
          expect(d.explain(event).match, JSON.stringify(event)).toBe(d.match(event))
        }
    expect(d.explain({ verb: 'create', user: 'alice' }).selections).toEqual({ sel: true, sel_ns: false, _filter: false, 'filter0:selection': false })
  })
})

describe('§5.16 conditions follow the grammar; a list condition is OR', () => {
  it('rejects what pySigma rejects', () => {
    const base = { a: { x: 1 }, b: { y: 1 } }
    for (const c of ['a AND b', '2 of them', 'a | count() > 5', 'a and c', '1 of c*', 'a and', '(a', 'a)'])
      expect(detectionError({ ...base, condition: c }), c).toBeDefined()
  })
  it('a list condition is OR', () => {
    const d = compileDetection({ a: { x: 1 }, b: { y: 1 }, condition: ['a', 'b'] })
    expect(d.match({ x: 1 })).toBe(true)
    expect(d.match({ y: 1 })).toBe(true)
    expect(d.match({ z: 1 })).toBe(false)
  })
})
