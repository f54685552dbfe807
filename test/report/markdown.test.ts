import { describe, expect, it } from 'vitest'
import type { Result } from '../../src/model/result.js'
import { renderResults } from '../../src/report/index.js'
import { cellText, escapeCell } from '../../src/report/markdown.js'
import { ROOT, results } from './fixtures.js'

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
    expect(md).toContain('<details><summary>❌ K8S-001 › create cronjob [eks] (replay)</summary>')
    expect(md).toContain('Reproduce: `seed=42 path=3:1:0`')
  })

  it('keeps rule text from breaking tables or injecting HTML', () => {
    expect(escapeCell('a|b<script>\nc')).toBe('a\\|b&lt;script&gt; c')
    expect(cellText(undefined)).toBe('—')
  })

  it('stays within the length budget and says how many failures it left out', () => {
    const many: Result[] = Array.from({ length: 50 }, (_, i) => ({ rule: `R${i}`, file: 'r.yml', line: 1, test: 't', variant: 'k8s', kind: 'embedded', status: 'fail', event: { pad: 'x'.repeat(500) } }))
    const out = renderResults('markdown', many, { maxLength: 5000 })
    expect(out.length).toBeLessThan(5200)
    expect(out).toMatch(/…and \d+ more; see the JSON or SARIF report\./)
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
