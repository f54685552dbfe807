// Properties of the KQL engine's string semantics that must hold for any input (fast-check).
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { compileQuery, parseKql } from '../../src/kql/index.js'
import { KDateTime, hasTerm } from '../../src/kql/values.js'

const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/)
const text = fc.array(fc.oneof(word, fc.constantFrom(' ', '-', '/', '.', '"', ':', ',')), { maxLength: 12 }).map((xs) => xs.join(''))

function evalPredicate(pred: string, s: string): unknown {
  const t = { columns: ['s'], rows: [{ s }] }
  return compileQuery(parseKql(`T | extend v = ${pred} | project v`)).run({ tables: new Map([['T', t]]), now: new KDateTime(0) }).rows[0]!.v
}

describe('has and contains', () => {
  test.prop([text, word])('a term that has finds is found by contains too (has is stricter)', (s, w) => {
    if (hasTerm(s, w, false)) expect(s.toLowerCase().includes(w.toLowerCase())).toBe(true)
  })
  test.prop([fc.array(word, { minLength: 1, maxLength: 6 }), fc.nat()])('every term of a text joined by punctuation is found by has, in any case', (words, i) => {
    const s = words.join('-')
    const w = words[i % words.length]!
    expect(hasTerm(s, w.toUpperCase(), false)).toBe(true)
  })
  test.prop([word, word])('a term glued to more alphanumerics is not found by has', (a, b) => {
    fc.pre(!(a + b).toLowerCase().split(/[^a-z0-9]/).includes(a.toLowerCase()))
    expect(hasTerm(a + b, a, false)).toBe(false)
  })
  test.prop([text, text])('!has, !contains and !~ are the negations of has, contains and =~', (s, v) => {
    const lit = JSON.stringify(v)
    expect(evalPredicate(`s !has ${lit}`, s)).toBe(!evalPredicate(`s has ${lit}`, s))
    expect(evalPredicate(`s !contains ${lit}`, s)).toBe(!evalPredicate(`s contains ${lit}`, s))
    expect(evalPredicate(`s !~ ${lit}`, s)).toBe(!evalPredicate(`s =~ ${lit}`, s))
  })
  test.prop([text])('=~ is == on lower-cased text', (s) => {
    expect(evalPredicate(`s =~ ${JSON.stringify(s.toUpperCase())}`, s)).toBe(true)
    expect(evalPredicate(`tolower(s) == ${JSON.stringify(s.toLowerCase())}`, s)).toBe(true)
  })
})

describe('any text', () => {
  const tokens = fc.array(fc.constantFrom('T', '|', 'where', 'extend', 'x', '=', '==', '(', ')', '[', ']', '"a"', '1', '1h', ',', ';', 'let', 'summarize', 'by', 'count()', 'join', 'on', '.', 'has', 'in', '!', '~', 'dynamic', '{', '}', ':', 'datatable', 'mv-expand', 'parse', 'with', '*', 'between', '..'), { maxLength: 25 }).map((xs) => xs.join(' '))
  test.prop([fc.oneof(fc.string({ maxLength: 60 }), tokens)])('parses, or fails with a located KQL error: never another exception', (q) => {
    try {
      const query = parseKql(q)
      compileQuery(query).run({ tables: new Map([['T', { columns: ['x'], rows: [{ x: 1 }] }]]), now: new KDateTime(0) })
    } catch (e) {
      expect((e as Error).name, String((e as Error).stack)).toBe('KqlError')
      expect((e as { offset: number }).offset).toBeGreaterThanOrEqual(0)
      expect((e as { offset: number }).offset).toBeLessThanOrEqual(q.length)
    }
  })
})

describe('long and real arithmetic', () => {
  const value = (expr: string): unknown => compileQuery(parseKql(`datatable(x:long)[1] | extend v = ${expr} | project v`)).run({ tables: new Map(), now: new KDateTime(0) }).rows[0]!.v
  const long = fc.integer({ min: -1_000_000, max: 1_000_000 })
  const nonZero = long.filter((n) => n !== 0)
  test.prop([long, nonZero])('two longs divide to a truncated long; a real operand (even integral) to the exact real', (a, b) => {
    const lit = (n: number) => (n < 0 ? `(${n})` : String(n))
    expect(value(`${lit(a)} / ${lit(b)}`)).toBe(Math.trunc(a / b) + 0)
    const r = value(`toreal(${lit(a)}) / ${lit(b)}`)
    expect(typeof r === 'number' ? r : (r as { v: number }).v).toBe(a / b)
    expect(value(`gettype(toreal(${lit(a)}) / ${lit(b)})`)).toBe('real')
    expect(value(`gettype(${lit(a)} / ${lit(b)})`)).toBe('long')
  })
  test.prop([long, nonZero])('modulo is in [0, |d|) and congruent to n', (a, b) => {
    const lit = (n: number) => (n < 0 ? `(${n})` : String(n))
    const m = value(`${lit(a)} % ${lit(b)}`) as number
    expect(m).toBeGreaterThanOrEqual(0)
    expect(m).toBeLessThan(Math.abs(b))
    expect(Number.isInteger((a - m) / b)).toBe(true)
  })
})
