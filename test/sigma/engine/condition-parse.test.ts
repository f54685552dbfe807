import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ConditionNode, SigmaConditionError, parseCondition, printCondition } from '../../../src/sigma/condition/index.js'
import { MAX_CONDITION_DEPTH } from '../../../src/sigma/condition/parse.js'

/** The tree without spans, for shape comparisons. */
function shape(n: ConditionNode): unknown {
  switch (n.type) {
    case 'id':
      return n.name
    case 'of':
      return `${n.quantifier} of ${n.target}`
    case 'not':
      return { not: shape(n.arg) }
    default:
      return { [n.type]: n.args.map(shape) }
  }
}
const p = (text: string) => shape(parseCondition(text))

function errorOf(text: string): SigmaConditionError {
  try {
    parseCondition(text)
  } catch (err) {
    if (err instanceof SigmaConditionError) return err
    throw err
  }
  throw new Error(`'${text}' parsed`)
}

describe('condition grammar', () => {
  it('reads a single identifier, with - and digits allowed', () => {
    expect(p('selection')).toBe('selection')
    expect(p('sel-x_1')).toBe('sel-x_1')
    expect(p('1sel')).toBe('1sel')
  })

  it('binds not tighter than and, and tighter than or', () => {
    expect(p('a or b and c')).toEqual({ or: ['a', { and: ['b', 'c'] }] })
    expect(p('not a and b')).toEqual({ and: [{ not: 'a' }, 'b'] })
    expect(p('a and not b or c')).toEqual({ or: [{ and: ['a', { not: 'b' }] }, 'c'] })
  })

  it('flattens chains of one operator, left to right', () => {
    expect(p('a and b and c')).toEqual({ and: ['a', 'b', 'c'] })
    expect(p('a or b or c')).toEqual({ or: ['a', 'b', 'c'] })
  })

  it('keeps parenthesised groups as their own nodes', () => {
    expect(p('(a or b) and c')).toEqual({ and: [{ or: ['a', 'b'] }, 'c'] })
    expect(p('(a and b) and c')).toEqual({ and: [{ and: ['a', 'b'] }, 'c'] })
    expect(p('((a))')).toBe('a')
  })

  it('allows repeated not', () => {
    expect(p('not not a')).toEqual({ not: { not: 'a' } })
  })

  it('reads 1 of / all of / any of with them and patterns', () => {
    expect(p('1 of selection_*')).toBe('1 of selection_*')
    expect(p('all of them')).toBe('all of them')
    expect(p('any of sel*')).toBe('1 of sel*')
    expect(p('1 of them and not 1 of filter_*')).toEqual({ and: ['1 of them', { not: '1 of filter_*' }] })
    expect(p('all of sel')).toBe('all of sel')
    expect(p('1 of *')).toBe('1 of *')
  })

  it('ignores whitespace including newlines (folded YAML blocks)', () => {
    expect(p('  a\n  and\tnot b\n')).toEqual({ and: ['a', { not: 'b' }] })
  })

  it('records spans', () => {
    const n = parseCondition('sel and not filter')
    expect(n).toMatchObject({ type: 'and', start: 0, end: 18 })
    if (n.type !== 'and') throw new Error('shape')
    expect(n.args[1]).toMatchObject({ type: 'not', start: 8, end: 18 })
  })

  it('caches trees by text and freezes them', () => {
    const a = parseCondition('x and y')
    expect(parseCondition('x and y')).toBe(a)
    expect(Object.isFrozen(a)).toBe(true)
  })
})

describe('condition errors carry a column', () => {
  it.each([
    ['', 1, /empty/],
    ['sel AND filter', 5, /lower case.*'and'/],
    ['sel Or filter', 5, /lower case/],
    ['NOT sel', 1, /lower case/],
    ['sel and', 8, /selection name/],
    ['and sel', 1, /operator 'and'/],
    ['(sel', 5, /expected '\)'/],
    ['sel)', 4, /unbalanced/],
    ['()', 2, /empty parentheses/],
    ['2 of them', 1, /only '1 of' and 'all of'/],
    ['ALL of them', 1, /lower case/],
    ['sel_* and x', 1, /needs a quantifier/],
    ['1 of', 5, /after 'of'/],
    ['1 of sel-*', 6, /letters, digits/],
    ['sel | count() > 5', 5, /correlation rule/],
    ['sel near other', 5, /expected 'and', 'or'/],
    ['sel & x', 5, /unexpected character '&'/],
    ['sel.x', 4, /unexpected character '\.'/],
    ['of sel', 1, /quantifier/],
    ['sel filter', 5, /expected 'and', 'or'/],
  ])('%j → column %i', (text, column, message) => {
    const err = errorOf(text)
    expect(err.column).toBe(column)
    expect(err.message).toMatch(message)
  })

  it('counts lines inside multi-line conditions', () => {
    const err = errorOf('a and\n  b AND c')
    expect(err.line).toBe(2)
    expect(err.column).toBe(5)
  })

  it('does not split identifiers that begin with an operator word (unlike pySigma)', () => {
    expect(p('notification and order and andy')).toEqual({ and: ['notification', 'order', 'andy'] })
  })
})

const names = fc.constantFrom('a', 'b', 'sel_1', 'filter-x', 'c2')
const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    names,
    fc.constantFrom('1 of them', 'all of sel_*', '1 of filter*'),
    tie('node').map((x) => `not ${x}`),
    fc.tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node')).map(([l, op, r]) => `(${l} ${op} ${r})`),
  ),
})).node

describe('condition properties', () => {
  it('parse(print(tree)) rebuilds the tree', () => {
    fc.assert(
      fc.property(tree, (text) => {
        const t = parseCondition(text)
        expect(shape(parseCondition(printCondition(t)))).toEqual(shape(t))
      }),
    )
  })
})

describe('nesting limit', () => {
  it('parses conditions nested up to MAX_CONDITION_DEPTH', () => {
    const d = MAX_CONDITION_DEPTH
    expect(p('('.repeat(d) + 'a' + ')'.repeat(d))).toBe('a')
    expect(parseCondition('not '.repeat(d) + 'a').type).toBe('not')
  })

  it('rejects deeper parentheses with a located error instead of overflowing the stack', () => {
    const e = errorOf('('.repeat(2000) + 'a' + ')'.repeat(2000))
    expect(e.message).toMatch(/more than 128 levels deep/)
    expect(e.column).toBe(MAX_CONDITION_DEPTH + 1)
  })

  it('rejects 100k nots with a located error', () => {
    const e = errorOf('not '.repeat(100_000) + 'a')
    expect(e.message).toMatch(/more than 128 levels deep/)
    expect(e.offset).toBe(MAX_CONDITION_DEPTH * 4)
  })

  it('counts parentheses and nots together, and only while open', () => {
    const half = MAX_CONDITION_DEPTH / 2
    expect(() => parseCondition('(not '.repeat(half) + 'a' + ')'.repeat(half))).not.toThrow()
    expect(() => parseCondition('(not '.repeat(half + 1) + 'a' + ')'.repeat(half + 1))).toThrow(/levels deep/)
    // Siblings do not add up: 1,000 groups side by side nest one level.
    expect(() => parseCondition(Array.from({ length: 1000 }, () => '(not a)').join(' and '))).not.toThrow()
  })
})
