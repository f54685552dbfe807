import { describe, expect, it } from 'vitest'
import type { Finding, Result } from '../../src/model/result.js'
import { renderMarkdown, renderResults, summarizeFindings, summarizeResults } from '../../src/report/index.js'
import { cellText, escapeCell } from '../../src/report/markdown.js'
import { ROOT, findings, results } from './fixtures.js'

describe('markdown summary', () => {
  const md = renderResults('markdown', results, { root: ROOT })

  it('matches the snapshot', () => {
    expect(md).toMatchSnapshot()
  })

  it('a rules × variants matrix with pass, fail, declared gap, skip and no-check cells', () => {
    expect(md).toContain('| rule | k8s | eks | aks | gke |')
    expect(md).toContain('| K8S-001 | ✅ 1 | ❌ 1/1 | ⏭ | ⚠️ gap (1/1) |')
    expect(md).toContain('| K8S\\|002 | ✅ 1 | — | ❌ 1/1 | — |')
  })

  it('a families × rules matrix from scenario checks', () => {
    expect(md).toContain('| family | K8S\\|002 |')
    expect(md).toContain('| atomic.privileged-job | ❌ 1/1 |')
    expect(md).toContain('| benign.backup | ✅ 1 |')
  })

  it('lists declared gaps with their reasons and details failures', () => {
    expect(md).toContain('- K8S-001 on **gke**: GKE has no stage field')
    expect(md).toContain('<details><summary>❌ K8S-001 — 1 failed check</summary>\n\n- ❌ create cronjob [eks] (replay) `rules/cron.yml:40` — expected match, got no match')
    expect(md).toContain('Reproduce: `seed=42 path=3:1:0`')
  })

  it('keeps rule text from breaking tables or injecting HTML', () => {
    expect(escapeCell('a|b<script>\nc')).toBe('a\\|b&lt;script&gt; c')
    expect(cellText(undefined)).toBe('—')
  })

  it('stays within the length budget and says what it cut', () => {
    const many: Result[] = Array.from({ length: 50 }, (_, i) => ({ rule: `R${i}`, file: 'r.yml', line: 1, test: 't', variant: 'k8s', kind: 'embedded', status: 'fail', event: { pad: 'x'.repeat(500) } }))
    const out = renderResults('markdown', many, { maxLength: 5000 })
    expect(out.length).toBeLessThanOrEqual(5000)
    expect(out).toMatch(/✂️ Cut to stay within 5,000 characters \(GitHub comments hold 65,536\): \d+ rules with problems \(\d+ failed checks, 0 lint findings\); the rules × variants matrix\. See the JSON or SARIF report for everything\.\n$/)
  })

  it('a check across variants (consistency: eks,aks,gke) counts in each of their columns', () => {
    const across: Result[] = [
      { rule: 'R', file: 'r.yml', line: 1, test: 'atomic.x', variant: 'eks', kind: 'embedded', status: 'pass' },
      { rule: 'R', file: 'r.yml', line: 1, test: 'atomic.x', variant: 'eks,aks,gke', kind: 'consistency', status: 'fail' },
    ]
    const out = renderResults('markdown', across)
    expect(out).toContain('| rule | eks | aks | gke |')
    expect(out).toContain('| R | ❌ 1/2 | ❌ 1/1 | ❌ 1/1 |')
  })

  it('shows rule titles with the id beneath when given', () => {
    const titled = renderResults('markdown', results, { ruleTitles: { 'K8S-001': 'CronJob <created>' } })
    expect(titled).toContain('| CronJob &lt;created&gt;<br><sub>K8S-001</sub> | ✅ 1 |')
    expect(titled).toContain('| K8S\\|002 | ✅ 1 |')
  })

  it('headline is ✅ when nothing failed', () => {
    expect(renderResults('markdown', results.filter((r) => r.status === 'pass'))).toMatch(/^## ✅ ruleproof/)
  })
})

describe('markdown of `check` (a PR comment)', () => {
  const lint = { findings, summary: summarizeFindings(findings, { files: 3, rules: 2 }) }
  const md = renderMarkdown(results, summarizeResults(results), lint, { root: ROOT, ruleTitles: { 'K8S-001': 'CronJob created' } })

  it('counts lint in the headline: a lint error alone turns it red', () => {
    expect(md).toContain('| passed | failed | errors | skipped | lint errors | lint warnings |\n| --- | --- | --- | --- | --- | --- |\n| 3 | 1 | 1 | 1 | 1 | 1 |')
    const clean = results.filter((r) => r.status === 'pass')
    expect(renderMarkdown(clean, summarizeResults(clean), lint)).toMatch(/^## ❌ ruleproof/)
    expect(renderMarkdown(clean, summarizeResults(clean), { findings: [], summary: summarizeFindings([], { files: 1, rules: 1 }) })).toMatch(/^## ✅ ruleproof/)
  })

  it('puts lint findings and failures first, grouped by rule, folded, before the matrices', () => {
    const fix = md.indexOf('### To fix: lint findings and failed checks, by rule')
    expect(fix).toBeGreaterThan(0)
    expect(fix).toBeLessThan(md.indexOf('### Rules × variants'))
    // One group per rule: its lint findings, then its failed checks.
    expect(md).toContain(
      '<details><summary>❌ CronJob created <sub>K8S-001</sub> — 1 failed check, 1 lint error</summary>\n\n' +
        "- ❌ lint error `rules/cron.yml:3:5` — unknown key 'titel', did you mean: title? [sigma-schema]\n" +
        '- ❌ create cronjob [eks] (replay) `rules/cron.yml:40` — expected match, got no match',
    )
    // A finding that names no rule joins the only rule of its file…
    expect(md).toContain('<details><summary>❌ K8S|002 — 1 failed check, 1 lint warning</summary>\n\n- ⚠️ lint warning `rules/job.yml:1:8` — title is long, 120 &gt; 100 [title-length]\n- 💥 atomic.privileged-job')
    // …else its file's own group, after the groups with errors.
    expect(md.indexOf('<details><summary>⚠️ `rules/x.yml` — 1 lint note</summary>')).toBeGreaterThan(md.indexOf('K8S|002 — 1 failed check'))
  })

  it('never exceeds a GitHub comment, however much there is, and says what it cut', () => {
    const many: Result[] = Array.from({ length: 3000 }, (_, i) => ({ rule: `R${i}`, title: `Rule number ${i}`, file: `rules/r${i}.yml`, line: 9, test: 'a test', variant: 'eks', kind: 'replay', status: 'fail', event: { pad: 'x'.repeat(300) } }))
    const lots: Finding[] = Array.from({ length: 3000 }, (_, i) => ({ check: 'field-value-domain', severity: 'error', file: `rules/r${i}.yml`, line: 3, column: 5, message: `'connect' can never be a value of 'verb' (${i})`, rule: `R${i}` }))
    const out = renderMarkdown(many, summarizeResults(many), { findings: lots, summary: summarizeFindings(lots, { files: 3000, rules: 3000 }) })
    expect(out.length).toBeLessThanOrEqual(60000)
    expect(out.length).toBeGreaterThan(50000)
    expect(out).toMatch(/✂️ Cut to stay within 60,000 characters \(GitHub comments hold 65,536\): \d+ rules with problems \(\d+ failed checks, \d+ lint findings\); the rules × variants matrix\./)
    const tight = renderMarkdown(many, summarizeResults(many), undefined, { maxLength: 65536 })
    expect(tight.length).toBeLessThanOrEqual(65536)
  })
})
