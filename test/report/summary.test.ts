import { describe, expect, it } from 'vitest'
import { resultsFailed, summarizeFindings, summarizeResults } from '../../src/report/index.js'
import { summaryLine } from '../../src/report/text.js'
import { findings, results } from './fixtures.js'

describe('summaries are computed once, from the results', () => {
  it('counts each status', () => {
    expect(summarizeResults(results)).toEqual({ passed: 3, failed: 1, errors: 1, skipped: 1, notLoaded: 0, blocked: 0 })
    expect(summarizeResults([])).toEqual({ passed: 0, failed: 0, errors: 0, skipped: 0, notLoaded: 0, blocked: 0 })
  })

  it('counts, besides their status, the tests whose rule failed to load and the replays a failing test blocked', () => {
    const cause = { check: 'sigma-schema', file: '/repo/rules/x.yml', line: 4, column: 12, message: 'logsource: must be object' }
    const base = results[0]!
    const s = summarizeResults([
      { ...base, status: 'error', notRun: { reason: 'load', ...cause } },
      { ...base, status: 'error', notRun: { reason: 'load', ...cause } },
      { ...base, kind: 'replay', status: 'skip', notRun: { reason: 'blocked', ...cause } },
    ])
    expect(s).toEqual({ passed: 0, failed: 0, errors: 2, skipped: 1, notLoaded: 2, blocked: 1 })
    expect(summaryLine(s)).toBe('0 passed, 0 failed, 2 errors, 1 skipped; 2 not run: rule failed to load; 1 blocked by a failing test')
  })

  it('a run failed when anything failed or errored, not when something was skipped', () => {
    expect(resultsFailed(summarizeResults(results))).toBe(true)
    expect(resultsFailed({ passed: 2, failed: 0, errors: 0, skipped: 5 })).toBe(false)
    expect(resultsFailed({ passed: 0, failed: 0, errors: 1, skipped: 0 })).toBe(true)
  })

  it('counts findings by severity and keeps the scope the caller looked at', () => {
    expect(summarizeFindings(findings, { files: 7, rules: 9 })).toEqual({ files: 7, rules: 9, error: 1, warning: 1, note: 1 })
  })
})
