import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CompileOptions, checkDetection, compileDetection, modifierNames } from '../../../src/sigma/compile/index.js'

/** What each mode says about a detection: the error (name, message, path, column) or `ok`. */
function outcome(run: () => unknown): unknown {
  try {
    run()
    return 'ok'
  } catch (err) {
    const e = err as { name: string; message: string; path?: unknown; column?: unknown }
    return { name: e.name, message: e.message, path: e.path, column: e.column }
  }
}

function sameVerdict(detection: Record<string, unknown>, options: Pick<CompileOptions, 'placeholders' | 'filters'> = {}): unknown {
  const full = outcome(() => compileDetection(detection, options))
  expect(outcome(() => checkDetection(detection, options))).toEqual(full)
  return full
}

const one = (selection: unknown, condition = 'selection') => ({ selection, condition })

describe('checkDetection (lint: the verdict without the matchers)', () => {
  it('rejects what compileDetection rejects, with the same error', () => {
    const rejected: Record<string, unknown>[] = [
      one({ 'a|nope': 'x' }),
      one({ 'a|Contains': 'x' }),
      one({ 'a||contains': 'x' }),
      one({ 'a|contains|re': 'x' }),
      one({ 'a|re': '(' }),
      one({ 'a|re': '(?x)a' }),
      one({ 'a|i': 'x' }),
      one({ 'a|cidr': '10.0.0.0/33' }),
      one({ 'a|contains': 5 }),
      one({ 'a|base64': 'x*' }),
      one({ 'a|expand': '%missing%' }),
      one({ 'a|fieldref': 'b*' }),
      one({ 'a|gt': 'x' }),
      one({ '|exists': true }),
      one({ a: [['x']] }),
      one({ a: { b: 1 } }),
      one({ a: Infinity }),
      one([]),
      one(null),
      one(['x', null]),
      one([{ a: 1 }, ['y']]),
      one({}),
      one({ a: 1 }, 'selection and'),
      one({ a: 1 }, 'other'),
      one({ a: 1 }, '1 of nothing*'),
      { selection: { a: 1 } },
      { condition: 'x' },
      { selection: { a: 1 }, condition: [] },
      { selection: { a: 1 }, condition: [3] },
    ]
    for (const d of rejected) expect(sameVerdict(d), JSON.stringify(d)).not.toBe('ok')
    expect(sameVerdict(one({ a: 1 }), { filters: [{ detection: { f: { 'b|nope': 1 } }, condition: 'f' }] })).not.toBe('ok')
    expect(sameVerdict(one({ a: 1 }), { filters: [{ detection: { f: { b: 1 } }, condition: 'not g' }] })).not.toBe('ok')
  })

  it('accepts what compileDetection accepts', () => {
    const accepted: Record<string, unknown>[] = [
      one({ 'a|contains|all': ['x', 'y*'], 'b|re|i': '^a.b$', 'c|cidr': '10.0.0.0/8', 'd|windash|contains': '-x' }),
      one({ 'a|base64offset|contains': 'abc', 'b|utf16le|base64': 'x', 'c|exists': false, 'd|fieldref|startswith': 'e' }),
      one({ 'a|expand': '%p%', 'b|re|expand': '%p%x', 'c|gte': 3, 'd|hour': 4, e: null, f: [], 'g|cased': 'A?b' }),
      one(['kw', 1, true]),
      one([{ a: 1 }, 'kw']),
      { s1: { a: 1 }, s2: 'kw', condition: '1 of s* and not s2' },
      { s1: { a: 1 }, condition: ['s1', 'not s1'] },
    ]
    for (const d of accepted) expect(sameVerdict(d, { placeholders: { p: ['x*', 'y'] } }), JSON.stringify(d)).toBe('ok')
  })

  it('agrees with compileDetection on generated detections', () => {
    const names = modifierNames()
    const key = fc
      .tuple(fc.constantFrom('', 'a', 'b.c', 'Image'), fc.array(fc.constantFrom(...names, 'nope', '', 'CONTAINS'), { maxLength: 3 }))
      .map(([field, mods]) => [field, ...mods].join('|'))
    const scalar = fc.oneof(
      fc.constantFrom('x', 'a*b', '?', '\\*', '', '%p%', '%q%', '10.0.0.0/8', '::1/200', '(', '^a$', '-x /y', 'a\\', '(?i)x', '(?P<n>a)'),
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -3, max: 30 }),
      fc.constantFrom(true, false, null, 1.5, Number.NaN),
    )
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constant([[1]]), fc.constant({ k: 1 }))
    const selection = fc.oneof(
      fc.dictionary(key, value, { minKeys: 0, maxKeys: 3 }),
      fc.array(fc.oneof(scalar, fc.dictionary(key, value, { minKeys: 1, maxKeys: 2 })), { maxLength: 3 }),
      scalar,
    )
    const condition = fc.constantFrom('s1', 's1 and not s2', '1 of s*', 'all of them', 's3', 's1 or', ['s1', 's2'])
    const seen = { ok: 0, rejected: 0 }
    fc.assert(
      fc.property(selection, selection, condition, (s1, s2, c) => {
        seen[sameVerdict({ s1, s2, condition: c }, { placeholders: { p: ['x*', 'y'] } }) === 'ok' ? 'ok' : 'rejected']++
      }),
      // Seeded: the share of each verdict below is a property of this sample, not of every sample.
      { numRuns: 2000, seed: 20261206 },
    )
    // Both verdicts must be well represented, or the property says little.
    expect(seen.ok).toBeGreaterThan(200)
    expect(seen.rejected).toBeGreaterThan(200)
  })

  it('a string through contains, startswith, endswith and cased (lint skips typing it) is accepted whatever it says', () => {
    const modifier = fc.constantFrom('contains', 'startswith', 'endswith', 'cased', 'all')
    const text = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('*', '?', '\\', '%', 'a', '-', '/') }))
    fc.assert(
      fc.property(fc.array(modifier, { maxLength: 3 }), fc.boolean(), fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })), (mods, keyword, value) => {
        const key = [keyword ? '' : 'field', ...mods].join('|')
        const detection = keyword && mods.length === 0 ? { selection: Array.isArray(value) ? value : [value], condition: 'selection' } : one({ [key]: value })
        expect(sameVerdict(detection)).toBe('ok')
      }),
      { numRuns: 500, seed: 20261206 },
    )
  })
})
