// KQL rules through the harness's generated checks: a multi-event test replays every record on
// the other variant (aggregating queries need them all), and property checks run on every Log
// Analytics table the query reads — and on the test's own table, where a query that does not
// read it is reported blind.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { contextFor, runHarness } from '../../src/harness/index.js'
import { defaultEnvironment } from '../../src/harness/environment.js'
import type { KqlLoadedRule } from '../../src/kql/index.js'
import type { Result } from '../../src/model/result.js'
import { loadRuleSet } from '../../src/rules/index.js'
import { getVariant } from '../../src/variants/index.js'
import { aksAuditRow } from '../../src/variants/sentinel.js'
import { repo } from '../rules/fixtures.js'
import { sentinelRule as rule } from './fixture.js'

const env = defaultEnvironment()

const sentinelRule = (id: string, query: string): string => rule({ id, name: `fixture ${id.slice(-2)}`, query })

/** A native AKS diagnostic record of one audit event. */
function aksRecord(o: { verb?: string; user?: string; resource?: string; id: string; ip?: string; second?: number }): Record<string, unknown> {
  const ts = `2026-01-05T10:00:${String(o.second ?? 0).padStart(2, '0')}.000000Z`
  const event = {
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'RequestResponse', auditID: o.id, stage: 'ResponseComplete',
    requestURI: `/apis/batch/v1/namespaces/default/${o.resource ?? 'cronjobs'}`, verb: o.verb ?? 'create',
    user: { username: o.user ?? 'alice@contoso.com', groups: ['system:authenticated'] }, sourceIPs: [o.ip ?? '203.0.113.7'],
    userAgent: 'kubectl/v1.29.1 (linux/amd64) kubernetes/abc',
    objectRef: { resource: o.resource ?? 'cronjobs', namespace: 'default', name: `job-${o.id}`, apiGroup: 'batch', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 201 }, requestReceivedTimestamp: ts, stageTimestamp: ts,
  }
  return {
    category: 'kube-audit', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
    properties: { pod: 'kube-apiserver-7d9f8c6b5-x2v4q', log: JSON.stringify(event) + '\n', stream: 'stdout' },
    resourceId: '/SUBSCRIPTIONS/6B7F9C2E-1D3A-4E5F-8A9B-0C1D2E3F4A5B/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD',
    time: ts,
  }
}

/** The same action as the Activity-log record Sigma's azure rules assume (test events of azure-activity are written this way). */
function activityRecord(o: Parameters<typeof aksRecord>[0]): unknown {
  const { event, context } = getVariant('aks').decode(aksRecord(o))
  return getVariant('azure-activity').encode(event, contextFor('azure-activity', context), { assumeDataActions: true })
}

async function check(files: Record<string, string>, kinds: Result['kind'][]): Promise<{ rules: KqlLoadedRule[]; results: Result[] }> {
  const dir = repo(files)
  const set = await loadRuleSet([dir], { cwd: dir })
  expect(set.findings.filter((f) => f.severity === 'error')).toEqual([])
  const rules = set.rules as KqlLoadedRule[]
  return { rules, results: await runHarness(rules, env, { kinds, runs: 15 }) }
}

const tests = (items: { name: string; expect: string; variant?: string; events?: unknown[]; event?: unknown; extra?: string }[]): string =>
  `tests:\n${items.map((t) => `  - name: ${JSON.stringify(t.name)}\n    expect: ${t.expect}\n${t.variant ? `    variant: ${t.variant}\n` : ''}${t.events ? `    events: ${JSON.stringify(t.events)}\n` : `    event: ${JSON.stringify(t.event)}\n`}${t.extra ?? ''}`).join('')}`

describe('multi-event tests replay every record on the other variant', () => {
  // The same user writing CronJobs twice, in either table: an aggregating query needs both records.
  const QUERY = `union
  (AzureDiagnostics | extend Log = parse_json(log_s) | project User = tostring(Log.user.username), Resource = tostring(Log.objectRef.resource), Verb = tostring(Log.verb)),
  (AzureActivity | project User = Caller, Resource = iff(OperationNameValue has "cronjobs", "cronjobs", ""), Verb = iff(OperationNameValue endswith "/write", "create", ""))
| where Resource == "cronjobs" and Verb == "create"
| summarize count() by User
| where count_ >= 2`

  it('an aggregating query sees all the events on the replayed variant, not just the first', async () => {
    const { results } = await check({
      'r.yaml': sentinelRule('00000000-0000-4000-8000-0000000000a1', QUERY),
      'r.ruleproof.yml': tests([
        { name: 'two CronJobs by alice', expect: 'match', variant: 'azure-activity', events: [activityRecord({ id: 'a1' }), activityRecord({ id: 'a2', second: 5 })] },
        { name: 'one CronJob each by two users', expect: 'no-match', variant: 'azure-activity', events: [activityRecord({ id: 'b1' }), activityRecord({ id: 'b2', user: 'bob@contoso.com', second: 5 })] },
        { name: 'two CronJobs by alice, in the AKS log', expect: 'match', events: [aksRecord({ id: 'c1' }), aksRecord({ id: 'c2', second: 5 })] },
      ]),
    }, ['embedded', 'replay'])
    const got = results.map((r) => [r.test, r.variant, r.kind, r.status])
    expect(got).toEqual([
      ['two CronJobs by alice', 'azure-activity', 'embedded', 'pass'],
      ['two CronJobs by alice', 'aks', 'replay', 'pass'],
      ['one CronJob each by two users', 'azure-activity', 'embedded', 'pass'],
      ['one CronJob each by two users', 'aks', 'replay', 'pass'],
      ['two CronJobs by alice, in the AKS log', 'aks', 'embedded', 'pass'],
      ['two CronJobs by alice, in the AKS log', 'azure-activity', 'replay', 'skip'],
    ])
    const replay = results.find((r) => r.test === 'two CronJobs by alice' && r.kind === 'replay')!
    expect(replay).toMatchObject({ expected: 'match', actual: 'match' })
  })

  it('a failed replay shows every record it ran on', async () => {
    // Only alice's second CronJob is on the aks side of the query: the replay must fail, naming both records.
    const { results } = await check({
      'r.yaml': sentinelRule('00000000-0000-4000-8000-0000000000a2', QUERY.replace('count_ >= 2', 'count_ >= 3')),
      'r.ruleproof.yml': tests([{ name: 'two', expect: 'match', variant: 'azure-activity', events: [activityRecord({ id: 'd1' }), activityRecord({ id: 'd2', second: 5 })], extra: '    overrides:\n      azure-activity: { expect: no-match, reason: fixture }\n' }]),
    }, ['embedded', 'replay'])
    const replay = results.find((r) => r.kind === 'replay')!
    expect(replay.status).toBe('fail')
    expect(replay.message).toMatch(/all 2 of them/)
    expect(Array.isArray(replay.event) && replay.event.length).toBe(2)
  })
})

describe('property checks run on every table the query reads', () => {
  it('an AKSAudit query: perturbed as AKSAudit rows, varying what it does not read', async () => {
    const row = aksAuditRow(aksRecord({ id: 'e1' }), '', 'AKSAudit')
    const { results } = await check({
      'r.yaml': sentinelRule('00000000-0000-4000-8000-0000000000b1', 'AKSAudit\n| where Verb == "create" and ObjectRef.resource == "cronjobs" and tostring(User.username) endswith "@contoso.com"'),
      'r.ruleproof.yml': tests([{ name: 'create', expect: 'match', event: row }]),
    }, ['property'])
    expect(results).toHaveLength(1)
    const r = results[0]!
    expect(r).toMatchObject({ status: 'pass', variant: 'aks', view: 'AKSAudit', expected: 'match' })
    // Varied: ids and client details; not the user it reads.
    expect(r.message).toMatch(/^15 perturbations of .*auditID/)
    expect(r.message).toMatch(/source IP|sourceIP/i)
    expect(r.message).not.toMatch(/\buser\b|identity/i)
  })

  it('a query over AKSAudit and AKSAuditAdmin gets a check on each; a read verb is not in AKSAuditAdmin', async () => {
    const { results } = await check({
      'r.yaml': sentinelRule('00000000-0000-4000-8000-0000000000b2', 'union AKSAudit, AKSAuditAdmin\n| where ObjectRef.resource == "cronjobs"'),
      'r.ruleproof.yml': tests([
        { name: 'create', expect: 'match', event: aksAuditRow(aksRecord({ id: 'f1' }), '', 'AKSAudit') },
        { name: 'list', expect: 'match', event: aksAuditRow(aksRecord({ id: 'f2', verb: 'list' }), '', 'AKSAudit') },
      ]),
    }, ['property'])
    expect(results.map((r) => [r.test, r.view, r.status])).toEqual([
      ['create', 'AKSAudit', 'pass'],
      ['create', 'AKSAuditAdmin', 'pass'],
      ['list', 'AKSAudit', 'pass'],
      ['list', 'AKSAuditAdmin', 'skip'],
    ])
    expect(results[3]!.message).toBe('AKSAuditAdmin holds no aks record of this action')
  })

  it('an AzureActivity query is no longer skipped: its columns are what it reads', async () => {
    const { results } = await check({
      'r.yaml': sentinelRule('00000000-0000-4000-8000-0000000000b3', 'AzureActivity\n| where OperationNameValue has "cronjobs" and CallerIpAddress startswith "203."'),
      'r.ruleproof.yml': tests([{ name: 'write', expect: 'match', variant: 'azure-activity', event: activityRecord({ id: 'g1' }) }]),
    }, ['property'])
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ status: 'pass', view: 'AzureActivity' })
    expect(results[0]!.message).toMatch(/perturbations of/)
    // It reads the caller's IP: source IPs are not varied.
    expect(results[0]!.message).not.toMatch(/source IP|sourceIP/i)
  })

  it('a test written as a row of a table the query does not read is checked there and reported blind, not re-encoded into the table it reads', async () => {
    const row = aksAuditRow(aksRecord({ id: 'h1' }), '', 'AKSAudit')
    const { results } = await check({
      'r.yaml': sentinelRule('00000000-0000-4000-8000-0000000000b4', 'AzureDiagnostics\n| extend Log = parse_json(log_s)\n| where tostring(Log.objectRef.resource) == "cronjobs"'),
      'r.ruleproof.yml': tests([{ name: 'as AKSAudit', expect: 'no-match', event: row }]),
    }, ['embedded', 'property'])
    expect(results.map((r) => [r.kind, r.view, r.status, r.expected])).toEqual([
      ['embedded', undefined, 'pass', 'no-match'],
      ['property', 'AzureDiagnostics', 'pass', 'match'],
      ['property', 'AKSAudit', 'pass', 'no-match'],
    ])
    expect(results[2]!.message).toMatch(/the rule reads nothing of AKSAudit: blind to aks records there/)
  })

  it('the seed: its AKSAudit and AKSAuditAdmin tests report the blindness it declares', async () => {
    const set = await loadRuleSet([path.resolve(import.meta.dirname, '../../rules/sentinel')], { cwd: path.resolve(import.meta.dirname, '../..') })
    const results = await runHarness(set.rules, env, { kinds: ['property'], runs: 5 })
    const blind = results.filter((r) => r.view === 'AKSAudit' || r.view === 'AKSAuditAdmin')
    expect(blind.map((r) => r.view)).toEqual(['AKSAudit', 'AKSAuditAdmin'])
    for (const r of blind) {
      expect(r.status).toBe('pass')
      expect(r.expected).toBe('no-match')
      expect(r.message).toMatch(/^declared gap: the query reads AzureDiagnostics only.*blind to aks records there/)
    }
    expect(results.filter((r) => r.status !== 'pass')).toEqual([])
  })
})
