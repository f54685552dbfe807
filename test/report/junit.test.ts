import { describe, expect, it } from 'vitest'
import { escapeXml, renderResults } from '../../src/report/index.js'
import type { Result } from '../../src/model/result.js'
import { ROOT, results } from './fixtures.js'
import { findAll, parseXml } from './xml.js'

describe('junit reporter', () => {
  const xml = renderResults('junit', results, { root: ROOT })
  const root = parseXml(xml)

  it('is well-formed XML with a testsuites root carrying the run totals', () => {
    expect(root.name).toBe('testsuites')
    expect(root.attributes).toMatchObject({ tests: '6', failures: '1', errors: '1', skipped: '1' })
  })

  it('groups by rule file by default, with per-suite counts', () => {
    const suites = findAll(root, 'testsuite')
    expect(suites.map((s) => s.attributes['name'])).toEqual(['rules/cron.yml', 'rules/job.yml'])
    expect(suites[0]!.attributes).toMatchObject({ tests: '4', failures: '1', errors: '0', skipped: '1' })
    expect(suites[1]!.attributes).toMatchObject({ tests: '2', failures: '0', errors: '1', skipped: '0' })
  })

  it('names each case by rule (classname) and test, variant and kind, with file and line', () => {
    const cases = findAll(root, 'testcase')
    expect(cases).toHaveLength(6)
    expect(cases[1]!.attributes).toMatchObject({ classname: 'K8S-001', name: 'create cronjob [eks] (replay)', file: 'rules/cron.yml', line: '40' })
  })

  it('round-trips hostile text through escaping', () => {
    const failure = findAll(root, 'failure')[0]!
    expect(failure.attributes['message']).toBe('expected match, got no match: field <objectRef.resource> & "verb" differ\nsecond line, with: colon 100%')
    const error = findAll(root, 'error')[0]!
    expect(error.text).toContain(']]> </failure> `x`')
    expect(error.text).toContain('worker crashed\\u0007')
    expect(error.text).toContain('seed=42 path=3:1:0')
  })

  it('marks skips and declared gaps', () => {
    expect(findAll(root, 'skipped')[0]!.attributes['message']).toBe('AKS admin log drops reads')
    const gap = findAll(root, 'property').find((p) => p.attributes['name'] === 'declared-gap')
    expect(gap?.attributes['value']).toBe('GKE has no stage field')
  })

  it('can group by check kind instead', () => {
    const byKind = parseXml(renderResults('junit', results, { suites: 'kind' }))
    expect(findAll(byKind, 'testsuite').map((s) => s.attributes['name'])).toEqual(['embedded', 'replay', 'scenario'])
  })

  it('stays well-formed whatever the strings hold', () => {
    const nasty = '\u0000\u001f<&>"\'\ud800 ]]> \uffff'
    const r: Result = { rule: nasty, file: nasty, line: 1, test: nasty, variant: 'k8s', kind: 'embedded', status: 'fail', message: nasty }
    expect(() => parseXml(renderResults('junit', [r]))).not.toThrow()
    expect(escapeXml('a<b>&"c\'')).toBe('a&lt;b&gt;&amp;&quot;c&apos;')
  })
})
