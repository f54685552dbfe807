/**
 * Audit of reference/sigma.md §3.b "Condition grammar": operators, precedence, identifiers,
 * patterns, `x of`, list conditions, legacy pipes, and the `not…` prefix trap.
 */
import { describe, expect, it } from 'vitest'
import { compileDetection, parseCondition, resolveCondition, SigmaConditionError } from '../../../src/sigma/compile/index.js'
import { detectionError } from './helpers.js'

/** Selections a, b, c, d each match when the event has the same-named key set to 1. */
const abcd = { a: { a: 1 }, b: { b: 1 }, c: { c: 1 }, d: { d: 1 } }
const ev = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]))
const cond = (condition: string | string[], detection: Record<string, unknown> = abcd) => compileDetection({ ...detection, condition })

/** Evaluates a condition over all 2^3 assignments of a, b, c and compares with a JS predicate. */
function truthTable(condition: string, expected: (a: boolean, b: boolean, c: boolean) => boolean) {
  const d = cond(condition)
  for (let m = 0; m < 8; m++) {
    const [a, b, c] = [(m & 1) > 0, (m & 2) > 0, (m & 4) > 0]
    const keys = [a && 'a', b && 'b', c && 'c'].filter((k): k is string => typeof k === 'string')
    expect(d.match(ev(...keys)), `${condition} with a=${a} b=${b} c=${c}`).toBe(expected(a, b, c))
  }
}

describe('§3.b operators: and, or, not, parentheses — lower case only', () => {
  it.each(['a AND b', 'a Or b', 'NOT a', 'Not a', 'a and NOT b'])('%s is a parse error', (c) => {
    expect(detectionError({ ...abcd, condition: c })).toMatch(/lower case/)
  })
  it('parse errors carry the column', () => {
    try {
      parseCondition('a and AND b')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(SigmaConditionError)
      expect((e as SigmaConditionError).column).toBe(7)
    }
  })
})

describe('§3.b precedence: or < and < not < x of < ( )', () => {
  it('a or b and c = a OR (b AND c)', () => truthTable('a or b and c', (a, b, c) => a || (b && c)))
  it('not a and b = (NOT a) AND b', () => truthTable('not a and b', (a, b) => !a && b))
  it('a and not b or c = (a AND NOT b) OR c', () => truthTable('a and not b or c', (a, b, c) => (a && !b) || c))
  it('and/or are left-associative and n-ary', () => {
    truthTable('a and b and c', (a, b, c) => a && b && c)
    truthTable('a or b or c', (a, b, c) => a || b || c)
  })
  it('not may repeat', () => {
    truthTable('not not a', (a) => a)
    truthTable('not not not a', (a) => !a)
  })
  it('parentheses group, also nested', () => {
    truthTable('(a or b) and c', (a, b, c) => (a || b) && c)
    truthTable('not (a or b)', (a, b) => !(a || b))
    truthTable('((a or (b)) and ((not c)))', (a, b, c) => (a || b) && !c)
    truthTable('not (not (a and b) or c)', (a, b, c) => !(!(a && b) || c))
  })
  it('not binds looser than x of: not 1 of them = NOT (a OR b OR c)', () => {
    const d = cond('not 1 of them', { a: abcd.a, b: abcd.b, c: abcd.c })
    expect(d.match(ev())).toBe(true)
    expect(d.match(ev('b'))).toBe(false)
  })
  it('x of binds tighter than and/or', () => {
    const det = { sel_a: { a: 1 }, sel_b: { b: 1 }, c: { c: 1 } }
    const d = cond('1 of sel_* and c', det)
    expect(d.match(ev('a', 'c'))).toBe(true)
    expect(d.match(ev('a'))).toBe(false)
    const d2 = cond('all of sel_* or c', det)
    expect(d2.match(ev('c'))).toBe(true)
    expect(d2.match(ev('a'))).toBe(false)
    expect(d2.match(ev('a', 'b'))).toBe(true)
  })
})

describe('§3.b identifiers', () => {
  it('ASCII letters, digits, _ and - (sel-x is valid)', () => {
    const d = cond('sel-x and Sel_2', { 'sel-x': { a: 1 }, Sel_2: { b: 1 } })
    expect(d.match(ev('a', 'b'))).toBe(true)
    expect(d.match(ev('a'))).toBe(false)
  })
  it('identifiers are case-sensitive', () => {
    expect(detectionError({ Sel: { a: 1 }, condition: 'sel' })).toMatch(/sel/)
  })
  it('no dots and no non-ASCII characters', () => {
    expect(detectionError({ 'sel.x': { a: 1 }, condition: 'sel.x' })).toBeDefined()
    expect(detectionError({ sél: { a: 1 }, condition: 'sél' })).toBeDefined()
  })
  it('whitespace including newlines and tabs is ignored', () => {
    const d = cond('a\n  and\n\tnot b\r\n')
    expect(d.match(ev('a'))).toBe(true)
    expect(d.match(ev('a', 'b'))).toBe(false)
  })
  it('an undefined identifier is an error', () => {
    expect(detectionError({ ...abcd, condition: 'a and nosuch' })).toMatch(/nosuch/)
  })
  it('a selection never referenced compiles, and is reported by the resolver (dangling_detection)', () => {
    expect(detectionError({ ...abcd, condition: 'a or b' })).toBeUndefined()
    const resolved = resolveCondition(parseCondition('a or 1 of c*'), Object.keys(abcd))
    expect(resolved.unreferenced).toEqual(['b', 'd'])
    expect(resolved.problems).toEqual([])
  })
  it('identifiers beginning with not/and/or are whole identifiers (no pySigma prefix split)', () => {
    const det = { notification: { a: 1 }, android: { b: 1 }, origin: { c: 1 }, nothing: { d: 1 } }
    const d = cond('notification and android and origin and not nothing', det)
    expect(d.match(ev('a', 'b', 'c'))).toBe(true)
    expect(d.match(ev('a', 'b', 'c', 'd'))).toBe(false)
  })
})

describe('§3.b patterns and x of', () => {
  it('1 of P = OR, all of P = AND over the matched selections', () => {
    const det = { sel1: { a: 1 }, sel2: { b: 1 }, other: { c: 1 } }
    expect(cond('1 of sel*', det).match(ev('b'))).toBe(true)
    expect(cond('1 of sel*', det).match(ev('c'))).toBe(false)
    expect(cond('all of sel*', det).match(ev('a'))).toBe(false)
    expect(cond('all of sel*', det).match(ev('a', 'b'))).toBe(true)
  })
  it('any of P = 1 of P', () => {
    const det = { sel1: { a: 1 }, sel2: { b: 1 } }
    expect(cond('any of sel*', det).match(ev('b'))).toBe(true)
    expect(cond('any of them', det).match(ev('a'))).toBe(true)
    expect(cond('any of them', det).match(ev('c'))).toBe(false)
  })
  it('no other quantifier: 2 of, 0 of, none of are errors', () => {
    for (const c of ['2 of them', '0 of them', 'none of them', '1of them']) expect(detectionError({ ...abcd, condition: c }), c).toBeDefined()
  })
  it('* matches any sequence anywhere; the pattern must match the whole identifier', () => {
    const det = { sel_x_end: { a: 1 }, xsel_end: { b: 1 }, sel_end_x: { c: 1 } }
    const d = cond('1 of sel*end', det)
    expect(d.match(ev('a'))).toBe(true)
    expect(d.match(ev('b'))).toBe(false) // does not start with sel
    expect(d.match(ev('c'))).toBe(false) // does not end with end
    expect(cond('1 of *end', det).match(ev('b'))).toBe(true)
    expect(cond('1 of s*_*_*', det).match(ev('c'))).toBe(true)
  })
  it('a pattern without * names exactly one selection', () => {
    const det = { sel: { a: 1 }, sel2: { b: 1 } }
    expect(cond('1 of sel', det).match(ev('b'))).toBe(false)
    expect(cond('1 of sel', det).match(ev('a'))).toBe(true)
  })
  it('patterns may not contain -', () => {
    expect(detectionError({ 'sel-a': { a: 1 }, condition: '1 of sel-*' })).toBeDefined()
  })
  it('them = every identifier except those starting with _', () => {
    const det = { a: { a: 1 }, _b: { b: 1 } }
    expect(cond('1 of them', det).match(ev('b'))).toBe(false)
    expect(cond('all of them', det).match(ev('a'))).toBe(true)
  })
  it('_-identifiers are excluded from patterns unless the pattern itself starts with _', () => {
    const det = { sel: { a: 1 }, _sel: { b: 1 }, _x: { c: 1 } }
    expect(cond('1 of *sel', det).match(ev('b'))).toBe(false)
    expect(cond('1 of _*', det).match(ev('b'))).toBe(true)
    expect(cond('all of _*', det).match(ev('b'))).toBe(false)
    expect(cond('all of _*', det).match(ev('b', 'c'))).toBe(true)
    expect(cond('1 of _sel', det).match(ev('b'))).toBe(true)
  })
  it('a _-identifier can still be named directly', () => {
    const det = { sel: { a: 1 }, _filter: { b: 1 } }
    expect(cond('sel and not _filter', det).match(ev('a', 'b'))).toBe(false)
    expect(cond('sel and not _filter', det).match(ev('a'))).toBe(true)
  })
  it('a pattern that matches nothing is a rule error (recommendation), also them over only _-names', () => {
    expect(detectionError({ sel: { a: 1 }, condition: 'sel and 1 of x*' })).toMatch(/x\*/)
    expect(detectionError({ sel: { a: 1 }, condition: 'sel or all of x*' })).toMatch(/x\*/)
    expect(detectionError({ _a: { a: 1 }, condition: '1 of them' })).toBeDefined()
  })
})

describe('§3.b list conditions, legacy pipes, quoting', () => {
  it('a list condition: each element a separate query, OR-linked', () => {
    const d = cond(['a and b', 'c'])
    expect(d.match(ev('a', 'b'))).toBe(true)
    expect(d.match(ev('c'))).toBe(true)
    expect(d.match(ev('a'))).toBe(false)
  })
  it('each element of a list is checked on its own', () => {
    expect(detectionError({ ...abcd, condition: ['a', 'nosuch'] })).toMatch(/nosuch/)
  })
  it.each(['a | count() by x > 10', 'a | near b', 'a | count() > 5'])('legacy pipe syntax %s is rejected', (c) => {
    expect(detectionError({ ...abcd, condition: c })).toMatch(/correlation/)
  })
  it('an empty condition is an error', () => {
    expect(detectionError({ ...abcd, condition: '' })).toBeDefined()
    expect(detectionError({ ...abcd, condition: '   ' })).toBeDefined()
    expect(detectionError({ ...abcd, condition: [] })).toBeDefined()
  })
  it('quotes inside the condition text are not Sigma syntax', () => {
    expect(detectionError({ ...abcd, condition: "'a'" })).toBeDefined()
  })
})
