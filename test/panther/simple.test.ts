import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPantherRules, matchExpressions } from '../../src/panther/index.js'
import { parseKeyPath } from '../../src/panther/simple/keys.js'
import { repo } from './helpers.js'

const event = {
  verb: 'create',
  user: { username: 'Alice@Example.com', groups: ['dev', 'ops'] },
  objectRef: { resource: 'cronjobs', namespace: 'default' },
  responseStatus: { code: 201 },
  sourceIPs: ['10.1.2.3', '8.8.8.8'],
  containers: [
    { name: 'a', image: 'alpine', privileged: false },
    { name: 'b', image: 'busybox', privileged: true },
  ],
  empty: '',
  nothing: null,
  p_enrichment: { tor_exit_nodes: { sourceIPs: { p_match: '8.8.8.8' } } },
}

const m = (expr: unknown): boolean => matchExpressions(Array.isArray(expr) ? expr : [expr], event)

describe('simple detection conditions', () => {
  it('compares values with type: Equals / DoesNotEqual / IEquals', () => {
    expect(m({ KeyPath: 'verb', Condition: 'Equals', Value: 'create' })).toBe(true)
    expect(m({ KeyPath: 'responseStatus.code', Condition: 'Equals', Value: 201 })).toBe(true)
    expect(m({ KeyPath: 'responseStatus.code', Condition: 'Equals', Value: '201' })).toBe(false)
    expect(m({ KeyPath: 'verb', Condition: 'DoesNotEqual', Value: 'create' })).toBe(false)
    expect(m({ KeyPath: 'missing', Condition: 'DoesNotEqual', Value: 'create' })).toBe(true)
    expect(m({ KeyPath: 'user.username', Condition: 'IEquals', Value: 'alice@example.COM' })).toBe(true)
  })

  it('matches strings: StartsWith, EndsWith, Contains and their negations and I- forms', () => {
    expect(m({ KeyPath: 'user.username', Condition: 'StartsWith', Value: 'Alice' })).toBe(true)
    expect(m({ KeyPath: 'user.username', Condition: 'IStartsWith', Value: 'alice' })).toBe(true)
    expect(m({ KeyPath: 'user.username', Condition: 'EndsWith', Value: '.com' })).toBe(true)
    expect(m({ KeyPath: 'user.username', Condition: 'DoesNotEndWith', Value: '.com' })).toBe(false)
    expect(m({ KeyPath: 'user.username', Condition: 'Contains', Value: 'Example' })).toBe(true)
    expect(m({ KeyPath: 'user.username', Condition: 'DoesNotContain', Value: 'example' })).toBe(true)
    expect(m({ KeyPath: 'user.username', Condition: 'IContains', Value: 'example' })).toBe(true)
    expect(m({ KeyPath: 'user.groups', Condition: 'Has', Value: 'ops' })).toBe(true)
    expect(m({ KeyPath: 'user.groups', Condition: 'DoesNotHave', Value: 'ops' })).toBe(false)
    expect(m({ KeyPath: 'responseStatus.code', Condition: 'StartsWith', Value: '2' })).toBe(false)
  })

  it('compares numbers and lists: IsGreaterThan…, IsIn / IsNotIn', () => {
    expect(m({ KeyPath: 'responseStatus.code', Condition: 'IsGreaterThanOrEquals', Value: 201 })).toBe(true)
    expect(m({ KeyPath: 'responseStatus.code', Condition: 'IsGreaterThanOrEqual', Value: 202 })).toBe(false)
    expect(m({ KeyPath: 'responseStatus.code', Condition: 'IsLessThan', Value: 400 })).toBe(true)
    expect(m({ KeyPath: 'verb', Condition: 'IsGreaterThan', Value: 1 })).toBe(false)
    expect(m({ KeyPath: 'verb', Condition: 'IsIn', Values: ['create', 'update'] })).toBe(true)
    expect(m({ KeyPath: 'verb', Condition: 'IsNotIn', Values: ['create', 'update'] })).toBe(false)
  })

  it('tests presence and emptiness: Exists, DoesNotExist, IsNull, IsNullOrEmpty, IsNotNullOrEmpty', () => {
    expect(m({ KeyPath: 'nothing', Condition: 'Exists' })).toBe(true)
    expect(m({ KeyPath: 'missing', Condition: 'DoesNotExist' })).toBe(true)
    expect(m({ KeyPath: 'nothing', Condition: 'IsNull' })).toBe(true)
    expect(m({ KeyPath: 'missing', Condition: 'IsNull' })).toBe(true)
    expect(m({ KeyPath: 'verb', Condition: 'IsNotNull' })).toBe(true)
    expect(m({ KeyPath: 'empty', Condition: 'IsNullOrEmpty' })).toBe(true)
    expect(m({ KeyPath: 'user.groups', Condition: 'IsNotNullOrEmpty' })).toBe(true)
  })

  it('checks IP addresses: private, public, CIDR', () => {
    expect(m({ KeyPath: 'sourceIPs[0]', Condition: 'IsIPAddressPrivate' })).toBe(true)
    expect(m({ KeyPath: 'sourceIPs[1]', Condition: 'IsIPAddressPublic' })).toBe(true)
    expect(m({ KeyPath: 'sourceIPs[0]', Condition: 'IsIPAddressPublic' })).toBe(false)
    expect(m({ KeyPath: 'sourceIPs[-1]', Condition: 'IsIPv4Address' })).toBe(true)
    expect(m({ KeyPath: 'verb', Condition: 'IsIPAddress' })).toBe(false)
    expect(m({ KeyPath: 'sourceIPs[0]', Condition: 'IsIPAddressInCIDR', Value: '10.0.0.0/8' })).toBe(true)
    expect(m({ KeyPath: 'sourceIPs[1]', Condition: 'IsIPAddressInCIDR', Values: ['10.0.0.0/8', '8.8.0.0/16'] })).toBe(true)
  })

  it('looks keys up case-insensitively, through Key, DeepKey, KeyPath wildcards and Enrichment', () => {
    expect(m({ Key: 'VERB', Condition: 'Equals', Value: 'create' })).toBe(true)
    expect(m({ DeepKey: ['containers', 1, 'image'], Condition: 'Equals', Value: 'busybox' })).toBe(true)
    // With [*], a positive condition needs one value, a negative one needs all.
    expect(m({ KeyPath: 'containers[*].privileged', Condition: 'Equals', Value: true })).toBe(true)
    expect(m({ KeyPath: 'containers[*].image', Condition: 'DoesNotEqual', Value: 'alpine' })).toBe(false)
    expect(m({ Enrichment: { Table: 'tor_exit_nodes', Selector: 'sourceIPs', FieldPath: 'p_match' }, Condition: 'Equals', Value: '8.8.8.8' })).toBe(true)
    expect(parseKeyPath('a.b[0].c[*]')).toEqual(['a', 'b', 0, 'c', '*'])
  })

  it('combines with All, Any, OnlyOne, None, list comprehensions, multi-key comparisons and absolutes', () => {
    const create = { KeyPath: 'verb', Condition: 'Equals', Value: 'create' }
    const get = { KeyPath: 'verb', Condition: 'Equals', Value: 'get' }
    expect(m({ All: [create, { KeyPath: 'objectRef.resource', Condition: 'Equals', Value: 'cronjobs' }] })).toBe(true)
    expect(m({ Any: [get, create] })).toBe(true)
    expect(m({ OnlyOne: [create, create] })).toBe(false)
    expect(m({ None: [get] })).toBe(true)
    expect(m([create, get])).toBe(false)
    const privileged = { Key: 'privileged', Condition: 'Equals', Value: true }
    expect(m({ KeyPath: 'containers', Condition: 'AnyElement', Expressions: [privileged] })).toBe(true)
    expect(m({ KeyPath: 'containers', Condition: 'AllElements', Expressions: [privileged] })).toBe(false)
    expect(m({ KeyPath: 'containers', Condition: 'OnlyOneElement', Expressions: [privileged] })).toBe(true)
    expect(m({ KeyPath: 'containers', Condition: 'NoElement', Expressions: [privileged] })).toBe(false)
    expect(m({ KeyPath: 'missing', Condition: 'NoElement', Expressions: [privileged] })).toBe(true)
    expect(m({ Condition: 'Equals', Values: [{ KeyPath: 'containers[0].privileged' }, { Key: 'nothing' }] })).toBe(false)
    expect(m({ Condition: 'DoesNotEqual', Values: [{ KeyPath: 'containers[0].image' }, { KeyPath: 'containers[1].image' }] })).toBe(true)
    expect(m({ Condition: 'AlwaysTrue' })).toBe(true)
    expect(m({ Condition: 'AlwaysFalse' })).toBe(false)
  })
})

describe('simple detection rules run offline', () => {
  it('runs Detection + InlineFilters tests and produces title, dedup, severity and alert context', async () => {
    const dir = repo({
      'rules/archived.yml': `AnalysisType: rule
RuleID: GitHub.Repo.Archived
Enabled: true
Severity: Low
LogTypes: [GitHub.Audit]
Detection:
  - KeyPath: action
    Condition: Equals
    Value: repo.archived
InlineFilters:
  - KeyPath: actor
    Condition: DoesNotEqual
    Value: bot
AlertTitle: "Repository {repo} archived by {actor}"
GroupBy:
  - KeyPath: repo
DynamicSeverities:
  - ChangeTo: High
    Conditions:
      - KeyPath: repo
        Condition: EndsWith
        Value: /prod
AlertContext:
  - KeyName: who
    KeyValue:
      KeyPath: actor
Tests:
  - Name: archived
    ExpectedResult: true
    Log: {"action": "repo.archived", "repo": "org/prod", "actor": "alice"}
  - Name: by the bot
    ExpectedResult: false
    Log: {"action": "repo.archived", "repo": "org/x", "actor": "bot"}
  - Name: wrong expectation
    ExpectedResult: true
    Log: {"action": "repo.created", "repo": "org/x", "actor": "alice"}
`,
    })
    const load = await loadPantherRules([path.join(dir, 'rules')])
    expect(load.findings).toEqual([])
    const rule = load.rules[0]
    expect(rule?.id).toBe('GitHub.Repo.Archived')
    const results = await Promise.all((rule?.tests ?? []).map((t) => rule!.runTest(t)))
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'fail'])
    expect((results[0] as { outputs?: unknown }).outputs).toEqual({
      title: 'Repository org/prod archived by alice',
      dedup: 'org/prod',
      severity: 'HIGH',
      alert_context: { who: 'alice' },
    })
    expect(rule?.fieldsRead?.('k8s')).toEqual(['action', 'actor', 'repo'])
    await load.close()
  })
})
