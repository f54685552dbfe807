import { describe, expect, it } from 'vitest'
import { registry } from '../../src/lint/checks/index.js'
import { globToRegExp, resolveLintConfig } from '../../src/lint/config.js'
import { defineCheck } from '../../src/lint/define-check.js'
import { lintSources } from '../../src/lint/engine.js'
import { UsageError } from '../../src/shared/errors.js'
import { sigma } from './helpers.js'

const RULE = sigma("selection:\n    verb: replace\n    requestURI|contains: '*/bin/sh*'\ncondition: selection", { head: 'description: Detects shells.\n' })
const lint = (text: string, config?: Parameters<typeof resolveLintConfig>[0], file = 'rules/r.yml', fix = false) =>
  lintSources([{ file, text }], { checks: registry, config: resolveLintConfig(config, registry), fix })

describe('lint engine', () => {
  it("a finding about a whole document (a missing description) hides no schema error on the document's first line, in any document of a file", async () => {
    const doc = 'title: 123\nid: 6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  sel: {verb: create}\n  condition: sel\n'
    const r = await lint(`${doc}---\n${doc.replace('6e3c6f0a', '7e3c6f0a')}`)
    const at = (check: string) => r.findings.filter((f) => f.check === check).map((f) => [f.line, f.column])
    expect(at('sigma-required-metadata')).toEqual([[1, 1], [8, 1]])
    expect(at('sigma-schema')).toEqual([[1, 8], [8, 8]])
  })

  it('maps with a toString key anywhere are reported as wrong values, never a check that failed', async () => {
    const hostile = `title: {toString: false}
id: {valueOf: 1}
status: {toString: false}
level: {toString: false}
tags: [{toString: false}]
date: {toString: false}
logsource: {product: kubernetes, service: audit}
detection:
  selection:
    verb: {toString: false}
    user.username|cidr: [{toString: false}]
    objectRef.name|re: {toString: false}
  condition: selection
`
    const panther = 'AnalysisType: rule\nRuleID: {toString: false}\nEnabled: true\nFilename: {toString: false}\nLogTypes: [{toString: false}]\nSeverity: {toString: false}\nTests: []\n'
    const r = await lintSources([{ file: 'rules/a.yml', text: hostile }, { file: 'rules/b.yml', text: panther }], { checks: registry, config: resolveLintConfig(undefined, registry) })
    expect(r.findings.filter((f) => f.message.includes('failed here'))).toEqual([])
    expect(r.findings.map((f) => [f.file, f.line, f.check])).toEqual(expect.arrayContaining([
      ['rules/a.yml', 1, 'sigma-schema'], // title, beside the missing description on the same line
      ['rules/a.yml', 2, 'sigma-id'], ['rules/a.yml', 3, 'sigma-status'], ['rules/a.yml', 4, 'sigma-level'], ['rules/a.yml', 5, 'sigma-tag-format'],
      ['rules/a.yml', 11, 'sigma-invalid-cidr'], ['rules/b.yml', 6, 'panther-severity'],
    ]))
  })


  it('a check that throws is an error finding at what it was looking at; the other checks and files are linted', async () => {
    const broken = defineCheck({
      id: 'broken-check',
      meta: { kind: 'problem', description: 'Throws on every value.', defaultSeverity: 'warning', recommended: true, appliesTo: ['sigma'], fixable: false, messages: { never: 'never' }, schema: { type: 'object', additionalProperties: false } },
      defaultOptions: {},
      create: () => ({
        value() {
          throw new TypeError('Cannot convert object to primitive value')
        },
      }),
    })
    const checks = { ...registry, 'broken-check': broken }
    const r = await lintSources([{ file: 'rules/a.yml', text: RULE }, { file: 'rules/b.yml', text: RULE }], { checks, config: resolveLintConfig(undefined, checks) })
    const failed = r.findings.filter((f) => f.check === 'broken-check')
    expect(failed).toHaveLength(4)
    expect(failed[0]).toMatchObject({ severity: 'error', file: 'rules/a.yml', line: 9, column: 15, message: expect.stringMatching(/^the check broken-check failed here \(Cannot convert object to primitive value\); a bug in ruleproof/) })
    expect(r.findings.filter((f) => f.check === 'field-value-domain').map((f) => f.file)).toEqual(['rules/a.yml', 'rules/b.yml'])
  })


  it('reports findings with check id, severity and the exact place', async () => {
    const r = await lint(RULE)
    expect(r.findings.map((f) => [f.check, f.severity, f.line, f.column])).toEqual([
      ['field-value-domain', 'error', 9, 15],
      ['sigma-redundant-wildcard', 'warning', 10, 30],
    ])
    expect(r.rules).toBe(1)
  })

  it('honours suppression comments with a reason, for the named check only', async () => {
    const text = RULE.replace('        verb: replace', '        # ruleproof-disable-next-line field-value-domain -- kept verbatim from upstream\n        verb: replace')
    const r = await lint(text)
    expect(r.findings.map((f) => f.check)).toEqual(['sigma-redundant-wildcard'])
  })

  it('reports a suppression without reason (and still applies it)', async () => {
    const text = RULE.replace('        verb: replace', '        verb: replace  # ruleproof-disable-line field-value-domain')
    const r = await lint(text)
    expect(r.findings.map((f) => f.check)).toEqual(['suppression-reason', 'sigma-redundant-wildcard'])
  })

  it('applies severity overrides and per-path settings', async () => {
    const config = {
      severity: { 'sigma-redundant-wildcard': 'error' as const },
      overrides: [{ files: 'legacy/**', checks: ['-field-value-domain'], severity: { 'sigma-redundant-wildcard': 'off' as const } }],
    }
    expect((await lint(RULE, config)).findings.map((f) => [f.check, f.severity])).toEqual([
      ['field-value-domain', 'error'],
      ['sigma-redundant-wildcard', 'error'],
    ])
    expect((await lint(RULE, config, 'legacy/old/r.yml')).findings).toEqual([])
  })

  it('turns on non-default checks with "all" and removes them with "-id"', async () => {
    const r = await lint(RULE, { checks: ['all', '-sigma-redundant-wildcard'] })
    expect(r.findings.map((f) => f.check)).toEqual(['field-value-domain'])
  })

  it('--fix edits only the fixable findings, keeping the rest of the file byte for byte', async () => {
    const r = await lint(RULE, undefined, 'rules/r.yml', true)
    expect(r.fixed.get('rules/r.yml')).toBe(RULE.replace("'*/bin/sh*'", "'/bin/sh'"))
    expect(r.findings.map((f) => f.check)).toEqual(['field-value-domain'])
  })

  it('--fix never writes a fix that makes the file unloadable: the file keeps its last loadable text and the finding stands', async () => {
    // A check whose "fix" breaks the YAML (an unclosed flow sequence where the title was).
    const breaker = defineCheck<'title'>({
      id: 'test-breaks-yaml',
      meta: { kind: 'suggestion', description: 'test only', defaultSeverity: 'warning', recommended: true, appliesTo: ['sigma'], fixable: true, messages: { title: 'title' } },
      create: (ctx) => ({
        rule() {
          const at = ctx.locate(['title'])
          const start = ctx.offsetOf(at)
          ctx.report({ at: { path: ['title'] }, messageId: 'title', fix: { start, end: start + 'Test rule'.length, text: '[unclosed' } })
        },
      }),
    })
    const checks = { ...registry, [breaker.id]: breaker }
    const r = await lintSources([{ file: 'rules/r.yml', text: RULE }], { checks, config: resolveLintConfig(undefined, checks), fix: true })
    expect(r.unloadable).toEqual([])
    // The other fix (the redundant wildcard) was applied in the same pass as the breaking one: both are held back.
    expect(r.fixed.get('rules/r.yml')).toBeUndefined()
    expect(r.findings.map((f) => f.check)).toContain('test-breaks-yaml')
  })

  it('rejects unknown check ids, bad severities and options the check schema refuses', () => {
    expect(() => resolveLintConfig({ checks: ['nope'] }, registry)).toThrow(UsageError)
    expect(() => resolveLintConfig({ severity: { 'sigma-id': 'fatal' as never } }, registry)).toThrow(/severity/)
    expect(() => resolveLintConfig({ options: { 'sigma-regex-redos': { minPolynomialDegree: 1 } } }, registry)).toThrow(/sigma-regex-redos/)
    expect(() => resolveLintConfig({ options: { 'sigma-regex-redos': { colour: 'red' } } }, registry)).toThrow(UsageError)
    expect(() => resolveLintConfig({ bogus: 1 } as never, registry)).toThrow(/unknown key 'bogus'/)
  })

  it('matches globs', () => {
    expect(globToRegExp('rules/**/*.yml').test('rules/a/b/c.yml')).toBe(true)
    expect(globToRegExp('rules/**/*.yml').test('rules/c.yml')).toBe(true)
    expect(globToRegExp('rules/*.yml').test('rules/a/c.yml')).toBe(false)
    expect(globToRegExp('{a,b}/*.yml').test('b/x.yml')).toBe(true)
  })

  it('lints Panther and Sigma files in one run and counts rules of both', async () => {
    const panther = 'AnalysisType: rule\nRuleID: X.Y\nEnabled: true\nDetection:\n  - KeyPath: verb\n    Condition: Equals\n    Value: create\nSeverity: HIGH\nLogTypes:\n  - Amazon.EKS.Audit\nTests: []\n'
    const r = await lintSources([{ file: 'p.yml', text: panther }, { file: 's.yml', text: RULE }], { checks: registry })
    expect(r.rules).toBe(2)
    expect(r.findings.filter((f) => f.file === 'p.yml').map((f) => f.check)).toContain('panther-severity')
  })
})
