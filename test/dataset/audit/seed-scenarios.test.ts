/**
 * Audit of the attack families against logformats.md §6.2 (the two real Atomic Red Team
 * T1053.007 tests) and §6.3 (the four seed scenarios), through the public generators API and
 * the variants, on every provider.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { familyArbitrary, scenarioArbitrary, toAuditEvent, clusterContext, type LabelledEvent } from '../../../generators/index.js'
import { getVariant } from '../../../src/variants/index.js'
import type { Provider } from '../../../src/model/audit-event.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- walks generated manifests

const PROVIDERS: Provider[] = ['kubernetes', 'eks', 'aks', 'gke']
const sample = (name: string, provider: Provider = 'kubernetes', n = 120): LabelledEvent[] => fc.sample(familyArbitrary(name, { provider }), { numRuns: n, seed: 777 })
const created = (e: LabelledEvent) => e.event.verb === 'create' && e.event.responseStatus?.code === 201
const podSpec = (o: Obj): Obj => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : o.kind === 'Job' ? o.spec.template.spec : o.spec)
/** The manifest a create carries (a patch carries the raw patch; the whole object is in the response). */
const manifest = (e: LabelledEvent): Obj => (e.event.verb === 'patch' ? e.event.responseObject : e.event.requestObject) as Obj
const script = (c: Obj) => [...(c.command ?? []), ...(c.args ?? [])].join(' ')

describe('seed 1: reverse-shell CronJob', () => {
  it('cronjobs create in (mostly) default, alpine:latest pulled Always, a shell -c running nc / ncat / bash /dev/tcp to a documentation address', () => {
    const events = sample('atomic.reverse-shell-cronjob')
    for (const e of events) {
      expect(e.labels).toMatchObject({ malicious: true, technique: 'T1053.007', atomic: 'seed:1-reverse-shell-cronjob', resource: 'cronjobs' })
      const o = manifest(e)
      expect(o.kind).toBe('CronJob')
      const c = podSpec(o).containers[0]
      expect(script(c)).toMatch(/(^|\/)(sh|bash) .*-c/)
      expect(script(c)).toMatch(/\bnc(at)? |\/dev\/tcp\//)
      expect(script(c)).toMatch(/(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+|\.example(\.\w+)?\b/)
      if (c.image === 'alpine:latest') expect(c.imagePullPolicy).toBe('Always')
    }
    const creates = events.filter(created)
    expect(creates.filter((e) => e.event.objectRef?.namespace === 'default').length).toBeGreaterThan(creates.length / 2)
    expect(creates.some((e) => e.event.objectRef?.name === 'argus-test-cronjob')).toBe(true)
    expect(creates.filter((e) => podSpec(manifest(e)).containers[0].image === 'alpine:latest').length).toBeGreaterThan(creates.length / 2)
  })
})

describe("the seeds' exact expected signals occur among the variations (Sentinel seed, §6.3)", () => {
  const many = (name: string) => sample(name, 'kubernetes', 400).filter(created)
  it('seed 1: cronjobs create, default, argus-test-cronjob, alpine:latest, command /bin/sh -c, args with an nc reverse shell', () => {
    expect(many('atomic.reverse-shell-cronjob').some((e) => {
      const c = podSpec(e.event.requestObject as Obj).containers[0]
      return e.event.objectRef?.namespace === 'default' && e.event.objectRef?.name === 'argus-test-cronjob' && c.image === 'alpine:latest' &&
        JSON.stringify(c.command) === '["/bin/sh","-c"]' && /\bnc /.test((c.args ?? []).join(' '))
    })).toBe(true)
  })
  it('seed 2: jobs create, busybox:latest, privileged: true, hostPath.path /etc', () => {
    expect(many('atomic.privileged-hostpath-job').some((e) => {
      const s = podSpec(e.event.requestObject as Obj)
      return s.containers[0].image === 'busybox:latest' && s.containers[0].securityContext?.privileged === true && s.volumes.some((v: Obj) => v.hostPath?.path === '/etc')
    })).toBe(true)
  })
  it('seed 4: ubuntu:20.04 with curl download, chmod +x and execution', () => {
    expect(many('atomic.cryptominer-cronjob').some((e) => {
      const c = podSpec(e.event.requestObject as Obj).containers[0]
      return c.image === 'ubuntu:20.04' && /curl .*chmod \+x .*&& \/\S+/.test(script(c))
    })).toBe(true)
  })
})

describe('seed 2: privileged Job mounting the host /etc', () => {
  it('jobs create, busybox, securityContext.privileged true, hostPath.path /etc, restartPolicy Never', () => {
    for (const e of sample('atomic.privileged-hostpath-job').filter(created)) {
      expect(e.labels).toMatchObject({ atomic: 'seed:2-privileged-hostpath-job', resource: 'jobs', verb: 'create' })
      const o = e.event.requestObject as Obj
      expect(o).toMatchObject({ kind: 'Job', apiVersion: 'batch/v1' })
      const spec = podSpec(o)
      expect(spec.containers[0].image).toMatch(/^busybox(:|$)/)
      expect(spec.containers.some((c: Obj) => c.securityContext?.privileged === true)).toBe(true)
      expect(spec.volumes.map((v: Obj) => v.hostPath?.path)).toContain('/etc')
      expect(spec.restartPolicy).toBe('Never')
      // Compact JSON, as the Sentinel seed re-serializes it: the terms it looks for are there.
      const text = JSON.stringify(o)
      for (const term of ['hostPath', 'privileged', '/etc', 'busybox']) expect(text).toContain(term)
    }
  })
})

describe('seed 3: docker.sock CronJob', () => {
  it('schedule */5 * * * *, hostPath /var/run/docker.sock (type Socket or unset) mounted in the container', () => {
    for (const e of sample('atomic.docker-socket-cronjob').filter(created)) {
      const o = e.event.requestObject as Obj
      expect(o.kind).toBe('CronJob')
      expect(o.spec.schedule).toBe('*/5 * * * *')
      const spec = podSpec(o)
      const vol = spec.volumes.find((v: Obj) => v.hostPath?.path === '/var/run/docker.sock')
      expect(vol).toBeDefined()
      expect(['', 'Socket']).toContain(vol.hostPath.type)
      expect(spec.containers.some((c: Obj) => (c.volumeMounts ?? []).some((m: Obj) => m.name === vol.name))).toBe(true)
    }
  })
})

describe('seed 4: cryptominer CronJob', () => {
  it('ubuntu:20.04 (mostly), a shell downloading with curl, chmod +x, and running the binary', () => {
    const creates = sample('atomic.cryptominer-cronjob').filter((e) => (e.event.responseStatus?.code ?? 0) < 300)
    for (const e of creates) {
      const c = podSpec(manifest(e)).containers[0]
      const s = script(c)
      expect(s).toMatch(/curl /)
      expect(s).toMatch(/chmod \+x (\S+)/)
      const binary = /chmod \+x (\S+)/.exec(s)![1]!
      expect(s.slice(s.indexOf('chmod +x'))).toContain(`&& ${binary}`)
    }
    expect(creates.filter((e) => podSpec(manifest(e)).containers[0].image === 'ubuntu:20.04').length).toBeGreaterThan(creates.length / 2)
  })
})

describe('the cascade after a seed CronJob fires (§0.1 #12, §6.3)', () => {
  it.each(['atomic.reverse-shell-cronjob', 'atomic.docker-socket-cronjob', 'atomic.cryptominer-cronjob'])('%s: the Job by cronjob-controller and the Pod by job-controller carry the attack pod spec', (name) => {
    const scenarios = fc.sample(scenarioArbitrary(name), { numRuns: 60, seed: 99 }).filter((s) => s.steps[0]!.action.outcome.code === 201 && s.steps[0]!.action.verb === 'create')
    expect(scenarios.length).toBeGreaterThan(20)
    const ctx = clusterContext.example('kubernetes')
    for (const s of scenarios) {
      const [cron, job, status, pod] = s.steps.filter((st) => st.primary !== false).map((st) => ({ family: st.family, event: toAuditEvent(st.action, ctx) }))
      expect([cron!.family, job!.family, status!.family, pod!.family]).toEqual([name, `${name}.job`, `${name}.status`, `${name}.pod`])
      const cronSpec = podSpec(cron!.event.requestObject as Obj)
      expect(job!.event.user.username).toBe('system:serviceaccount:kube-system:cronjob-controller')
      expect(podSpec(job!.event.requestObject as Obj).containers[0]).toMatchObject({ image: cronSpec.containers[0].image })
      expect(podSpec(job!.event.requestObject as Obj).volumes ?? []).toEqual(cronSpec.volumes ?? [])
      expect(status!.event).toMatchObject({ verb: 'update', objectRef: { resource: 'cronjobs', subresource: 'status', name: cron!.event.objectRef!.name } })
      expect(pod!.event.user.username).toBe('system:serviceaccount:kube-system:job-controller')
      expect(pod!.event.objectRef).toEqual({ resource: 'pods', namespace: cron!.event.objectRef!.namespace, apiVersion: 'v1' })
      expect(podSpec(pod!.event.requestObject as Obj).containers[0]).toMatchObject({ image: cronSpec.containers[0].image })
      for (const ev of [cron!, job!, status!, pod!]) expect(ev.event.stage).toBe('ResponseComplete')
      expect(job!.event.requestReceivedTimestamp > cron!.event.stageTimestamp).toBe(true)
      expect(pod!.event.requestReceivedTimestamp > job!.event.stageTimestamp).toBe(true)
    }
  })

  it('seed 2 is a Job: only the Pod follows', () => {
    for (const s of fc.sample(scenarioArbitrary('atomic.privileged-hostpath-job'), { numRuns: 40, seed: 3 })) {
      for (const st of s.steps) expect(st.family).not.toMatch(/\.(job|status)$/)
    }
  })
})

describe('Atomic Red Team T1053.007 (§6.2)', () => {
  it('test 1 ListCronjobs: kubectl get cronjobs — list, ?limit=500, Request level, no bodies, kubectl user agent', () => {
    for (const e of sample('atomic.art-list-cronjobs')) {
      expect(e.labels.atomic).toBe('art:ddfb0bc1-3c3f-47e9-a298-550ecfefacbd')
      expect(e.event).toMatchObject({ verb: 'list', level: 'Request', objectRef: { resource: 'cronjobs', apiGroup: 'batch', apiVersion: 'v1' } })
      expect(e.event.requestURI).toBe(`/apis/batch/v1/namespaces/${e.event.objectRef!.namespace}/cronjobs?limit=500`)
      expect(e.event).not.toHaveProperty('requestObject')
      expect(e.event).not.toHaveProperty('responseObject')
      expect(e.event.userAgent).toMatch(/^kubectl\/v1\.\d+\.\d+ /)
    }
  })

  it('test 2 CreateCronjob: the busybox CronJob art as batch/v1beta1 answered 404 without a body; bumped to batch/v1 it is created', () => {
    const events = sample('atomic.art-create-cronjob', 'kubernetes', 150)
    const v1beta1 = events.filter((e) => e.event.objectRef?.apiVersion === 'v1beta1')
    const v1 = events.filter((e) => e.event.objectRef?.apiVersion === 'v1')
    expect(v1beta1.length).toBeGreaterThan(v1.length)
    expect(v1.length).toBeGreaterThan(0)
    for (const e of events) {
      expect(e.labels.atomic).toBe('art:f2fa019e-fb2a-4d28-9dc6-fd1a9b7f68c3')
      expect(e.event.verb).toBe('create')
      expect(e.event.objectRef).toMatchObject({ resource: 'cronjobs', name: 'art', apiGroup: 'batch' })
      expect(e.event.userAgent).toMatch(/^kubectl\/v1\.\d+\.\d+ /)
      expect(e.event.requestURI).toMatch(/\?fieldManager=kubectl-create&fieldValidation=Strict$/)
    }
    for (const e of v1beta1) {
      expect(e.event.requestURI).toMatch(/^\/apis\/batch\/v1beta1\/namespaces\/[^/]+\/cronjobs\?/)
      expect(e.event.responseStatus).toMatchObject({ code: 404, reason: 'NotFound', status: 'Failure' })
      expect(e.event).not.toHaveProperty('requestObject')
      expect(e.labels.code).toBe(404)
    }
    for (const e of v1) {
      expect(e.event.responseStatus).toEqual({ metadata: {}, code: 201 })
      const o = e.event.requestObject as Obj
      expect(o).toMatchObject({ kind: 'CronJob', apiVersion: 'batch/v1', metadata: { name: 'art' }, spec: { schedule: '*/1 * * * *' } })
      const spec = podSpec(o)
      expect(spec.restartPolicy).toBe('OnFailure')
      expect(spec.containers).toEqual([expect.objectContaining({ name: 'hello', image: 'busybox:stable', imagePullPolicy: 'IfNotPresent', command: expect.arrayContaining(['/bin/sh', '-c']) })])
    }
  })
})

describe('every attack family renders on every variant', () => {
  it.each(['atomic.reverse-shell-cronjob', 'atomic.privileged-hostpath-job', 'atomic.docker-socket-cronjob', 'atomic.cryptominer-cronjob', 'atomic.art-create-cronjob'])('%s: k8s, eks, aks and gke each write one record; azure-activity none unless through az aks command invoke', (name) => {
    for (const provider of PROVIDERS) {
      for (const e of sample(name, provider, 25)) {
        const variant = provider === 'kubernetes' ? 'k8s' : provider
        const raw = getVariant(variant).encode(e.event, e.context)
        expect(raw).not.toBeNull()
        expect(getVariant(variant).decode(raw).event.auditID).toBe(e.event.auditID)
        const activity = getVariant('azure-activity').encode(e.event, e.context)
        const invoked = e.event.annotations?.['ruleproof.dev/via'] !== undefined
        if (!invoked) expect(activity).toBeNull()
      }
    }
  })
})
