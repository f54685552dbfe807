// The cluster attack families beyond CronJobs: each request looks as the API server audits it,
// carries the technique the public rules claim, and has benign look-alikes on the same resource.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { familyArbitrary, families } from '../../generators/index.js'

const RUNS = { numRuns: 40, seed: 11 }
type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- raw audit JSON walked by known paths

function each(name: string, check: (e: Obj, labels: Obj) => void): void {
  fc.assert(fc.property(familyArbitrary(name), (x) => check(x.event as Obj, x.labels as Obj)), RUNS)
}

describe('cluster attack families', () => {
  it('pod exec: create pods/exec, the command in the query string, 101 and ResponseStarted when let through (ART T1609 ExecIntoContainer)', () => {
    each('atomic.pod-exec', (e, l) => {
      expect(e).toMatchObject({ verb: 'create', objectRef: { resource: 'pods', subresource: 'exec' }, stage: 'ResponseStarted', responseStatus: { code: 101 } })
      expect(e.requestURI).toMatch(/^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/exec\?command=/)
      expect(l).toMatchObject({ malicious: true, technique: 'T1609', atomic: 'art:d03bfcd3-ed87-49c8-8880-44bb772dea4b', subresource: 'exec' })
    })
  })

  it('escape pods: privileged, hostPath, hostNetwork or hostPID in the pod the request creates (T1611)', () => {
    each('atomic.escape-pod', (e) => {
      expect(e.objectRef).toMatchObject({ resource: 'pods' })
      if (e.responseStatus.code >= 400) return
      const spec = e.requestObject.spec
      expect(e.requestObject.metadata.name).toBe(e.objectRef.name)
      const risky = spec.hostNetwork || spec.hostPID || (spec.volumes ?? []).some((v: Obj) => v.hostPath) || spec.containers.some((c: Obj) => c.securityContext?.privileged)
      expect(risky).toBe(true)
    })
  })

  it('secret listing by unusual users (ART T1552.007 ListSecrets); RBAC, webhooks and anonymous access carry their techniques', () => {
    each('atomic.secret-list', (e, l) => {
      expect([e.verb, e.objectRef.resource, l.technique]).toEqual(['list', 'secrets', 'T1552.007'])
    })
    each('atomic.cluster-admin-binding', (e) => {
      expect(e.requestObject.roleRef.name).toBe('cluster-admin')
    })
    each('atomic.admission-webhook', (e) => {
      expect(e.objectRef.apiGroup).toBe('admissionregistration.k8s.io')
    })
    each('atomic.anonymous-access', (e, l) => {
      expect(e.user).toEqual({})
      expect(l.technique).toBe('T1190')
    })
    each('atomic.sa-token-request', (e) => {
      expect(e.objectRef).toMatchObject({ resource: 'serviceaccounts', subresource: 'token' })
    })
  })

  it('every cluster attack has a benign look-alike on the same resource and subresource', () => {
    const key = (name: string): string => {
      const [x] = fc.sample(familyArbitrary(name), { numRuns: 1, seed: 3 })
      return `${x!.event.objectRef?.resource}/${x!.event.objectRef?.subresource ?? ''}`
    }
    const attacks = families.filter((f) => f.labels.malicious && !/cronjob|hostpath-job/.test(f.name))
    const benignKeys = new Set(families.filter((f) => f.name.startsWith('benign.')).map((f) => key(f.name)))
    const alone = attacks.filter((f) => !['atomic.pod-attach', 'atomic.anonymous-access', 'atomic.role-escalation', 'atomic.cluster-admin-binding'].includes(f.name)).filter((f) => !benignKeys.has(key(f.name)))
    expect(alone.map((f) => f.name)).toEqual([])
  })
})
