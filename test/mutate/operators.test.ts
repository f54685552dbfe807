import { describe, expect, it } from 'vitest'
import { changeMatch } from '../../src/mutate/sigma/operators/change-match.js'
import { dropFilter } from '../../src/mutate/sigma/operators/drop-filter.js'
import { dropModifier } from '../../src/mutate/sigma/operators/drop-modifier.js'
import { sigmaOperators } from '../../src/mutate/sigma/operators/index.js'
import { removeItem } from '../../src/mutate/sigma/operators/remove-item.js'
import { removeSelection } from '../../src/mutate/sigma/operators/remove-selection.js'
import { removeValue } from '../../src/mutate/sigma/operators/remove-value.js'
import { shiftBound } from '../../src/mutate/sigma/operators/shift-bound.js'
import { swapAndOr } from '../../src/mutate/sigma/operators/swap-and-or.js'
import { widenValue } from '../../src/mutate/sigma/operators/widen-value.js'
import type { SigmaOperator } from '../../src/mutate/types.js'

const detection = {
  selection: { verb: ['create', 'patch'], 'objectRef.resource|contains': 'cronjob' },
  filter: { 'user.username|startswith': 'system:' },
  condition: 'selection and not filter',
}

const shapes = (op: SigmaOperator, d: Record<string, unknown>) => op.mutate(d).map((m) => ({ detection: m.detection, path: m.path, at: m.at, ...(m.equivalent ? { equivalent: true } : {}) }))

describe('Sigma mutation operators', () => {
  it('have unique kebab-case ids and a description each; none changes its input', () => {
    const ids = sigmaOperators.map((o) => o.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const o of sigmaOperators) {
      expect(o.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(o.description.length).toBeGreaterThan(10)
      const before = JSON.stringify(detection)
      o.mutate(detection)
      expect(JSON.stringify(detection)).toBe(before)
    }
  })

  it('remove-value: one mutant per value of a list, at the value; a duplicate value is equivalent', () => {
    expect(shapes(removeValue, detection)).toEqual([
      { detection: { ...detection, selection: { ...detection.selection, verb: ['patch'] } }, path: ['detection', 'selection', 'verb', 0], at: 'value' },
      { detection: { ...detection, selection: { ...detection.selection, verb: ['create'] } }, path: ['detection', 'selection', 'verb', 1], at: 'value' },
    ])
    expect(removeValue.mutate({ s: { verb: ['a', 'a'] }, condition: 's' }).every((m) => m.equivalent)).toBe(true)
    expect(removeValue.mutate({ k: ['evil', 'worse'], condition: 'k' }).map((m) => m.detection['k'])).toEqual([['worse'], ['evil']])
  })

  it('remove-item: drops one field of a selection with several (at its key), and one map of a list of maps', () => {
    expect(shapes(removeItem, detection)).toEqual([
      { detection: { ...detection, selection: { 'objectRef.resource|contains': 'cronjob' } }, path: ['detection', 'selection', 'verb'], at: 'key' },
      { detection: { ...detection, selection: { verb: ['create', 'patch'] } }, path: ['detection', 'selection', 'objectRef.resource|contains'], at: 'key' },
    ])
    const lists = removeItem.mutate({ s: [{ a: 1 }, { b: 2 }], condition: 's' })
    expect(lists.map((m) => m.detection['s'])).toEqual([[{ b: 2 }], [{ a: 1 }]])
  })

  it('remove-selection: drops each positive operand of an and, reported at the selection key', () => {
    const d = { a: { x: 1 }, b: { y: 2 }, f: { z: 3 }, condition: 'a and b and not f' }
    const ms = removeSelection.mutate(d)
    expect(ms.map((m) => [m.detection['condition'], m.path, m.at])).toEqual([
      ['b and not f', ['detection', 'a'], 'key'],
      ['a and not f', ['detection', 'b'], 'key'],
    ])
    expect(removeSelection.mutate({ a: { x: 1 }, b: { y: 2 }, condition: 'a or b' })).toEqual([])
  })

  it('drop-filter: drops a not-ed operand, at the filter key; `not 1 of filter*` points at the first filter', () => {
    expect(shapes(dropFilter, detection)).toEqual([{ detection: { ...detection, condition: 'selection' }, path: ['detection', 'filter'], at: 'key' }])
    const d = { sel: { a: 1 }, filter_a: { b: 1 }, filter_b: { c: 1 }, condition: 'sel and not 1 of filter_*' }
    expect(dropFilter.mutate(d).map((m) => [m.detection['condition'], m.path])).toEqual([['sel', ['detection', 'filter_a']]])
  })

  it('swap-and-or: each and/or node and each of-quantifier, in a condition list too; one-selection `of` is equivalent', () => {
    expect(swapAndOr.mutate(detection).map((m) => m.detection['condition'])).toEqual(['selection or not filter'])
    const d = { sel1: { a: 1 }, sel2: { b: 1 }, one: { c: 1 }, condition: ['all of sel* or one', '1 of one*'] }
    const ms = swapAndOr.mutate(d)
    expect(ms.map((m) => [m.detection['condition'], m.path, Boolean(m.equivalent)])).toEqual([
      [['all of sel* and one', '1 of one*'], ['detection', 'condition', 0], false],
      [['1 of sel* or one', '1 of one*'], ['detection', 'condition', 0], false],
      [['all of sel* or one', 'all of one*'], ['detection', 'condition', 1], true],
    ])
  })

  it('change-match: contains ↔ startswith / endswith / exact, the key renamed in place; wildcards that already say it are equivalent', () => {
    const keys = changeMatch.mutate(detection).map((m) => Object.keys(m.detection['selection'] as object))
    expect(keys).toContainEqual(['verb|contains', 'objectRef.resource|contains'])
    expect(keys).toContainEqual(['verb', 'objectRef.resource'])
    expect(keys).toContainEqual(['verb', 'objectRef.resource|startswith'])
    expect(keys).toHaveLength(3 * 3) // three fields, three other ways each
    const d = { s: { 'a|contains': '*x*' }, condition: 's' }
    expect(changeMatch.mutate(d).find((m) => Object.keys(m.detection['s'] as object)[0] === 'a')?.equivalent).toBeTruthy()
    expect(changeMatch.mutate({ s: { 'a|re': 'x.*' }, condition: 's' })).toEqual([])
    expect(changeMatch.mutate({ s: { a: 5 }, condition: 's' })).toEqual([])
  })

  it('drop-modifier: drops |all, |cased and |re (with its flags); |all on one value and |cased without letters are equivalent', () => {
    const d = { s: { 'a|contains|all': ['x', 'y'], 'b|cased': 'Ab', 'c|re|i': 'ev.l', 'd|all': 'one', 'e|cased': '123' }, condition: 's' }
    const ms = dropModifier.mutate(d)
    expect(ms.map((m) => [Object.keys(m.detection['s'] as object), Boolean(m.equivalent)])).toEqual([
      [['a|contains', 'b|cased', 'c|re|i', 'd|all', 'e|cased'], false],
      [['a|contains|all', 'b', 'c|re|i', 'd|all', 'e|cased'], false],
      [['a|contains|all', 'b|cased', 'c', 'd|all', 'e|cased'], false],
      [['a|contains|all', 'b|cased', 'c|re|i', 'd', 'e|cased'], true],
      [['a|contains|all', 'b|cased', 'c|re|i', 'd|all', 'e'], true],
    ])
  })

  it("widen-value: each string value becomes '*', at the value; not regexes, numbers or values already '*'", () => {
    const ms = widenValue.mutate({ s: { verb: ['create', '*'], 'a|re': 'x', n: 3, u: 'jdoe' }, condition: 's' })
    expect(ms.map((m) => [m.detection['s'], m.path, Boolean(m.equivalent)])).toEqual([
      [{ verb: ['*', '*'], 'a|re': 'x', n: 3, u: 'jdoe' }, ['detection', 's', 'verb', 0], true],
      [{ verb: ['create', '*'], 'a|re': 'x', n: 3, u: '*' }, ['detection', 's', 'u'], false],
    ])
  })

  it('shift-bound: a comparison bound moves by one each way; plain numbers are left alone', () => {
    const ms = shiftBound.mutate({ s: { 'code|gte': 400, 'size|lt': '1000', n: 5 }, condition: 's' })
    expect(ms.map((m) => m.detection['s'])).toEqual([
      { 'code|gte': 399, 'size|lt': '1000', n: 5 },
      { 'code|gte': 401, 'size|lt': '1000', n: 5 },
      { 'code|gte': 400, 'size|lt': '999', n: 5 },
      { 'code|gte': 400, 'size|lt': '1001', n: 5 },
    ])
  })
})
