import { describe, expect, it } from 'vitest'
import { resultsFailed, summarizeFindings, summarizeResults } from '../../src/report/index.js'
import { findings, results } from './fixtures.js'

describe('summaries are computed once, from the results', () => {
  it('counts each status', () => {
    expect(summarizeResults(results)).toEqual({ passed: 3, failed: 1, errors: 1, skipped: 1 })
    expect(summarizeResults([])).toEqual({ passed: 0, failed: 0, errors: 0, skipped: 0 })
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
