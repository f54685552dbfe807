/**
 * Audit of reference/sigma.md §3.e "Correlation rules and filters" and §5.17–18, through the
 * loader (`loadSigmaText`, `sigmaRulesFromDocuments`) and the correlation engine
 * (`createCorrelationEngine`, `readCorrelation`).
 */
import { describe, expect, it } from 'vitest'
import { loadSigmaText, sigmaRulesFromDocuments, type SigmaDocument } from '../../../src/sigma/index.js'
import { type CorrelationMatch, CorrelationError, createCorrelationEngine, parseTimespan, readCorrelation } from '../../../src/sigma/correlation/index.js'
import type { MatchingRule } from '../../../src/sigma/correlation/index.js'

/** Base rules as YAML documents: login failures, recon commands, uploads. */
const BASE = `title: Failed login
name: failed_login
logsource:
  product: audit_test
detection:
  sel:
    action: login
    outcome: failure
  condition: sel
---
title: Recon whoami
name: recon_whoami
logsource:
  product: audit_test
detection:
  sel:
    cmd: whoami
  condition: sel
---
title: Recon hostname
name: recon_hostname
logsource:
  product: audit_test
detection:
  sel:
    cmd: hostname
  condition: sel
---
title: Upload
name: upload
logsource:
  product: audit_test
detection:
  sel:
    action: upload
  condition: sel
`

/** Loads BASE plus correlation YAML, builds the engine, feeds the events, returns all matches. */
function correlate(correlationYaml: string, events: unknown[]): CorrelationMatch[] {
  const { documents, findings } = loadSigmaText(`${BASE}---\n${correlationYaml}`, 'c.yml')
  expect(findings.filter((f) => f.severity === 'error')).toEqual([])
  const rules = new Map<string, MatchingRule>()
  for (const r of sigmaRulesFromDocuments(documents)) rules.set(r.document.name as string, r.compiled())
  const correlations = documents.filter((d: SigmaDocument) => d.kind === 'correlation').map((d) => d.value)
  const engine = createCorrelationEngine({ correlations, rules })
  return [...events.flatMap((e) => engine.push(e)), ...engine.flush()]
}

const T0 = Date.UTC(2026, 0, 1)
const at = (sec: number, fields: Record<string, unknown>) => ({ timestamp: new Date(T0 + sec * 1000).toISOString(), ...fields })
const fail = (sec: number, user = 'bob', extra: Record<string, unknown> = {}) => at(sec, { action: 'login', outcome: 'failure', user, ...extra })

function correlationErrors(correlationYaml: string): string[] {
  return loadSigmaText(correlationYaml, 'c.yml')
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.message)
}

describe('§3.e correlation documents: fields and checks', () => {
  const doc = (body: string) => `title: Corr\nname: corr\ncorrelation:\n${body}`
  it('all seven types are accepted; others are errors', () => {
    for (const type of ['event_count', 'value_count', 'value_sum', 'value_avg', 'value_percentile']) {
      const body = `  type: ${type}\n  rules: [failed_login]\n  group-by: [user]\n  timespan: 5m\n  condition:\n    gte: 1\n${type === 'event_count' ? '' : '    field: x\n'}`
      expect(correlationErrors(doc(body)), type).toEqual([])
    }
    for (const type of ['temporal', 'temporal_ordered'])
      expect(correlationErrors(doc(`  type: ${type}\n  rules: [a1, b1]\n  group-by: [user]\n  timespan: 5m\n`)), type).toEqual([])
    expect(correlationErrors(doc('  type: event_sum\n  rules: [a1]\n  group-by: [user]\n  timespan: 5m\n  condition:\n    gte: 1\n'))).not.toEqual([])
  })
  it('type, rules and timespan are mandatory', () => {
    expect(correlationErrors(doc('  rules: [a1]\n  timespan: 5m\n'))).not.toEqual([])
    expect(correlationErrors(doc('  type: temporal\n  group-by: [u]\n  timespan: 5m\n'))).not.toEqual([])
    expect(correlationErrors(doc('  type: temporal\n  rules: [a1, b1]\n  group-by: [u]\n'))).not.toEqual([])
  })
  it('timespan: an integer and a lower-case unit s, m, h, d (pySigma also w, M, y); no compound values', () => {
    expect(parseTimespan('90m')).toBe(90 * 60_000)
    expect(parseTimespan('30s')).toBe(30_000)
    expect(parseTimespan('2h')).toBe(7_200_000)
    expect(parseTimespan('1d')).toBe(86_400_000)
    expect(parseTimespan('1w')).toBe(7 * 86_400_000)
    expect(parseTimespan('1M')).toBeCloseTo(30.436875 * 86_400_000)
    expect(parseTimespan('1y')).toBeCloseTo(365.2425 * 86_400_000)
    for (const bad of ['1h30m', '5H', '5', 'm', '1.5h', '-1m']) expect(parseTimespan(bad), bad).toBeTypeOf('string')
    expect(correlationErrors(doc('  type: event_count\n  rules: [a1]\n  group-by: [u]\n  timespan: 1h30m\n  condition:\n    gte: 1\n'))).not.toEqual([])
  })
  it('condition: an operator among gt, gte, lt, lte, eq, neq with a number', () => {
    for (const op of ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'])
      expect(correlationErrors(doc(`  type: event_count\n  rules: [a1]\n  group-by: [u]\n  timespan: 5m\n  condition:\n    ${op}: 3\n`)), op).toEqual([])
    expect(correlationErrors(doc('  type: event_count\n  rules: [a1]\n  group-by: [u]\n  timespan: 5m\n  condition:\n    ge: 3\n'))).not.toEqual([])
    expect(correlationErrors(doc("  type: event_count\n  rules: [a1]\n  group-by: [u]\n  timespan: 5m\n  condition:\n    gte: '3'\n"))).not.toEqual([])
    expect(() => readCorrelation({ title: 't', correlation: { type: 'event_count', rules: ['a1'], timespan: '5m', condition: { ge: 3 } } })).toThrow(CorrelationError)
  })
  it('the spec allows a two-operator range (gt + lte, AND); pySigma rejects it, we follow the spec', () => {
    expect(correlationErrors(doc('  type: event_count\n  rules: [a1]\n  group-by: [u]\n  timespan: 5m\n  condition:\n    gt: 1\n    lte: 3\n'))).toEqual([])
  })
  it('value_count / value_sum / value_avg / value_percentile need condition.field', () => {
    for (const type of ['value_count', 'value_sum', 'value_avg', 'value_percentile']) {
      expect(correlationErrors(doc(`  type: ${type}\n  rules: [a1]\n  group-by: [u]\n  timespan: 5m\n  condition:\n    gte: 1\n`)), type).not.toEqual([])
      expect(() => readCorrelation({ title: 't', correlation: { type, rules: ['a1'], timespan: '5m', condition: { gte: 1 } } }), type).toThrow(CorrelationError)
    }
  })
  it('generate: read from correlation (pySigma) or the top level (schema)', () => {
    expect(readCorrelation({ title: 't', correlation: { type: 'temporal', rules: ['a1', 'b1'], timespan: '5m', generate: true } }).generate).toBe(true)
    expect(readCorrelation({ title: 't', generate: true, correlation: { type: 'temporal', rules: ['a1', 'b1'], timespan: '5m' } }).generate).toBe(true)
    expect(readCorrelation({ title: 't', correlation: { type: 'temporal', rules: ['a1', 'b1'], timespan: '5m' } }).generate).toBe(false)
  })
  it('group-by: mandatory per the spec and schema (loader), optional in the engine as in pySigma (one global group)', () => {
    const text = 'title: C\nname: c\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  timespan: 1m\n  condition:\n    gte: 2\n'
    expect(correlationErrors(text)).toEqual([expect.stringMatching(/group-by/)])
    const { documents } = loadSigmaText(BASE, 'b.yml')
    const rules = new Map<string, MatchingRule>(sigmaRulesFromDocuments(documents).map((r) => [r.document.name as string, r.compiled()]))
    const engine = createCorrelationEngine({ correlations: [{ title: 'C', name: 'c', correlation: { type: 'event_count', rules: ['failed_login'], timespan: '1m', condition: { gte: 2 } } }], rules })
    expect([fail(0, 'a'), fail(1, 'b')].flatMap((e) => engine.push(e))).toHaveLength(1)
  })
  it('unknown rule references and reference cycles are errors', () => {
    const rules = new Map<string, MatchingRule>()
    expect(() => createCorrelationEngine({ correlations: [{ title: 't', correlation: { type: 'event_count', rules: ['nope'], timespan: '5m', condition: { gte: 1 } } }], rules })).toThrow(/nope/)
    const a = { title: 'a', name: 'ca', correlation: { type: 'event_count', rules: ['cb'], timespan: '5m', condition: { gte: 1 } } }
    const b = { title: 'b', name: 'cb', correlation: { type: 'event_count', rules: ['ca'], timespan: '5m', condition: { gte: 1 } } }
    expect(() => createCorrelationEngine({ correlations: [a, b], rules })).toThrow(/cycle/)
  })
})

describe('§3.e correlation semantics per type', () => {
  it('event_count: events of the referenced rule per group within the timespan', () => {
    const c = 'title: C\nname: brute\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  group-by: [user]\n  timespan: 1m\n  condition:\n    gte: 3\n'
    expect(correlate(c, [fail(0), fail(10), fail(20)])).toMatchObject([{ correlation: 'brute', type: 'event_count', group: { user: 'bob' }, value: 3 }])
    expect(correlate(c, [fail(0), fail(10), fail(20, 'eve')])).toEqual([])
    expect(correlate(c, [fail(0), fail(40), fail(70)])).toEqual([]) // 0 drops out before 70
  })
  it('windows slide: not restricted to fixed buckets', () => {
    const c = 'title: C\nname: brute\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  group-by: [user]\n  timespan: 1m\n  condition:\n    gte: 2\n'
    expect(correlate(c, [fail(50), fail(70)])).toHaveLength(1) // straddles a minute boundary
  })
  it('group-by with several fields: AND-combined', () => {
    const c = 'title: C\nname: brute\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  group-by: [user, host]\n  timespan: 1m\n  condition:\n    gte: 2\n'
    expect(correlate(c, [fail(0, 'bob', { host: 'h1' }), fail(1, 'bob', { host: 'h2' })])).toEqual([])
    expect(correlate(c, [fail(0, 'bob', { host: 'h1' }), fail(1, 'bob', { host: 'h1' })])).toMatchObject([{ group: { user: 'bob', host: 'h1' } }])
  })
  it('value_count: distinct values of condition.field per group', () => {
    const c = 'title: C\nname: spray\ncorrelation:\n  type: value_count\n  rules: [failed_login]\n  group-by: [src]\n  timespan: 1m\n  condition:\n    gte: 3\n    field: user\n'
    const ev = (sec: number, user: string) => fail(sec, user, { src: '10.0.0.1' })
    expect(correlate(c, [ev(0, 'a'), ev(1, 'a'), ev(2, 'b'), ev(3, 'b')])).toEqual([])
    expect(correlate(c, [ev(0, 'a'), ev(1, 'a'), ev(2, 'b'), ev(3, 'c')])).toMatchObject([{ value: 3, group: { src: '10.0.0.1' } }])
  })
  it('temporal: all referenced rules within the timespan, same group, any order (default condition)', () => {
    const c = 'title: C\nname: recon\ncorrelation:\n  type: temporal\n  rules: [recon_whoami, recon_hostname]\n  group-by: [host]\n  timespan: 1m\n'
    const w = (sec: number, host = 'h1') => at(sec, { cmd: 'whoami', host })
    const h = (sec: number, host = 'h1') => at(sec, { cmd: 'hostname', host })
    expect(correlate(c, [w(0), h(30)])).toHaveLength(1)
    expect(correlate(c, [h(0), w(30)])).toHaveLength(1)
    expect(correlate(c, [w(0), h(30, 'h2')])).toEqual([])
    expect(correlate(c, [w(0), h(90)])).toEqual([])
    expect(correlate(c, [w(0), w(10)])).toEqual([])
  })
  it('temporal_ordered: also in the order of rules', () => {
    const c = 'title: C\nname: recon\ncorrelation:\n  type: temporal_ordered\n  rules: [recon_whoami, recon_hostname]\n  group-by: [host]\n  timespan: 1m\n'
    const w = (sec: number) => at(sec, { cmd: 'whoami', host: 'h1' })
    const h = (sec: number) => at(sec, { cmd: 'hostname', host: 'h1' })
    expect(correlate(c, [w(0), h(30)])).toHaveLength(1)
    expect(correlate(c, [h(0), w(30)])).toEqual([])
    expect(correlate(c, [h(0), w(10), h(20)])).toHaveLength(1)
  })
  it('value_sum and value_avg: sum / average of a numeric field per group', () => {
    const up = (sec: number, bytes: unknown) => at(sec, { action: 'upload', user: 'bob', bytes })
    const sum = 'title: C\nname: exfil\ncorrelation:\n  type: value_sum\n  rules: [upload]\n  group-by: [user]\n  timespan: 1h\n  condition:\n    gt: 1000\n    field: bytes\n'
    expect(correlate(sum, [up(0, 600), up(10, '500')])).toMatchObject([{ value: 1100 }])
    expect(correlate(sum, [up(0, 600), up(10, 300)])).toEqual([])
    const avg = 'title: C\nname: exfil\ncorrelation:\n  type: value_avg\n  rules: [upload]\n  group-by: [user]\n  timespan: 1h\n  condition:\n    gte: 500\n    field: bytes\n'
    expect(correlate(avg, [up(0, 600), up(10, 400), up(20, 500)])).toMatchObject([{ value: 500 }])
    expect(correlate(avg, [up(0, 600), up(10, 100)])).toEqual([])
  })
  it('value_percentile: with percentile, the p-th percentile of the field', () => {
    const up = (sec: number, bytes: number) => at(sec, { action: 'upload', user: 'bob', bytes })
    const c = 'title: C\nname: p\ncorrelation:\n  type: value_percentile\n  rules: [upload]\n  group-by: [user]\n  timespan: 1h\n  condition:\n    gte: 90\n    percentile: 50\n    field: bytes\n'
    expect(correlate(c, [up(0, 10), up(1, 100), up(2, 200)])).toMatchObject([{ value: 100 }])
    expect(correlate(c, [up(0, 10), up(1, 20), up(2, 200)])).toEqual([])
  })
  it('neq and eq conditions', () => {
    const c = (cond: string) => `title: C\nname: brute\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  group-by: [user]\n  timespan: 1m\n  condition:\n    ${cond}\n`
    expect(correlate(c('eq: 2'), [fail(0), fail(1)])).toMatchObject([{ value: 2 }])
    expect(correlate(c('eq: 2'), [fail(0), fail(1), fail(2)])).toEqual([])
    expect(correlate(c('neq: 2'), [fail(0), fail(1), fail(2)])).toMatchObject([{ value: 3 }])
  })
  it('a two-operator range (gt: 1, lte: 3) holds only when both bounds hold over the window', () => {
    const c = 'title: C\nname: few\ncorrelation:\n  type: event_count\n  rules: [failed_login]\n  group-by: [user]\n  timespan: 1m\n  condition:\n    gt: 1\n    lte: 3\n'
    expect(correlate(c, [fail(0)])).toEqual([])
    expect(correlate(c, [fail(0), fail(10)])).toMatchObject([{ value: 2 }])
    expect(correlate(c, [fail(0), fail(10), fail(20), fail(30)])).toEqual([])
    expect(correlate(c, [fail(0), fail(10), fail(200), fail(210), fail(220)])).toMatchObject([{ value: 2 }, { value: 3 }])
  })
  it('aliases: one group-by name read from a different field per rule', () => {
    const c = [
      'title: C',
      'name: login_then_upload',
      'correlation:',
      '  type: temporal',
      '  rules: [failed_login, upload]',
      '  group-by: [account]',
      '  timespan: 5m',
      '  aliases:',
      '    account:',
      '      failed_login: user',
      '      upload: uploader',
      '',
    ].join('\n')
    expect(correlate(c, [fail(0, 'bob'), at(10, { action: 'upload', uploader: 'bob' })])).toMatchObject([{ group: { account: 'bob' } }])
    expect(correlate(c, [fail(0, 'bob'), at(10, { action: 'upload', uploader: 'eve' })])).toEqual([])
  })
  it('chaining: a correlation may reference a correlation', () => {
    const c = [
      'title: Inner',
      'name: brute',
      'correlation:',
      '  type: event_count',
      '  rules: [failed_login]',
      '  group-by: [user]',
      '  timespan: 1m',
      '  condition:',
      '    gte: 2',
      '---',
      'title: Outer',
      'name: brute_then_upload',
      'correlation:',
      '  type: temporal_ordered',
      '  rules: [brute, upload]',
      '  group-by: [user]',
      '  timespan: 10m',
      '',
    ].join('\n')
    const up = (sec: number) => at(sec, { action: 'upload', user: 'bob' })
    const names = (ms: CorrelationMatch[]) => ms.map((m) => m.correlation)
    expect(names(correlate(c, [fail(0), fail(5), up(60)]))).toEqual(['brute', 'brute_then_upload'])
    expect(names(correlate(c, [up(0), fail(5), fail(6)]))).toEqual(['brute'])
  })
})

/** Rules + filter in one file; returns the match function of each rule by name. */
function filtered(filterYaml: string, ruleLogsource = '  product: kubernetes\n  service: audit\n') {
  const text = [
    `title: Secret read\nid: 11111111-1111-4111-8111-111111111111\nname: secret_read\nlogsource:\n${ruleLogsource}detection:\n  selection:\n    resource: secrets\n  condition: selection\n`,
    `title: Pod exec\nname: pod_exec\nlogsource:\n${ruleLogsource}detection:\n  selection:\n    resource: pods\n  condition: selection\n`,
    filterYaml,
  ].join('---\n')
  const { documents, findings } = loadSigmaText(text, 'f.yml')
  expect(findings.filter((f) => f.severity === 'error')).toEqual([])
  const rules = sigmaRulesFromDocuments(documents)
  return (name: string, event: unknown) => rules.find((r) => r.document.name === name)!.compiled().match(event)
}

const filterDoc = (opts: { logsource?: string; rules?: string; condition?: string } = {}) =>
  `title: Ignore the backup operator\nlogsource:\n${opts.logsource ?? '  product: kubernetes\n'}filter:\n  rules:\n${opts.rules ?? '    - secret_read\n'}  selection:\n    user: backup-operator\n  condition: ${opts.condition ?? 'not selection'}\n`

describe('§3.e / §5.18 filters', () => {
  const backup = { resource: 'secrets', user: 'backup-operator' }
  const other = { resource: 'secrets', user: 'mallory' }
  it('applies as (rule condition) and (filter condition): not selection excludes', () => {
    const m = filtered(filterDoc())
    expect(m('secret_read', backup)).toBe(false)
    expect(m('secret_read', other)).toBe(true)
    expect(m('secret_read', { resource: 'secrets' })).toBe(true) // missing field: not selection holds
  })
  it('condition: selection restricts matches to that selection (the spec example trap)', () => {
    const m = filtered(filterDoc({ condition: 'selection' }))
    expect(m('secret_read', backup)).toBe(true)
    expect(m('secret_read', other)).toBe(false)
  })
  it('only rules listed in rules, by id or by name', () => {
    const byName = filtered(filterDoc())
    expect(byName('pod_exec', { resource: 'pods', user: 'backup-operator' })).toBe(true)
    const byId = filtered(filterDoc({ rules: '    - 11111111-1111-4111-8111-111111111111\n' }))
    expect(byId('secret_read', backup)).toBe(false)
    const both = filtered(filterDoc({ rules: '    - secret_read\n    - pod_exec\n' }))
    expect(both('pod_exec', { resource: 'pods', user: 'backup-operator' })).toBe(false)
  })
  it('only rules whose logsource contains every attribute the filter sets', () => {
    expect(filtered(filterDoc({ logsource: '  product: kubernetes\n  service: audit\n' }))('secret_read', backup)).toBe(false)
    expect(filtered(filterDoc({ logsource: '  product: kubernetes\n  service: other\n' }))('secret_read', backup)).toBe(true)
    expect(filtered(filterDoc({ logsource: '  product: windows\n' }))('secret_read', backup)).toBe(true)
    expect(filtered(filterDoc({ logsource: '  product: kubernetes\n  category: extra\n' }))('secret_read', backup)).toBe(true)
  })
  it('filter selection names do not collide with the rule selection names', () => {
    // both use `selection`; the rule's still means resource: secrets
    const m = filtered(filterDoc())
    expect(m('secret_read', { resource: 'pods', user: 'mallory' })).toBe(false)
  })
  it('rules: any is not the 2.1.0 schema (a non-empty list): reported, per the spec over pySigma', () => {
    const text = filterDoc({ rules: '' }).replace('  rules:\n', '  rules: any\n')
    expect(loadSigmaText(text, 'f.yml').findings.filter((f) => f.severity === 'error')).not.toEqual([])
  })
})
