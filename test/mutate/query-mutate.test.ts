// ruleproof mutate on Sentinel KQL rules and Splunk detections: a weak rule's untested exclusion
// survives, is placed at its line and column in the rule file, and comes with a ready-to-paste
// sidecar test that kills it; a rule whose tests pin its logic scores 100%.
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { repo } from '../rules/fixtures.js'
import { detection } from '../spl/detection.js'

interface Json {
  summary: { mutants: number; killed: number; survived: number; equivalent: number; errors: number; score: number | null }
  rules: { rule: string; format: string; score: number | null; note?: string }[]
  mutants: { rule: string; file: string; line: number; column: number; operator: string; change: string; diff: string; status: string; killedBy: string[]; suggestion?: string }[]
}

async function mutate(files: Record<string, string>): Promise<Json> {
  const { code, stdout, stderr } = await runCli(repo(files), 'mutate', 'rules', '--format', 'json')
  expect([code, stderr]).toEqual([0, ''])
  const json = JSON.parse(stdout) as Json
  const s = json.summary
  expect(s.killed + s.survived + s.equivalent + s.errors).toBe(s.mutants)
  return json
}

const auditEvent = (verb: string, user: string) => ({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'a', stage: 'ResponseComplete', verb, user: { username: user }, objectRef: { resource: 'cronjobs', namespace: 'default', name: 'c' }, requestReceivedTimestamp: '2026-01-05T10:00:00Z', stageTimestamp: '2026-01-05T10:00:00Z' })
const diagnosticRow = (verb: string, user: string) => ({ Category: 'kube-audit', TimeGenerated: '2026-01-05T10:00:00Z', log_s: JSON.stringify(auditEvent(verb, user)) })
const tests = (rows: [string, 'match' | 'no-match', unknown][]): string => `tests:\n${rows.map(([name, expect, e]) => `  - name: ${JSON.stringify(name)}\n    expect: ${expect}\n    event: ${JSON.stringify(e)}\n`).join('')}`

const sentinel = `id: 0b7a5a4e-3f1c-4c2e-9d7b-6a5e4d3c2b1a
name: CronJob created by a person
description: test
severity: Medium
requiredDataConnectors: [{connectorId: AzureKubernetes, dataTypes: [AzureDiagnostics]}]
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics: [Persistence]
relevantTechniques: [T1053.007]
query: |
  AzureDiagnostics
  | extend Log = parse_json(log_s)
  | where tostring(Log.verb) == "create" and tostring(Log.user.username) !startswith "system:"
version: 1.0.0
kind: Scheduled
`

describe('ruleproof mutate: Sentinel KQL', () => {
  it("reports the untested exclusion as a surviving drop-not at its column in the YAML, with a sidecar test that kills it", async () => {
    const weak = tests([['create', 'match', diagnosticRow('create', 'jdoe')], ['get', 'no-match', diagnosticRow('get', 'jdoe')]])
    const json = await mutate({ 'rules/r.yaml': sentinel, 'rules/r.ruleproof.yml': weak })
    expect(json.rules).toEqual([expect.objectContaining({ format: 'sentinel-kql' })])
    const dropped = json.mutants.find((m) => m.operator === 'drop-not')!
    expect(dropped).toMatchObject({ file: 'rules/r.yaml', line: 15, column: 46, status: 'survived', change: `drop 'tostring(Log.user.username) !startswith "system:"' from a where` })
    expect(dropped.diff).toBe(' | extend Log = parse_json(log_s)\n-| where tostring(Log.verb) == "create" and tostring(Log.user.username) !startswith "system:"\n+| where tostring(Log.verb) == "create"')
    const [item] = load(dropped.suggestion!.split('\n').filter((l) => !l.startsWith('#')).join('\n')) as [{ expect: string; variant?: string; event: { log_s: string } }]
    expect(item.expect).toBe('no-match')
    expect(item.variant).toBeUndefined() // aks, the default of KQL sidecar tests
    expect((JSON.parse(item.event.log_s) as { user: { username: string } }).user.username).toMatch(/^system:/)
    const fixed = weak + dropped.suggestion!.split('\n').filter((l) => !l.startsWith('#')).map((l) => `  ${l}`).join('\n') + '\n'
    const again = await mutate({ 'rules/r.yaml': sentinel, 'rules/r.ruleproof.yml': fixed })
    expect(again.mutants.find((m) => m.operator === 'drop-not')).toMatchObject({ status: 'killed', killedBy: [expect.stringContaining('kills mutant')] })
  })

  it('a rule whose tests pin its logic scores 100%', async () => {
    const strong = tests([
      ['create', 'match', diagnosticRow('create', 'jdoe')],
      ['get', 'no-match', diagnosticRow('get', 'jdoe')],
      ['a system account', 'no-match', diagnosticRow('create', 'system:kube-scheduler')],
      ['case matters for the verb', 'no-match', diagnosticRow('CREATE', 'jdoe')],
      ['case matters for the prefix', 'no-match', diagnosticRow('create', 'SYSTEM:x')],
    ])
    const json = await mutate({ 'rules/r.yaml': sentinel, 'rules/r.ruleproof.yml': strong })
    expect(json.mutants.filter((m) => m.status === 'survived').map((m) => m.change)).toEqual([])
    expect(json.summary.score).toBe(100)
    expect(json.summary.killed).toBeGreaterThanOrEqual(4)
  })
})

describe('ruleproof mutate: Splunk SPL', () => {
  const search = 'verb=create NOT user.username=system:*'

  it('reports the untested NOT term as surviving at its column, with a sidecar test that kills it', async () => {
    const weak = tests([['create', 'match', auditEvent('create', 'jdoe')], ['get', 'no-match', auditEvent('get', 'jdoe')]])
    const json = await mutate({ 'rules/d.yml': detection(search), 'rules/d.ruleproof.yml': weak })
    expect(json.rules).toEqual([expect.objectContaining({ format: 'splunk-spl' })])
    const dropped = json.mutants.find((m) => m.operator === 'drop-not')!
    expect(dropped).toMatchObject({ file: 'rules/d.yml', line: 11, column: 22, status: 'survived' })
    expect(dropped.diff).toBe('-verb=create NOT user.username=system:*\n+verb=create')
    const [item] = load(dropped.suggestion!.split('\n').filter((l) => !l.startsWith('#')).join('\n')) as [{ expect: string; event: { user: { username: string } } }]
    expect(item.expect).toBe('no-match')
    expect(item.event.user.username.toLowerCase()).toMatch(/^system:/)
  })

  it('a detection whose tests pin its logic scores 100%', async () => {
    const strong = tests([
      ['create', 'match', auditEvent('create', 'jdoe')],
      ['get', 'no-match', auditEvent('get', 'jdoe')],
      ['a verb that contains create', 'no-match', auditEvent('recreate', 'jdoe')],
      ['a system account', 'no-match', auditEvent('create', 'system:kube-scheduler')],
      ['system: inside a name is not a system account', 'match', auditEvent('create', 'xsystem:')],
    ])
    const json = await mutate({ 'rules/d.yml': detection(search), 'rules/d.ruleproof.yml': strong })
    expect(json.mutants.filter((m) => m.status === 'survived').map((m) => m.change)).toEqual([])
    expect(json.summary.score).toBe(100)
    expect(json.summary.killed).toBeGreaterThanOrEqual(5)
  })
})
