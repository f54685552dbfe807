import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type * as Sarif from 'sarif'
import { describe, expect, it } from 'vitest'
import { renderFindings, renderResults, renderSarif, summarizeFindings } from '../../src/report/index.js'
import { ROOT, findings, results } from './fixtures.js'
import { githubSarifSchema, githubUploadProblems } from './sarif-github-schema.js'
import { renderCheckReport } from '../../src/harness/check-report.js'
import { summarizeResults } from '../../src/report/index.js'

const addFormats = addFormatsModule.default
const validateGitHub = new Ajv2020({ allErrors: true, strict: false }).compile(githubSarifSchema)

/**
 * The official OASIS SARIF 2.1.0 schema, when a package that ships it is installed
 * (`@microsoft/jest-sarif` has `lib/schemas/sarif-2.1.0-rtm.5.json`). It is draft-04; its
 * `id` is renamed to `$id` for ajv's draft-07 validator, which reads the rest the same way.
 */
function officialValidator(): ((doc: unknown) => boolean) | undefined {
  let file: string
  try {
    file = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
  } catch {
    return undefined
  }
  if (!existsSync(file)) return undefined
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  delete schema['$schema']
  schema['$id'] = schema['id']
  delete schema['id']
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })
  addFormats(ajv)
  return ajv.compile(schema)
}
const official = officialValidator()

function errorsOf(doc: unknown): unknown {
  validateGitHub(doc)
  return validateGitHub.errors
}

describe('sarif reporter (results)', () => {
  const log = JSON.parse(renderResults('sarif', results, { root: ROOT, version: '9.9.9' })) as Sarif.Log
  const run = log.runs[0]!

  it("meets GitHub code scanning's requirements", () => {
    expect(errorsOf(log)).toBeNull()
  })

  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(official, '@microsoft/jest-sarif (devDependency) ships the official schema').toBeDefined()
    expect(official!(log)).toBe(true)
  })

  it('reports failed and errored checks only, at the rule file line, with a stable fingerprint', () => {
    expect(run.results).toHaveLength(2)
    const [fail, error] = run.results!
    expect(fail!.ruleId).toBe('ruleproof/replay')
    expect(run.tool.driver.rules![fail!.ruleIndex!]!.id).toBe(fail!.ruleId)
    expect(fail!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('rules/cron.yml')
    expect(fail!.locations![0]!.physicalLocation!.region!.startLine).toBe(40)
    expect(fail!.message.text).toContain('K8S-001 › create cronjob [eks] (replay): expected match, got no match')
    expect(error!.properties).toMatchObject({ seed: 42, path: '3:1:0', variant: 'aks' })
    const again = JSON.parse(renderResults('sarif', [...results].reverse(), { root: ROOT })) as Sarif.Log
    const fp = (r: Sarif.Result) => r.partialFingerprints!['ruleproofCheck/v1']
    expect(new Set(again.runs[0]!.results!.map(fp))).toEqual(new Set(run.results!.map(fp)))
  })

  it('names the tool and describes every check kind', () => {
    expect(run.tool.driver).toMatchObject({ name: 'ruleproof', semanticVersion: '9.9.9' })
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(['ruleproof/embedded', 'ruleproof/replay', 'ruleproof/property', 'ruleproof/scenario', 'ruleproof/consistency'])
  })

  it('cuts at maxResults and says so', () => {
    const cut = JSON.parse(renderResults('sarif', results, { maxResults: 1 })) as Sarif.Log
    expect(cut.runs[0]!.results).toHaveLength(1)
    expect(cut.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toMatch(/^1 of 2 results were left out/)
  })

  it('percent-encodes artifact URIs', () => {
    const odd = JSON.parse(renderResults('sarif', [{ ...results[1]!, file: '/repo/rules/my rule #1%.yml' }], { root: ROOT })) as Sarif.Log
    expect(odd.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('rules/my%20rule%20%231%25.yml')
    expect(errorsOf(odd)).toBeNull()
  })

  it('a clean run is a valid log with no results', () => {
    const clean = JSON.parse(renderResults('sarif', results.filter((r) => r.status === 'pass'))) as Sarif.Log
    expect(clean.runs[0]!.results).toEqual([])
    expect(errorsOf(clean)).toBeNull()
  })
})

describe('sarif reporter (findings)', () => {
  const summary = summarizeFindings(findings, { files: 3, rules: 2 })
  const log = JSON.parse(
    renderFindings('sarif', findings, summary, { root: ROOT, checks: { 'sigma-schema': { description: 'The rule breaks the Sigma schema.', help: 'Fix the key.', helpUri: 'https://example.invalid/sigma-schema' } } }),
  ) as Sarif.Log
  const run = log.runs[0]!

  it("meets GitHub code scanning's requirements", () => {
    expect(errorsOf(log)).toBeNull()
  })

  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(official, '@microsoft/jest-sarif (devDependency) ships the official schema').toBeDefined()
    expect(official!(log)).toBe(true)
  })

  it('one descriptor per check id that occurs, with the meta the linter passes', () => {
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(['description-missing', 'sigma-schema', 'title-length'])
    expect(run.tool.driver.rules![1]).toMatchObject({ shortDescription: { text: 'The rule breaks the Sigma schema.' }, help: { text: 'Fix the key.' }, helpUri: 'https://example.invalid/sigma-schema' })
  })

  it('maps severity to level and keeps line, column and end position', () => {
    expect(run.results!.map((r) => r.level)).toEqual(['error', 'warning', 'note'])
    expect(run.results![1]!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 1, startColumn: 8, endLine: 1, endColumn: 20 })
    for (const r of run.results!) expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId)
  })
})

describe('sarif of `check` (findings and failed checks together)', () => {
  const text = renderCheckReport('sarif', results, summarizeResults(results), findings, {
    root: ROOT,
    files: 3,
    rules: 2,
    checks: { 'sigma-schema': { description: 'The rule breaks the Sigma schema.', help: 'Fix the key.' } },
  })
  const log = JSON.parse(text) as Sarif.Log

  it('is one run of one driver with one rule list: the check kinds, then the lint checks', () => {
    expect(log.runs).toHaveLength(1)
    const run = log.runs[0]!
    expect(run.tool.driver.name).toBe('ruleproof')
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([
      'ruleproof/embedded',
      'ruleproof/replay',
      'ruleproof/property',
      'ruleproof/scenario',
      'ruleproof/consistency',
      'description-missing',
      'sigma-schema',
      'title-length',
    ])
    // Findings first, then failed and errored checks; every ruleIndex points at its rule.
    expect(run.results!.map((r) => r.ruleId)).toEqual(['sigma-schema', 'title-length', 'description-missing', 'ruleproof/replay', 'ruleproof/scenario'])
    for (const r of run.results!) expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId)
  })

  it('meets the SARIF schema and GitHub\'s documented upload rules', () => {
    expect(errorsOf(log)).toBeNull()
    expect(official, '@microsoft/jest-sarif (devDependency) ships the official schema').toBeDefined()
    expect(official!(log)).toBe(true)
    expect(githubUploadProblems(log as never, text)).toEqual([])
  })

  it('the upload rules catch what GitHub rejects: two runs of one tool and category', () => {
    const twice = { ...log, runs: [log.runs[0]!, log.runs[0]!] }
    expect(githubUploadProblems(twice as never)).toEqual(["run 1 has the same tool (ruleproof) and category ('') as an earlier run"])
    const categorised = { ...log, runs: [{ ...log.runs[0]!, automationDetails: { id: 'lint/' } }, { ...log.runs[0]!, automationDetails: { id: 'tests/' } }] }
    expect(githubUploadProblems(categorised as never)).toEqual([])
    const wrongIndex = { runs: [{ ...log.runs[0]!, results: [{ ...log.runs[0]!.results![0]!, ruleIndex: 0 }] }] }
    expect(githubUploadProblems(wrongIndex as never)).toEqual(['run 0 result 0: ruleIndex 0 is not rule sigma-schema'])
  })

  it('cuts findings and checks together at maxResults, and says so', () => {
    const cut = JSON.parse(renderSarif({ results, findings }, { maxResults: 2 })) as Sarif.Log
    expect(cut.runs[0]!.results).toHaveLength(2)
    expect(cut.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toMatch(/^3 of 5 results were left out/)
  })
})
