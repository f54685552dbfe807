import { describe, expect, it } from 'vitest'
import type { Result } from '../../src/model/result.js'
import type { LoadedRule, TestCase } from '../../src/model/rule.js'
import { renderResults } from '../../src/report/index.js'
import { runEmbeddedTests } from '../../src/rules/run-tests.js'

const r = (test: string, durationMs?: number): Result => ({
  rule: 'R',
  file: 'rules/r.yml',
  line: 3,
  test,
  variant: 'eks',
  kind: 'embedded',
  status: 'pass',
  ...(durationMs !== undefined ? { durationMs } : {}),
})

describe('per-test durations', () => {
  const results = [r('fast', 0.25), r('slow', 120.4), r('middle', 12), r('unmeasured')]

  it('text: --slowest N lists the N slowest measured tests, slowest first, with the total and average', () => {
    const text = renderResults('text', results, { slowest: 2 })
    expect(text).toContain(
      ['Slowest 2 of 3 checks (133 ms in all, 44.2 ms on average):', '     120 ms  R › slow [eks] (embedded) rules/r.yml:3', '    12.0 ms  R › middle [eks] (embedded) rules/r.yml:3'].join('\n'),
    )
    expect(renderResults('text', results)).not.toContain('Slowest')
  })

  it('JSON carries durationMs where it was measured; JUnit gives each testcase and suite its time in seconds', () => {
    const json = JSON.parse(renderResults('json', results)) as { results: { test: string; durationMs?: number }[] }
    expect(json.results.map((x) => x.durationMs)).toEqual([0.25, 120.4, 12, undefined])
    const xml = renderResults('junit', results)
    expect(xml).toMatch(/<testcase [^>]*name="slow \[eks\] \(embedded\)"[^>]* time="0\.12"/)
    expect(xml).toMatch(/<testsuites [^>]* time="0\.133"/)
  })
})

describe('the runner measures every test', () => {
  it('each result, passed or thrown, gets its wall-clock durationMs', async () => {
    const test = (name: string): TestCase => ({ name, expect: true, variant: 'eks', event: {}, location: { file: 'r.yml', line: 1, column: 1 } })
    const rule = {
      id: 'R',
      tests: [test('sleeps'), test('throws')],
      async runTest(t: TestCase): Promise<Result> {
        if (t.name === 'throws') throw new Error('boom')
        await new Promise((resolve) => setTimeout(resolve, 20))
        return r(t.name)
      },
    } as unknown as LoadedRule
    const out = await runEmbeddedTests([rule])
    expect(out.map((x) => x.status)).toEqual(['pass', 'error'])
    expect(out[0]?.durationMs).toBeGreaterThanOrEqual(15)
    expect(typeof out[1]?.durationMs).toBe('number')
  })
})
