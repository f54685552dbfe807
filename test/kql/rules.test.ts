// Sentinel KQL rules through discovery and the loader: the rule YAML and its schema errors at
// their keys, sidecar tests, bare .kql files, syntax and unsupported findings at file:line:column
// of the query inside the YAML, claimed variants from the tables read, and the seed.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRuleSet } from '../../src/rules/index.js'
import type { KqlLoadedRule } from '../../src/kql/index.js'
import { repo } from '../rules/fixtures.js'
import { sentinelRule as rule } from './fixture.js'

const ID = '0b7a5a4e-3f1c-4c2e-9d7b-6a5e4d3c2b1a'

const sentinelRule = (query: string, extra = ''): string => rule({ id: ID, query, connectors: true, extra })

const QUERY = `AzureDiagnostics
| where Category == "kube-audit"
| extend Log = parse_json(log_s)
| where tostring(Log.verb) == "create" and tostring(Log.objectRef.resource) == "cronjobs"
| project TimeGenerated, User = tostring(Log.user.username)`

const row = (verb: string, user = 'alice'): string =>
  JSON.stringify({ Category: 'kube-audit', TimeGenerated: '2026-01-05T10:00:00Z', log_s: JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'x', stage: 'ResponseComplete', verb, user: { username: user }, objectRef: { resource: 'cronjobs', namespace: 'default', name: 'c' }, requestReceivedTimestamp: '2026-01-05T10:00:00Z', stageTimestamp: '2026-01-05T10:00:00Z' }) })

async function load(files: Record<string, string>) {
  const dir = repo(files)
  const set = await loadRuleSet([dir], { cwd: dir })
  return { dir, set, rules: set.rules as KqlLoadedRule[] }
}

describe('Sentinel rule YAML', () => {
  it('loads as a sentinel-kql rule claiming the variant of the tables it reads, with its sidecar tests', async () => {
    const { set, rules } = await load({
      'r.yaml': sentinelRule(QUERY),
      'r.ruleproof.yml': `tests:\n  - name: create\n    expect: match\n    values: { User: alice }\n    event: ${row('create')}\n  - name: get\n    expect: no-match\n    event: ${row('get')}\n`,
    })
    expect(set.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(rules).toHaveLength(1)
    const r = rules[0]!
    expect(r).toMatchObject({ format: 'sentinel-kql', id: ID, title: 'CronJob created (test)', variants: ['aks'] })
    expect(r.tests.map((t) => [t.name, t.variant, t.expect, t.location.line])).toEqual([['create', 'aks', true, 2], ['get', 'aks', false, 6]])
    const results = await Promise.all(r.tests.map((t) => r.runTest(t)))
    expect(results.map((x) => x.status)).toEqual(['pass', 'pass'])
  })

  it('a wrong expectation fails, and the message shows the rows the query returned', async () => {
    const { rules } = await load({
      'r.yaml': sentinelRule(QUERY),
      'r.ruleproof.yml': `tests:\n  - name: wrong user\n    expect: match\n    values: { User: bob }\n    event: ${row('create')}\n  - name: wrong verdict\n    expect: no-match\n    event: ${row('create')}\n`,
    })
    const r = rules[0]!
    const [a, b] = await Promise.all(r.tests.map((t) => r.runTest(t)))
    expect(a).toMatchObject({ status: 'fail' })
    expect(a!.message).toMatch(/column User: expected "bob", got "alice".*returned 1 row: \{"TimeGenerated":"2026-01-05T10:00:00Z","User":"alice"\}/)
    expect(b).toMatchObject({ status: 'fail', expected: 'no-match', actual: 'match' })
  })

  it('aggregating queries take events: and now:', async () => {
    const q = `AzureDiagnostics\n| where TimeGenerated > ago(1h)\n| extend Log = parse_json(log_s)\n| summarize Deleted = countif(tostring(Log.verb) == "delete") by User = tostring(Log.user.username)\n| where Deleted >= 2`
    const { rules } = await load({
      'r.yaml': sentinelRule(q),
      'r.ruleproof.yml': `tests:\n  - name: two deletes\n    expect: match\n    values: { User: alice, Deleted: 2 }\n    events:\n      - ${row('delete')}\n      - ${row('delete')}\n      - ${row('create')}\n  - name: too late\n    expect: no-match\n    now: "2026-01-05T12:00:00Z"\n    events:\n      - ${row('delete')}\n      - ${row('delete')}\n`,
    })
    const r = rules[0]!
    expect((await Promise.all(r.tests.map((t) => r.runTest(t)))).map((x) => [x.status, x.message])).toEqual([['pass', undefined], ['pass', undefined]])
  })

  it('schema errors point at their keys', async () => {
    const { set, rules } = await load({ 'r.yaml': sentinelRule(QUERY, 'severity2: High\n').replace('severity: Medium', 'severity: Urgent').replace('triggerThreshold: 0', 'triggerThreshold: many') })
    expect(rules).toHaveLength(1)
    const errs = set.findings.filter((f) => f.check === 'kql-schema').map((f) => [f.line, f.column, f.message])
    expect(errs).toEqual(expect.arrayContaining([
      [4, 11, expect.stringMatching(/^severity must match/)],
      [12, 19, 'triggerThreshold must be integer'],
      [25, 1, "'severity2' is not a key of a Sentinel analytics rule"],
    ]))
  })

  it('a syntax error is Kusto\'s own, at file:line:column inside the block scalar', async () => {
    const { set, rules } = await load({ 'r.yaml': sentinelRule('AzureDiagnostics\n| where (Category == "kube-audit"\n| take 1') })
    expect(rules).toHaveLength(0)
    const f = set.findings.find((x) => x.check === 'kql-syntax')!
    // Kusto reports the missing ')' where the query ends.
    expect(f).toMatchObject({ severity: 'error', line: 20, column: 11 })
    expect(f.message).toMatch(/^KQL syntax error KS\d+: Expected: \)/)
  }, 60_000)

  it('what the engine does not evaluate is an unsupported finding at its place', async () => {
    const { set, rules } = await load({ 'r.yaml': sentinelRule('AzureDiagnostics\n| make-series n = count() on TimeGenerated step 1h') })
    expect(rules).toHaveLength(0)
    expect(set.findings.find((x) => x.check === 'kql-unsupported')).toMatchObject({ line: 19, column: 5, message: "unsupported by ruleproof's KQL engine: `make-series`" })
  })

  it('a table without a Sentinel view is a finding at the table name', async () => {
    const { set } = await load({ 'r.yaml': sentinelRule('AzureDiagnostics\n| join (SigninLogs | take 1) on Category') })
    expect(set.findings.find((x) => x.check === 'kql-query')).toMatchObject({ line: 19, column: 11, message: expect.stringMatching(/no Sentinel view of table 'SigninLogs'/) })
  })

  it('a stub without a query is a note', async () => {
    const { set, rules } = await load({ 'r.yaml': `id: ${ID}\nname: moved\ndescription: 'moved elsewhere'\nversion: 2.0.0\n` })
    expect(rules).toHaveLength(0)
    expect(set.findings.map((f) => [f.check, f.severity])).toEqual([['kql-schema', 'note']])
  })

  it('bad tests are errors at their keys; the others still load', async () => {
    const { set, rules } = await load({
      'r.yaml': sentinelRule(QUERY),
      'r.ruleproof.yml': `tests:\n  - name: no verdict\n    event: {}\n  - name: both\n    expect: match\n    event: {}\n    events: [{}]\n  - name: ok\n    expect: no-match\n    colour: red\n    event: ${row('get')}\n`,
    })
    expect(rules[0]!.tests.map((t) => t.name)).toEqual(['ok'])
    expect(set.findings.filter((f) => f.check === 'kql-tests').map((f) => [f.line, f.message])).toEqual([
      [2, "expect must be 'match' or 'no-match'"],
      [4, 'a test needs exactly one of event (one record) or events (a list)'],
      [10, expect.stringMatching(/^unknown test key 'colour'/)],
    ])
  })
})

describe('bare .kql with a sidecar', () => {
  it('takes metadata and tests from <name>.ruleproof.yml; errors point into the .kql file', async () => {
    const { rules, set } = await load({
      'q.kql': QUERY,
      'q.ruleproof.yml': `id: ${ID}\nname: from the sidecar\nseverity: High\ntests:\n  - name: create\n    expect: match\n    event: ${row('create')}\n`,
      'bad.kql': 'AzureDiagnostics\n| where Category has_any_cs ("x")',
    })
    expect(rules.map((r) => [r.title, r.file.endsWith('q.kql')])).toEqual([['from the sidecar', true]])
    expect((await rules[0]!.runTest(rules[0]!.tests[0]!)).status).toBe('pass')
    const f = set.findings.find((x) => x.file.endsWith('bad.kql'))!
    expect([f.check, f.line, f.column]).toEqual(['kql-unsupported', 2, 18])
  })
})

describe('the seed (rules/sentinel)', () => {
  it('loads with its tests; every test passes, the AKSAudit ones as declared gaps', async () => {
    const dir = path.resolve(import.meta.dirname, '../../rules/sentinel')
    const set = await loadRuleSet([dir], { cwd: dir })
    expect(set.findings.filter((f) => f.severity !== 'note')).toEqual([])
    const r = set.rules[0]!
    expect(r.variants).toEqual(['aks'])
    const results = await Promise.all(r.tests.map((t) => r.runTest(t)))
    expect(results.filter((x) => x.status !== 'pass')).toEqual([])
    expect(results.filter((x) => x.message?.includes('declared gap')).map((x) => x.test)).toEqual([
      'Test 1 as an AKSAudit row: the query is blind to resource-specific tables',
      'Test 2 as an AKSAuditAdmin row: the query is blind to resource-specific tables',
    ])
    expect(results.filter((x) => x.expected === 'match')).toHaveLength(5)
  })
})

describe('docs/kql.md', () => {
  it('is what scripts/gen-docs.ts generates from the engine\'s tables (run it after changing the engine)', async () => {
    const { readFileSync } = await import('node:fs')
    const { renderKqlDoc } = await import('../../src/kql/docs.js')
    expect(readFileSync(path.resolve(import.meta.dirname, '../../docs/kql.md'), 'utf8')).toBe(renderKqlDoc())
  })
})
