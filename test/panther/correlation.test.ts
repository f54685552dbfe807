import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BudgetExceeded, correlationRule, evaluateCorrelation, readDetection, readSignals } from '../../src/panther/correlation/index.js'
import { timestamp } from '../../src/panther/correlation/signals.js'
import { loadPantherRules, type PantherResult } from '../../src/panther/index.js'
import { parsePantherYaml } from '../../src/panther/load/yaml.js'
import { run } from '../../src/cli/main.js'
import { defaultEnvironment } from '../../src/harness/environment.js'
import { planChecks } from '../../src/harness/plan.js'
import { repo } from './helpers.js'

/** A correlation rule from its Detection and Tests (YAML text, indented as top-level keys). */
function rule(detection: string, tests: string): string {
  return ['AnalysisType: correlation_rule', 'RuleID: Corr.Test', 'Enabled: true', 'Severity: High', 'Detection:', detection, 'Tests:', tests].join('\n')
}

async function results(text: string, file = 'corr.yml'): Promise<PantherResult[]> {
  const { value, map } = parsePantherYaml(text, file)
  const r = correlationRule({ id: 'Corr.Test', file, value: value as Record<string, unknown>, map })
  const out: PantherResult[] = []
  for (const t of r.tests) out.push((await r.runTest(t)) as PantherResult)
  return out
}

/** Every test of the rule passes: its ExpectedResult states the behaviour under test. */
async function expectAllPass(text: string): Promise<void> {
  const rs = await results(text)
  expect(rs.length).toBeGreaterThan(0)
  for (const r of rs) expect({ test: r.test, status: r.status, message: r.message }).toEqual({ test: r.test, status: 'pass', message: r.message })
}

const group = (members: string, extra = '', lookback = 60) =>
  [
    '  - Group:',
    members,
    extra,
    `    LookbackWindowMinutes: ${lookback}`,
    '    Schedule:',
    '      RateMinutes: 30',
    '      TimeoutMinutes: 5',
  ]
    .filter(Boolean)
    .join('\n')

const AB = ['      - ID: A', '        RuleID: Rule.A', '      - ID: B', '        RuleID: Rule.B'].join('\n')
const ON_USER = ['    MatchCriteria:', '      user:', '        - GroupID: A', '          Match: actor', '        - GroupID: B', '          Match: user.name'].join('\n')

/** One test entry; `outputs` maps an ID to {field: {value: [times]}}. */
function t(name: string, expected: boolean, outputs: Record<string, Record<string, Record<string, (number | string)[]>>>): string {
  const list = Object.entries(outputs).map(([id, matches]) => ({ ID: id, Matches: matches }))
  return [`  - Name: ${JSON.stringify(name)}`, `    ExpectedResult: ${expected}`, `    RuleOutputs: ${JSON.stringify(list)}`].join('\n')
}

describe('Panther correlation rules: Group', () => {
  it('matches when every entry has a signal within the lookback window, in any order', async () => {
    await expectAllPass(
      rule(group(AB), [
        t('both', true, { A: { f: { x: [0] } }, B: { f: { x: [10] } } }),
        t('reverse order', true, { B: { f: { x: [0] } }, A: { f: { x: [10] } } }),
        t('only A', false, { A: { f: { x: [0] } } }),
        t('further apart than the lookback', false, { A: { f: { x: [0] } }, B: { f: { x: [61] } } }),
        t('exactly the lookback apart', true, { A: { f: { x: [0] } }, B: { f: { x: [60] } } }),
      ].join('\n')),
    )
  })

  it("a check's name, like its result, says 'correlation' where other tests name their variant", async () => {
    const { value, map } = parsePantherYaml(rule(group(AB), t('both', true, { A: { f: { x: [0] } }, B: { f: { x: [10] } } })), 'corr.yml')
    const r = correlationRule({ id: 'Corr.Test', file: 'corr.yml', value: value as Record<string, unknown>, map })
    const { checks } = planChecks([r], defaultEnvironment().families, { kinds: ['embedded'] })
    expect(checks.map((c) => c.name)).toEqual(['Corr.Test › both [correlation] (embedded)'])
  })

  it('MatchCriteria: the entries must share one value, each on its own field', async () => {
    await expectAllPass(
      rule(group(AB, ON_USER), [
        t('same value', true, { A: { actor: { alice: [0] } }, B: { 'user.name': { alice: [5] } } }),
        t('different values', false, { A: { actor: { alice: [0] } }, B: { 'user.name': { bob: [5] } } }),
        t('one of several values shared', true, { A: { actor: { alice: [0], bob: [1] } }, B: { 'user.name': { bob: [5] } } }),
      ].join('\n')),
    )
  })

  it('MinMatchCount and MaxMatchCount bound how often an entry must happen; a time listed twice counts twice', async () => {
    const members = ['      - ID: A', '        RuleID: Rule.A', '        MinMatchCount: 3', '        MaxMatchCount: 4', '      - ID: B', '        RuleID: Rule.B'].join('\n')
    await expectAllPass(
      rule(group(members), [
        t('three', true, { A: { f: { x: [0, 1, 2] } }, B: { f: { x: [3] } } }),
        t('two', false, { A: { f: { x: [0, 1] } }, B: { f: { x: [3] } } }),
        t('twice at one time', true, { A: { f: { x: [0, 0, 1] } }, B: { f: { x: [3] } } }),
        t('five is more than MaxMatchCount', false, { A: { f: { x: [0, 1, 2, 3, 4] } }, B: { f: { x: [5] } } }),
      ].join('\n')),
    )
  })

  it("the Group's MinMatchCount: that many of its entries suffice", async () => {
    const members = [AB, '      - ID: C', '        RuleID: Rule.C'].join('\n')
    await expectAllPass(
      rule(group(members, '    MinMatchCount: 2'), [
        t('two of three', true, { A: { f: { x: [0] } }, C: { f: { x: [1] } } }),
        t('one of three', false, { A: { f: { x: [0] } } }),
      ].join('\n')),
    )
  })

  it('Absence: a signal of that entry with the same value anywhere in the window, before or after, prevents the match', async () => {
    const members = ['      - ID: A', '        RuleID: Rule.A', '        Absence: true', '      - ID: B', '        RuleID: Rule.B'].join('\n')
    await expectAllPass(
      rule(group(members, ON_USER), [
        t('absent entry missing', true, { B: { 'user.name': { alice: [5] } } }),
        t('absent entry before', false, { A: { actor: { alice: [0] } }, B: { 'user.name': { alice: [5] } } }),
        t('absent entry after', false, { B: { 'user.name': { alice: [0] } }, A: { actor: { alice: [5] } } }),
        t('absent entry for another value', true, { A: { actor: { bob: [0] } }, B: { 'user.name': { alice: [5] } } }),
        t('absent entry before the window', true, { A: { actor: { alice: [0] } }, B: { 'user.name': { alice: [61] } } }),
      ].join('\n')),
    )
  })

  it('runs happen every RateMinutes before the latest signal of the value: an earlier run can match although later signals push the last window on', async () => {
    const text = rule(group(AB, ON_USER), [
      t('earlier run', true, { A: { actor: { alice: [0] } }, B: { 'user.name': { alice: [5, 100] } } }),
      t('no run holds both', false, { A: { actor: { alice: [0] } }, B: { 'user.name': { alice: [70] } } }),
      t("another value's later signals do not move this value's runs", true, { A: { actor: { alice: [0] } }, B: { 'user.name': { alice: [5], bob: [1000] } } }),
    ].join('\n'))
    await expectAllPass(text)
    // With a cron schedule ruleproof cannot place earlier runs: only the run at the value's latest signal counts.
    const cron = text.replace('RateMinutes: 30', "CronExpression: '*/30 * * * *'")
    expect((await results(cron)).map((r) => r.actual)).toEqual(['no-match', 'no-match', 'match'])
  })

  it('timestamps work like minute offsets; the message says where the match was', async () => {
    const rs = await results(
      rule(group(AB, ON_USER), [
        t('timestamps', true, { A: { actor: { alice: ['2024-06-01T10:00:00Z'] } }, B: { 'user.name': { alice: ['2024-06-01T10:59:00Z'] } } }),
        t('too far', true, { A: { actor: { alice: ['2024-06-01T10:00:00Z'] } }, B: { 'user.name': { alice: ['2024-06-01T11:01:00Z'] } } }),
      ].join('\n')),
    )
    expect(rs.map((r) => r.status)).toEqual(['pass', 'fail'])
    expect(rs[0]?.message).toBe(`matched for "alice" in the run at 2024-06-01T10:59:00Z (lookback 60 min): 'A' ×1, 'B' ×1`)
    expect(rs[1]?.message).toMatch(/^closest run: for "alice" .*'A' happened 0 time\(s\), needs at least 1/)
  })
})

describe('Panther correlation rules: Sequence', () => {
  const sequence = (steps: string, transitions: string, lookback = 120) =>
    ['  - Sequence:', steps, '    Transitions:', transitions, `    LookbackWindowMinutes: ${lookback}`, '    Schedule:', '      RateMinutes: 60', '      TimeoutMinutes: 5'].join('\n')
  const ABC = ['      - ID: A', '        RuleID: Rule.A', '      - ID: B', '        RuleID: Rule.B', '      - ID: C', '        RuleID: Rule.C'].join('\n')
  const tr = (from: string, to: string, within: number, match = `{On: user}`) =>
    [`      - ID: ${from} FOLLOWED BY ${to}`, `        From: ${from}`, `        To: ${to}`, `        WithinTimeFrameMinutes: ${within}`, `        Match: [${match}]`].join('\n')

  it('steps happen in order, each within its transition time frame of the previous one, on one shared value', async () => {
    await expectAllPass(
      rule(sequence(ABC, [tr('A', 'B', 10), tr('B', 'C', 20)].join('\n')), [
        t('in order', true, { A: { user: { u: [0] } }, B: { user: { u: [5] } }, C: { user: { u: [20] } } }),
        t('out of order', false, { A: { user: { u: [0] } }, C: { user: { u: [5] } }, B: { user: { u: [20] } } }),
        t('B too late after A', false, { A: { user: { u: [0] } }, B: { user: { u: [11] } }, C: { user: { u: [20] } } }),
        t('a later A starts a sequence in time', true, { A: { user: { u: [0, 8] } }, B: { user: { u: [15] } }, C: { user: { u: [20] } } }),
        t('another value breaks the chain', false, { A: { user: { u: [0] } }, B: { user: { v: [5] } }, C: { user: { u: [20] } } }),
        t('missing last step', false, { A: { user: { u: [0] } }, B: { user: { u: [5] } } }),
      ].join('\n')),
    )
  })

  it('Match with From and To compares two differently named fields', async () => {
    const steps = ['      - ID: A', '        RuleID: Rule.A', '      - ID: B', '        RuleID: Rule.B'].join('\n')
    await expectAllPass(
      rule(sequence(steps, tr('A', 'B', 30, '{From: actor, To: target}')), [
        t('same value', true, { A: { actor: { u: [0] } }, B: { target: { u: [5] } } }),
        t('different value', false, { A: { actor: { u: [0] } }, B: { target: { v: [5] } } }),
      ].join('\n')),
    )
  })

  it('without WithinTimeFrameMinutes a step must follow within the lookback window', async () => {
    const steps = ['      - ID: A', '        RuleID: Rule.A', '      - ID: B', '        RuleID: Rule.B'].join('\n')
    const transition = ['      - ID: A FOLLOWED BY B', '        From: A', '        To: B', '        Match: [{On: user}]'].join('\n')
    await expectAllPass(
      rule(sequence(steps, transition, 120), [
        t('within lookback', true, { A: { user: { u: [0] } }, B: { user: { u: [119] } } }),
        t('beyond lookback', false, { A: { user: { u: [0] } }, B: { user: { u: [121] } } }),
      ].join('\n')),
    )
  })

  it('Absence in a Sequence: a last absent step must not follow within its time frame; a middle one must not happen between its neighbours', async () => {
    const last = ['      - ID: A', '        RuleID: Rule.A', '      - ID: B', '        RuleID: Rule.B', '        Absence: true'].join('\n')
    await expectAllPass(
      rule(sequence(last, tr('A', 'B', 30)), [
        t('not followed', true, { A: { user: { u: [0] } } }),
        t('followed in time', false, { A: { user: { u: [0] } }, B: { user: { u: [20] } } }),
        t('followed too late to count', true, { A: { user: { u: [0] } }, B: { user: { u: [40] } } }),
      ].join('\n')),
    )
    const middle = ABC.replace('        RuleID: Rule.B', '        RuleID: Rule.B\n        Absence: true')
    await expectAllPass(
      rule(sequence(middle, [tr('A', 'B', 30), tr('B', 'C', 30)].join('\n')), [
        t('nothing between', true, { A: { user: { u: [0] } }, C: { user: { u: [10] } } }),
        t('B between', false, { A: { user: { u: [0] } }, B: { user: { u: [5] } }, C: { user: { u: [10] } } }),
        t('B after C', true, { A: { user: { u: [0] } }, C: { user: { u: [10] } }, B: { user: { u: [15] } } }),
      ].join('\n')),
    )
  })
})

describe('Panther correlation rules: what cannot run says why, at its place', () => {
  it('an invalid Detection turns each test into an error naming file:line:column', async () => {
    const text = rule(
      ['  - Sequence:', '      - ID: A', '        RuleID: Rule.A', '      - ID: B', '        RuleID: Rule.B', '    Transitions:', '      - From: A', '        To: Nope', '    Schedule: {RateMinutes: 60, TimeoutMinutes: 5}'].join('\n'),
      t('x', true, { A: { f: { x: [0] } } }),
    )
    const rs = await results(text)
    expect(rs.map((r) => r.status)).toEqual(['error'])
    expect(rs[0]?.message).toBe(`the correlation Detection is invalid: corr.yml:13:13: To "Nope" is not an ID of the Sequence (A, B)`)
  })

  it('invalid RuleOutputs: an unknown ID, a field the rule is not matched on, mixed offsets and timestamps', async () => {
    const rs = await results(
      rule(group(AB, ON_USER), [
        t('unknown id', true, { Z: { actor: { a: [0] } } }),
        t('wrong field', true, { A: { user: { a: [0] } } }),
        t('mixed', true, { A: { actor: { a: [0] } }, B: { 'user.name': { a: ['2024-01-01T00:00:00Z'] } } }),
      ].join('\n')),
    )
    expect(rs.map((r) => r.status)).toEqual(['error', 'error', 'error'])
    expect(rs[0]?.message).toMatch(/corr\.yml:\d+:\d+: ID "Z" is not an ID of the Detection \(A, B\)/)
    expect(rs[1]?.message).toMatch(/'A' is matched on 'actor', not on 'user'/)
    expect(rs[2]?.message).toMatch(/mixes minute offsets and timestamps/)
    // Matched on two fields (two criteria): a signal must carry the value on both.
    const two = group(AB, `${ON_USER}\n      host:\n        - GroupID: A\n          Match: host\n        - GroupID: B\n          Match: host`)
    const both = await results(
      rule(two, [
        t('one field missing', true, { A: { actor: { a: [0] } }, B: { 'user.name': { a: [1] }, host: { a: [1] } } }),
        t('both fields', true, { A: { actor: { a: [0] }, host: { a: [0] } }, B: { 'user.name': { a: [1] }, host: { a: [1] } } }),
      ].join('\n')),
    )
    expect(both.map((r) => r.status)).toEqual(['error', 'pass'])
    expect(both[0]?.message).toMatch(/'A' is matched on 'actor' and 'host'; Matches lacks 'host'/)
  })

  it('what Panther accepts but ruleproof cannot reproduce offline is skipped with the reason', async () => {
    const two = rule(`${group(AB)}\n${group(AB)}`, t('x', true, { A: { f: { x: [0] } } }))
    const rs = await results(two)
    expect(rs.map((r) => r.status)).toEqual(['skip'])
    expect(rs[0]?.message).toMatch(/^not evaluated offline: corr\.yml:\d+:\d+: Detection holds 2 entries/)
  })

  it('timestamps without a zone are UTC, whatever the machine; offsets and a space instead of T are read too', () => {
    expect(timestamp('2024-06-01T10:00:00')).toBe(Date.UTC(2024, 5, 1, 10))
    expect(timestamp('2024-06-01 10:00')).toBe(Date.UTC(2024, 5, 1, 10))
    expect(timestamp('2024-06-01T12:00:00+02:00')).toBe(Date.UTC(2024, 5, 1, 10))
    expect(timestamp('2024-06-01T12:00:00.250+0200')).toBe(Date.UTC(2024, 5, 1, 10, 0, 0, 250))
    expect(timestamp('2024-06-01')).toBeNaN()
    expect(timestamp('2024-13-01T00:00:00Z')).toBeNaN()
    expect(timestamp('yesterday')).toBeNaN()
  })

  it('the validator reads defaults: a 15-minute lookback, a transition per pair of steps', () => {
    const { detection, issues } = readDetection([{ Sequence: [{ RuleID: 'X' }, { RuleID: 'Y' }], Schedule: { RateMinutes: 10, TimeoutMinutes: 1 } }])
    expect(issues).toEqual([])
    expect(detection?.lookbackMinutes).toBe(15)
    expect(detection?.kind === 'sequence' && detection.transitions).toEqual([{ from: 0, to: 1, withinMinutes: 15 }])
    const { signals } = readSignals(detection!, [{ ID: 'X', Matches: { f: { v: [0] } } }, { ID: 'Y', Matches: { f: { v: [20] } } }], ['Tests', 0])
    expect(evaluateCorrelation(detection!, signals, { offsets: true }).match).toBe(false)
  })
})

describe('Panther correlation rules from panther-analysis (fixtures/panther/correlation, Apache-2.0)', () => {
  it('every test of every fixture runs through the loader and passes', async () => {
    const dir = path.resolve(import.meta.dirname, '../../fixtures/panther/correlation')
    const load = await loadPantherRules([dir], { cwd: dir })
    try {
      expect(load.findings).toEqual([])
      const files = readdirSync(dir).filter((f) => f.endsWith('.yml'))
      expect(load.rules).toHaveLength(files.length)
      let count = 0
      for (const r of load.rules) {
        for (const test of r.tests) {
          const res = await r.runTest(test)
          expect({ rule: r.id, test: test.name, status: res.status }).toEqual({ rule: r.id, test: test.name, status: 'pass' })
          count++
        }
      }
      expect(count).toBe(17)
    } finally {
      await load.close()
    }
  })
})

describe('Panther correlation rules: a careless or hostile test stays fast', () => {
  it('900 signals, a one-minute rate against a lookback of years: one evaluation per distinct window, the sequence search remembers failures', () => {
    const seq = readDetection([
      {
        Sequence: [{ ID: 'A', RuleID: 'A' }, { ID: 'B', RuleID: 'B' }, { ID: 'C', RuleID: 'C' }],
        Transitions: [
          { From: 'A', To: 'B', WithinTimeFrameMinutes: 1, Match: [{ On: 'u' }] },
          { From: 'B', To: 'C', WithinTimeFrameMinutes: 1, Match: [{ On: 'u' }] },
        ],
        LookbackWindowMinutes: 10_000_000,
        Schedule: { RateMinutes: 1, TimeoutMinutes: 1 },
      },
    ]).detection!
    const many = (id: string, from: number) => ({ ID: id, Matches: { u: { x: Array.from({ length: 300 }, (_, i) => from + i * 5) } } })
    const { signals, issues } = readSignals(seq, [many('A', 0), many('B', 0.5), many('C', 1_000_000)], ['Tests', 0])
    expect(issues).toEqual([])
    const verdict = evaluateCorrelation(seq, signals, { offsets: true })
    expect(verdict.match).toBe(false)
    expect(verdict.reason).toMatch(/step 'C' happened 0 of \d+ time\(s\) within 1 min after/)
    // Past the work budget the test says so instead of running on.
    expect(() => evaluateCorrelation(seq, signals, { offsets: true, budget: 10_000 })).toThrow(BudgetExceeded)
  })

  it('5,000 signals with 5,000 different values: each value is evaluated on its own signals only', () => {
    const grp = readDetection([
      {
        Group: [{ ID: 'A', RuleID: 'A' }, { ID: 'B', RuleID: 'B' }],
        MatchCriteria: { user: [{ GroupID: 'A', Match: 'u' }, { GroupID: 'B', Match: 'u' }] },
        LookbackWindowMinutes: 60,
        Schedule: { RateMinutes: 1, TimeoutMinutes: 1 },
      },
    ]).detection!
    const values = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, [i]]))
    const { signals } = readSignals(grp, [{ ID: 'A', Matches: { u: values('a', 2500) } }, { ID: 'B', Matches: { u: { ...values('b', 2499), a2499: [2499] } } }], ['Tests', 0])
    const verdict = evaluateCorrelation(grp, signals, { offsets: true })
    expect(verdict).toEqual({ match: true, reason: `matched for "a2499" in the run at minute 2499 (lookback 60 min): 'A' ×1, 'B' ×1` })
  })
})

describe('ruleproof test with correlation rules', () => {
  it('a wrong expectation fails the run (exit 1) with what the closest run lacked', async () => {
    const text = rule(group(AB, ON_USER), [t('claims a match', true, { A: { actor: { alice: [0] } }, B: { 'user.name': { bob: [5] } } })].join('\n'))
    const dir = repo({ 'correlation_rules/c.yml': text })
    let stdout = ''
    const code = await run(['test', 'correlation_rules'], { stdout: (s) => void (stdout += s), stderr: () => undefined, cwd: dir, env: {}, isTty: false })
    expect(code).toBe(1)
    expect(stdout).toContain(
      [
        'FAIL  Corr.Test › claims a match [correlation] (embedded) correlation_rules/c.yml:22',
        `      expected match, got no match: closest run: for "alice" in the run at minute 0 (lookback 60 min): 'B' happened 0 time(s), needs at least 1`,
      ].join('\n'),
    )
    expect(stdout).toContain('1 checks: 0 passed, 1 failed, 0 errors, 0 skipped')
  })
})
