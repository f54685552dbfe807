import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileDetection } from '../../../src/sigma/compile/index.js'
import { CorrelationError, createCorrelationEngine, parseTimespan, percentileOf, readCorrelation } from '../../../src/sigma/correlation/index.js'

const rule = (selection: Record<string, unknown>) => compileDetection({ selection, condition: 'selection' })
const rules = new Map([
  ['failed_login', rule({ action: 'login', outcome: 'failure' })],
  ['recon_a', rule({ cmd: 'whoami' })],
  ['recon_b', rule({ cmd: 'hostname' })],
  ['recon_c', rule({ cmd: 'ipconfig' })],
  ['transfer', rule({ action: 'upload' })],
  ['proc', rule({ action: 'exec' })],
])
const at = (sec: number, fields: Record<string, unknown>) => ({ timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, sec)).toISOString(), ...fields })
const doc = (correlation: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ title: 'test', name: 'corr', ...extra, correlation })

function run(docs: unknown[], events: unknown[]) {
  const engine = createCorrelationEngine({ correlations: docs, rules })
  const pushed = events.flatMap((e) => engine.push(e))
  return { pushed, flushed: engine.flush(), all: () => [...pushed] }
}

describe('timespan', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('%s = %i ms', (text, ms) => expect(parseTimespan(text)).toBe(ms))
  it.each(['5', '1h30m', '5 min', '-5m', '0s', '5H'])('%s is rejected', (text) => expect(parseTimespan(text)).toBeTypeOf('string'))
})

describe('event_count', () => {
  const d = doc({ type: 'event_count', rules: ['failed_login'], 'group-by': ['user'], timespan: '1m', condition: { gte: 3 } })
  const fail = (sec: number, user = 'bob') => at(sec, { action: 'login', outcome: 'failure', user })

  it('fires as soon as the count is reached within the timespan, per group', () => {
    const { pushed } = run([d], [fail(0), fail(10), fail(20, 'eve'), fail(30)])
    expect(pushed).toHaveLength(1)
    expect(pushed[0]).toMatchObject({ correlation: 'corr', type: 'event_count', group: { user: 'bob' }, value: 3 })
    expect(pushed[0]?.events).toHaveLength(3)
  })
  it('slides: events older than the timespan drop out', () => {
    const { pushed } = run([d], [fail(0), fail(10), fail(65), fail(80)])
    expect(pushed).toHaveLength(0)
    expect(run([d], [fail(0), fail(10), fail(65), fail(69)]).pushed).toHaveLength(1) // 10, 65, 69 within 60 s
  })
  it('restarts counting after a match', () => {
    const { pushed } = run([d], [fail(0), fail(1), fail(2), fail(3), fail(4), fail(5)])
    expect(pushed).toHaveLength(2)
  })
  it('ignores events the rule does not match and events lacking a group-by field', () => {
    const other = at(1, { action: 'login', outcome: 'success', user: 'bob' })
    const noUser = at(2, { action: 'login', outcome: 'failure' })
    expect(run([d], [fail(0), other, noUser, fail(3)]).pushed).toHaveLength(0)
  })
  it('counts an event matched by several referenced rules once', () => {
    const d2 = doc({ type: 'event_count', rules: ['failed_login', 'recon_a'], timespan: '1m', condition: { gte: 2 } })
    expect(run([d2], [at(0, { action: 'login', outcome: 'failure', cmd: 'whoami' })]).pushed).toHaveLength(0)
    expect(run([d2], [at(0, { action: 'login', outcome: 'failure' }), at(1, { cmd: 'whoami' })]).pushed).toHaveLength(1)
  })
  it('without group-by, counts all events together', () => {
    const d2 = doc({ type: 'event_count', rules: ['failed_login'], timespan: '1m', condition: { gt: 2 } })
    expect(run([d2], [fail(0, 'a'), fail(1, 'b'), fail(2, 'c')]).pushed[0]).toMatchObject({ group: {}, value: 3 })
  })
  it('upper bounds and ranges wait for the window to close', () => {
    const d3 = doc({ type: 'event_count', rules: ['failed_login'], 'group-by': ['user'], timespan: '1m', condition: { gt: 1, lte: 3 } })
    const r = run([d3], [fail(0), fail(10), fail(20, 'eve'), at(200, { action: 'noise' })])
    expect(r.pushed).toEqual([expect.objectContaining({ group: { user: 'bob' }, value: 2, timestamp: Date.UTC(2026, 0, 1, 0, 1, 0) })])
    expect(r.flushed).toEqual([]) // eve: 1 event, not > 1
    const r2 = run([d3], [fail(0), fail(1), fail(2), fail(3)])
    expect(r2.pushed).toEqual([])
    expect(r2.flushed).toEqual([]) // 4 events in the window: not <= 3
    const r3 = run([doc({ type: 'event_count', rules: ['failed_login'], timespan: '1m', condition: { lt: 3 } })], [fail(0), fail(1)])
    expect(r3.flushed).toEqual([expect.objectContaining({ value: 2 })])
  })
  it('eq and neq', () => {
    const eq = doc({ type: 'event_count', rules: ['failed_login'], timespan: '1m', condition: { eq: 2 } })
    expect(run([eq], [fail(0), fail(1)]).flushed).toHaveLength(1)
    expect(run([eq], [fail(0), fail(1), fail(2)]).flushed).toHaveLength(0)
    const neq = doc({ type: 'event_count', rules: ['failed_login'], timespan: '1m', condition: { neq: 2 } })
    expect(run([neq], [fail(0)]).flushed).toHaveLength(1)
  })
})

describe('value_count', () => {
  const d = doc({ type: 'value_count', rules: ['failed_login'], 'group-by': ['src'], timespan: '1h', condition: { field: 'user', gte: 3 } })
  const fail = (sec: number, user: string, src = '10.0.0.1') => at(sec, { action: 'login', outcome: 'failure', user, src })
  it('counts distinct values of the field', () => {
    expect(run([d], [fail(0, 'a'), fail(1, 'a'), fail(2, 'b')]).pushed).toHaveLength(0)
    expect(run([d], [fail(0, 'a'), fail(1, 'a'), fail(2, 'b'), fail(3, 'c')]).pushed[0]).toMatchObject({ value: 3 })
  })
  it('several fields count distinct tuples; missing values are not counted', () => {
    const d2 = doc({ type: 'value_count', rules: ['failed_login'], timespan: '1h', condition: { field: ['user', 'src'], gte: 2 } })
    expect(run([d2], [fail(0, 'a', 'x'), fail(1, 'a', 'y')]).pushed).toHaveLength(1)
    expect(run([d2], [fail(0, 'a', 'x'), at(1, { action: 'login', outcome: 'failure', user: 'b' })]).pushed).toHaveLength(0)
  })
})

describe('temporal and temporal_ordered', () => {
  const cmd = (sec: number, c: string, host = 'h1') => at(sec, { cmd: c, host })
  const temporal = doc({ type: 'temporal', rules: ['recon_a', 'recon_b', 'recon_c'], 'group-by': ['host'], timespan: '5m' })
  const ordered = doc({ type: 'temporal_ordered', rules: ['recon_a', 'recon_b', 'recon_c'], 'group-by': ['host'], timespan: '5m' })

  it('temporal: all rules within the timespan, any order, same group', () => {
    expect(run([temporal], [cmd(0, 'ipconfig'), cmd(10, 'whoami'), cmd(20, 'hostname')]).pushed[0]).toMatchObject({ value: 3, group: { host: 'h1' } })
    expect(run([temporal], [cmd(0, 'ipconfig'), cmd(10, 'whoami'), cmd(20, 'hostname', 'h2')]).pushed).toHaveLength(0)
    expect(run([temporal], [cmd(0, 'ipconfig'), cmd(10, 'whoami'), cmd(400, 'hostname')]).pushed).toHaveLength(0)
  })
  it('temporal_ordered: the rules must occur in the written order', () => {
    expect(run([ordered], [cmd(0, 'ipconfig'), cmd(10, 'whoami'), cmd(20, 'hostname')]).pushed).toHaveLength(0)
    const ok = run([ordered], [cmd(0, 'ipconfig'), cmd(10, 'whoami'), cmd(20, 'hostname'), cmd(30, 'ipconfig')]).pushed
    expect(ok).toHaveLength(1)
    expect(ok[0]?.events).toEqual([cmd(10, 'whoami'), cmd(20, 'hostname'), cmd(30, 'ipconfig')])
  })
  it('a temporal condition counts distinct matched rules', () => {
    const two = doc({ type: 'temporal', rules: ['recon_a', 'recon_b', 'recon_c'], 'group-by': ['host'], timespan: '5m', condition: { gte: 2 } })
    expect(run([two], [cmd(0, 'whoami'), cmd(10, 'whoami'), cmd(20, 'ipconfig')]).pushed[0]).toMatchObject({ value: 2 })
  })
  it('aliases map one group-by name to a different field per rule', () => {
    const aliased = doc({
      type: 'temporal',
      rules: ['recon_a', 'recon_b'],
      'group-by': ['machine'],
      timespan: '5m',
      aliases: { machine: { recon_a: 'host', recon_b: 'computer.name' } },
    })
    const events = [at(0, { cmd: 'whoami', host: 'pc1' }), at(5, { cmd: 'hostname', computer: { name: 'pc1' } })]
    expect(run([aliased], events).pushed[0]).toMatchObject({ group: { machine: 'pc1' } })
    expect(run([aliased], [events[0], at(5, { cmd: 'hostname', computer: { name: 'pc2' } })]).pushed).toHaveLength(0)
  })
})

describe('value_sum, value_avg, value_percentile', () => {
  const up = (sec: number, bytes: unknown, user = 'bob') => at(sec, { action: 'upload', bytes, user })
  it('value_sum adds the numeric field per group', () => {
    const d = doc({ type: 'value_sum', rules: ['transfer'], 'group-by': ['user'], timespan: '1h', condition: { field: 'bytes', gt: 1000 } })
    expect(run([d], [up(0, 600), up(1, '300')]).pushed).toHaveLength(0)
    expect(run([d], [up(0, 600), up(1, '300'), up(2, 200)]).pushed[0]).toMatchObject({ value: 1100 })
    expect(run([d], [up(0, 600), up(1, 'n/a'), up(2, 300)]).pushed).toHaveLength(0)
  })
  it('value_avg compares the average when the window closes', () => {
    const d = doc({ type: 'value_avg', rules: ['transfer'], 'group-by': ['user'], timespan: '1h', condition: { field: 'bytes', gt: 500 } })
    expect(run([d], [up(0, 400), up(1, 700)]).flushed[0]).toMatchObject({ value: 550 })
    expect(run([d], [up(0, 400), up(1, 500)]).flushed).toHaveLength(0)
  })
  it('value_percentile with percentile: the p-th percentile of the numbers', () => {
    const d = doc({ type: 'value_percentile', rules: ['transfer'], timespan: '1h', condition: { field: 'bytes', percentile: 50, gte: 20 } })
    expect(run([d], [up(0, 10), up(1, 20), up(2, 30)]).flushed[0]).toMatchObject({ value: 20 })
    expect(percentileOf([1, 2, 3, 4], 25)).toBe(1.75)
  })
  it('value_percentile without percentile: the share of events carrying a value (rare values)', () => {
    const d = doc({ type: 'value_percentile', rules: ['proc'], 'group-by': ['host'], timespan: '1d', condition: { field: 'image', lte: 10 } })
    const events = [...Array.from({ length: 19 }, (_, i) => at(i, { action: 'exec', host: 'h', image: 'svchost.exe' })), at(30, { action: 'exec', host: 'h', image: 'evil.exe' })]
    const m = run([d], events).flushed
    expect(m).toHaveLength(1)
    expect(m[0]).toMatchObject({ value: 5, events: [events[19]] })
  })
})

describe('chaining', () => {
  it('a correlation can count the matches of another correlation', () => {
    const inner = doc({ type: 'event_count', rules: ['failed_login'], 'group-by': ['user'], timespan: '1m', condition: { gte: 2 } }, { name: 'many_failures', id: undefined })
    const outer = doc({ type: 'value_count', rules: ['many_failures'], timespan: '1h', condition: { field: 'user', gte: 2 } }, { name: 'spray' })
    const fail = (sec: number, user: string) => at(sec, { action: 'login', outcome: 'failure', user })
    const r = run([outer, inner], [fail(0, 'a'), fail(1, 'a'), fail(2, 'b'), fail(3, 'b')])
    expect(r.pushed.map((m) => m.correlation)).toEqual(['many_failures', 'many_failures', 'spray'])
    expect(r.pushed[2]).toMatchObject({ value: 2 })
  })
  it('group-by of the outer reads the inner match groups, through aliases', () => {
    const inner = doc({ type: 'event_count', rules: ['failed_login'], 'group-by': ['user'], timespan: '1m', condition: { gte: 1 } }, { name: 'inner' })
    const outer = doc({ type: 'event_count', rules: ['inner'], 'group-by': ['account'], aliases: { account: { inner: 'user' } }, timespan: '1m', condition: { gte: 2 } }, { name: 'outer' })
    const fail = (sec: number, user: string) => at(sec, { action: 'login', outcome: 'failure', user })
    expect(run([inner, outer], [fail(0, 'a'), fail(1, 'a')]).pushed.at(-1)).toMatchObject({ correlation: 'outer', group: { account: 'a' } })
  })
  it('rejects reference cycles and unknown references', () => {
    const a = doc({ type: 'event_count', rules: ['b'], timespan: '1m', condition: { gte: 1 } }, { name: 'a' })
    const b = doc({ type: 'event_count', rules: ['a'], timespan: '1m', condition: { gte: 1 } }, { name: 'b' })
    expect(() => createCorrelationEngine({ correlations: [a, b], rules })).toThrow(/cycle/)
    expect(() => createCorrelationEngine({ correlations: [doc({ type: 'event_count', rules: ['nope'], timespan: '1m', condition: { gte: 1 } })], rules })).toThrow(/'nope'/)
  })
  it('names a self-reference and the cycle path, at the rules: item', () => {
    const self = doc({ type: 'event_count', rules: ['failed_login', 'me'], timespan: '1m', condition: { gte: 1 } }, { name: 'me' })
    const err = (() => {
      try {
        createCorrelationEngine({ correlations: [self], rules })
      } catch (e) {
        return e as CorrelationError
      }
    })()
    expect(err).toBeInstanceOf(CorrelationError)
    expect(err?.message).toBe("correlation 'me' references itself")
    expect(err?.path).toEqual(['correlation', 'rules', 1])
    const a = doc({ type: 'event_count', rules: ['b'], timespan: '1m', condition: { gte: 1 } }, { name: 'a' })
    const b = doc({ type: 'event_count', rules: ['c'], timespan: '1m', condition: { gte: 1 } }, { name: 'b' })
    const c = doc({ type: 'event_count', rules: ['a'], timespan: '1m', condition: { gte: 1 } }, { name: 'c' })
    expect(() => createCorrelationEngine({ correlations: [a, b, c], rules })).toThrow("correlation references form a cycle: 'a' → 'b' → 'c' → 'a'")
  })
})

describe('aliases name rules by id or name (spec §correlation)', () => {
  // The same compiled rule under its id and its name, as eval registers base rules.
  const a = rule({ cmd: 'whoami' })
  const b = rule({ cmd: 'hostname' })
  const byBoth = new Map([
    ['11111111-0000-4000-8000-00000000000a', a],
    ['recon_a', a],
    ['11111111-0000-4000-8000-00000000000b', b],
    ['recon_b', b],
  ])
  const temporal = (aliases: Record<string, Record<string, string>>, ruleRefs = ['11111111-0000-4000-8000-00000000000a', '11111111-0000-4000-8000-00000000000b']) =>
    doc({ type: 'temporal', rules: ruleRefs, 'group-by': ['machine'], aliases, timespan: '1m' })
  const events = [at(0, { cmd: 'whoami', host: 'pc1' }), at(5, { cmd: 'hostname', computer: { name: 'pc1' } })]

  it('rules by id, alias keys by name', () => {
    const engine = createCorrelationEngine({ correlations: [temporal({ machine: { recon_a: 'host', recon_b: 'computer.name' } })], rules: byBoth })
    expect(events.flatMap((e) => engine.push(e))).toMatchObject([{ group: { machine: 'pc1' } }])
  })
  it('rules by name, alias keys by id, and a mix', () => {
    const byName = temporal({ machine: { '11111111-0000-4000-8000-00000000000a': 'host', recon_b: 'computer.name' } }, ['recon_a', 'recon_b'])
    const engine = createCorrelationEngine({ correlations: [byName], rules: byBoth })
    expect(events.flatMap((e) => engine.push(e))).toMatchObject([{ group: { machine: 'pc1' } }])
  })
  it('an alias key that names none of the rules is an error at that key', () => {
    const bad = temporal({ machine: { recon_a: 'host', recon_c: 'computer.name' } })
    try {
      createCorrelationEngine({ correlations: [bad], rules: new Map([...byBoth, ['recon_c', rule({ cmd: 'ipconfig' })]]) })
      expect.unreachable()
    } catch (e) {
      expect((e as CorrelationError).path).toEqual(['correlation', 'aliases', 'machine', 'recon_c'])
      expect((e as Error).message).toMatch(/alias 'machine' names 'recon_c', which is none of the rules in 'rules'/)
    }
  })
  it('prototype names are aliases and fields like any other', () => {
    const d = doc({ type: 'event_count', rules: ['recon_a'], 'group-by': ['constructor'], aliases: { constructor: { recon_a: 'toString' } }, timespan: '1m', condition: { gte: 2 } })
    const engine = createCorrelationEngine({ correlations: [d], rules: byBoth })
    const hits = [at(0, { cmd: 'whoami', toString: 'x' }), at(1, { cmd: 'whoami', toString: 'x' })].flatMap((e) => engine.push(e))
    expect(hits).toHaveLength(1)
    expect(hits[0]?.group).toEqual({ constructor: 'x' })
  })
})


describe('timestamps', () => {
  it('uses timestampOf, and records without a time take the latest time seen', () => {
    const d = doc({ type: 'event_count', rules: ['failed_login'], timespan: '10s', condition: { gte: 2 } })
    const engine = createCorrelationEngine({ correlations: [d], rules, timestampOf: (r) => (r as { t?: number }).t })
    expect(engine.push({ action: 'login', outcome: 'failure', t: 0 })).toEqual([])
    expect(engine.push({ action: 'login', outcome: 'failure', t: 60_000 })).toEqual([])
    expect(engine.push({ action: 'login', outcome: 'failure' })).toHaveLength(1)
  })
})

describe('readCorrelation validation', () => {
  const bad = (c: Record<string, unknown>) => {
    try {
      readCorrelation({ title: 't', correlation: c })
    } catch (err) {
      if (err instanceof CorrelationError) return err
      throw err
    }
    throw new Error('accepted')
  }
  const base = { type: 'event_count', rules: ['r1'], timespan: '1h', condition: { gte: 1 } }
  it.each([
    [{ ...base, type: 'event_counts' }, ['correlation', 'type'], /unknown correlation type/],
    [{ ...base, rules: [] }, ['correlation', 'rules'], /empty/],
    [{ ...base, timespan: '1 hour' }, ['correlation', 'timespan'], /not a timespan/],
    [{ ...base, condition: undefined }, ['correlation', 'condition'], /needs a condition/],
    [{ ...base, condition: { between: 1 } }, ['correlation', 'condition', 'between'], /unknown condition key/],
    [{ ...base, condition: { gte: '5' } }, ['correlation', 'condition', 'gte'], /needs a number/],
    [{ ...base, condition: { field: 'x' } }, ['correlation', 'condition'], /needs an operator/],
    [{ ...base, type: 'value_count' }, ['correlation', 'condition'], /needs 'field'/],
    [{ ...base, condition: { gte: 1, field: 'x' } }, ['correlation', 'condition', 'field'], /takes no 'field'/],
    [{ ...base, generate: 'yes' }, ['correlation', 'generate'], /boolean/],
  ])('%j', (c, path, message) => {
    const err = bad(c)
    expect(err.path).toEqual(path)
    expect(err.message).toMatch(message)
  })
  it('accepts two-operator ranges, neq, and reads generate from correlation or the top level', () => {
    expect(readCorrelation({ title: 't', generate: true, correlation: { ...base, condition: { gt: 1, lte: 5 } } })).toMatchObject({
      generate: true,
      condition: { bounds: [{ op: 'gt', value: 1 }, { op: 'lte', value: 5 }] },
    })
    expect(readCorrelation({ title: 't', correlation: { ...base, condition: { neq: 3 }, generate: true } }).generate).toBe(true)
  })
  it('temporal types default to all referenced rules', () => {
    expect(readCorrelation({ title: 't', correlation: { type: 'temporal', rules: ['a', 'b'], timespan: '5m' } }).condition.bounds).toEqual([{ op: 'gte', value: 2 }])
  })
})

describe('event_count properties', () => {
  it('a burst of n events inside the timespan yields floor(n / k) matches for gte k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 }), (n, k) => {
        const d = doc({ type: 'event_count', rules: ['failed_login'], timespan: '1h', condition: { gte: k } })
        const events = Array.from({ length: n }, (_, i) => at(i, { action: 'login', outcome: 'failure' }))
        expect(run([d], events).pushed).toHaveLength(Math.floor(n / k))
      }),
      { numRuns: 60 },
    )
  })
  it('events further apart than the timespan never correlate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (n) => {
        const d = doc({ type: 'event_count', rules: ['failed_login'], timespan: '10s', condition: { gte: 2 } })
        const events = Array.from({ length: n }, (_, i) => at(i * 11, { action: 'login', outcome: 'failure' }))
        expect(run([d], events).pushed).toHaveLength(0)
      }),
      { numRuns: 30 },
    )
  })
})
