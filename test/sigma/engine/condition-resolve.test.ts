import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileDetection } from '../../../src/sigma/compile/index.js'
import { parseCondition, patternMatches, resolveCondition } from '../../../src/sigma/condition/index.js'
import { starMatch } from '../../../src/sigma/condition/resolve.js'
import { compileError } from './helpers.js'

const names = ['selection_a', 'selection_b', 'filter_x', '_private', 'sel-dash', 'them2']

describe('resolveCondition', () => {
  it('binds patterns to matching selections, excluding _-names', () => {
    const r = resolveCondition(parseCondition('1 of selection_* and not 1 of filter_*'), names)
    expect(r.problems).toEqual([])
    expect(r.unreferenced).toEqual(['_private', 'sel-dash', 'them2'])
    const n = r.node
    if (n.type !== 'and') throw new Error('shape')
    expect(n.args[0]).toMatchObject({ type: 'of', selections: ['selection_a', 'selection_b'] })
  })

  it('them covers every selection but the _-prefixed ones', () => {
    const r = resolveCondition(parseCondition('all of them'), names)
    expect(r.node).toMatchObject({ selections: ['selection_a', 'selection_b', 'filter_x', 'sel-dash', 'them2'] })
  })

  it('a pattern that starts with _ covers _-names', () => {
    expect(patternMatches('_*', '_private')).toBe(true)
    expect(patternMatches('*', '_private')).toBe(false)
    expect(patternMatches('*ate', '_private')).toBe(false)
    expect(patternMatches('sel*a', 'selection_a')).toBe(true)
    expect(patternMatches('sel', 'selection_a')).toBe(false)
    expect(patternMatches('s*n_*', 'selection_b')).toBe(true)
  })

  it('reports undefined identifiers and empty patterns with their span', () => {
    const r = resolveCondition(parseCondition('selection_a and missing or 1 of nothing_*'), names)
    expect(r.problems.map((p) => [p.kind, p.name, p.start])).toEqual([
      ['undefined-identifier', 'missing', 16],
      ['empty-pattern', 'nothing_*', 27],
    ])
  })
})

describe('conditions in compileDetection', () => {
  const det = {
    sel_a: { a: 1 },
    sel_b: { b: 1 },
    filter: { f: 1 },
    _hidden: { h: 1 },
  }
  const run = (condition: string | string[], event: object) => compileDetection({ ...det, condition }).match(event)

  it('evaluates and / or / not / parentheses', () => {
    expect(run('sel_a and not filter', { a: 1 })).toBe(true)
    expect(run('sel_a and not filter', { a: 1, f: 1 })).toBe(false)
    expect(run('sel_a or sel_b and filter', { a: 1 })).toBe(true)
    expect(run('(sel_a or sel_b) and filter', { a: 1 })).toBe(false)
    expect(run('not not sel_a', { a: 1 })).toBe(true)
  })

  it('evaluates 1 of / all of / them, leaving _-selections out of them', () => {
    expect(run('1 of sel_*', { b: 1 })).toBe(true)
    expect(run('all of sel_*', { b: 1 })).toBe(false)
    expect(run('all of sel_*', { a: 1, b: 1 })).toBe(true)
    expect(run('all of them', { a: 1, b: 1, f: 1 })).toBe(true) // _hidden not required
    expect(run('1 of them', { h: 1 })).toBe(false)
    expect(run('1 of _*', { h: 1 })).toBe(true)
  })

  it('a condition list matches when any element does', () => {
    expect(run(['sel_a and sel_b', 'filter'], { f: 1 })).toBe(true)
    expect(run(['sel_a and sel_b', 'filter'], { a: 1 })).toBe(false)
  })

  it('rejects dangling references and empty patterns, with the condition path and column', () => {
    expect(compileError({ ...det, condition: 'sel_a and nope' })).toMatchObject({ path: ['condition'], message: expect.stringMatching(/'nope'.*column 11/) })
    expect(compileError({ ...det, condition: ['sel_a', '1 of x*'] })).toMatchObject({ path: ['condition', 1], message: expect.stringMatching(/matches no selection/) })
    expect(compileError({ ...det, condition: 'sel_a AND sel_b' })).toMatchObject({ path: ['condition'], message: expect.stringMatching(/lower case/) })
    expect(compileError({ sel: { a: 1 } })).toMatchObject({ path: ['condition'] })
    expect(compileError({ sel: { a: 1 }, condition: [] })).toMatchObject({ path: ['condition'] })
    expect(compileError({ sel: { a: 1 }, condition: 5 })).toMatchObject({ path: ['condition'] })
    expect(compileError({ condition: 'x' })).toMatchObject({ message: expect.stringMatching(/no selections/) })
  })

  it('not not x behaves as x, and De Morgan holds, for every event', () => {
    const ev = fc.record({ a: fc.constantFrom(0, 1), b: fc.constantFrom(0, 1), f: fc.constantFrom(0, 1) })
    fc.assert(
      fc.property(ev, (e) => {
        expect(run('not not sel_a', e)).toBe(run('sel_a', e))
        expect(run('not (sel_a or sel_b)', e)).toBe(run('not sel_a and not sel_b', e))
        expect(run('sel_a and (sel_b or filter)', e)).toBe(run('sel_a and sel_b or sel_a and filter', e))
      }),
    )
  })
})

describe('explain agrees with match', () => {
  const leaf = fc.constantFrom('sel_a', 'sel_b', 'filter', '1 of sel_*', 'all of sel_*', '1 of them', 'all of them')
  const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small' },
      leaf,
      tie('c').map((x) => `not ${x}`),
      fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    ),
  })).c
  const det = { sel_a: { a: 1 }, sel_b: { 'b|contains': 'x' }, filter: { f: null } }
  it('for random conditions and events', () => {
    fc.assert(
      fc.property(condition, fc.record({ a: fc.constantFrom(0, 1, '1'), b: fc.constantFrom('x', 'yxy', 'no'), f: fc.option(fc.constant('v')) }), (c, e) => {
        const d = compileDetection({ ...det, condition: c })
        expect(d.explain(e).match).toBe(d.match(e))
      }),
    )
  })
})

describe('starMatch (a `*` pattern without a RegExp)', () => {
  const asRegExp = (pattern: string, name: string) => new RegExp('^' + pattern.split('*').map((s) => s.replace(/[\\^$.+?()[\]{}|]/g, '\\$&')).join('.*') + '$').test(name)
  it('says what ^a.*b$ says, line terminators included', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '_', '*', '\n', '\r', '\u2028', '.', 'x') as fc.Arbitrary<string>, maxLength: 8 })
    fc.assert(fc.property(text, text, (pattern, name) => starMatch(pattern, name) === asRegExp(pattern, name)), { numRuns: 3000 })
    expect(starMatch('sel*', 'sel\nx')).toBe(false)
    expect(starMatch('a*b*a', 'aba')).toBe(true)
    expect(starMatch('ab*ba', 'aba')).toBe(false)
    expect(starMatch('selection', 'selection')).toBe(true)
  })
})
