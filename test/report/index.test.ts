import { describe, expect, it } from 'vitest'
import { bufferedReporter, FINDING_REPORTER_NAMES, isFindingReporterName, isReporterName, renderResults, REPORTER_NAMES, summarizeResults } from '../../src/report/index.js'
import { results } from './fixtures.js'

describe('report registry', () => {
  it('names every format once', () => {
    expect(REPORTER_NAMES).toEqual(['text', 'json', 'junit', 'sarif', 'github', 'markdown'])
    expect(FINDING_REPORTER_NAMES).toEqual(['text', 'json', 'sarif', 'github'])
    expect(isReporterName('junit')).toBe(true)
    expect(isReporterName('toString')).toBe(false)
    expect(isFindingReporterName('junit')).toBe(false)
  })

  it('prints the summary it is given instead of recounting', () => {
    const out = renderResults('text', results, { summary: { passed: 9, failed: 0, errors: 0, skipped: 0 } })
    expect(out.trimEnd().split('\n').at(-1)).toBe('9 checks: 9 passed, 0 failed, 0 errors, 0 skipped')
  })

  it('bufferedReporter collects results through the hooks and writes once at the end', async () => {
    const written: string[] = []
    const reporter = bufferedReporter('json', (t) => written.push(t))
    await reporter.onRunStart?.()
    for (const r of results) await reporter.onResult?.(r)
    expect(written).toEqual([])
    await reporter.onRunEnd?.(summarizeResults(results))
    expect(written).toEqual([renderResults('json', results)])
  })
})
