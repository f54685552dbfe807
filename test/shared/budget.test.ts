// --max-duration: when the run's time budget is used up, what was done is kept and everything
// not done is there, as an error naming the budget, in every command.
import { PassThrough } from 'node:stream'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { runHarness } from '../../src/harness/index.js'
import { registry } from '../../src/lint/checks/index.js'
import { lintSources } from '../../src/lint/engine.js'
import type { Result } from '../../src/model/result.js'
import type { LoadedRule } from '../../src/model/rule.js'
import { runEmbeddedTests } from '../../src/rules/run-tests.js'
import { parseDuration, startBudget, type Budget } from '../../src/shared/budget.js'
import { sigma } from '../lint/helpers.js'
import { auditEvent, fakeEnv, fakeRule, portablePredicate, testCase } from '../harness/fakes.js'

/** A budget used up after `n` questions: deterministic, whatever the machine's speed. */
function budgetAfter(n: number): Budget {
  let asked = 0
  return { label: '--max-duration 1s', expired: () => asked++ >= n, expiry: new Promise(() => {}) }
}
const NOT_RUN = "not run: the run's time budget (--max-duration 1s) was used up"

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1.5m', 90_000],
    ['30', 30_000],
    ['0', undefined],
    ['soon', undefined],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms))
})

describe('startBudget', () => {
  it('is used up once its timer has fired, even when the clock says a millisecond is left', async () => {
    let clock = 0
    const budget = startBudget(20, '--max-duration 20ms', () => clock)
    expect(budget.expired()).toBe(false)
    await budget.expiry
    clock = 19 // timers may fire before the clock reaches the end
    expect(budget.expired()).toBe(true)
  })
})

describe('test: embedded tests', () => {
  const slow = (ms: number): LoadedRule => {
    const rule = fakeRule({ id: `slow-${ms}`, variants: ['k8s'], tests: [testCase(`takes ${ms} ms`, true, auditEvent())], predicate: portablePredicate })
    const inner = rule.runTest
    return { ...rule, runTest: async (t) => new Promise<Result>((resolve) => setTimeout(() => void inner(t).then(resolve), ms)) }
  }

  it('a test running when the budget runs out is stopped, the ones after it are not run; every test is in the results', async () => {
    const results = await runEmbeddedTests([slow(1), slow(5_000), slow(1)], undefined, startBudget(300, '--max-duration 300ms'))
    expect(results.map((r) => [r.test, r.status, r.message])).toEqual([
      ['takes 1 ms', 'pass', undefined],
      ['takes 5000 ms', 'error', "stopped while running: the run's time budget (--max-duration 300ms) was used up"],
      ['takes 1 ms', 'error', "not run: the run's time budget (--max-duration 300ms) was used up"],
    ])
  })
})

describe('check: harness checks', () => {
  it('checks not started within the budget are error results, in plan order', async () => {
    const rule = fakeRule({ variants: ['k8s', 'eks'], tests: [testCase('cronjob created', true, auditEvent())], predicate: portablePredicate })
    const results = await runHarness([rule], fakeEnv, { kinds: ['embedded', 'replay'], concurrency: 1, budget: budgetAfter(1) })
    expect(results.map((r) => [r.variant, r.kind, r.status, r.message])).toEqual([
      ['k8s', 'embedded', 'pass', undefined],
      ['eks', 'replay', 'error', NOT_RUN],
    ])
  })
})

describe('lint', () => {
  it('files not reached within the budget get one error finding each', async () => {
    const rule = sigma('selection:\n    verb: create\ncondition: selection')
    const r = await lintSources([{ file: 'a.yml', text: rule }, { file: 'b.yml', text: rule }], { checks: registry, budget: budgetAfter(1) })
    expect(r.findings.filter((f) => f.file === 'b.yml')).toEqual([
      { check: 'max-duration', severity: 'error', file: 'b.yml', line: 1, column: 1, message: "not linted: the run's time budget (--max-duration 1s) was used up" },
    ])
    expect(r.findings.filter((f) => f.check === 'max-duration').map((f) => f.file)).toEqual(['b.yml'])
  })

  it('a bad --max-duration is a usage error in every command', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'ruleproof-budget-'))
    for (const argv of [['lint'], ['test'], ['check'], ['eval', '--rule', 'r.yml', '--events', 'e'], ['replay', '--dataset', 'd']]) {
      let stderr = ''
      const code = await run([...argv, '--max-duration', 'soon'], { stdout: () => {}, stderr: (t) => void (stderr += t), cwd, env: {} })
      expect([argv[0], code, stderr]).toEqual([argv[0], 3, `ruleproof ${argv[0]}: --max-duration must be a duration such as 90s, 10m, 1h or 500ms (got 'soon')\n`])
    }
  })
})

describe('eval', () => {
  it('stops reading at the line where the budget ran out, keeps the verdicts before it, and exits 1', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'ruleproof-budget-'))
    writeFileSync(path.join(cwd, 'rule.yml'), 'title: t\nid: 6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  sel: {verb: create}\n  condition: sel\n')
    const stdin = new PassThrough()
    let stdout = ''
    let stderr = ''
    const done = run(['eval', '--rule', 'rule.yml', '--events', '-', '--max-duration', '2s'], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd,
      env: {},
      stdin,
    })
    stdin.write('{"verb":"create"}\n{"verb":"get"}\n')
    // 2 s leaves a loaded CI machine time to load the rule and read the first lines.
    await new Promise((r) => setTimeout(r, 2_400))
    stdin.write('{"verb":"create"}\n{"verb":"create"}\n')
    stdin.end()
    expect(await done).toBe(1)
    expect(stdout).toBe('{"line":1,"match":true,"rule":"6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d"}\n{"line":2,"match":false,"rule":"6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d"}\n')
    expect(stderr).toBe("<stdin>:3:1: not evaluated: the run's time budget (--max-duration 2s) was used up: this line and the rest of the input were not read\n")
  })
})
