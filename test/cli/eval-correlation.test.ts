import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { eventTimeReader } from '../../src/sigma/stream/event-time.js'
import type { CliIo } from '../../src/cli/io.js'
import { run } from '../../src/cli/main.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-eval-corr-'))

function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text)
  return name
}

/** An ISO time `s` seconds after 10:00:00. */
const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, 0) + s * 1000).toISOString()

function ndjson(name: string, events: (Record<string, unknown> | string)[]): string {
  return file(name, events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n') + '\n')
}

interface Verdict {
  line: number
  match: boolean
  rule: string
}

async function cli(argv: string[], extra: Partial<CliIo> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {}, ...extra })
  const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Verdict)
  return { code, stdout, stderr, lines, fired: (rule: string) => lines.filter((l) => l.rule === rule && l.match).map((l) => l.line) }
}

const evalRun = (rule: string, events: string, ...more: string[]) => cli(['eval', '--rule', rule, '--events', events, ...more])

/** A detection rule on plain events: `action: <action>`. */
function baseRule(name: string, action: string, extra = ''): string {
  return `title: ${name}
name: ${name}
logsource:
    product: test
detection:
    selection:
        action: ${action}
    condition: selection
${extra}`
}

function correlation(name: string, body: string, top = ''): string {
  return `title: ${name}
name: ${name}
${top}correlation:
${body}`
}

const FAILS = baseRule('failed_login', 'fail')
const OK = baseRule('login_ok', 'ok')

describe('ruleproof eval with correlation rules', () => {
  it('event_count: prints one verdict per line for the correlation, true at the event that completes the count; the base rule prints nothing (generate: false)', async () => {
    const rule = file(
      'count.yml',
      `${FAILS}---
${correlation('many_fails', `    type: event_count
    rules: [failed_login]
    group-by: [user]
    timespan: 1m
    condition: {gte: 3}
`)}`,
    )
    const events = ndjson('count.ndjson', [
      { timestamp: at(0), action: 'fail', user: 'alice' },
      { timestamp: at(10), action: 'fail', user: 'alice' },
      { timestamp: at(15), action: 'fail', user: 'bob' },
      { timestamp: at(20), action: 'ok', user: 'alice' },
      { timestamp: at(25), action: 'fail', user: 'alice' },
      { timestamp: at(26), action: 'fail', user: 'alice' },
    ])
    const r = await evalRun(rule, events)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.lines).toEqual([1, 2, 3, 4, 5, 6].map((line) => ({ line, match: line === 5, rule: 'many_fails' })))
    // After a match the group starts afresh: line 6 is the first of a new count.
    expect((await evalRun(rule, events, '--count')).stdout).toBe('{"events":6,"matches":1}\n')
  })

  it('group-by: events of different groups never add up; an event without the group-by field is not counted', async () => {
    const rule = file(
      'groups.yml',
      `${FAILS}---
${correlation('two_fails', `    type: event_count
    rules: [failed_login]
    group-by: [user, host]
    timespan: 1h
    condition: {gte: 2}
`)}`,
    )
    const events = ndjson('groups.ndjson', [
      { timestamp: at(0), action: 'fail', user: 'alice', host: 'a' },
      { timestamp: at(1), action: 'fail', user: 'alice', host: 'b' },
      { timestamp: at(2), action: 'fail', user: 'bob', host: 'a' },
      { timestamp: at(3), action: 'fail', host: 'a' },
      { timestamp: at(4), action: 'fail', user: 'alice', host: 'b' },
    ])
    expect((await evalRun(rule, events)).fired('two_fails')).toEqual([5])
  })

  it('timespan: occurrences older than the timespan before an event drop out', async () => {
    const rule = file(
      'expiry.yml',
      `${FAILS}---
${correlation('three_in_a_minute', `    type: event_count
    rules: [failed_login]
    group-by: [user]
    timespan: 1m
    condition: {gte: 3}
`)}`,
    )
    const events = ndjson('expiry.ndjson', [
      { timestamp: at(0), action: 'fail', user: 'alice' },
      { timestamp: at(30), action: 'fail', user: 'alice' },
      { timestamp: at(70), action: 'fail', user: 'alice' }, // 0 is more than 60 s before: two in the window
      { timestamp: at(85), action: 'fail', user: 'alice' }, // 30, 70, 85
    ])
    expect((await evalRun(rule, events)).fired('three_in_a_minute')).toEqual([4])
  })

  it('generate: true prints the referenced rules too, every document in file order', async () => {
    const rule = file(
      'generate.yml',
      `${correlation(
        'many_fails',
        `    type: event_count
    rules: [failed_login]
    group-by: [user]
    timespan: 1m
    condition: {gte: 2}
`,
        'generate: true\n',
      )}---
${FAILS}---
${baseRule('unrelated', 'other')}`,
    )
    const events = ndjson('generate.ndjson', [
      { timestamp: at(0), action: 'fail', user: 'alice' },
      { timestamp: at(1), action: 'fail', user: 'alice' },
    ])
    const r = await evalRun(rule, events)
    expect(r.lines).toEqual([
      { line: 1, match: false, rule: 'many_fails' },
      { line: 1, match: true, rule: 'failed_login' },
      { line: 1, match: false, rule: 'unrelated' },
      { line: 2, match: true, rule: 'many_fails' },
      { line: 2, match: true, rule: 'failed_login' },
      { line: 2, match: false, rule: 'unrelated' },
    ])
    // --count counts the lines where any printed verdict is true.
    expect((await evalRun(rule, events, '--count')).stdout).toBe('{"events":2,"matches":2}\n')
  })

  it('value_count: distinct values of the condition field per group', async () => {
    const rule = file(
      'value-count.yml',
      `${FAILS}---
${correlation('spray', `    type: value_count
    rules: [failed_login]
    group-by: [source]
    timespan: 10m
    condition: {field: user, gte: 3}
`)}`,
    )
    const events = ndjson('value-count.ndjson', [
      { timestamp: at(0), action: 'fail', source: '10.0.0.1', user: 'alice' },
      { timestamp: at(1), action: 'fail', source: '10.0.0.1', user: 'alice' },
      { timestamp: at(2), action: 'fail', source: '10.0.0.1', user: 'bob' },
      { timestamp: at(3), action: 'fail', source: '10.0.0.2', user: 'carol' },
      { timestamp: at(4), action: 'fail', source: '10.0.0.1', user: 'carol' },
    ])
    expect((await evalRun(rule, events)).fired('spray')).toEqual([5])
  })

  it('temporal: every referenced rule within the timespan, in any order', async () => {
    const rule = file(
      'temporal.yml',
      `${FAILS}---
${OK}---
${correlation('fail_and_ok', `    type: temporal
    rules: [failed_login, login_ok]
    group-by: [user]
    timespan: 5m
`)}`,
    )
    const events = ndjson('temporal.ndjson', [
      { timestamp: at(0), action: 'ok', user: 'alice' },
      { timestamp: at(10), action: 'fail', user: 'bob' },
      { timestamp: at(20), action: 'fail', user: 'alice' },
      { timestamp: at(400), action: 'ok', user: 'bob' }, // bob's failure is 390 s earlier
    ])
    expect((await evalRun(rule, events)).fired('fail_and_ok')).toEqual([3])
  })

  it('temporal_ordered: the rules must occur in the written order', async () => {
    const rule = file(
      'ordered.yml',
      `${FAILS}---
${OK}---
${correlation('fail_then_ok', `    type: temporal_ordered
    rules: [failed_login, login_ok]
    group-by: [user]
    timespan: 5m
`)}`,
    )
    const events = ndjson('ordered.ndjson', [
      { timestamp: at(0), action: 'ok', user: 'alice' },
      { timestamp: at(1), action: 'fail', user: 'alice' },
      { timestamp: at(2), action: 'fail', user: 'bob' },
      { timestamp: at(3), action: 'ok', user: 'bob' },
    ])
    // alice: ok before fail does not count; her failure at line 2 has no success after it.
    expect((await evalRun(rule, events)).fired('fail_then_ok')).toEqual([4])
  })

  it('value_sum: fires at the event whose value crosses the threshold', async () => {
    const rule = file(
      'sum.yml',
      `${baseRule('download', 'get')}---
${correlation('exfil', `    type: value_sum
    rules: [download]
    group-by: [user]
    timespan: 1h
    condition: {field: bytes, gt: 1000}
`)}`,
    )
    const events = ndjson('sum.ndjson', [
      { timestamp: at(0), action: 'get', user: 'alice', bytes: 400 },
      { timestamp: at(1), action: 'get', user: 'bob', bytes: 900 },
      { timestamp: at(2), action: 'get', user: 'alice', bytes: '500' },
      { timestamp: at(3), action: 'get', user: 'alice', bytes: 200 },
    ])
    expect((await evalRun(rule, events)).fired('exfil')).toEqual([4])
  })

  it('value_avg: judged when the window closes, reported at the last event of the window, output still in line order', async () => {
    const rule = file(
      'avg.yml',
      `${baseRule('download', 'get')}---
${correlation('big_average', `    type: value_avg
    rules: [download]
    group-by: [user]
    timespan: 1m
    condition: {field: bytes, gt: 500}
`)}`,
    )
    const events = ndjson('avg.ndjson', [
      { timestamp: at(0), action: 'get', user: 'alice', bytes: 900 },
      { timestamp: at(10), action: 'get', user: 'alice', bytes: 300 }, // avg 600 over the window 0–60 s
      { timestamp: at(20), action: 'other', user: 'alice' },
      { timestamp: at(70), action: 'get', user: 'alice', bytes: 100 }, // closes the first window; a new one opens
      { timestamp: at(75), action: 'get', user: 'bob', bytes: 700 }, // bob's window is closed by the end of the stream
    ])
    const r = await evalRun(rule, events)
    expect(r.lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5])
    expect(r.fired('big_average')).toEqual([2, 5])
    expect((await evalRun(rule, events, '--count')).stdout).toBe('{"events":5,"matches":2}\n')
  })

  it('value_percentile: a value seen in a small share of the group is reported at its last event', async () => {
    const rule = file(
      'percentile.yml',
      `${baseRule('process_start', 'exec')}---
${correlation('rare_process', `    type: value_percentile
    rules: [process_start]
    group-by: [host]
    timespan: 1h
    condition: {field: image, lte: 25}
`)}`,
    )
    const images = ['sh', 'sh', 'nc', 'sh', 'sh', 'sh']
    const events = ndjson(
      'percentile.ndjson',
      images.map((image, i) => ({ timestamp: at(i), action: 'exec', host: 'h1', image })),
    )
    // nc is 1 of 6 (16.7 %): the window closes at the end of the stream.
    expect((await evalRun(rule, events)).fired('rare_process')).toEqual([3])
  })

  it('event_count with an upper bound waits for the window: fewer than 3 logins in the minute', async () => {
    const rule = file(
      'few.yml',
      `${OK}---
${correlation('few_logins', `    type: event_count
    rules: [login_ok]
    group-by: [user]
    timespan: 1m
    condition: {lt: 3}
`)}`,
    )
    const events = ndjson('few.ndjson', [
      { timestamp: at(0), action: 'ok', user: 'alice' },
      { timestamp: at(5), action: 'ok', user: 'bob' },
      { timestamp: at(6), action: 'ok', user: 'bob' },
      { timestamp: at(7), action: 'ok', user: 'bob' },
      { timestamp: at(30), action: 'ok', user: 'alice' },
      { timestamp: at(200), action: 'none' },
    ])
    expect((await evalRun(rule, events)).fired('few_logins')).toEqual([5])
  })

  it('chaining with aliases: the outer correlation fires at the line of the event that completed it; the inner one prints nothing', async () => {
    const rule = file(
      'chain.yml',
      `${baseRule('failed_login', 'fail')}---
${baseRule('login_ok', 'ok')}---
${correlation('many_fails', `    type: event_count
    rules: [failed_login]
    group-by: [user]
    timespan: 10m
    condition: {gte: 2}
`)}---
${correlation('brute_force_success', `    type: temporal_ordered
    rules: [many_fails, login_ok]
    group-by: [person]
    timespan: 10m
    aliases:
        person:
            many_fails: user
            login_ok: account
`)}`,
    )
    const events = ndjson('chain.ndjson', [
      { timestamp: at(0), action: 'fail', user: 'alice' },
      { timestamp: at(1), action: 'ok', account: 'alice' },
      { timestamp: at(2), action: 'fail', user: 'alice' },
      { timestamp: at(3), action: 'fail', user: 'bob' },
      { timestamp: at(4), action: 'ok', account: 'bob' },
      { timestamp: at(5), action: 'ok', account: 'alice' },
    ])
    const r = await evalRun(rule, events)
    expect(r.stderr).toBe('')
    expect(new Set(r.lines.map((l) => l.rule))).toEqual(new Set(['brute_force_success']))
    expect(r.fired('brute_force_success')).toEqual([6])
  })

  it('chaining through a waiting inner correlation: the outer match is placed at the inner match’s last event', async () => {
    const rule = file(
      'chain-wait.yml',
      `${baseRule('download', 'get')}---
${correlation('big_average', `    type: value_avg
    rules: [download]
    group-by: [user]
    timespan: 1m
    condition: {field: bytes, gt: 500}
`)}---
${correlation('repeated_big_average', `    type: event_count
    rules: [big_average]
    group-by: [user]
    timespan: 10m
    condition: {gte: 2}
`)}`,
    )
    const events = ndjson('chain-wait.ndjson', [
      { timestamp: at(0), action: 'get', user: 'alice', bytes: 900 },
      { timestamp: at(70), action: 'get', user: 'alice', bytes: 800 },
      { timestamp: at(75), action: 'get', user: 'alice', bytes: 700 },
      { timestamp: at(200), action: 'other' },
    ])
    const r = await evalRun(rule, events)
    expect(r.lines.map((l) => l.line)).toEqual([1, 2, 3, 4])
    expect(r.fired('repeated_big_average')).toEqual([3])
  })

  it('reads events from standard input with --events -', async () => {
    const rule = file(
      'stdin.yml',
      `${FAILS}---
${correlation('two_fails', `    type: event_count
    rules: [failed_login]
    group-by: [user]
    timespan: 1m
    condition: {gte: 2}
`)}`,
    )
    const stdin = new PassThrough()
    stdin.end([{ timestamp: at(0), action: 'fail', user: 'a' }, { timestamp: at(1), action: 'fail', user: 'a' }].map((e) => JSON.stringify(e)).join('\n') + '\n')
    const r = await cli(['eval', '--rule', rule, '--events', '-'], { stdin })
    expect(r.code).toBe(0)
    expect(r.fired('two_fails')).toEqual([2])
    // Plain rules read stdin the same way; a bad line is named <stdin>.
    const plain = new PassThrough()
    plain.end('{"action":"fail"}\nnope\n')
    const p = await cli(['eval', '--rule', file('plain.yml', FAILS), '--events', '-'], { stdin: plain })
    expect(p.lines).toEqual([{ line: 1, match: true, rule: 'failed_login' }])
    expect(p.stderr).toMatch(/^<stdin>:2:1: not valid JSON/)
    expect(p.code).toBe(2)
    const none = await cli(['eval', '--rule', rule, '--events', '-'])
    expect(none.code).toBe(3)
  })

  it('an event with a missing or unparseable time is reported with its line, judged by printed detection rules, and kept out of the correlation', async () => {
    const rule = file(
      'badtime.yml',
      `${correlation(
        'two_fails',
        `    type: event_count
    rules: [failed_login]
    group-by: [user]
    timespan: 1m
    condition: {gte: 2}
`,
        'generate: true\n',
      )}---
${FAILS}`,
    )
    const events = ndjson('badtime.ndjson', [
      { timestamp: at(0), action: 'fail', user: 'a' },
      { action: 'fail', user: 'a' },
      { timestamp: 'yesterday', action: 'fail', user: 'a' },
      '{oops',
      { timestamp: at(3), action: 'fail', user: 'a' },
    ])
    const r = await evalRun(rule, events)
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([
      'badtime.ndjson:2:1: no event time: none of timestamp, @timestamp, time, requestReceivedTimestamp, stageTimestamp, eventTime is set; the event is not fed to the correlation rules',
      'badtime.ndjson:3:1: no event time: timestamp holds "yesterday", which is not a timestamp; the event is not fed to the correlation rules',
      expect.stringMatching(/^badtime\.ndjson:4:1: not valid JSON/),
    ])
    expect(r.fired('failed_login')).toEqual([1, 2, 3, 5])
    expect(r.fired('two_fails')).toEqual([5])
  })

  it('--timestamp-field names the time field (dotted paths, first present wins); variants have their own defaults', async () => {
    const rule = file(
      'tsfield.yml',
      `${FAILS}---
${correlation('two_fails', `    type: event_count
    rules: [failed_login]
    group-by: [user]
    timespan: 1m
    condition: {gte: 2}
`)}`,
    )
    const events = ndjson('tsfield.ndjson', [
      { meta: { at: at(0) }, timestamp: at(0), action: 'fail', user: 'a' },
      { meta: { at: at(30) }, timestamp: at(500), action: 'fail', user: 'a' },
    ])
    expect((await evalRun(rule, events)).fired('two_fails')).toEqual([])
    expect((await evalRun(rule, events, '--timestamp-field', 'meta.at')).fired('two_fails')).toEqual([2])
    expect((await evalRun(rule, events, '--timestamp-field', 'nope,meta.at')).fired('two_fails')).toEqual([2])
  })

  it('eventTimeReader: per-variant time fields', () => {
    const t0 = Date.parse(at(0))
    const k8s = eventTimeReader('k8s')
    expect(k8s({ requestReceivedTimestamp: at(0), stageTimestamp: at(1) })).toEqual({ ok: true, time: t0 })
    expect(k8s({ stageTimestamp: at(0) })).toEqual({ ok: true, time: t0 })
    expect(eventTimeReader('eks')({ timestamp: at(0) }).ok).toBe(false)
    expect(eventTimeReader('gke')({ timestamp: at(0), receiveTimestamp: at(1) })).toEqual({ ok: true, time: t0 })
    expect(eventTimeReader('azure-activity')({ eventTimestamp: at(0) })).toEqual({ ok: true, time: t0 })
    const aks = eventTimeReader('aks')
    expect(aks({ time: at(0), properties: { log: JSON.stringify({ requestReceivedTimestamp: at(5) }) } })).toEqual({ ok: true, time: t0 })
    expect(aks({ properties: { log: JSON.stringify({ requestReceivedTimestamp: at(0) }) + '\n' } })).toEqual({ ok: true, time: t0 })
    expect(aks({ properties: { log: 'not json' } })).toEqual({ ok: false, message: 'no event time: none of time, TimeGenerated, properties.log.requestReceivedTimestamp, properties.log.stageTimestamp is set' })
    expect(eventTimeReader(undefined)({ '@timestamp': 1_800_000_000 })).toEqual({ ok: true, time: 1_800_000_000_000 })
  })

  it('--variant reads group-by fields and base rules through the variant pipeline (AKS events)', async () => {
    const rule = file(
      'k8s.yml',
      `title: Secret read
name: secret_read
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: get
        objectRef.resource: secrets
    condition: selection
---
${correlation('secret_sweep', `    type: value_count
    rules: [secret_read]
    group-by: [user.username]
    timespan: 5m
    condition: {field: objectRef.name, gte: 2}
`)}`,
    )
    const aks = (s: number, user: string, name: string) => ({
      category: 'kube-audit',
      time: at(s),
      properties: {
        log: JSON.stringify({ kind: 'Event', verb: 'get', user: { username: user }, objectRef: { resource: 'secrets', name }, requestReceivedTimestamp: at(s) }) + '\n',
      },
    })
    const events = ndjson('aks.ndjson', [aks(0, 'eve', 'a'), aks(1, 'mallory', 'b'), aks(2, 'eve', 'a'), aks(3, 'eve', 'b')])
    const r = await evalRun(rule, events, '--variant', 'aks')
    expect(r.stderr).toBe('')
    expect(r.fired('secret_sweep')).toEqual([4])
  })

  it('a group-by field the variant cannot provide is a load error at the correlation', async () => {
    const rule = file(
      'gke-groups.yml',
      `title: Secret read
name: secret_read
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: get
    condition: selection
---
${correlation('by_group', `    type: event_count
    rules: [secret_read]
    group-by: [user.groups]
    timespan: 5m
    condition: {gte: 2}
`)}`,
    )
    const events = ndjson('gke.ndjson', [{ timestamp: at(0), protoPayload: { methodName: 'io.k8s.core.v1.secrets.get' } }])
    const r = await evalRun(rule, events, '--variant', 'gke')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^gke-groups\.yml:16:16: correlation by_group: field user\.groups is not provided on gke \(GKE authenticationInfo/)
    // Read raw (no variant), the same file loads.
    expect((await evalRun(rule, events)).code).toBe(0)
  })

  it('a correlation naming a rule that is not in the file exits 2 at the reference', async () => {
    const rule = file(
      'dangling.yml',
      `${FAILS}---
${correlation('many', `    type: event_count
    rules:
        - failed_login
        - missing_rule
    group-by: [user]
    timespan: 1m
    condition: {gte: 2}
`)}`,
    )
    const r = await evalRun(rule, ndjson('one.ndjson', [{ timestamp: at(0), action: 'fail' }]))
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe("dangling.yml:16:11: correlation many: rule 'missing_rule' is not in this file (a correlation names rules by id or name, and eval reads one file)\n")
  })
})
