import { describe, expect, it } from 'vitest'
import { renderFindings, renderResults, summarizeFindings } from '../../src/report/index.js'
import { ROOT, findings, results } from './fixtures.js'

describe('text reporter', () => {
  const text = renderResults('text', results, { root: ROOT })

  it('matches the snapshot', () => {
    expect(text).toMatchSnapshot()
  })

  it("names a rule by its title, with its id under a failure (a Sigma id is a bare UUID)", () => {
    const id = '0c9b3bda-41a6-4442-9345-356ae86343dc'
    const titled = results.map((r) => ({ ...r, rule: id, title: 'Kubernetes CronJob/Job Modification' }))
    const out = renderResults('text', titled, { root: ROOT })
    expect(out).toContain('FAIL  Kubernetes CronJob/Job Modification › create cronjob [eks] (replay) rules/cron.yml:40\n      expected match, got no match')
    expect(out).toContain(`      rule id: ${id}\n`)
    expect(out).toContain('PASS  Kubernetes CronJob/Job Modification › create cronjob [k8s] (embedded) rules/cron.yml:40\n')
  })

  it('puts failures and errors before skips and passes', () => {
    const tags = text.split('\n').filter((l) => /^(PASS|FAIL|ERROR|SKIP)/.test(l)).map((l) => l.slice(0, 5).trim())
    expect(tags).toEqual(['FAIL', 'ERROR', 'PASS', 'PASS', 'SKIP', 'PASS'])
  })

  it('shows file:line relative to the root, the variant, the kind and the declared gap', () => {
    expect(text).toContain('K8S-001 › create cronjob [eks] (replay) rules/cron.yml:40')
    expect(text).toContain('declared gap: GKE has no stage field')
    expect(text).toContain('expected match, got no match')
    expect(text).toContain('seed=42 path=3:1:0')
  })

  it('--failures-only leaves passes and skips out but keeps the totals', () => {
    const only = renderResults('text', results, { root: ROOT, failuresOnly: true })
    expect(only).not.toMatch(/^PASS|^SKIP/m)
    expect(only).toContain('6 checks: 3 passed, 1 failed, 1 errors, 1 skipped')
  })

  it('colours only when asked (the CLI asks only on a terminal)', () => {
    expect(text).not.toContain('\u001b[')
    expect(renderResults('text', results, { color: true })).toContain('\u001b[31m')
  })

  it('never writes terminal control characters from rule text', () => {
    expect(text).not.toContain('\u0007')
    expect(text).toContain('\\u0007')
  })

  it('an empty run still prints its summary', () => {
    expect(renderResults('text', [])).toBe('0 checks: 0 passed, 0 failed, 0 errors, 0 skipped\n')
  })

  it('findings come as file:line:column: severity: message [check]', () => {
    const out = renderFindings('text', findings, summarizeFindings(findings, { files: 3, rules: 2 }), { root: ROOT })
    expect(out.split('\n')[0]).toBe("rules/cron.yml:3:5: error: unknown key 'titel', did you mean: title? [sigma-schema]")
    expect(out).toContain('3 files, 2 rules: 1 errors, 1 warnings, 1 notes')
  })
})
