import { describe, expect, it } from 'vitest'
import { loadPantherRules } from '../../../src/panther/index.js'
import type { PantherResult } from '../../../src/panther/index.js'
import { repo, testYaml } from './probe.js'

/** Runs a Simple Detection (Detection given as JSON) on [log, expected] pairs; returns the failing ones. */
async function check(detection: unknown, cases: [unknown, boolean][], extra = ''): Promise<string[]> {
  const yaml = [
    'AnalysisType: rule',
    'RuleID: Audit.Simple',
    'Enabled: true',
    'Severity: Low',
    'LogTypes: [Amazon.EKS.Audit]',
    `Detection: ${JSON.stringify(detection)}`,
    extra,
    'Tests:',
    ...cases.map(([log, expected], i) => testYaml(`case ${i}: ${JSON.stringify(log)}`, expected, log)),
  ].join('\n')
  const dir = repo({ 'rules/simple.yml': yaml })
  const l = await loadPantherRules([`${dir}/rules`], { cwd: dir })
  if (l.findings.length) throw new Error(JSON.stringify(l.findings))
  const rule = l.rules[0]!
  const results: PantherResult[] = []
  for (const t of rule.tests) results.push((await rule.runTest(t)) as PantherResult)
  return results.filter((r) => r.status !== 'pass').map((r) => `${r.test}: ${r.status} ${r.message ?? ''}`)
}

const cond = (Condition: string, more: Record<string, unknown> = {}, key: Record<string, unknown> = { Key: 'f' }) => [{ ...key, Condition, ...more }]

// panther.md §2.4: every condition name listed, run natively.
describe('audit §2.4 Simple Detection conditions', () => {
  it('Equals compares type and value; DoesNotEqual is its negation (a missing field satisfies it)', async () => {
    expect(await check(cond('Equals', { Value: 1 }), [[{ f: 1 }, true], [{ f: '1' }, false], [{ f: true }, false], [{}, false]])).toEqual([])
    expect(await check(cond('Equals', { Value: true }), [[{ f: true }, true], [{ f: 1 }, false], [{ f: 'true' }, false]])).toEqual([])
    expect(await check(cond('DoesNotEqual', { Value: 'a' }), [[{ f: 'a' }, false], [{ f: 'b' }, true], [{}, true]])).toEqual([])
  })

  it('IEquals and the I-prefixed string conditions are case-insensitive', async () => {
    expect(await check(cond('IEquals', { Value: 'CREATE' }), [[{ f: 'create' }, true], [{ f: 'created' }, false]])).toEqual([])
    expect(await check(cond('IStartsWith', { Value: 'SYS' }), [[{ f: 'system:x' }, true], [{ f: 'xsys' }, false]])).toEqual([])
    expect(await check(cond('IEndsWith', { Value: '.COM' }), [[{ f: 'a@b.com' }, true], [{ f: 'a.comx' }, false]])).toEqual([])
    expect(await check(cond('IContains', { Value: 'ADMIN' }), [[{ f: 'cluster-admin-x' }, true], [{ f: 'user' }, false]])).toEqual([])
  })

  it('StartsWith / DoesNotStartWith / EndsWith / DoesNotEndWith / Contains / DoesNotContain are case-sensitive', async () => {
    expect(await check(cond('StartsWith', { Value: 'sys' }), [[{ f: 'system' }, true], [{ f: 'System' }, false], [{ f: 3 }, false]])).toEqual([])
    expect(await check(cond('DoesNotStartWith', { Value: 'sys' }), [[{ f: 'system' }, false], [{ f: 'System' }, true]])).toEqual([])
    expect(await check(cond('EndsWith', { Value: 'ing' }), [[{ f: 'string' }, true], [{ f: 'STRING' }, false]])).toEqual([])
    expect(await check(cond('DoesNotEndWith', { Value: 'ing' }), [[{ f: 'string' }, false], [{ f: 'strong' }, true]])).toEqual([])
    expect(await check(cond('Contains', { Value: 'dmi' }), [[{ f: 'admin' }, true], [{ f: 'ADMIN' }, false]])).toEqual([])
    expect(await check(cond('DoesNotContain', { Value: 'dmi' }), [[{ f: 'admin' }, false], [{ f: 'user' }, true]])).toEqual([])
  })

  it('Has / DoesNotHave test a substring of a string or a member of a list', async () => {
    expect(await check(cond('Has', { Value: 'kube' }), [[{ f: 'kube-system' }, true], [{ f: ['kube', 'x'] }, true], [{ f: ['kube-system'] }, false], [{ f: 'x' }, false]])).toEqual([])
    expect(await check(cond('DoesNotHave', { Value: 'kube' }), [[{ f: 'kube-system' }, false], [{ f: 'default' }, true]])).toEqual([])
  })

  it('IsIn / IsNotIn take Values', async () => {
    expect(await check(cond('IsIn', { Values: ['create', 'update'] }), [[{ f: 'create' }, true], [{ f: 'get' }, false], [{}, false]])).toEqual([])
    expect(await check(cond('IsNotIn', { Values: ['create', 'update'] }), [[{ f: 'create' }, false], [{ f: 'get' }, true]])).toEqual([])
  })

  it('numeric comparisons take numbers', async () => {
    expect(await check(cond('IsGreaterThan', { Value: 399 }), [[{ f: 400 }, true], [{ f: 399 }, false], [{ f: '500' }, false]])).toEqual([])
    expect(await check(cond('IsGreaterThanOrEquals', { Value: 400 }), [[{ f: 400 }, true], [{ f: 399.5 }, false]])).toEqual([])
    expect(await check(cond('IsLessThan', { Value: 17 }), [[{ f: 16 }, true], [{ f: 17 }, false]])).toEqual([])
    expect(await check(cond('IsLessThanOrEquals', { Value: 16 }), [[{ f: 16 }, true], [{ f: 17 }, false]])).toEqual([])
  })

  it('Exists / DoesNotExist / IsNull / IsNotNull / IsNullOrEmpty / IsNotNullOrEmpty', async () => {
    expect(await check(cond('Exists'), [[{ f: null }, true], [{ f: '' }, true], [{}, false]])).toEqual([])
    expect(await check(cond('DoesNotExist'), [[{ f: 0 }, false], [{}, true]])).toEqual([])
    expect(await check(cond('IsNull'), [[{ f: null }, true], [{}, true], [{ f: '' }, false]])).toEqual([])
    expect(await check(cond('IsNotNull'), [[{ f: null }, false], [{ f: 'x' }, true]])).toEqual([])
    expect(await check(cond('IsNullOrEmpty'), [[{}, true], [{ f: null }, true], [{ f: '' }, true], [{ f: [] }, true], [{ f: {} }, true], [{ f: 'x' }, false], [{ f: 0 }, false]])).toEqual([])
    expect(await check(cond('IsNotNullOrEmpty'), [[{}, false], [{ f: '' }, false], [{ f: 'x' }, true]])).toEqual([])
  })

  it('IP conditions: IsIPAddress, IsIPv4Address, IsIPv6Address, IsIPAddressPrivate, IsIPAddressPublic, IsIPAddressInCIDR', async () => {
    expect(await check(cond('IsIPAddress'), [[{ f: '10.0.0.1' }, true], [{ f: '::1' }, true], [{ f: 'host' }, false]])).toEqual([])
    expect(await check(cond('IsIPv4Address'), [[{ f: '10.0.0.1' }, true], [{ f: '::1' }, false]])).toEqual([])
    expect(await check(cond('IsIPv6Address'), [[{ f: 'fe80::1' }, true], [{ f: '1.2.3.4' }, false]])).toEqual([])
    expect(await check(cond('IsIPAddressPrivate'), [[{ f: '10.1.2.3' }, true], [{ f: '192.168.0.1' }, true], [{ f: '8.8.8.8' }, false]])).toEqual([])
    expect(await check(cond('IsIPAddressPublic'), [[{ f: '8.8.8.8' }, true], [{ f: '172.16.0.1' }, false], [{ f: '100.64.0.1' }, false]])).toEqual([])
    expect(await check(cond('IsIPAddressInCIDR', { Value: '10.0.0.0/8' }), [[{ f: '10.9.9.9' }, true], [{ f: '11.0.0.1' }, false]])).toEqual([])
  })

  it('AlwaysTrue / AlwaysFalse', async () => {
    expect(await check([{ Condition: 'AlwaysTrue' }], [[{}, true]])).toEqual([])
    expect(await check([{ Condition: 'AlwaysFalse' }], [[{ f: 1 }, false]])).toEqual([])
  })

  it('an unknown Condition or a missing Value is a schema error', async () => {
    await expect(check(cond('EqualsIgnoringStuff', { Value: 1 }), [[{}, false]])).rejects.toThrow(/unknown condition/)
    await expect(check(cond('Equals'), [[{}, false]])).rejects.toThrow(/needs 'Value'/)
  })
})

describe('audit §2.4 key specifiers and combinators', () => {
  it('Key, DeepKey and KeyPath (with [n] and [*]); keys match case-insensitively like PantherEvent', async () => {
    const log = { objectRef: { resource: 'cronjobs' }, items: [{ name: 'a' }, { name: 'b' }] }
    expect(await check(cond('Equals', { Value: 'cronjobs' }, { DeepKey: ['objectRef', 'resource'] }), [[log, true]])).toEqual([])
    expect(await check(cond('Equals', { Value: 'cronjobs' }, { KeyPath: 'objectRef.resource' }), [[log, true], [{ ObjectRef: { Resource: 'cronjobs' } }, true]])).toEqual([])
    expect(await check(cond('Equals', { Value: 'b' }, { KeyPath: 'items[1].name' }), [[log, true]])).toEqual([])
    expect(await check(cond('Equals', { Value: 'b' }, { DeepKey: ['items', 1, 'name'] }), [[log, true]])).toEqual([])
    expect(await check(cond('Equals', { Value: 'b' }, { KeyPath: 'items[*].name' }), [[log, true], [{ items: [{ name: 'a' }] }, false]])).toEqual([])
  })

  it('a [*] wildcard: positive conditions need one value, negative ones need all', async () => {
    const spec = { KeyPath: 'items[*].name' }
    expect(await check(cond('DoesNotEqual', { Value: 'a' }, spec), [[{ items: [{ name: 'a' }, { name: 'b' }] }, false], [{ items: [{ name: 'b' }, { name: 'c' }] }, true]])).toEqual([])
  })

  it('a Detection list is an implicit All; All / Any / OnlyOne / None nest', async () => {
    const eq = (Key: string, Value: unknown) => ({ Key, Condition: 'Equals', Value })
    expect(await check([eq('a', 1), eq('b', 2)], [[{ a: 1, b: 2 }, true], [{ a: 1, b: 3 }, false]])).toEqual([])
    expect(await check([{ Any: [eq('a', 1), { All: [eq('b', 2), eq('c', 3)] }] }], [[{ a: 1 }, true], [{ b: 2, c: 3 }, true], [{ b: 2 }, false]])).toEqual([])
    expect(await check([{ OnlyOne: [eq('a', 1), eq('b', 2)] }], [[{ a: 1 }, true], [{ a: 1, b: 2 }, false], [{}, false]])).toEqual([])
    expect(await check([{ None: [eq('a', 1), eq('b', 2)] }], [[{}, true], [{ b: 2 }, false]])).toEqual([])
  })

  it('list comprehensions AnyElement / AllElements / OnlyOneElement / NoElement with Expressions', async () => {
    const exprs = [{ Key: 'privileged', Condition: 'Equals', Value: true }]
    const two = { containers: [{ privileged: true }, { privileged: false }] }
    const all = { containers: [{ privileged: true }, { privileged: true }] }
    const none = { containers: [{ privileged: false }] }
    const c = (Condition: string) => [{ Key: 'containers', Condition, Expressions: exprs }]
    expect(await check(c('AnyElement'), [[two, true], [none, false]])).toEqual([])
    expect(await check(c('AllElements'), [[all, true], [two, false]])).toEqual([])
    expect(await check(c('OnlyOneElement'), [[two, true], [all, false]])).toEqual([])
    expect(await check(c('NoElement'), [[none, true], [two, false]])).toEqual([])
  })

  it('a multi-key expression compares two event fields', async () => {
    const d = [{ Condition: 'Equals', Values: [{ Key: 'a' }, { KeyPath: 'b.c' }] }]
    expect(await check(d, [[{ a: 'x', b: { c: 'x' } }, true], [{ a: 'x', b: { c: 'y' } }, false]])).toEqual([])
  })

  it('InlineFilters are applied before the Detection', async () => {
    const extra = `InlineFilters: ${JSON.stringify([{ Key: 'ns', Condition: 'DoesNotEqual', Value: 'kube-system' }])}`
    expect(await check(cond('Equals', { Value: 1 }), [[{ f: 1, ns: 'default' }, true], [{ f: 1, ns: 'kube-system' }, false]], extra)).toEqual([])
  })

  it('AlertTitle placeholders, GroupBy dedup and DynamicSeverities are computed', async () => {
    const yaml = [
      'AnalysisType: rule',
      'RuleID: Audit.Outputs',
      'Enabled: true',
      'Severity: Low',
      'LogTypes: [Amazon.EKS.Audit]',
      'Detection: [{Key: verb, Condition: Equals, Value: create}]',
      'AlertTitle: "{user.username} created {objectRef.name}"',
      'GroupBy: [{KeyPath: user.username}]',
      'DynamicSeverities: [{ChangeTo: High, Conditions: [{Key: ns, Condition: Equals, Value: kube-system}]}]',
      'Tests:',
      testYaml('t', true, { verb: 'create', user: { username: 'alice' }, objectRef: { name: 'job' }, ns: 'kube-system' }),
    ].join('\n')
    const dir = repo({ 'rules/o.yml': yaml })
    const l = await loadPantherRules([`${dir}/rules`], { cwd: dir })
    expect(l.findings).toEqual([])
    const r = (await l.rules[0]!.runTest(l.rules[0]!.tests[0]!)) as PantherResult
    expect(r.status).toBe('pass')
    expect(r.outputs).toMatchObject({ title: 'alice created job', dedup: 'alice', severity: 'HIGH' })
  })
})

describe('audit §2.4 key specifiers, continued', () => {
  it('Key names one top-level key literally (a dot is part of the name); KeyPath walks', async () => {
    expect(await check(cond('Equals', { Value: 1 }, { Key: 'a.b' }), [[{ 'a.b': 1 }, true], [{ a: { b: 1 } }, false]])).toEqual([])
    expect(await check(cond('Equals', { Value: 1 }, { KeyPath: 'a.b' }), [[{ a: { b: 1 } }, true]])).toEqual([])
  })

  it('nested [*] wildcards reach every element', async () => {
    const log = { spec: { containers: [{ ports: [{ hostPort: 80 }] }, { ports: [{ hostPort: 22 }, { hostPort: 443 }] }] } }
    expect(await check(cond('Equals', { Value: 22 }, { KeyPath: 'spec.containers[*].ports[*].hostPort' }), [[log, true]])).toEqual([])
    expect(await check(cond('Equals', { Value: 8080 }, { KeyPath: 'spec.containers[*].ports[*].hostPort' }), [[log, false]])).toEqual([])
  })

  it('IsIn is type-strict like Equals', async () => {
    expect(await check(cond('IsIn', { Values: [400, 403] }), [[{ f: 403 }, true], [{ f: '403' }, false]])).toEqual([])
  })
})
