// --format html for check, replay and coverage: one self-contained page, with everything the rule
// author wrote shown as text (no script can run from a rule, and the page loads nothing).
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { escapeHtml } from '../../../src/report/html/escape.js'
import { ruleproof } from '../../e2e/cli.js'
import { hostileRules } from './fixture.js'

function selfContained(html: string): void {
  expect(html.startsWith('<!doctype html>')).toBe(true)
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/<(img|iframe|object|embed|link)\b/i)
  // Attribute values can hold no raw quote: with them blanked, no tag may carry an event handler.
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+=/i)
  expect(html).not.toMatch(/(src|href|action)=["']?(https?:)?\/\//i)
  expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'")
}

describe('escapeHtml', () => {
  it('leaves no character that could open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#96;')
    expect(escapeHtml(undefined)).toBe('')
  })
})

describe('check --format html', () => {
  it('shows the matrix, the failing test with its event, verdicts and repro command, and the heat map', async () => {
    const dir = hostileRules()
    const out = await ruleproof(['check', 'rules', '--format', 'html', '--output', 'report.html', '--runs', '2', '--variants', 'k8s,eks'], dir)
    expect(out.code).toBe(1)
    expect(out.stdout).toMatch(/report in report\.html/)
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8')
    selfContained(html)
    expect(html).toContain('&#60;script&#62;document.title=&#39;pwned&#39;')
    expect(html).toContain('kubectl attach &#60;b&#62;is&#60;/b&#62; exec too')
    expect(html).toMatch(/<td class="fail" data-variant="k8s" data-status="fail">/)
    expect(html).toContain('<th>Expected</th><td>match</td>')
    expect(html).toContain('<th>Actual</th><td>no match</td>')
    expect(html).toContain('&#34;subresource&#34;: &#34;attach&#34;')
    expect(html).toContain('ruleproof test rules/pod_exec.yml')
    expect(html).toMatch(/data-technique="T1609" data-score="\d+"/)
  }, 60_000)

  it('needs --output', async () => {
    expect((await ruleproof(['check', 'rules', '--format', 'html'], hostileRules())).code).toBe(3)
  })
})

describe('replay --format html', () => {
  it('lists scores with example false positives and negatives, escaped', async () => {
    const dir = hostileRules()
    const data = path.join(mkdtempSync(path.join(os.tmpdir(), 'ruleproof-html-replay-')), 'data')
    expect((await ruleproof(['generate', '--variants', 'k8s', '--count', '150', '--seed', '4', '--attack-ratio', '0.3', '--out', data], dir)).code).toBe(0)
    const out = await ruleproof(['replay', '--dataset', data, '--rules', 'rules', '--format', 'html', '--output', 'replay.html'], dir)
    expect(out.code).toBe(0)
    const html = readFileSync(path.join(dir, 'replay.html'), 'utf8')
    selfContained(html)
    expect(html).toContain('<h2>Replay scores</h2>')
    expect(html).toMatch(/<tr data-rule="Exec into pod &#60;\/td&#62;&#60;script&#62;[^"]*" data-variant="k8s">/)
    expect(html).toContain('False negatives')
    expect(html).toMatch(/k8s\.ndjson line \d+ · atomic\./)
    // The heat map colours the rule's technique by its recall on this dataset.
    expect(html).toMatch(/<div class="technique" data-technique="T1609" data-score="\d+"/)
    expect(html).toContain('recall 100%')
  }, 60_000)
})
