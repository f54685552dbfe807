import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { namesUnsafeInteger, parseJsonLossless } from '../../src/shared/json-lossless.js'

describe('parseJsonLossless', () => {
  it('keeps integers beyond 2^53 as their exact digits', () => {
    expect(parseJsonLossless('{"id":9007199254740993,"n":-123456789012345678901,"ok":9007199254740991}')).toEqual({
      id: '9007199254740993',
      n: '-123456789012345678901',
      ok: 9007199254740991,
    })
    expect(parseJsonLossless('[18446744073709551615, 1.5e300, 12345678901234567.5]')).toEqual(['18446744073709551615', 1.5e300, 12345678901234567.5])
  })

  it('leaves digits inside strings and keys alone', () => {
    expect(parseJsonLossless('{"9007199254740993":"9007199254740993 \\" 18446744073709551615","x":1}')).toEqual({
      '9007199254740993': '9007199254740993 \\" 18446744073709551615'.replace('\\"', '"'),
      x: 1,
    })
  })

  it('is not fooled by a string that decodes to its marker', () => {
    const text = '{"s":"\\u0000ruleproof-int0:1","big":9007199254740993}'
    expect(parseJsonLossless(text)).toEqual({ s: '\u0000ruleproof-int0:1', big: '9007199254740993' })
  })

  it('reports invalid JSON as JSON.parse does', () => {
    expect(() => parseJsonLossless('{"a": 90071992547409930,}')).toThrow(SyntaxError)
  })

  it('equals JSON.parse wherever every integer is safe', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const safe = JSON.stringify(JSON.parse(text), (_k, v: unknown) => (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) ? 0 : v))
        expect(parseJsonLossless(safe)).toEqual(JSON.parse(safe))
      }),
      { numRuns: 500 },
    )
  })
})

describe('namesUnsafeInteger', () => {
  it('finds integers beyond 2^53 in a detection, as numbers or as the text the YAML loader keeps', () => {
    expect(namesUnsafeInteger({ selection: { EventRecordID: '9007199254740993' }, condition: 'selection' })).toBe(true)
    expect(namesUnsafeInteger({ s: [{ a: [1, 2 ** 60] }] })).toBe(true)
    expect(namesUnsafeInteger({ s: { a: '9007199254740991', b: 'x1234567890123456789', c: 4625 } })).toBe(false)
  })
})
