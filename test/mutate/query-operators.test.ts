import { describe, expect, it } from 'vitest'
import { parseKql } from '../../src/kql/parser.js'
import { printStatements } from '../../src/kql/print.js'
import { callsAny } from '../../src/kql/reads.js'
import type { Query } from '../../src/kql/ast.js'
import { kqlOperators } from '../../src/mutate/kql/operators/index.js'
import { dropNot as kqlDropNot, dropPredicate as kqlDropPredicate } from '../../src/mutate/kql/operators/drop-predicate.js'
import { removeListValue as kqlRemoveListValue } from '../../src/mutate/kql/operators/remove-list-value.js'
import { swapCase, swapHasContains } from '../../src/mutate/kql/operators/swap-operator.js'
import type { QueryContext, QueryOperator } from '../../src/mutate/query/types.js'
import { splOperators } from '../../src/mutate/spl/operators/index.js'
import { dropNot as splDropNot, dropPredicate as splDropPredicate } from '../../src/mutate/spl/operators/drop-predicate.js'
import { removeListValue as splRemoveListValue } from '../../src/mutate/spl/operators/remove-list-value.js'
import { swapAndOr } from '../../src/mutate/spl/operators/swap-and-or.js'
import { widenValue } from '../../src/mutate/spl/operators/widen-value.js'
import type { Pipeline } from '../../src/spl/ast.js'
import { parseSpl } from '../../src/spl/parser.js'
import { printSpl } from '../../src/spl/print.js'

const everywhere: QueryContext = { written: () => true }

/** Each mutant as its query text, its change, and whether it is marked equivalent. */
function kql(op: QueryOperator<Query>, text: string): [string, string, boolean][] {
  return op.mutate(parseKql(text), everywhere).map((m) => [printStatements(m.tree.statements).replace(/\n/g, ' '), m.change, m.equivalent !== undefined])
}
function spl(op: QueryOperator<Pipeline>, text: string, ctx = everywhere): [string, string, boolean][] {
  return op.mutate(parseSpl(text), ctx).map((m) => [printSpl(m.tree), m.change, m.equivalent !== undefined])
}

describe('KQL mutation operators', () => {
  const query = 'T | where Verb in~ ("create", "patch") and User !has "system:" | where Name == "x"'

  it('have unique kebab-case ids and a description each; none changes its input', () => {
    for (const ops of [kqlOperators, splOperators] as const) {
      const ids = ops.map((o) => o.id)
      expect(new Set(ids).size).toBe(ids.length)
      for (const o of ops) {
        expect(o.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
        expect(o.description.length).toBeGreaterThan(10)
      }
    }
    const tree = parseKql(query)
    const before = JSON.stringify(tree.statements)
    for (const o of kqlOperators) o.mutate(tree, everywhere)
    expect(JSON.stringify(tree.statements)).toBe(before)
  })

  it('drop-predicate: one operand of a where at a time, the whole where when it has one; negations are left to drop-not', () => {
    expect(kql(kqlDropPredicate, query)).toEqual([
      ['T | where User !has "system:" | where Name == "x"', `drop 'Verb in~ ("create", "patch")' from a where`, false],
      ['T | where Verb in~ ("create", "patch") and User !has "system:"', `drop '| where Name == "x"'`, false],
    ])
  })

  it('drop-not: the excluding operands (not(), !has, !in, !=, !between)', () => {
    expect(kql(kqlDropNot, query)).toEqual([['T | where Verb in~ ("create", "patch") | where Name == "x"', `drop 'User !has "system:"' from a where`, false]])
    expect(kql(kqlDropNot, 'T | where a == 1 and not(b == 2) and c != 3').map((m) => m[0])).toEqual(['T | where a == 1 and c != 3', 'T | where a == 1 and not(b == 2)'])
  })

  it('swap-case: == ↔ =~, in~ ↔ in, !has ↔ !has_cs; equivalent when the value has no cased letters', () => {
    expect(kql(swapCase, query)).toEqual([
      ['T | where Verb in ("create", "patch") and User !has "system:" | where Name == "x"', 'in~ → in', false],
      ['T | where Verb in~ ("create", "patch") and User !has_cs "system:" | where Name == "x"', '!has → !has_cs', false],
      ['T | where Verb in~ ("create", "patch") and User !has "system:" | where Name =~ "x"', '== → =~', false],
    ])
    expect(kql(swapCase, 'T | where Ip == "10.0.0.1"')).toEqual([['T | where Ip =~ "10.0.0.1"', '== → =~', true]])
  })

  it('swap-has-contains: has ↔ contains, in both directions, with a value inside a longer word to try', () => {
    expect(kql(swapHasContains, 'T | where a has "nc" or b !contains "sh"')).toEqual([
      ['T | where a contains "nc" or b !contains "sh"', 'has → contains', false],
      ['T | where a has "nc" or b !has "sh"', '!contains → !has', false],
    ])
    expect(swapHasContains.mutate(parseKql('T | where a has "nc"'), everywhere)[0]!.leafValues).toEqual(['xncx'])
  })

  it("remove-list-value: each value of in/has_any and of a let's dynamic list; a duplicate (caseless for in~/has_any) is equivalent", () => {
    expect(kql(kqlRemoveListValue, 'let L = dynamic(["nc", "NC", "bash"]); T | where a has_any (L) and b in ("x", "y")')).toEqual([
      ['let L = dynamic(["NC","bash"]); T | where a has_any (L) and b in ("x", "y")', 'remove "nc" from L', true],
      ['let L = dynamic(["nc","bash"]); T | where a has_any (L) and b in ("x", "y")', 'remove "NC" from L', true],
      ['let L = dynamic(["nc","NC"]); T | where a has_any (L) and b in ("x", "y")', 'remove "bash" from L', false],
      ['let L = dynamic(["nc","NC","bash"]); T | where a has_any (L) and b in ("y")', 'remove "x" from \'in\'', false],
      ['let L = dynamic(["nc","NC","bash"]); T | where a has_any (L) and b in ("x")', 'remove "y" from \'in\'', false],
    ])
  })

  it('a dynamic bag shaped like syntax is data: not mutated, not read as a call', () => {
    const q = 'T | extend d = dynamic({"k": "list", "op": "in", "l": {"k": "name", "name": "x"}, "items": [{"k": "lit", "v": 1}, {"k": "lit", "v": 2}], "at": 0}) | where a == "x"'
    expect(kql(kqlRemoveListValue, q)).toEqual([])
    expect(kql(swapCase, q).map((m) => m[1])).toEqual(['== → =~'])
    expect(callsAny(parseKql('T | extend d = dynamic({"k": "call", "name": "now", "args": []})'), new Set(['now']))).toBe(false)
    expect(callsAny(parseKql('T | extend d = now()'), new Set(['now']))).toBe(true)
  })

  it('prints what it parses: printing and re-parsing gives the same tree', () => {
    const text = 'let L = dynamic(["a"]); T | where (a or b) and c | extend x = (1 + 2) * 3, y = -z, r = 7.0 / 2 | where t > ago(1d) | summarize n = count() by bin(t, 5m) | sort by n desc | project-rename m = n'
    const strip = (q: Query): string => JSON.stringify(q.statements, (k, v: unknown) => (k === 'at' ? undefined : v))
    const once = parseKql(text)
    expect(strip(parseKql(printStatements(once.statements)))).toBe(strip(once))
  })
})

describe('SPL mutation operators', () => {
  const search = 'index=k8s verb=create NOT user=system* (resource=cronjobs OR resource=jobs) | where code < 300 AND len(name) > 3'

  it('drop-predicate: one term of the search or one condition of a where; NOT terms are left to drop-not', () => {
    expect(spl(splDropPredicate, search).map((m) => m[1])).toEqual([
      "drop 'index=k8s' from a search",
      "drop 'verb=create' from a search",
      "drop 'resource=cronjobs OR resource=jobs' from a search",
      "drop '(code < 300)' from a where",
      "drop '(len(name) > 3)' from a where",
    ])
    expect(spl(splDropPredicate, search)[3]![0]).toBe('index=k8s verb=create NOT user=system* (resource=cronjobs OR resource=jobs) | where (len(name) > 3)')
    expect(spl(splDropPredicate, 'verb=create | where code < 300').map((m) => m[0])).toEqual(['search | where (code < 300)', 'verb=create'])
  })

  it('drop-not: a NOT term', () => {
    expect(spl(splDropNot, search)).toEqual([['index=k8s verb=create (resource=cronjobs OR resource=jobs) | where ((code < 300) AND (len(name) > 3))', "drop 'NOT user=system*' from a search", false]])
  })

  it('remove-list-value: each value of IN (…) and each alternative of an OR; a caseless duplicate is equivalent', () => {
    expect(spl(splRemoveListValue, 'verb IN (create, CREATE, patch) (a=1 OR b=2)')).toEqual([
      ['verb IN (CREATE, patch) (a=1 OR b=2)', 'remove "create" from verb IN (…)', true],
      ['verb IN (create, patch) (a=1 OR b=2)', 'remove "CREATE" from verb IN (…)', true],
      ['verb IN (create, CREATE) (a=1 OR b=2)', 'remove "patch" from verb IN (…)', false],
      ['verb IN (create, CREATE, patch) b=2', "remove 'a=1' from an OR", false],
      ['verb IN (create, CREATE, patch) a=1', "remove 'b=2' from an OR", false],
    ])
  })

  it('swap-and-or: in the search (its implicit AND too) and in where expressions', () => {
    expect(spl(swapAndOr, 'a=1 b=2 | where x > 1 OR y > 2')).toEqual([
      ['a=1 OR b=2 | where ((x > 1) OR (y > 2))', 'AND → OR', false],
      ['a=1 b=2 | where ((x > 1) AND (y > 2))', 'OR → AND', false],
    ])
  })

  it('widen-value: field=value → field=*value*; a bare * is left alone', () => {
    expect(spl(widenValue, 'verb=create user=* name=ab*')).toEqual([
      ['verb=*create* user=* name=ab*', 'verb=create → verb=*create*', false],
      ['verb=create user=* name=*ab*', 'name=ab* → name=*ab*', false],
    ])
  })

  it("leaves what a macro brought in alone: only the detection's own terms are mutated", () => {
    const macro = 'source=kubernetes sourcetype=_json verb=create'
    const fromMacro = (at: number): boolean => at >= 'source=kubernetes sourcetype=_json'.length
    expect(spl(splDropPredicate, macro, { written: fromMacro }).map((m) => m[1])).toEqual(["drop 'verb=create' from a search"])
  })
})
