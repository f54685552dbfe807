import { describe, expect, it } from 'vitest'
import { compileDetection } from '../../../src/sigma/compile/index.js'
import { cli, rule, scratch } from './helpers.js'

// Cases from other Sigma evaluators' test suites where the spec is clear and ruleproof disagreed.
describe('Sigma spec corners', () => {
  const lintJson = async (detection: string) => {
    const d = scratch({ 'r.yml': rule({ id: '33333333-3333-4333-8333-333333333333', detection }) })
    const r = await cli(d, 'lint', 'r.yml', '--format', 'json')
    return (JSON.parse(r.stdout) as { findings: { check: string; severity: string; line: number }[] }).findings
  }

  it("'|all' with a single value is an error-level finding (spec: single values must not use all)", async () => {
    const findings = await lintJson("    selection:\n        Image|all: 'notepad.exe'\n    condition: selection")
    expect(findings.filter((f) => f.check === 'sigma-all-single-value')).toMatchObject([{ severity: 'error', line: 13 }])
  })

  it("the spec's invalid example FieldB: ['', null] is an error-level finding", async () => {
    const findings = await lintJson("    selection:\n        FieldB: ['', null]\n    condition: selection")
    expect(findings.filter((f) => f.check === 'sigma-null-in-list')).toMatchObject([{ severity: 'error', line: 13 }])
  })

  it('f|exists: true holds on {"f": null}: presence only, "be it empty or null"', () => {
    const exists = compileDetection({ selection: { 'f|exists': true }, condition: 'selection' })
    expect(exists.match({ f: null })).toBe(true)
    expect(exists.match({ f: '' })).toBe(true)
    expect(exists.match({})).toBe(false)
    const absent = compileDetection({ selection: { 'f|exists': false }, condition: 'selection' })
    expect(absent.match({ f: null })).toBe(false)
    expect(absent.match({})).toBe(true)
  })
})
