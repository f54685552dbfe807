import { describe, expect, it } from 'vitest'
import type { Finding, Result } from '../../src/model/result.js'
import { escapeData, escapeProperty, renderFindings, renderResults, summarizeFindings } from '../../src/report/index.js'
import { ROOT, findings, results } from './fixtures.js'

describe('github annotations', () => {
  it('escape like @actions/core: %, CR, LF in messages; also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext')
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A')
  })

  it('one ::error per failed or errored check, at the rule file line', () => {
    const lines = renderResults('github', results, { root: ROOT }).trimEnd().split('\n')
    expect(lines[0]).toBe(
      '::error file=rules/cron.yml,line=40,title=K8S-001 › create cronjob [eks] (replay)::expected match, got no match: field <objectRef.resource> & "verb" differ%0Asecond line, with: colon 100%25',
    )
    expect(lines[1]).toMatch(/^::error file=rules\/job.yml,line=7,title=K8S\|002 › atomic.privileged-job \[aks\] \(scenario\)::worker crashed/)
    expect(lines[1]).toContain('%0Aseed=42 path=3:1:0')
    expect(lines.at(-1)).toBe('ruleproof: 3 passed, 1 failed, 1 errors, 1 skipped')
  })

  it('stops at the per-step limit and ends with a notice naming what was left out', () => {
    const many: Result[] = Array.from({ length: 14 }, (_, i) => ({ rule: `R${i}`, file: 'r.yml', line: i + 1, test: 't', variant: 'k8s', kind: 'embedded', status: 'fail' }))
    const lines = renderResults('github', many).trimEnd().split('\n')
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(10)
    expect(lines.filter((l) => l.startsWith('::notice'))).toEqual([
      '::notice title=ruleproof::4 of 14 failed checks were not annotated (GitHub shows 10 per level and step); see the SARIF, JUnit or JSON report for all of them.',
    ])
  })

  it('findings: severity picks the command; note is ::notice; columns and ends are kept', () => {
    const out = renderFindings('github', findings, summarizeFindings(findings, { files: 3, rules: 2 }), { root: ROOT }).split('\n')
    expect(out[0]).toBe("::error file=rules/cron.yml,line=3,col=5,title=sigma-schema::unknown key 'titel', did you mean: title?")
    expect(out[1]).toBe('::warning file=rules/job.yml,line=1,endLine=1,col=8,endColumn=20,title=title-length::title is long, 120 > 100')
    expect(out[2]).toMatch(/^::notice file=rules\/x.yml,line=1,col=1,title=description-missing::no description$/)
  })

  it('keeps a notice slot for the overflow message when notes overflow', () => {
    const notes: Finding[] = Array.from({ length: 12 }, (_, i) => ({ check: 'c', severity: 'note', file: 'f.yml', line: i + 1, column: 1, message: 'm' }))
    const out = renderFindings('github', notes, summarizeFindings(notes, { files: 1, rules: 1 }), { limit: 10 }).split('\n')
    expect(out.filter((l) => l.startsWith('::notice'))).toHaveLength(10)
    expect(out.filter((l) => l.startsWith('::notice'))[9]).toContain('3 of 12 findings were not annotated')
  })
})

describe('github annotations for a whole check step', () => {
  it('findings and failed checks share one per-level budget', async () => {
    const { renderGitHubCombined, summarizeResults } = await import('../../src/report/index.js')
    const errors: Finding[] = Array.from({ length: 6 }, (_, i) => ({ check: 'c', severity: 'error', file: 'f.yml', line: i + 1, column: 1, message: 'm' }))
    const fails: Result[] = Array.from({ length: 6 }, (_, i) => ({ rule: `R${i}`, file: 'r.yml', line: i + 1, test: 't', variant: 'k8s', kind: 'embedded', status: 'fail' }))
    const out = renderGitHubCombined(fails, summarizeResults(fails), errors, summarizeFindings(errors, { files: 1, rules: 6 })).trimEnd().split('\n')
    expect(out.filter((l) => l.startsWith('::error'))).toHaveLength(10)
    expect(out.filter((l) => l.startsWith('::error file=f.yml'))).toHaveLength(6)
    expect(out.find((l) => l.startsWith('::notice'))).toContain('2 of 12 findings and failed checks were not annotated')
    expect(out.slice(-2)).toEqual(['ruleproof: 1 files, 6 rules: 6 errors, 0 warnings, 0 notes', 'ruleproof: 0 passed, 6 failed, 0 errors, 0 skipped'])
  })
})
