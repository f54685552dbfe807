import { describe, expect, it } from 'vitest'
import { SplError } from '../../src/spl/errors.js'
import { runPipeline } from '../../src/spl/evaluate.js'
import { expandMacros, type MacroDefinition } from '../../src/spl/macros.js'
import { parseSpl } from '../../src/spl/parser.js'
import { printSpl } from '../../src/spl/print.js'
import { extractJson, newRow, type Row } from '../../src/spl/values.js'

function event(json: Record<string, unknown>, time = 1_700_000_000, extra: Record<string, string> = {}): Row {
  const row = newRow()
  Object.assign(row, { _raw: JSON.stringify(json), _time: time, source: 'kubernetes', sourcetype: '_json', index: 'main', host: 'h' }, extra)
  extractJson(json, row)
  return row
}
const NOW = 1_700_000_100
const run = (search: string, events: Row[], lookup?: (n: string) => Row[] | undefined): Row[] => runPipeline(parseSpl(search), { events, now: NOW, lookup })
const plain = (rows: Row[]): Record<string, unknown>[] => rows.map((r) => ({ ...r }))
function err(f: () => unknown): SplError {
  try {
    f()
  } catch (e) {
    if (e instanceof SplError) return e
    throw e
  }
  throw new Error('no SplError')
}

const create = event({ verb: 'create', user: { username: 'Alice', groups: ['system:masters', 'dev'] }, sourceIPs: ['10.1.2.3'], objectRef: { resource: 'cronjobs', namespace: 'default', name: 'job1' }, responseStatus: { code: 201 }, requestObject: { spec: { containers: [{ image: 'alpine' }, { image: 'busybox:1' }] } } })
const update = event({ verb: 'update', user: { username: 'bob' }, objectRef: { resource: 'cronjobs' }, responseStatus: { code: 200 } }, 1_700_000_050)
const denied = event({ verb: 'create', user: { username: 'eve' }, objectRef: { resource: 'jobs' }, responseStatus: { code: 403 } }, 1_600_000_000)

describe('JSON search-time extraction', () => {
  it('joins nested keys with dots and names arrays with {} as multivalue strings', () => {
    expect(create['user.username']).toBe('Alice')
    expect(create['user.groups{}']).toEqual(['system:masters', 'dev'])
    expect(create['requestObject.spec.containers{}.image']).toEqual(['alpine', 'busybox:1'])
    expect(create['responseStatus.code']).toBe('201')
    expect(create['sourceIPs{}']).toBe('10.1.2.3')
  })
})

describe('search', () => {
  it('matches values case-insensitively with wildcards; field names are exact', () => {
    expect(run('verb=CREATE', [create, update, denied])).toHaveLength(2)
    expect(run('user.username=al*', [create, update])).toHaveLength(1)
    expect(run('"objectRef.resource"=cronjobs', [create, update, denied])).toHaveLength(2)
    expect(run('Verb=create', [create])).toHaveLength(0)
  })
  it('NOT includes events without the field; != needs the field', () => {
    const noVerb = event({ kind: 'x' })
    expect(run('NOT verb=update', [create, update, noVerb])).toHaveLength(2)
    expect(run('verb!=update', [create, update, noVerb])).toHaveLength(1)
  })
  it('OR, AND, parentheses and implicit AND', () => {
    expect(run('verb=create (objectRef.resource=jobs OR user.username=nobody)', [create, update, denied])).toEqual([denied])
    expect(run('verb=update OR verb=create AND objectRef.resource=jobs', [create, update, denied])).toEqual([update, denied])
  })
  it('IN, multivalue fields and numeric comparisons', () => {
    expect(run('user.groups{} IN ("system:*", admin)', [create, update])).toEqual([create])
    expect(run('responseStatus.code>=400', [create, update, denied])).toEqual([denied])
    expect(run('responseStatus.code<300', [create, update, denied])).toEqual([create, update])
  })
  it('free text matches _raw on token boundaries', () => {
    expect(run('busybox', [create, update])).toEqual([create])
    expect(run('busy', [create])).toEqual([])
    expect(run('busy*', [create])).toEqual([create])
    expect(run('"system:masters"', [create, update])).toEqual([create])
  })
  it('source, sourcetype, index and earliest/latest', () => {
    expect(run('source=kubernetes sourcetype=_json index=main', [create])).toEqual([create])
    expect(run('sourcetype=kube:apiserver-audit', [create])).toEqual([])
    expect(run('earliest=-1h', [create, denied])).toEqual([create])
    expect(run('earliest=-1h@h latest=now', [update])).toHaveLength(1)
  })
})

describe('commands', () => {
  it('stats by groups on every by field; a missing by field drops the event; multivalue by splits', () => {
    const rows = run('* | stats count values(user.groups{}) as groups by user.username', [create, update, denied])
    expect(plain(rows)).toEqual([
      { 'user.username': 'Alice', count: 1, groups: ['dev', 'system:masters'] },
      { 'user.username': 'bob', count: 1 },
      { 'user.username': 'eve', count: 1 },
    ])
    expect(run('* | stats count by requestObject.spec.containers{}.image', [create])).toHaveLength(2)
    expect(run('* | stats count by nosuch', [create])).toEqual([])
    expect(plain(run('* | stats count', []))).toEqual([{ count: 0 }])
  })
  it('stats functions', () => {
    const rows = plain(run('* | stats dc(verb) as d list(verb) as l min(responseStatus.code) as mn max(responseStatus.code) as mx sum(responseStatus.code) as s avg(responseStatus.code) as a earliest(verb) as e latest(verb) as la first(user.username) as f last(user.username) as z count(sourceIPs{}) as c', [create, update, denied]))
    expect(rows).toEqual([{ d: 2, l: ['create', 'update', 'create'], mn: 200, mx: 403, s: 804, a: 268, e: 'create', la: 'update', f: 'Alice', z: 'eve', c: 1 }])
  })
  it('eventstats and streamstats', () => {
    expect(run('* | eventstats count as n by verb', [create, update, denied]).map((r) => r.n)).toEqual([2, 1, 2])
    expect(run('* | streamstats count as n by verb', [create, update, denied]).map((r) => r.n)).toEqual([1, 1, 2])
  })
  it('fillnull fills every field of the results (or the named ones)', () => {
    const rows = run('* | fillnull | table verb requestObject.spec.containers{}.image', [create, update])
    expect(rows[1]!['requestObject.spec.containers{}.image']).toBe('0')
    expect(run('* | fillnull value=NA x', [update])[0]!.x).toBe('NA')
  })
  it('rename with wildcards, table, fields', () => {
    expect(Object.keys(run('* | rename user.* as u_* | table u_*', [create])[0]!)).toEqual(['u_username', 'u_groups{}'])
    expect(Object.keys(run('* | fields - _raw _time source sourcetype index host user.* sourceIPs{} objectRef.* requestObject.*', [create])[0]!)).toEqual(['verb', 'responseStatus.code'])
  })
  it('where and eval', () => {
    expect(run('* | where verb="create" AND responseStatus.code=201', [create, update, denied])).toEqual([create])
    expect(run('* | where verb="CREATE"', [create])).toEqual([])
    const r = run('* | eval code=tonumber(responseStatus.code)*2, who=lower(user.username)." from ".mvindex(sourceIPs{}, 0)', [create])[0]!
    expect(r.code).toBe(402)
    expect(r.who).toBe('alice from 10.1.2.3')
  })
  it('dedup, sort, head, tail', () => {
    expect(run('* | dedup verb', [create, update, denied])).toEqual([create, update])
    expect(run('* | sort - responseStatus.code', [create, update, denied])).toEqual([denied, create, update])
    expect(run('* | head 1', [create, update])).toEqual([create])
    expect(run('* | tail 1', [create, update])).toEqual([update])
  })
  it('rex with named groups and field=, regex', () => {
    const r = run('* | rex field=user.username "^(?<first>.)(?P<rest>.*)$"', [create])[0]!
    expect([r.first, r.rest]).toEqual(['A', 'lice'])
    expect(run('* | regex user.username="^[a-z]"', [create, update])).toEqual([update])
    expect(run('* | regex user.username!="^[a-z]"', [create, update])).toEqual([create])
  })
  it('spath command, bin, convert, makemv, mvexpand', () => {
    expect(run('* | spath input=_raw output=img path=requestObject.spec.containers{}.image', [create])[0]!.img).toEqual(['alpine', 'busybox:1'])
    expect(run('* | bin _time span=1h', [create])[0]!._time).toBe(1_699_999_200)
    expect(run('* | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(_time) as t', [create])[0]!.t).toBe('2023-11-14T22:13:20')
    expect(run('* | eval l="a,b" | makemv delim="," l', [create])[0]!.l).toEqual(['a', 'b'])
    expect(run('* | mvexpand user.groups{}', [create]).map((r) => r['user.groups{}'])).toEqual(['system:masters', 'dev'])
  })
  it('lookup and inputlookup against local tables', () => {
    const lookup = (name: string): Row[] | undefined => (name === 'admins' ? [Object.assign(newRow(), { user: 'Alice', role: 'admin' })] : undefined)
    expect(run('* | lookup admins user as user.username OUTPUT role', [create, update], lookup).map((r) => r.role)).toEqual(['admin', undefined])
    expect(run('| inputlookup admins', [], lookup)).toHaveLength(1)
    expect(err(() => run('* | lookup nope user', [create], lookup)).message).toMatch(/lookup table 'nope' not found/)
  })
  it('join and append run subsearches over the same events', () => {
    expect(run('verb=create | join user.username [search verb=create | eval seen=1]', [create, update]).map((r) => r.seen)).toEqual([1])
    expect(run('verb=update | append [search verb=create]', [create, update])).toEqual([update, create])
  })
})

describe('eval functions', () => {
  const ev = (expr: string, row: Row = create): unknown => run(`* | eval x=${expr}`, [row])[0]!.x
  it.each([
    ['if(verb="create", 1, 2)', 1],
    ['case(verb="x", "a", verb="create", "b")', 'b'],
    ['coalesce(nosuch, verb)', 'create'],
    ['if(like(verb, "cr%"), 1, 0)', 1],
    ['if(match(verb, "^c.e"), 1, 0)', 1],
    ['upper(verb)', 'CREATE'],
    ['len(verb)', 6],
    ['substr(verb, 2, 3)', 'rea'],
    ['substr(verb, -3)', 'ate'],
    ['replace(verb, "(e)", "<\\1>")', 'cr<e>at<e>'],
    ['mvcount(split("a;b;c", ";"))', 3],
    ['mvindex(split("a;b;c", ";"), 1, 2)', ['b', 'c']],
    ['mvjoin(user.groups{}, "|")', 'system:masters|dev'],
    ['mvfilter(match(user.groups{}, "^sys"))', 'system:masters'],
    ['mvappend("a", user.groups{})', ['a', 'system:masters', 'dev']],
    ['if(isnull(nosuch), 1, 0)', 1],
    ['if(isnotnull(verb), 1, 0)', 1],
    ['tostring(5)', '5'],
    ['tonumber("ff", 16)', 255],
    ['strftime(0, "%Y-%m-%d %H:%M:%S")', '1970-01-01 00:00:00'],
    ['strptime("2024-01-02T03:04:05", "%Y-%m-%dT%H:%M:%S")', 1704164645],
    ['relative_time(1704164645, "-1d@d")', 1704067200],
    ['now()', NOW],
    ['if(cidrmatch("10.0.0.0/8", sourceIPs{}), 1, 0)', 1],
    ['spath(_raw, "user.username")', 'Alice'],
    ['json_extract(_raw, "objectRef.name")', 'job1'],
  ])('%s', (expr, want) => {
    expect(ev(expr)).toEqual(want)
  })
  it('null() removes the field; null propagates through operators', () => {
    expect(ev('null()')).toBeUndefined()
    expect(ev('nosuch + 1')).toBeUndefined()
  })
})

describe('unsupported and errors are located', () => {
  it('tstats and unknown commands are unsupported at their position', () => {
    const e = err(() => parseSpl('| tstats count from datamodel=Endpoint'))
    expect([e.kind, e.offset]).toEqual(['unsupported', 2])
    expect(err(() => parseSpl('a=b | frobnicate x')).offset).toBe(6)
    expect(err(() => parseSpl('a=b | eval x=frob(1)')).kind).toBe('unsupported')
    expect(err(() => parseSpl('a=b | stats perc95(x)')).kind).toBe('unsupported')
  })
  it('syntax errors', () => {
    expect(err(() => parseSpl('a="b')).kind).toBe('syntax')
    expect(err(() => parseSpl('a=b | eval x=(1')).kind).toBe('syntax')
  })
})

describe('macros', () => {
  const macros = new Map<string, MacroDefinition>([
    ['kube_audit', { name: 'kube_audit', args: [], definition: 'source="kubernetes"' }],
    ['security_content_ctime(1)', { name: 'security_content_ctime', args: ['field'], definition: 'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)' }],
  ])
  it('expands names and arguments; a missing _filter macro is search *', () => {
    const e = expandMacros('`kube_audit` | stats min(_time) as firstTime | `security_content_ctime(firstTime)` | `x_filter`', macros)
    expect(e.text).toBe('source="kubernetes" | stats min(_time) as firstTime | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | search *')
    expect(e.used).toEqual(['kube_audit', 'security_content_ctime(1)', 'x_filter'])
  })
  it('an unknown macro is an error at its call', () => {
    const e = err(() => expandMacros('a=b | `nope(1,2)`', macros))
    expect([e.kind, e.offset]).toEqual(['macro', 6])
    expect(e.message).toMatch(/unknown macro `nope\(2\)`/)
  })
  it('errors inside an expansion point at the call', () => {
    const e = expandMacros('`kube_audit` | `bad`', new Map([...macros, ['bad', { name: 'bad', args: [], definition: 'frob' }]]))
    const at = err(() => parseSpl(e.text)).offset
    expect(e.origin[at]).toBe(15)
  })
  it('a macro that calls itself is an error', () => {
    expect(err(() => expandMacros('`a`', new Map([['a', { name: 'a', args: [], definition: '`a`' }]]))).message).toMatch(/calls itself/)
  })
})

describe('more stats and eval functions', () => {
  const nums = [1, 2, 3, 4].map((n) => event({ n }))
  it('stdev, var, range, median, mode', () => {
    const r = run('* | stats stdev(n) as sd var(n) as v range(n) as rg median(n) as md mode(n) as mo stdevp(n) as sp', nums)[0]!
    expect(r.v).toBeCloseTo(1.6667, 3)
    expect(r.sd).toBeCloseTo(1.291, 3)
    expect(r.sp).toBeCloseTo(1.118, 3)
    expect([r.rg, r.md, r.mo]).toEqual([3, 2, '1'])
  })
  it.each([
    ['mvfind(user.groups{}, "^dev")', 1],
    ['mvzip(user.groups{}, user.groups{}, ":")', ['system:masters:system:masters', 'dev:dev']],
    ['pow(2, 10)', 1024],
    ['max(3, 10, 2)', 10],
    ['if(verb IN ("x", "create"), 1, 0)', 1],
    ['if(LIKE (verb, "cr%"), 1, 0)', 1],
  ])('%s', (expr, want) => {
    expect(run(`* | eval x=${expr}`, [create])[0]!.x).toEqual(want)
  })
})

describe('SPL text forms detection searches use', () => {
  it('``` comments ```, escaped quotes in bare terms, quoted fields before IN, empty list items', () => {
    expect(expandMacros('a=b ```note``` c=d', new Map()).text).toBe('a=b   c=d')
    const odd = event({ cfg: '{"privileged":true}' })
    expect(run('cfg=*\\"privileged\\":true*', [odd])).toEqual([odd])
    expect(run('cfg=*\\"privileged\\":false*', [odd])).toEqual([])
    expect(run('"user.username" IN (,"alice")', [create])).toEqual([create])
    expect(run('* | table verb ,, user.username', [create])[0]).toEqual(expect.objectContaining({ verb: 'create' }))
  })
})

describe('command options and corner cases', () => {
  it('bucket is bin; convert mktime and dur2sec; dedup keeps N; sort by num() with a limit; fields +', () => {
    expect(run('* | bucket _time span=1d', [create])[0]!._time).toBe(1_699_920_000)
    const t = run('* | eval s="11/14/2023 22:13:20", d="01:00:05" | convert mktime(s) dur2sec(d)', [create])[0]!
    expect([t.s, t.d]).toEqual([1_700_000_000, 3605])
    expect(run('* | dedup 2 verb', [create, update, denied, create])).toEqual([create, update, denied])
    expect(run('* | sort 1 -num(responseStatus.code)', [create, update, denied])).toEqual([denied])
    expect(Object.keys(run('* | fields + verb', [create])[0]!).sort()).toEqual(['_raw', '_time', 'verb'])
  })
  it('eval operators: XOR, unary minus, %, string + string, comparisons with null', () => {
    const r = run('* | eval a=if(true() XOR false(), 1, 0), b=-(3), c=7 % 4, d="x" + "y", e=if(nosuch="x", 1, 0)', [create])[0]!
    expect([r.a, r.b, r.c, r.d, r.e]).toEqual([1, -3, 3, 'xy', 0])
  })
  it('a multivalue field matches a search term when one of its values does, case-insensitively', () => {
    expect(run('user.groups{}=DEV', [create])).toEqual([create])
    expect(run('NOT user.groups{}=dev', [create])).toEqual([])
  })
  it('a runtime error in a search is located, not swallowed', () => {
    expect(err(() => run('* | eval x="a" * 2', [create])).kind).toBe('runtime')
  })
})

describe('stats over eval expressions', () => {
  it('count(eval(cond)) counts the events where it is true; values(eval(…)) takes its values', () => {
    const r = run('* | stats count(eval(verb="create")) as creates values(eval(upper(verb))) as verbs dc(eval(if(verb="create", user.username, null()))) as creators', [create, update, denied])[0]!
    expect({ ...r }).toEqual({ creates: 2, verbs: ['CREATE', 'UPDATE'], creators: 2 })
  })
  it('prints and re-parses', () => {
    const p = parseSpl('* | stats count(eval(verb="create")) as n by user.username')
    expect(printSpl(p)).toBe('* | stats count(eval((verb = "create"))) as n by user.username')
  })
})

describe('hostile searches (issue 11)', () => {
  it('a search nested past the stack is a located syntax error, never a RangeError', () => {
    for (const n of [5_000, 50_000]) {
      expect(() => parseSpl(`index=main ${'('.repeat(n)}verb=create${')'.repeat(n)}`)).toThrow(SplError)
      expect(() => parseSpl(`index=main ${'('.repeat(n)}verb=create${')'.repeat(n)}`)).toThrow(/nests too deeply/)
    }
  })
})
