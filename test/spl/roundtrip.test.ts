// Printing a parsed search and parsing the print gives the same tree (positions aside).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseSpl } from '../../src/spl/parser.js'
import { printSpl } from '../../src/spl/print.js'

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'at').map(([k, x]) => [k, strip(x)]))
  return v
}

const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,6}(\.[a-z]{1,4}){0,2}(\{\})?$/)
const value = fc.oneof(fc.stringMatching(/^[a-z0-9*:_-]{1,8}$/), fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/[\\"]/g, '')}"`))
const term = fc.oneof(
  fc.tuple(name, fc.constantFrom('=', '!=', '<', '>=')).chain(([f, op]) => value.map((v) => `${f}${op}${v}`)),
  fc.tuple(name, fc.array(value, { minLength: 1, maxLength: 3 })).map(([f, vs]) => `${f} IN (${vs.join(', ')})`),
  fc.stringMatching(/^[a-z][a-z0-9*]{0,6}$/).filter((s) => !/^(or|and|not|in)$/i.test(s)),
)
const search: fc.Arbitrary<string> = fc.letrec((tie) => ({
  s: fc.oneof({ depthSize: 'small' }, term, fc.tuple(tie('s'), tie('s')).map(([a, b]) => `(${a} OR ${b})`), tie('s').map((a) => `NOT ${a}`), fc.tuple(tie('s'), tie('s')).map(([a, b]) => `${a} ${b}`)),
})).s as fc.Arbitrary<string>
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' },
    name,
    fc.integer({ min: 0, max: 999 }).map(String),
    fc.string({ maxLength: 6 }).map((s) => `"${s.replace(/[\\"]/g, '')}"`),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '=', '!=', '<', 'AND', 'OR', '.'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('lower', 'coalesce', 'isnull', 'mvcount'), tie('e')).map(([f, a]) => `${f}(${a})`),
    tie('e').map((a) => `if(${a}, 1, "x")`),
  ),
})).e as fc.Arbitrary<string>
const command = fc.oneof(
  search.map((s) => `search ${s}`),
  expr.map((e) => `where ${e}`),
  fc.tuple(name, expr).map(([f, e]) => `eval ${f}=${e}`),
  fc.tuple(fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(name, { maxLength: 3 })).map(([a, by]) => `stats count ${a.map((f) => `values(${f})`).join(' ')}${by.length ? ` by ${by.join(' ')}` : ''}`),
  fc.tuple(name, name).map(([a, b]) => `rename ${a} as ${b}`),
  fc.array(name, { minLength: 1, maxLength: 3 }).map((fs) => `table ${fs.join(' ')}`),
  fc.array(name, { minLength: 1, maxLength: 3 }).map((fs) => `dedup ${fs.join(' ')}`),
  fc.array(name, { minLength: 1, maxLength: 3 }).map((fs) => `sort - ${fs.join(' ')}`),
  fc.integer({ min: 1, max: 50 }).map((n) => `head ${n}`),
  name.map((f) => `rex field=${f} "(?<x>[a-z]+)"`),
  name.map((f) => `fillnull value=0 ${f}`),
  name.map((f) => `mvexpand ${f}`),
  name.map((f) => `bin span=1h ${f}`),
)
const pipeline = fc.tuple(search, fc.array(command, { maxLength: 5 })).map(([s, cs]) => [s, ...cs].join(' | '))

describe('SPL print/parse round trip', () => {
  it('gives the same tree for generated searches', () => {
    fc.assert(
      fc.property(pipeline, (text) => {
        const tree = parseSpl(text)
        expect(strip(parseSpl(printSpl(tree)))).toEqual(strip(tree))
      }),
      { numRuns: 300 },
    )
  })
  it('gives the same tree for the seed search', () => {
    const seed = 'source="kubernetes" verb=create "objectRef.resource"=cronjobs | fillnull | stats count values(user.groups{}) as user_groups by kind objectRef.name sourceIPs{} user.username | rename sourceIPs{} as src_ip, user.username as user | search *'
    const tree = parseSpl(seed)
    expect(strip(parseSpl(printSpl(tree)))).toEqual(strip(tree))
  })
})
