// Small stand-ins for the real codecs, families and rules, so the harness is specified on its own.
import fc from 'fast-check'
import type { AuditEvent, ClusterContext } from '../../src/model/audit-event.js'
import type { Result } from '../../src/model/result.js'
import type { LoadedRule, TestCase } from '../../src/model/rule.js'
import type { Variant, VariantId } from '../../src/model/variant.js'
import type { FamilySource, HarnessEnvironment, Scenario } from '../../src/harness/types.js'

export function auditEvent(over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    auditID: '11111111-2222-4333-8444-555555555555',
    stage: 'ResponseComplete',
    requestURI: '/apis/batch/v1/namespaces/default/cronjobs',
    verb: 'create',
    user: { username: 'admin@example.com' },
    sourceIPs: ['10.0.0.1'],
    userAgent: 'kubectl/v1.29.3',
    objectRef: { resource: 'cronjobs', namespace: 'default', name: 'backup', apiGroup: 'batch', apiVersion: 'v1' },
    responseStatus: { code: 201 },
    requestReceivedTimestamp: '2026-11-23T09:00:00.000000Z',
    stageTimestamp: '2026-11-23T09:00:00.010000Z',
    ...over,
  }
}

const ctx = (provider: ClusterContext['provider']): ClusterContext => ({ provider, clusterName: 'c1' })

function plain(id: VariantId, provider: ClusterContext['provider']): Variant {
  return {
    id,
    title: id,
    encode: (e, c) => ({ ...structuredClone(e), ...(id === 'eks' ? { clusterName: c.clusterName } : {}) }),
    decode: (raw) => {
      const { clusterName, ...event } = raw as AuditEvent & { clusterName?: string }
      return { event: event as AuditEvent, context: { ...ctx(provider), ...(clusterName ? { clusterName } : {}) } }
    },
    schema: {},
    carries: [],
    loses: [],
  }
}

/** GKE-like: verb and resource live only inside methodName; reads are logged too. */
const gke: Variant = {
  id: 'gke',
  title: 'gke',
  encode: (e, c) => ({
    protoPayload: {
      methodName: `io.k8s.${e.objectRef?.apiGroup ?? 'core'}.v1.${e.objectRef?.resource}.${e.verb}`,
      resourceName: `${e.objectRef?.namespace}/${e.objectRef?.name}`,
      requestMetadata: { callerIP: e.sourceIPs?.[0], callerSuppliedUserAgent: e.userAgent },
      authenticationInfo: { principalEmail: e.user.username },
      status: { code: (e.responseStatus?.code ?? 200) >= 400 ? 7 : 0 },
    },
    insertId: e.auditID,
    timestamp: e.stageTimestamp,
    resource: { labels: { cluster_name: c.clusterName } },
  }),
  decode: (raw) => {
    const p = (raw as { protoPayload: Record<string, any> }).protoPayload // eslint-disable-line @typescript-eslint/no-explicit-any -- test fake
    const [, , group, , resource, verb] = String(p['methodName']).split('.')
    const [namespace, name] = String(p['resourceName']).split('/')
    return {
      event: auditEvent({
        verb: verb!,
        objectRef: { apiGroup: group!, resource: resource!, namespace: namespace!, name: name! },
        responseStatus: { code: p['status']?.code === 7 ? 403 : 200 },
      }),
      context: ctx('gke'),
    }
  },
  schema: {},
  carries: [],
  loses: [],
}

/** AKS-like: the event as a JSON string; reads (get/list) are not recorded. */
const aks: Variant = {
  id: 'aks',
  title: 'aks',
  encode: (e, c) =>
    e.verb === 'get' || e.verb === 'list' ? null : { category: 'kube-audit-admin', resourceId: c.clusterName, properties: { log: JSON.stringify(e) } },
  decode: (raw) => ({ event: JSON.parse((raw as { properties: { log: string } }).properties.log) as AuditEvent, context: ctx('aks') }),
  schema: {},
  carries: [],
  loses: [],
}

const azure: Variant = {
  id: 'azure-activity',
  title: 'azure-activity',
  encode: (e, _c, o) => (o?.assumeDataActions ? { operationName: `MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/${e.objectRef?.resource?.toUpperCase()}/WRITE` } : null),
  decode: (raw) => {
    const resource = String((raw as { operationName: string }).operationName).split('/')[3]!.toLowerCase()
    return { event: auditEvent({ objectRef: { resource, apiGroup: 'batch', namespace: 'default', name: 'x' } }), context: ctx('aks') }
  },
  schema: {},
  carries: [],
  loses: [],
}

export const fakeVariants: Record<VariantId, Variant> = {
  k8s: plain('k8s', 'kubernetes'),
  eks: plain('eks', 'eks'),
  aks,
  gke,
  'azure-activity': azure,
}

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/)
const families: Record<string, fc.Arbitrary<Scenario>> = {
  'atomic.cronjob': fc.record({ n: name, ns: name, ip: fc.ipV4() }).map(({ n, ns, ip }) => ({
    event: auditEvent({ objectRef: { resource: 'cronjobs', apiGroup: 'batch', namespace: ns, name: n }, sourceIPs: [ip] }),
    context: ctx('kubernetes'),
  })),
  'noise.read': fc.record({ n: name, verb: fc.constantFrom('get', 'list') }).map(({ n, verb }) => ({
    event: auditEvent({ verb, objectRef: { resource: 'pods', apiGroup: 'core', namespace: 'default', name: n } }),
    context: ctx('kubernetes'),
  })),
  'noise.denied': name.map((n) => ({
    event: auditEvent({ objectRef: { resource: 'cronjobs', apiGroup: 'batch', namespace: 'default', name: n }, responseStatus: { code: 403 } }),
    context: ctx('kubernetes'),
  })),
}

export const fakeFamilies: FamilySource = {
  names: Object.keys(families).sort(),
  arbitrary: (n) => {
    const a = families[n]
    if (!a) throw new Error(`unknown family ${n}`)
    return a
  },
}

export const fakeEnv: HarnessEnvironment = { variant: (id) => fakeVariants[id], families: fakeFamilies }

/** Canonical view of a raw record, the way a well-mapped rule sees each variant. */
export function canonical(raw: unknown, variant: VariantId): AuditEvent {
  return fakeVariants[variant].decode(raw).event
}

export interface FakeRuleSpec {
  id?: string
  variants: VariantId[]
  tests: TestCase[]
  /** Decides on the raw record of a variant. */
  predicate: (raw: unknown, variant: VariantId) => boolean
  reads?: string[] | undefined
  scenarios?: { match?: string[]; ignore?: string[] }
}

export function fakeRule(spec: FakeRuleSpec): LoadedRule {
  const id = spec.id ?? 'fake-rule'
  const rule: LoadedRule & { scenarios?: unknown } = {
    format: 'sigma',
    id,
    title: id,
    file: `/rules/${id}.yml`,
    location: { file: `/rules/${id}.yml`, line: 1, column: 1 },
    variants: spec.variants,
    tests: spec.tests,
    evaluate: async (raw, variant) => ({ match: spec.predicate(raw, variant) }),
    runTest: async (t): Promise<Result> => {
      const got = spec.predicate(t.event, t.variant)
      return {
        rule: id,
        file: t.location.file,
        line: t.location.line,
        test: t.name,
        variant: t.variant,
        kind: 'embedded',
        status: got === t.expect ? 'pass' : 'fail',
        expected: t.expect ? 'match' : 'no-match',
        actual: got ? 'match' : 'no-match',
      }
    },
    ...(spec.reads === undefined ? {} : { fieldsRead: () => spec.reads }),
  }
  if (spec.scenarios) rule.scenarios = { match: [], ignore: [], ...spec.scenarios }
  return rule
}

export function testCase(name: string, expect: boolean, event: unknown, over: Partial<TestCase> = {}): TestCase {
  return { name, expect, variant: 'k8s', event, location: { file: '/rules/fake-rule.yml', line: 10, column: 5 }, ...over }
}

/** A portable cronjob-create rule: reads verb, objectRef.resource and responseStatus.code through the variant. */
export const portablePredicate = (raw: unknown, v: VariantId): boolean => {
  const e = canonical(raw, v)
  return e.verb === 'create' && e.objectRef?.resource === 'cronjobs' && (e.responseStatus?.code ?? 200) < 400
}

/** Reads EKS/k8s field names on every variant: silent on gke and aks. */
export const eksOnlyPredicate = (raw: unknown): boolean => {
  const r = raw as Partial<AuditEvent>
  return r.verb === 'create' && r.objectRef?.resource === 'cronjobs'
}
