import { describe, expect, it } from 'vitest'
import { planChecks, runHarness } from '../../src/harness/index.js'
import type { Result } from '../../src/model/result.js'
import { failureText } from '../../src/report/describe.js'
import { auditEvent, eksOnlyPredicate, fakeEnv, fakeFamilies, fakeRule, portablePredicate, testCase } from './fakes.js'

const READS = ['verb', 'objectRef.resource', 'responseStatus.code']

const portable = (over: Partial<Parameters<typeof fakeRule>[0]> = {}) =>
  fakeRule({
    variants: ['k8s', 'eks', 'aks', 'gke'],
    tests: [testCase('cronjob created', true, auditEvent()), testCase('pod created', false, auditEvent({ objectRef: { resource: 'pods', name: 'p' } }))],
    predicate: portablePredicate,
    reads: READS,
    ...over,
  })

const of = (results: Result[], kind: Result['kind']) => results.filter((r) => r.kind === kind)
const brief = (r: Result) => `${r.test} [${r.variant}] ${r.status}`

describe('embedded and replay', () => {
  it('replays every test on every other claimed variant with the same verdict', async () => {
    const results = await runHarness([portable()], fakeEnv, { kinds: ['embedded', 'replay'] })
    expect(results.map(brief)).toEqual([
      'cronjob created [k8s] pass',
      'cronjob created [eks] pass',
      'cronjob created [aks] pass',
      'cronjob created [gke] pass',
      'pod created [k8s] pass',
      'pod created [eks] pass',
      'pod created [aks] pass',
      'pod created [gke] pass',
    ])
    expect(results.map((r) => r.kind)).toEqual(['embedded', 'replay', 'replay', 'replay', 'embedded', 'replay', 'replay', 'replay'])
  })

  it('fails a rule that reads EKS field names on the variants that write them elsewhere, showing the record', async () => {
    const rule = portable({ predicate: eksOnlyPredicate })
    const failed = of(await runHarness([rule], fakeEnv, { kinds: ['replay'] }), 'replay').filter((r) => r.status === 'fail')
    expect(failed.map(brief)).toEqual(['cronjob created [aks] fail', 'cronjob created [gke] fail'])
    expect(failed[1]).toMatchObject({ expected: 'match', actual: 'no-match', file: '/rules/fake-rule.yml', line: 10 })
    expect(failed[1]!.event).toHaveProperty('protoPayload.methodName', 'io.k8s.batch.v1.cronjobs.create')
  })

  it('reports a declared per-variant override as a visible gap, and fails it once it no longer holds', async () => {
    const gap = { gke: { expect: false, reason: 'GKE logs this as a gRPC method' } }
    const eksOnly = portable({ predicate: eksOnlyPredicate, tests: [testCase('cronjob created', true, auditEvent(), { overrides: gap })] })
    const fixed = portable({ tests: [testCase('cronjob created', true, auditEvent(), { overrides: gap })] })
    const [onGke] = (await runHarness([eksOnly], fakeEnv, { kinds: ['replay'], variants: ['k8s', 'gke'] })).map((r) => r)
    expect(onGke).toMatchObject({ status: 'pass', message: 'declared gap: GKE logs this as a gRPC method' })
    const [stale] = await runHarness([fixed], fakeEnv, { kinds: ['replay'], variants: ['k8s', 'gke'] })
    expect(stale).toMatchObject({ status: 'fail', expected: 'no-match', actual: 'match' })
    expect(stale!.message).toContain('remove the gke override')
  })

  it('skips, with the reason, a variant that records nothing for the action', async () => {
    const rule = portable({ tests: [testCase('get is no create', false, auditEvent({ verb: 'get' }))] })
    const [onAks] = await runHarness([rule], fakeEnv, { kinds: ['replay'], variants: ['k8s', 'aks'] })
    expect(onAks).toMatchObject({ status: 'skip', variant: 'aks', message: 'aks records nothing for this action' })
  })

  it('turns a codec that cannot read the test event into an error naming both variants', async () => {
    // The rule itself copes with the odd record (it passes on gke); only the re-encoding fails.
    const rule = portable({ predicate: (raw) => (raw as { not?: string }).not === 'gke', tests: [testCase('bad', true, { not: 'gke' }, { variant: 'gke' })] })
    const [r] = await runHarness([rule], fakeEnv, { kinds: ['replay'], variants: ['gke', 'eks'] })
    expect(r).toMatchObject({ status: 'error', variant: 'eks' })
    expect(r!.message).toMatch(/^cannot replay the gke event on eks: /)
  })

  it('reports the replays of a test that fails on its own variant as blocked by it: one root cause, one failure', async () => {
    const rule = portable({ predicate: eksOnlyPredicate, tests: [testCase('pod created', true, auditEvent({ objectRef: { resource: 'pods', name: 'p' } }))] })
    const results = await runHarness([rule], fakeEnv, { kinds: ['embedded', 'replay'] })
    expect(results.map(brief)).toEqual(['pod created [k8s] fail', 'pod created [eks] skip', 'pod created [aks] skip', 'pod created [gke] skip'])
    expect(results[1]!.message).toBe('blocked: the test fails on its own variant k8s (expected match, got no match); fix that first')
    expect(results[1]!.notRun).toMatchObject({ reason: 'blocked', check: 'fake-rule › pod created [k8s] (embedded)', file: '/rules/fake-rule.yml', line: 10 })
    expect(results[1]!.message).not.toContain('another verdict')
    // Also when only the replays were asked for: the test still runs on its own variant first.
    const only = await runHarness([rule], fakeEnv, { kinds: ['replay'] })
    expect(only.map(brief)).toEqual(['pod created [eks] skip', 'pod created [aks] skip', 'pod created [gke] skip'])
  })

  it('runs each test once on its own variant, however many replays wait for it', async () => {
    let calls = 0
    const rule = portable()
    const runTest = rule.runTest.bind(rule)
    rule.runTest = (t) => {
      calls++
      return runTest(t)
    }
    await runHarness([rule], fakeEnv, { kinds: ['embedded', 'replay'] })
    expect(calls).toBe(2)
  })
})

describe('property: perturbing what the rule does not read', () => {
  it('holds for a rule whose verdict depends only on the fields it reads', async () => {
    const results = await runHarness([portable()], fakeEnv, { kinds: ['property'], runs: 30 })
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('pass'))
    expect(results[0]!.message).toMatch(/^30 perturbations of auditID, timestamps, sourceIPs, userAgent, user, objectName/)
  })

  it('finds, shrinks and reports the event when the verdict hangs on a field the rule says it ignores', async () => {
    // Secretly reads the user agent while claiming to read only READS.
    const sneaky = portable({
      predicate: (raw, v) => portablePredicate(raw, v) && !JSON.stringify(raw).includes('helm'),
      variants: ['k8s'],
      tests: [testCase('cronjob created', true, auditEvent())],
    })
    const [r] = await runHarness([sneaky], fakeEnv, { kinds: ['property'], runs: 200, seed: 7 })
    expect(r).toMatchObject({ status: 'fail', kind: 'property', expected: 'match', actual: 'no-match', seed: 7 })
    expect(r!.path).toMatch(/^\d+(:\d+)*$/)
    expect(r!.message).toMatch(/only .*userAgent.* changed/)
    const event = r!.event as Record<string, unknown>
    expect(String(event['userAgent'])).toContain('helm')
    // Shrunk: nothing but the culprit (and at most key order) differs from the test event.
    expect(event['auditID']).toBe(auditEvent().auditID)
    expect(event['sourceIPs']).toEqual(auditEvent().sourceIPs)
    // Same seed, same everything but the measured time.
    const [again] = await runHarness([sneaky], fakeEnv, { kinds: ['property'], runs: 200, seed: 7 })
    expect({ ...again, durationMs: 0 }).toEqual({ ...r, durationMs: 0 })
  })

  it('leaves alone what the rule reads, also where a variant folds it into another field', async () => {
    // Reads the object name: on gke the name lives in resourceName, so the name aspect is off there too.
    const byName = portable({
      predicate: (raw, v) => portablePredicate(raw, v) && (v === 'gke' ? String((raw as any).protoPayload.resourceName).endsWith('/backup') : (raw as any).objectRef.name === 'backup'), // eslint-disable-line @typescript-eslint/no-explicit-any -- test
      reads: [...READS, 'objectRef.name', 'protoPayload.resourceName'],
      variants: ['k8s', 'gke'],
      tests: [testCase('cronjob created', true, auditEvent())],
    })
    const results = await runHarness([byName], fakeEnv, { kinds: ['property'], runs: 50 })
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass'])
    expect(results[1]!.message).not.toContain('objectName')
  })

  it('skips a rule that does not say which fields it reads', async () => {
    const [r] = await runHarness([portable({ reads: undefined, variants: ['k8s'] })], fakeEnv, { kinds: ['property'] })
    expect(r).toMatchObject({ status: 'skip', message: 'the rule does not report which fields it reads on k8s' })
  })
})

describe('scenario families', () => {
  it('runs N generated events of each declared family on each variant', async () => {
    const rule = portable({ scenarios: { match: ['atomic.*'], ignore: ['noise.*'] } })
    const results = await runHarness([rule], fakeEnv, { kinds: ['scenario'], runs: 15 })
    expect(results.map(brief)).toEqual([
      'atomic.cronjob [k8s] pass',
      'atomic.cronjob [eks] pass',
      'atomic.cronjob [aks] pass',
      'atomic.cronjob [gke] pass',
      'noise.denied [k8s] pass',
      'noise.denied [eks] pass',
      'noise.denied [aks] pass',
      'noise.denied [gke] pass',
      'noise.read [k8s] pass',
      'noise.read [eks] pass',
      'noise.read [aks] skip',
      'noise.read [gke] pass',
    ])
    expect(results[0]!.message).toBe('15 generated events')
  })

  it('fails with a shrunk counterexample, seed and path when a family gets the wrong verdict', async () => {
    const rule = portable({ predicate: eksOnlyPredicate, variants: ['eks'], scenarios: { ignore: ['noise.denied'] } })
    const [r] = await runHarness([rule], fakeEnv, { kinds: ['scenario'], seed: 3 })
    expect(r).toMatchObject({ status: 'fail', expected: 'no-match', actual: 'match', seed: 3, variant: 'eks' })
    expect(r!.event).toMatchObject({ responseStatus: { code: 403 }, objectRef: { name: 'a' } })
  })

  it('reports a declared gap instead of failing on the variants it names', async () => {
    const gaps = [{ families: ['atomic.cronjob'], variants: ['gke' as const], reason: 'reads EKS names' }]
    const rule = portable({ predicate: eksOnlyPredicate, variants: ['eks', 'gke', 'aks'] })
    const results = await runHarness([rule], fakeEnv, { kinds: ['scenario'], expectations: () => ({ match: ['atomic.cronjob'], ignore: [], gaps }) })
    expect(results.map(brief)).toEqual(['atomic.cronjob [eks] pass', 'atomic.cronjob [gke] pass', 'atomic.cronjob [aks] fail'])
    expect(results[1]!.message).toBe('declared gap: reads EKS names (20 of 20 generated events differ)')
  })

  it('reports a pattern that names no family', async () => {
    const [r] = await runHarness([portable({ scenarios: { match: ['atomic.nope*'] } })], fakeEnv, { kinds: ['scenario'] })
    expect(r).toMatchObject({ status: 'error', kind: 'scenario', message: "family pattern 'atomic.nope*' matches no scenario family" })
  })
})

describe('consistency across variants', () => {
  it('passes when every variant gives the same verdict for the same action', async () => {
    const results = await runHarness([portable()], fakeEnv, { kinds: ['consistency'] })
    expect(results.map(brief)).toEqual([
      'atomic.cronjob [k8s,eks,aks,gke] pass',
      'noise.denied [k8s,eks,aks,gke] pass',
      'noise.read [k8s,eks,aks,gke] pass',
    ])
  })

  it('shows the counterexample on both variants when they disagree', async () => {
    const rule = portable({ predicate: eksOnlyPredicate, variants: ['eks', 'gke'] })
    const [r] = await runHarness([rule], fakeEnv, { kinds: ['consistency'] })
    expect(r).toMatchObject({ status: 'fail', variant: 'eks,gke', actual: { eks: 'match', gke: 'no-match' } })
    expect(Object.keys(r!.event as object)).toEqual(['eks', 'gke'])
    expect(r!.message).toBe('(the same generated atomic.cronjob action on each)')
    // An attack family the rule declares nothing about: no expectation to claim, only agreement.
    expect(r!.expected).toBeUndefined()
    expect(failureText(r!)).toBe('expected the same verdict on every variant, got eks: match, gke: no match (the same generated atomic.cronjob action on each)')
  })

  it("a family's expectation is the family's: benign and noise families expect no match, declared ones what the rule declares", async () => {
    const rule = portable({ predicate: eksOnlyPredicate, variants: ['eks', 'gke'], scenarios: { match: ['atomic.cronjob'] } })
    const results = await runHarness([rule], fakeEnv, { kinds: ['consistency'] })
    const byFamily = Object.fromEntries(results.map((r) => [r.test, r.expected]))
    expect(byFamily).toEqual({ 'atomic.cronjob': 'match', 'noise.denied': 'no-match', 'noise.read': 'no-match' })
  })

  it('says each thing once in a failure: the verdict, then only what the message adds', () => {
    const base = { rule: 'r', file: 'f', line: 1, test: 't', variant: 'k8s', kind: 'embedded' as const, status: 'fail' as const, expected: 'match', actual: 'no-match' }
    expect(failureText({ ...base, message: 'expected match, got no-match' })).toBe('expected match, got no match')
    expect(failureText({ ...base, expected: 'no-match', actual: 'match', message: 'expected no-match, got match (matched: selection)' })).toBe('expected no match, got match (matched: selection)')
    expect(failureText({ ...base, message: 'expected match, rule() returned False' })).toBe('expected match, got no match: rule() returned False')
    expect(failureText({ ...base, kind: 'replay', message: '(replayed from the eks test event)' })).toBe('expected match, got no match (replayed from the eks test event)')
    // The verdict was right and something else was not: no "expected match, got match".
    expect(failureText({ ...base, actual: 'match', message: "title: expected 'CronJob created', got 'Job created'" })).toBe("title: expected 'CronJob created', got 'Job created'")
  })

  it('passes a disagreement the rule declares as a gap, naming it, and still fails one it does not', async () => {
    const gaps = [{ families: ['atomic.*'], variants: ['gke' as const], reason: 'gke logs it differently' }]
    const rule = portable({ predicate: eksOnlyPredicate, variants: ['eks', 'k8s', 'gke'], scenarios: { match: [], ignore: ['nothing'], gaps } as never })
    const results = await runHarness([rule], fakeEnv, { kinds: ['consistency'], expectations: () => ({ match: [], ignore: [], gaps }) })
    expect(results.map(brief)).toEqual(['atomic.cronjob [eks,k8s,gke] pass', 'noise.denied [eks,k8s,gke] fail', 'noise.read [eks,k8s,gke] pass'])
    expect(results[0]!.message).toBe('declared gap: gke logs it differently (20 of 20 actions differ on gke)')
  })
})

describe('plan', () => {
  it('names every check stably and honours the variant and kind filters', () => {
    const rule = portable({ scenarios: { match: ['atomic.cronjob'] } })
    const { checks } = planChecks([rule], fakeFamilies, { variants: ['k8s', 'gke'] })
    expect(checks.map((c) => c.name)).toEqual([
      'fake-rule › cronjob created [k8s] (embedded)',
      'fake-rule › cronjob created [gke] (replay)',
      'fake-rule › cronjob created [k8s] (property)',
      'fake-rule › cronjob created [gke] (property)',
      'fake-rule › pod created [k8s] (embedded)',
      'fake-rule › pod created [gke] (replay)',
      'fake-rule › pod created [k8s] (property)',
      'fake-rule › pod created [gke] (property)',
      'fake-rule › atomic.cronjob [k8s] (scenario)',
      'fake-rule › atomic.cronjob [gke] (scenario)',
      'fake-rule › atomic.cronjob [k8s,gke] (consistency)',
      'fake-rule › noise.denied [k8s,gke] (consistency)',
      'fake-rule › noise.read [k8s,gke] (consistency)',
    ])
  })
})

describe('scenario expectations from the config', () => {
  it('uses the rule\'s own declaration first, then its id, then a glob, then *', async () => {
    const { expectationResolver } = await import('../../src/harness/expectations.js')
    const resolve = expectationResolver({ '*': { ignore: ['noise.*'] }, 'k8s-*': { match: ['atomic.*'] }, exact: { match: ['x'] } })
    expect(resolve(fakeRule({ id: 'exact', variants: [], tests: [], predicate: () => true }))).toEqual({ match: ['x'], ignore: [] })
    expect(resolve(fakeRule({ id: 'k8s-cron', variants: [], tests: [], predicate: () => true }))).toEqual({ match: ['atomic.*'], ignore: [] })
    expect(resolve(fakeRule({ id: 'other', variants: [], tests: [], predicate: () => true }))).toEqual({ match: [], ignore: ['noise.*'] })
    expect(resolve(fakeRule({ id: 'own', variants: [], tests: [], predicate: () => true, scenarios: { match: ['a'] } }))).toEqual({ match: ['a'], ignore: [] })
  })
})
