/**
 * Audit of the false-positive look-alikes (logformats.md §6.7) and the controller noise that
 * matches broad CronJob/Job rules: what each benign family shares with the attacks, and that
 * it is never labelled malicious.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { familyArbitrary, type LabelledEvent } from '../../../generators/index.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- walks generated manifests

const sample = (name: string, n = 80): LabelledEvent[] => fc.sample(familyArbitrary(name, { provider: 'eks' }), { numRuns: n, seed: 4242 })
const spec = (e: LabelledEvent): Obj => {
  const o = e.event.requestObject as Obj
  return o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.kind === 'Job' ? o.spec.template.spec : o.spec
}
const hostPaths = (e: LabelledEvent): string[] => (spec(e).volumes ?? []).filter((v: Obj) => v.hostPath).map((v: Obj) => v.hostPath.path)
const script = (e: LabelledEvent) => spec(e).containers.map((c: Obj) => [...(c.command ?? []), ...(c.args ?? [])].join(' ')).join('\n')
const images = (e: LabelledEvent): string[] => spec(e).containers.map((c: Obj) => c.image)

describe('§6.7 look-alikes: benign, created, sharing traits with the attacks', () => {
  it.each([
    ['benign.db-backup-cronjob', (e: LabelledEvent) => /pg_dump|mysqldump|mongodump/.test(script(e)) && (e.event.requestObject as Obj).kind === 'CronJob'],
    ['benign.cloud-backup-cronjob', (e: LabelledEvent) => /aws s3 cp|az storage blob upload|gsutil|gcloud storage/.test(script(e))],
    ['benign.cert-renewal-cronjob', (e: LabelledEvent) => /certbot renew|kubectl/.test(script(e))],
    ['benign.log-rotation-cronjob', (e: LabelledEvent) => hostPaths(e).some((p) => p.startsWith('/var/log')) && images(e).some((i) => /^(busybox|alpine)/.test(i))],
    ['benign.healthcheck-cronjob', (e: LabelledEvent) => /curl /.test(script(e))],
    ['benign.kube-bench-job', (e: LabelledEvent) => spec(e).hostPID === true && hostPaths(e).includes('/var/lib/kubelet') && hostPaths(e).includes('/etc/kubernetes')],
    ['benign.trivy-node-collector-job', (e: LabelledEvent) => e.event.user.username === 'system:serviceaccount:trivy-system:trivy-operator' && spec(e).containers[0].securityContext?.privileged === false && spec(e).containers[0].securityContext?.readOnlyRootFilesystem === true && hostPaths(e).includes('/etc/kubernetes')],
    ['benign.descheduler-cronjob', (e: LabelledEvent) => e.event.objectRef?.namespace === 'kube-system' && (e.event.requestObject as Obj).spec.schedule === '*/2 * * * *' && /^Helm\/3\./.test(e.event.userAgent ?? '')],
    ['benign.helm-hook-job', (e: LabelledEvent) => /^Helm\/3\./.test(e.event.userAgent ?? '') && (e.event.requestObject as Obj).kind === 'Job'],
    ['benign.stale-pod-cleanup-cronjob', (e: LabelledEvent) => /kubectl delete pods/.test(script(e)) && (e.event.requestObject as Obj).spec.schedule === '*/30 * * * *'],
    ['benign.ci-job', (e: LabelledEvent) => /^system:serviceaccount:/.test(e.event.user.username ?? '')],
  ] as const)('%s', (name, shared) => {
    const events = sample(name)
    for (const e of events) {
      expect(e.labels).toMatchObject({ family: name, malicious: false, technique: null, atomic: null })
      expect(['cronjobs', 'jobs', 'pods']).toContain(e.event.objectRef?.resource)
    }
    const created = events.filter((e) => e.event.verb === 'create' && e.event.responseStatus?.code === 201)
    expect(created.length).toBeGreaterThan(events.length / 2)
    // Most (not necessarily all: some variations differ) share the documented trait.
    expect(created.filter((e) => shared(e)).length).toBeGreaterThan(created.length * 0.6)
  })

  it('CI jobs include privileged docker:dind (privileged + download, like the attacks)', () => {
    const dind = sample('benign.ci-job', 150).filter((e) => e.event.verb === 'create' && images(e).some((i) => i.startsWith('docker:') && i.includes('dind')))
    expect(dind.length).toBeGreaterThan(0)
    for (const e of dind) expect(spec(e).containers.some((c: Obj) => c.securityContext?.privileged === true)).toBe(true)
  })

  it('GitOps service accounts create look-alike CronJobs too', () => {
    const users = new Set(['benign.db-backup-cronjob', 'benign.healthcheck-cronjob', 'benign.cloud-backup-cronjob'].flatMap((n) => sample(n).map((e) => e.event.user.username)))
    expect([...users].some((u) => u === 'system:serviceaccount:argocd:argocd-application-controller' || u === 'system:serviceaccount:flux-system:kustomize-controller')).toBe(true)
  })
})

describe('controller noise that broad CronJob/Job rules see (§6.7)', () => {
  it('status updates by controllers and kubelets hit the status subresource', () => {
    for (const e of sample('noise.status-update')) {
      expect(e.event.objectRef?.subresource).toBe('status')
      expect(['update', 'patch']).toContain(e.event.verb)
      expect(e.event.user.username).toMatch(/^system:(serviceaccount:kube-system:[a-z-]+-controller|node:.+)$/)
      expect(e.labels.malicious).toBe(false)
    }
  })

  it('finished Jobs are deleted by the cronjob-controller or the ttl-after-finished-controller', () => {
    for (const e of sample('noise.controller-job-delete')) {
      expect(e.event).toMatchObject({ verb: 'delete', objectRef: { resource: 'jobs', apiGroup: 'batch' } })
      expect(e.event.user.username).toMatch(/^system:serviceaccount:kube-system:(cronjob|ttl-after-finished)-controller$/)
    }
  })

  it('denied requests are RBAC 403s without a body, CronJob and Job creates among them', () => {
    const events = sample('noise.denied', 150)
    for (const e of events) {
      expect(e.event.responseStatus?.code).toBe(403)
      expect(e.event.annotations?.['authorization.k8s.io/decision']).toBe('forbid')
      expect(e.event).not.toHaveProperty('requestObject')
    }
    expect(events.some((e) => e.event.verb === 'create' && ['cronjobs', 'jobs'].includes(e.event.objectRef?.resource ?? ''))).toBe(true)
  })
})
