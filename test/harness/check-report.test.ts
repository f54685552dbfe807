import { describe, expect, it } from 'vitest'
import { renderCheckReport } from '../../src/harness/check-report.js'
import { summarizeResults } from '../../src/harness/summary.js'
import type { Finding, Result } from '../../src/model/result.js'

const UUID = '0c9b3bda-41a6-4442-9345-356ae86343dc'

function failed(i: number): Result {
  return { rule: UUID, file: 'rules/r.yml', line: 10 + i, test: `case ${i}`, variant: 'gke', kind: 'replay', status: 'fail', expected: 'match', actual: 'no-match', message: 'expected match, got no-match' }
}

function finding(i: number): Finding {
  return { check: 'sigma-schema', severity: 'error', file: 'rules/r.yml', line: i + 1, column: 1, message: `problem ${i}` }
}

const counts = { files: 1, rules: 1 }

describe('renderCheckReport', () => {
  it('github: findings and failed checks share one budget of 10 annotations per level', () => {
    const results = [0, 1, 2, 3, 4].map(failed)
    const findings = [0, 1, 2, 3, 4, 5, 6, 7].map(finding)
    const out = renderCheckReport('github', results, summarizeResults(results), findings, counts)
    const errors = out.split('\n').filter((l) => l.startsWith('::error '))
    expect(errors).toHaveLength(10)
    // Findings come first: all 8 of them, then the first 2 failed checks.
    expect(errors.filter((l) => l.includes('problem'))).toHaveLength(8)
    expect(out).toMatch(/::notice title=ruleproof::3 of 13 findings and failed checks were not annotated/)
  })

  it('markdown: rules are named by title (with the id beneath), not by bare UUID', () => {
    const results = [failed(0)]
    const out = renderCheckReport('markdown', results, summarizeResults(results), [], { ...counts, ruleTitles: { [UUID]: 'Kubernetes CronJob/Job Modification' } })
    expect(out).toContain(`Kubernetes CronJob/Job Modification<br><sub>${UUID}</sub>`)
  })
})
