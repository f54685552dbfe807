import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runPipeline } from '../../src/spl/evaluate.js'
import { parseSpl } from '../../src/spl/parser.js'
import { extractJson, LazyEvent, newRow, type Row } from '../../src/spl/values.js'
import { hecToEvent, hecToRow } from '../../src/spl/views.js'

/**
 * The first search reads fields straight from each event's JSON; every later command sees rows
 * flattened whole. Both must agree with Splunk's search-time extraction, whatever the JSON holds.
 */
const bodies: Record<string, unknown>[] = [
  { verb: 'create', user: { username: 'Alice', groups: ['system:masters', 'dev'] }, objectRef: { resource: 'CronJobs' }, responseStatus: { code: 201 } },
  { verb: 'update', user: { username: 'bob' }, objectRef: { resource: 'cronjobs' }, responseStatus: { code: 200 }, allowed: true },
  // A key holding a dot is reachable both ways Splunk would name it.
  { 'objectRef.resource': 'cronjobs', objectRef: { resource: 'jobs' }, verb: 'create' },
  // Arrays of arrays, objects in arrays, null, a number as a value.
  { m: [[1, 2], [3]], c: [{ image: 'alpine' }, { image: null }, { name: 'x' }], n: null, verb: 7 },
  // Names of Object.prototype members are not fields.
  { kind: 'Event', toString: 'yes' },
  { user: 'plain-string', 'user.username': 'dotted' },
]

const searches = [
  'verb=create',
  'verb=CREATE objectRef.resource=cron*',
  '"objectRef.resource"=cronjobs',
  'objectRef.resource=jobs',
  'NOT verb=update',
  'verb!=update',
  'responseStatus.code>=201',
  'responseStatus.code<201',
  'user.groups{} IN ("system:*", admin)',
  'm{}{}=3',
  'm{}=3',
  'c{}.image=alpine',
  'c{}.image=*',
  'c{}.name!=y',
  'n=*',
  'verb=7',
  'constructor=*',
  'toString=yes',
  'hasOwnProperty=*',
  'user.username=dotted',
  'user=plain*',
  'allowed=TRUE',
  'verb=create OR (verb=update allowed=true)',
  'alice',
  '"system:masters"',
  'source=kubernetes sourcetype=_json',
  'host=h index=main',
  'earliest=-1h',
]

const hec = (body: unknown): Record<string, unknown> => ({ time: 1_700_000_000, host: 'h', source: 'kubernetes', sourcetype: '_json', event: body })
const NOW = 1_700_000_100

describe('first search over unextracted events', () => {
  it.each(searches)('%s keeps the same events from the JSON as from the flattened rows', (search) => {
    const p = parseSpl(search)
    const lazy = runPipeline(p, { events: bodies.map((b) => hecToEvent(hec(b))), now: NOW })
    const rows = runPipeline(p, { events: bodies.map((b) => hecToRow(hec(b))), now: NOW })
    expect(lazy.map((r) => r._raw)).toEqual(rows.map((r) => r._raw))
  })

  it('reads every field as extraction names it, for any JSON', () => {
    const key = fc.constantFrom('a', 'b', 'a.b', 'c{}', '', '.', '{}', '.a', 'a{', 'toString')
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constantFrom('x', 'X', 1, true, null), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
    })).value
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 4 }), (body) => {
        const row = newRow()
        extractJson(body, row)
        const ev = new LazyEvent(body, newRow(), 0)
        for (const [name, v] of Object.entries(row)) expect(ev.field(name)).toEqual(v)
      }),
      { numRuns: Number(process.env.MATCH_RUNS ?? 300) },
    )
  })

  it('a name of many parts reads the same fields (the object\'s keys are scanned instead of listed)', () => {
    let body: unknown = { leaf: ['x', { 'y.z': 'w' }] }
    for (let i = 0; i < 40; i++) body = { [`k${i % 3}`]: body, 'k1.k0': i === 39 ? 'dotted' : undefined }
    const row = newRow()
    extractJson(body, row)
    const ev = new LazyEvent(body, newRow(), 0)
    const names = Object.keys(row)
    expect(names.some((n) => n.split('.').length > 30)).toBe(true)
    for (const name of names) expect(ev.field(name)).toEqual(row[name])
    expect(ev.field(`${'k0.'.repeat(5000)}leaf`)).toBeNull()
  })

  it('a multivalue extracted beside a field the row already had is a new array, not the old one grown', () => {
    const row = newRow()
    const before = ['p']
    row['a{}'] = before
    extractJson({ a: ['q', 'r'] }, row)
    expect(row['a{}']).toEqual(['p', 'q', 'r'])
    expect(before).toEqual(['p'])
  })
})

describe('any search over any JSON', () => {
  const key = fc.constantFrom('verb', 'user', 'name', 'a.b', 'groups', 'code')
  const leaf = fc.constantFrom('create', 'CREATE', 'cron-job', 'x y', 7, 201, true, null, '')
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
  })).value
  const field = fc.constantFrom('verb', 'user.name', 'user{}.name', 'groups{}', 'a.b', 'a.b.code', 'code', 'source', 'index', '_raw')
  const value = fc.constantFrom('create', 'CREATE', 'cre*', '*job', '*', '"x y"', '201', '7', 'true', '""', 'nothing', '2*1')
  const atom = fc.oneof(
    fc.tuple(field, fc.constantFrom('=', '!=', '<', '>=', '>'), value).map(([f, op, v]) => `${f}${op}${v}`),
    fc.tuple(field, fc.array(value, { minLength: 1, maxLength: 3 })).map(([f, vs]) => `${f} IN (${vs.join(', ')})`),
    fc.constantFrom('create', 'cron*', '"x y"', 'job'),
  )
  const search = fc.letrec((tie) => ({
    expr: fc.oneof({ depthSize: 'small' }, atom, tie('expr').map((e) => `NOT (${e})`), fc.tuple(tie('expr'), fc.constantFrom(' OR ', ' AND ', ' '), tie('expr')).map(([a, op, b]) => `(${a})${op}(${b})`)),
  })).expr

  it('keeps the same events read from the JSON as from the flattened rows', () => {
    fc.assert(
      fc.property(search, fc.array(fc.dictionary(key, json, { maxKeys: 4 }), { maxLength: 4 }), (q, events) => {
        const p = parseSpl(q)
        const lazy = runPipeline(p, { events: events.map((b) => hecToEvent(hec(b))), now: NOW })
        const rows = runPipeline(p, { events: events.map((b) => hecToRow(hec(b))), now: NOW })
        expect(lazy.map((r) => r._raw)).toEqual(rows.map((r) => r._raw))
      }),
      { numRuns: Number(process.env.MATCH_RUNS ?? 300) },
    )
  })
})

describe('events as a stream', () => {
  const counted = (bodiesToYield: unknown[]): { events: Iterable<LazyEvent>; passes: () => number } => {
    let passes = 0
    return {
      events: {
        *[Symbol.iterator]() {
          passes++
          for (const b of bodiesToYield) yield hecToEvent(hec(b))
        },
      },
      passes: () => passes,
    }
  }
  it('reads an iterable once, keeping only the events its first search keeps', () => {
    const s = counted(bodies)
    expect(runPipeline(parseSpl('verb=create | stats count'), { events: s.events, now: NOW })).toEqual([Object.assign(newRow(), { count: 2 })])
    expect(s.passes()).toBe(1)
  })
  it('subsearches read the same events again', () => {
    const s = counted(bodies)
    const rows: Row[] = runPipeline(parseSpl('verb=update | append [search verb=create]'), { events: s.events, now: NOW })
    expect(rows.map((r) => r.verb)).toEqual(['update', 'create', 'create'])
    expect(s.passes()).toBe(2)
  })
})

describe('commands after a first search that keeps nothing', () => {
  const none = (search: string): Row[] => runPipeline(parseSpl(search), { events: bodies.map((b) => hecToEvent(hec(b))), now: NOW })
  it('still make what they make from no results, and still fail as they would', () => {
    expect(none('verb=nosuch | fillnull | stats count by verb | rename verb as v')).toEqual([])
    expect(none('verb=nosuch | stats count')).toEqual([Object.assign(newRow(), { count: 0 })])
    expect(none('verb=nosuch | append [search verb=update]').map((r) => r.verb)).toEqual(['update'])
    expect(() => none('verb=nosuch | lookup nosuch_table user')).toThrow(/lookup table 'nosuch_table' not found/)
    expect(() => none('verb=nosuch | bin _time span=never')).toThrow(/span=never/)
  })
})
