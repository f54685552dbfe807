import { describe, expect, it } from 'vitest'
import { renderFindings, renderResults, summarizeFindings, summarizeResults, type JsonFindingsReport, type JsonResultsReport } from '../../src/report/index.js'
import { ROOT, findings, results } from './fixtures.js'

describe('json reporter', () => {
  const report = JSON.parse(renderResults('json', results, { root: ROOT })) as JsonResultsReport

  it('has exactly the documented top-level and summary keys', () => {
    expect(Object.keys(report)).toEqual(['summary', 'results'])
    expect(report.summary).toEqual(summarizeResults(results))
    expect(Object.keys(report.summary)).toEqual(['passed', 'failed', 'errors', 'skipped', 'notLoaded', 'blocked'])
  })

  it('every result has the ten documented keys in order, null where unknown', () => {
    const keys = ['rule', 'file', 'line', 'test', 'variant', 'kind', 'status', 'expected', 'actual', 'message']
    for (const r of report.results) expect(Object.keys(r).slice(0, 10)).toEqual(keys)
    expect(report.results[3]).toMatchObject({ expected: null, actual: null, status: 'skip' })
    expect(report.results[0]).toMatchObject({ file: 'rules/cron.yml', line: 40, message: null })
  })

  it('seed, path and event appear only for generated events', () => {
    expect(report.results[4]).toMatchObject({ seed: 42, path: '3:1:0', event: { verb: 'create' } })
    expect('seed' in report.results[0]!).toBe(false)
    expect('event' in report.results[1]!).toBe(false)
  })

  it("passes on a Panther result's outputs and stdout as optional keys after the fixed ones", () => {
    const panther = { ...results[0]!, outputs: { title: 'CronJob default/backup created', dedup: 'admin' }, stdout: 'debug: seen\n' }
    const [r] = (JSON.parse(renderResults('json', [panther, results[1]!], { root: ROOT })) as JsonResultsReport).results
    expect(Object.keys(r!)).toEqual(['rule', 'file', 'line', 'test', 'variant', 'kind', 'status', 'expected', 'actual', 'message', 'outputs', 'stdout'])
    expect(r).toMatchObject({ outputs: { title: 'CronJob default/backup created', dedup: 'admin' }, stdout: 'debug: seen\n' })
    expect('outputs' in report.results[1]!).toBe(false)
  })

  it('keeps the input order and every result', () => {
    expect(report.results.map((r) => r.status)).toEqual(results.map((r) => r.status))
  })

  it('findings use the lint shape', () => {
    const out = JSON.parse(renderFindings('json', findings, summarizeFindings(findings, { files: 3, rules: 2 }), { root: ROOT })) as JsonFindingsReport
    expect(out.summary).toEqual({ files: 3, rules: 2, error: 1, warning: 1, note: 1 })
    expect(out.findings[0]).toEqual({ check: 'sigma-schema', severity: 'error', file: 'rules/cron.yml', line: 3, column: 5, message: "unknown key 'titel', did you mean: title?", rule: 'K8S-001' })
    expect(Object.keys(out.findings[2]!)).toEqual(['check', 'severity', 'file', 'line', 'column', 'message'])
  })
})
