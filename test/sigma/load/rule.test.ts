import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Finding } from '../../../src/model/result.js'
import type { TestCase } from '../../../src/model/rule.js'
import { declaredGap } from '../../../src/report/gap.js'
import { planChecks } from '../../../src/harness/index.js'
import {
  loadSigmaText,
  loadSigmaTestsText,
  sigmaRulesFromDocuments,
  type SigmaViews,
  UnclaimedVariantError,
  UnsupportedFieldError,
} from '../../../src/sigma/index.js'

const RULE = `title: CronJob created
id: 0c9b3bda-41a6-4442-9345-356ae86343dc
name: cronjob_created
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: create
        objectRef.resource: cronjobs
    condition: selection
tests:
    - name: create matches
      expect: match
      event: {verb: create, objectRef: {resource: cronjobs}}
    - name: get does not
      expect: no-match
      event: {verb: get, objectRef: {resource: cronjobs}}
    - name: wrong expectation
      expect: match
      event: {verb: delete, objectRef: {resource: cronjobs}}
`

function rulesOf(text: string, options: Parameters<typeof sigmaRulesFromDocuments>[1] = {}) {
  const loaded = loadSigmaText(text, 'r.yml')
  return sigmaRulesFromDocuments(loaded.documents, options)
}

describe('sigmaRulesFromDocuments', () => {
  it('turns a rule document into a LoadedRule with id, title, file, location and tests', () => {
    const [rule] = rulesOf(RULE)
    expect(rule).toMatchObject({ format: 'sigma', id: '0c9b3bda-41a6-4442-9345-356ae86343dc', title: 'CronJob created', file: 'r.yml' })
    expect(rule!.location).toEqual({ file: 'r.yml', line: 1, column: 1 })
    expect(rule!.tests.map((t) => t.name)).toEqual(['create matches', 'get does not', 'wrong expectation'])
  })

  it('evaluates a record and names the selections that matched', async () => {
    const [rule] = rulesOf(RULE)
    expect(await rule!.evaluate({ verb: 'create', objectRef: { resource: 'cronjobs' } }, 'k8s')).toEqual({ match: true, matched: ['selection'] })
    expect(await rule!.evaluate({ verb: 'get' }, 'k8s')).toEqual({ match: false, matched: [] })
    expect(rule!.fieldsRead!('k8s')).toEqual(['verb', 'objectRef.resource'])
  })

  it('runs embedded tests into embedded results: pass, and fail with expected/actual at the test line', async () => {
    const [rule] = rulesOf(RULE)
    const results = await Promise.all(rule!.tests.map((t) => rule!.runTest(t)))
    expect(results.map((r) => [r.status, r.line, r.expected, r.actual])).toEqual([
      ['pass', 13, 'match', 'match'],
      ['pass', 16, 'no-match', 'no-match'],
      ['fail', 19, 'match', 'no-match'],
    ])
    expect(results[2]).toMatchObject({ rule: '0c9b3bda-41a6-4442-9345-356ae86343dc', file: 'r.yml', test: 'wrong expectation', variant: 'k8s', kind: 'embedded', message: 'expected match, got no-match' })
  })

  it("applies a test's override for its own variant and says why", async () => {
    const [rule] = rulesOf(RULE.replace('      event: {verb: delete', '      overrides: {k8s: {expect: no-match, reason: deletes are out of scope}}\n      event: {verb: delete'))
    const result = await rule!.runTest(rule!.tests[2]!)
    expect(result).toMatchObject({ status: 'pass', expected: 'no-match', message: 'declared gap: deletes are out of scope' })
    expect(declaredGap(result)).toBe('deletes are out of scope') // every report reads it the same way
  })

  it('reports compile errors at their place: to the findings sink, or thrown as a LoadError', () => {
    const bad = RULE.replace('objectRef.resource: cronjobs', 'objectRef.resource|nosuchmodifier: cronjobs')
    const findings: Finding[] = []
    expect(rulesOf(bad, { findings })).toEqual([])
    expect(findings).toEqual([expect.objectContaining({ check: 'sigma-compile', file: 'r.yml', line: 10, rule: '0c9b3bda-41a6-4442-9345-356ae86343dc' })])
    expect(() => rulesOf(bad)).toThrow(/nosuchmodifier/)
    const cond = RULE.replace('condition: selection', 'condition: selection and nothere')
    const f2: Finding[] = []
    rulesOf(cond, { findings: f2 })
    // At the identifier inside the condition, past the quote when the scalar is quoted.
    expect(f2[0]).toMatchObject({ line: 11, column: 30 })
    expect(f2[0]!.message).toMatch(/nothere/)
    const f3: Finding[] = []
    rulesOf(RULE.replace('condition: selection', "condition: 'selection and nothere'"), { findings: f3 })
    expect(f3[0]).toMatchObject({ line: 11, column: 31 })
    // Block scalars keep the scalar's own place.
    const block = RULE.replace('condition: selection', 'condition: >\n        selection and nothere')
    const f4: Finding[] = []
    rulesOf(block, { findings: f4 })
    const start = loadSigmaText(block, 'r.yml').documents[0]!.map.value(['detection', 'condition'])
    expect(f4[0]).toMatchObject({ line: start.line, column: start.column })
  })

  it('leaves out documents that failed the schema, and correlations', () => {
    expect(rulesOf(RULE.replace('title: CronJob created\n', ''))).toEqual([])
    const corr = `title: c\ncorrelation:\n    type: event_count\n    rules: [cronjob_created]\n    group-by: [user.username]\n    timespan: 5m\n    condition: {gte: 2}\n`
    expect(rulesOf(RULE + '---\n' + corr).map((r) => r.title)).toEqual(['CronJob created'])
  })

  it('applies a filter of the same file to the rule it names (rule AND filter condition)', async () => {
    const filter = `title: not the backup operator
logsource:
    product: kubernetes
filter:
    rules: [cronjob_created]
    selection:
        user.username: backup-operator
    condition: not selection
`
    const [rule] = rulesOf(RULE + '---\n' + filter)
    const create = { verb: 'create', objectRef: { resource: 'cronjobs' } }
    expect((await rule!.evaluate({ ...create, user: { username: 'jdoe' } }, 'k8s')).match).toBe(true)
    expect((await rule!.evaluate({ ...create, user: { username: 'backup-operator' } }, 'k8s')).match).toBe(false)
    const other = filter.replace('product: kubernetes', 'product: windows')
    const [unfiltered] = rulesOf(RULE + '---\n' + other)
    expect((await unfiltered!.evaluate({ ...create, user: { username: 'backup-operator' } }, 'k8s')).match).toBe(true)
  })

  it('adds sidecar tests to the rule (by rule: reference or as the only rule) and reports unplaceable ones', () => {
    const side = loadSigmaTestsText('tests:\n  - name: s1\n    expect: match\n    event: {verb: create}\n  - name: s2\n    rule: nope\n    expect: match\n    event: {}\n', 'r.tests.yml')
    const findings: Finding[] = []
    const [rule] = rulesOf(RULE, { sidecarTests: side.tests, findings })
    expect(rule!.tests.map((t) => t.name)).toEqual(['create matches', 'get does not', 'wrong expectation', 's1'])
    expect(findings).toEqual([expect.objectContaining({ file: 'r.tests.yml', line: 5, message: "test 's2' names rule 'nope', which is not in the rule file" })])
  })

  it('hands scenario declarations (embedded and sidecar) to the harness as rule.scenarios, not as tests', () => {
    const text = `${RULE}    - family: atomic.*-cronjob\n      expect: match\n    - family: benign.log-rotation-cronjob\n      expect: no-match\n      variants: [aks]\n      reason: admin counts as system on AKS\n`
    const side = loadSigmaTestsText('tests:\n  - family: noise.read\n    expect: no-match\n  - family: noise.denied\n    rule: nope\n    expect: no-match\n', 'r.tests.yml')
    const findings: Finding[] = []
    const views: SigmaViews = { claimedVariants: () => ['k8s', 'aks'], viewFor: () => undefined }
    const [rule] = rulesOf(text, { sidecarScenarios: side.scenarios, findings, views })
    expect(findings).toEqual([expect.objectContaining({ file: 'r.tests.yml', line: 4, message: "scenario 'noise.denied' names rule 'nope', which is not in the rule file" })])
    expect(rule!.tests.map((t) => t.name)).toEqual(['create matches', 'get does not', 'wrong expectation'])
    expect(rule!.scenarios).toEqual({
      match: ['atomic.*-cronjob'],
      ignore: ['benign.log-rotation-cronjob', 'noise.read'],
      gaps: [{ families: ['benign.log-rotation-cronjob'], variants: ['aks'], reason: 'admin counts as system on AKS' }],
      location: { file: 'r.yml', line: 22, column: 7 },
      locations: {
        'atomic.*-cronjob': { file: 'r.yml', line: 22, column: 7 },
        'benign.log-rotation-cronjob': { file: 'r.yml', line: 24, column: 7 },
        'noise.read': { file: 'r.tests.yml', line: 2, column: 5 },
      },
    })
    // The harness plans them as scenario checks at each item's line, with the declared gap.
    const families = { names: ['atomic.reverse-shell-cronjob', 'benign.log-rotation-cronjob', 'noise.read'], arbitrary: () => fc.constant(undefined as never) }
    const { checks, problems } = planChecks([rule!], families, { kinds: ['embedded', 'scenario'] })
    expect(problems).toEqual([])
    expect(checks.filter((c) => c.kind === 'embedded')).toHaveLength(3)
    expect(checks.filter((c) => c.kind === 'scenario').map((c) => `${c.family} [${c.variant}] ${c.expect} ${c.location.file}:${c.location.line}${c.gap ? ' gap' : ''}`)).toEqual([
      'atomic.reverse-shell-cronjob [k8s] true r.yml:22',
      'atomic.reverse-shell-cronjob [aks] true r.yml:22',
      'benign.log-rotation-cronjob [k8s] false r.yml:24',
      'benign.log-rotation-cronjob [aks] false r.yml:24 gap',
      'noise.read [k8s] false r.tests.yml:2',
      'noise.read [aks] false r.tests.yml:2',
    ])
  })

  it('reads each variant through its view, and refuses to evaluate where a field is not provided', async () => {
    const views: SigmaViews = {
      claimedVariants: () => ['k8s', 'gke'],
      viewFor: (_ls, variant) =>
        variant === 'gke'
          ? {
              accessor: (field) => (field === 'verb' ? (r) => String((r as { protoPayload: { methodName: string } }).protoPayload.methodName).split('.').pop() : undefined),
              unsupported: (field) => `GKE keeps ${field} elsewhere`,
            }
          : undefined,
    }
    const [rule] = rulesOf(RULE, { views })
    expect(rule!.variants).toEqual(['k8s', 'gke'])
    await expect(rule!.evaluate({ protoPayload: { methodName: 'io.k8s.batch.v1.cronjobs.create' } }, 'gke')).rejects.toBeInstanceOf(UnsupportedFieldError)
    const gkeTest: TestCase = { name: 'on gke', expect: true, variant: 'gke', event: {}, location: { file: 'r.yml', line: 1, column: 1 } }
    const result = await rule!.runTest(gkeTest)
    expect(result.status).toBe('error')
    expect(result.message).toBe('not evaluable on gke: field objectRef.resource is not provided (GKE keeps objectRef.resource elsewhere)')
  })

  it('refuses a variant the logsource is not read on, and reads unclaimed logsources raw', async () => {
    const views: SigmaViews = { claimedVariants: () => ['k8s'], viewFor: () => undefined }
    const [rule] = rulesOf(RULE, { views })
    const create = { verb: 'create', objectRef: { resource: 'cronjobs' } }
    expect((await rule!.evaluate(create, 'k8s')).match).toBe(true)
    await expect(rule!.evaluate(create, 'azure-activity')).rejects.toBeInstanceOf(UnclaimedVariantError)
    const [raw] = rulesOf(RULE, { views: { claimedVariants: () => [], viewFor: () => undefined } })
    expect((await raw!.evaluate(create, 'gke')).match).toBe(true)
  })

  it('uses the shipped pipelines by default: kubernetes/audit is claimed on k8s, eks, aks and gke', () => {
    const [rule] = rulesOf(RULE)
    expect(rule!.variants).toEqual(['k8s', 'eks', 'aks', 'gke'])
  })

  it('warns about a test written in a variant the rule is not read on', () => {
    const findings: Finding[] = []
    rulesOf(RULE.replace('    - name: get does not\n', '    - name: get does not\n      variant: azure-activity\n'), { findings })
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'sigma-tests',
        severity: 'warning',
        line: 16,
        message: "test 'get does not' has an event of variant azure-activity, but the rule's logsource is read on k8s, eks, aks, gke only",
      }),
    ])
  })
})

describe('a list of conditions', () => {
  const text = `title: Exec or attach
logsource: {product: kubernetes, service: audit}
detection:
    exec:
        objectRef.subresource: exec
    attach:
        objectRef.subresource: attach
    condition:
        - exec
        - attach
`
  it('loads with a warning at the condition: the spec allows it, the 2.1.0 schema does not', () => {
    const { documents, findings } = loadSigmaText(text, 'r.yml')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ severity: 'warning', line: 9, column: 9 })
    expect(documents[0]!.valid).toBe(true)
  })

  it('matches when any one condition matches (OR)', async () => {
    const [rule] = rulesOf(text)
    expect((await rule!.evaluate({ objectRef: { subresource: 'attach' } }, 'k8s')).match).toBe(true)
    expect((await rule!.evaluate({ objectRef: { subresource: 'exec' } }, 'k8s')).match).toBe(true)
    expect((await rule!.evaluate({ objectRef: { subresource: 'log' } }, 'k8s')).match).toBe(false)
  })
})
