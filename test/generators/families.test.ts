/**
 * The scenario families as a specification: what each one must contain, and that its labels
 * say the right thing on every step (every atomic.* event is malicious, T1053.007; benign.* and
 * noise.* never are).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COMMAND_INVOKE_ANNOTATION } from '../../generators/_internals/scenario.js'
import { VIA_ANNOTATION, VIA_COMMAND_INVOKE, getVariant } from '../../src/variants/index.js'
import { clusterContext, createRng, familyArbitrary, familyNames, families, labelsOf, selectFamilies, toAuditEvent, type LabelledEvent } from '../../generators/index.js'

const RUNS = { numRuns: 60, seed: 20261123 }
type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- tests walk generated manifests

function podSpecOf(e: LabelledEvent): Obj {
  // A patch logs the raw patch; the whole object is in the response.
  const o = (e.event.verb === 'patch' ? e.event.responseObject : e.event.requestObject) as Obj
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template.spec
  if (o.kind === 'Job') return o.spec.template.spec
  return o.spec
}
const text = (e: LabelledEvent) => JSON.stringify(e.event.requestObject)
const created = (e: LabelledEvent) => e.event.responseStatus?.code === 201

describe('registry', () => {
  it('names are unique and grouped as atomic.*, benign.*, noise.*', () => {
    const names = families.map((f) => f.name)
    expect(new Set(names).size).toBe(names.length)
    for (const n of names) expect(n).toMatch(/^(atomic|benign|noise)\.[a-z0-9-]+$/)
    expect(familyNames().length).toBeGreaterThan(names.length)
  })
  it.each([
    ['atomic.*', 20],
    ['benign.*,noise.read', 22],
    ['*,!noise.*', 41],
    ['atomic.*-cronjob', 4],
  ])('selectFamilies(%s) selects %d', (glob, n) => expect(selectFamilies(glob)).toHaveLength(n))
  it('family labels: atomic malicious with ATT&CK technique ids (CronJob families T1053.007, with their Atomic test), the rest benign', () => {
    for (const f of families) {
      if (f.name.startsWith('atomic.')) {
        expect(f.labels).toMatchObject({ malicious: true, technique: expect.stringMatching(/^T\d{4}(\.\d{3})?(,T\d{4}(\.\d{3})?)*$/) })
        expect(f.labels.atomic === null || /^(art:[0-9a-f-]{36}|seed:[1-4]-[a-z-]+)$/.test(f.labels.atomic)).toBe(true)
        if (/cronjob|hostpath-job/.test(f.name)) expect(f.labels).toMatchObject({ technique: 'T1053.007', atomic: expect.any(String) })
      } else expect(f.labels).toEqual({ malicious: false, technique: null, atomic: null })
    }
  })
})

describe('labels of every step agree with the event', () => {
  for (const name of familyNames()) {
    it(name, () => {
      fc.assert(
        fc.property(familyArbitrary(name, { provider: 'eks' }), (e) => {
          expect(e.labels.family).toBe(name)
          expect(e.labels.malicious).toBe(name.startsWith('atomic.'))
          expect(e.labels.technique).toBe(name.startsWith('atomic.') ? families.find((f) => f.steps.includes(name))!.labels.technique : null)
          expect(e.labels).toMatchObject({ verb: e.event.verb, resource: e.event.objectRef?.resource ?? null, namespace: e.event.objectRef?.namespace ?? null, name: e.event.objectRef?.name ?? null, user: e.event.user.username ?? null, code: e.event.responseStatus?.code ?? null })
        }),
        { numRuns: 15, seed: 5 },
      )
    })
  }
})

describe('atomic.* (Sentinel seed scenarios, logformats §6.3)', () => {
  it('reverse-shell CronJob: alpine, a shell -c, nc / ncat / bash /dev/tcp to a documentation address', () => {
    fc.assert(
      fc.property(familyArbitrary('atomic.reverse-shell-cronjob'), (e) => {
        expect(['create', 'patch']).toContain(e.event.verb)
        expect(e.event).toMatchObject({ objectRef: { resource: 'cronjobs', apiGroup: 'batch', apiVersion: 'v1' } })
        if (e.event.responseStatus?.code === 403 && e.event.annotations?.['authorization.k8s.io/decision'] === 'forbid') {
          expect(e.event.requestObject).toBeUndefined()
          return
        }
        const c = podSpecOf(e).containers[0]
        expect(c.image).toMatch(/^(alpine|busybox)/)
        expect(text(e)).toMatch(/(nc|ncat) \S+ \d+|\/dev\/tcp\//)
        expect(text(e)).toMatch(/-c/)
        expect(text(e)).toMatch(/203\.0\.113\.|198\.51\.100\.|192\.0\.2\.|\.example\.(net|org|com)/)
      }),
      RUNS,
    )
  })
  it('an existing CronJob patched: the raw patch (merge object or JSON-patch array) in requestObject, the object in responseObject', () => {
    const shapes = new Set<string>()
    fc.assert(
      fc.property(familyArbitrary('atomic.cryptominer-cronjob'), (e) => {
        if (e.event.verb !== 'patch' || e.event.responseStatus?.code !== 200) return
        const body = e.event.requestObject as unknown
        shapes.add(Array.isArray(body) ? 'json' : 'merge')
        expect(JSON.stringify(body)).not.toMatch(/"kind"|terminationMessagePath/)
        expect(JSON.stringify(body)).toMatch(/chmod \+x/)
        expect(e.event.requestURI).toMatch(/\/cronjobs\/[a-z0-9-]+\?fieldManager=kubectl-patch$/)
        expect(e.event.responseObject).toMatchObject({ kind: 'CronJob', metadata: { name: e.event.objectRef?.name } })
      }),
      { numRuns: 300, seed: 31 },
    )
    expect(shapes).toEqual(new Set(['json', 'merge']))
  })
  it('privileged Job mounting the host /etc with busybox', () => {
    fc.assert(
      fc.property(familyArbitrary('atomic.privileged-hostpath-job'), (e) => {
        expect(e.event.objectRef?.resource).toBe('jobs')
        if (!e.event.requestObject) return
        const spec = podSpecOf(e)
        expect(spec.volumes.some((v: Obj) => v.hostPath?.path === '/etc')).toBe(true)
        expect(spec.containers[0].securityContext.privileged).toBe(true)
        expect(spec.containers[0].image).toMatch(/^busybox/)
        expect(spec.restartPolicy).toBe('Never')
      }),
      RUNS,
    )
  })
  it('docker.sock CronJob on */5 * * * *', () => {
    fc.assert(
      fc.property(familyArbitrary('atomic.docker-socket-cronjob'), (e) => {
        if (!e.event.requestObject) return
        expect((e.event.requestObject as Obj).spec.schedule).toBe('*/5 * * * *')
        expect(podSpecOf(e).volumes.some((v: Obj) => v.hostPath?.path === '/var/run/docker.sock')).toBe(true)
      }),
      RUNS,
    )
  })
  it('cryptominer CronJob: ubuntu:20.04 (mostly), curl download, chmod +x, run', () => {
    const images = new Set<string>()
    fc.assert(
      fc.property(familyArbitrary('atomic.cryptominer-cronjob'), (e) => {
        if (!e.event.requestObject) return
        images.add(podSpecOf(e).containers[0].image)
        expect(text(e)).toMatch(/curl -sL -o (\S+) \S+ && chmod \+x \1 && \1 /)
      }),
      RUNS,
    )
    expect(images.has('ubuntu:20.04')).toBe(true)
  })
  it('the cascade: Job by cronjob-controller named <cronjob>-<minutes>, Pod by job-controller with generateName, attack content intact', () => {
    fc.assert(
      fc.property(fc.noShrink(familyArbitrary('atomic.reverse-shell-cronjob')).chain(() => familyArbitrary('atomic.reverse-shell-cronjob.job')), (e) => {
        expect(e.labels.user).toBe('system:serviceaccount:kube-system:cronjob-controller')
        expect(e.event.userAgent).toMatch(/\/system:serviceaccount:kube-system:cronjob-controller$/)
        const job = e.event.requestObject as Obj
        expect(job.metadata.name).toMatch(/^[a-z0-9-]+-\d{8}$/)
        expect(job.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', controller: true })
        expect(job.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: expect.any(Number), completionMode: 'NonIndexed' })
        expect(JSON.stringify(job)).toMatch(/nc|\/dev\/tcp/)
      }),
      { numRuns: 20, seed: 9 },
    )
    fc.assert(
      fc.property(familyArbitrary('atomic.privileged-hostpath-job.pod', { provider: 'aks' }), (e) => {
        expect(e.event).toMatchObject({ verb: 'create', objectRef: { resource: 'pods' }, user: { username: 'system:serviceaccount:kube-system:job-controller' } })
        expect(e.event.objectRef?.name).toBeUndefined()
        expect((e.event.requestObject as Obj).metadata.generateName).toMatch(/-$/)
        expect((e.event.responseObject as Obj).metadata.name).toMatch(/-[a-z0-9]{5}$/)
        expect(podSpecOf(e).containers[0].securityContext.privileged).toBe(true)
      }),
      { numRuns: 20, seed: 9 },
    )
  })
  it('ART test 1: list cronjobs (Request level, no bodies)', () => {
    fc.assert(
      fc.property(familyArbitrary('atomic.art-list-cronjobs'), (e) => {
        expect(e.event).toMatchObject({ verb: 'list', level: 'Request', objectRef: { resource: 'cronjobs' } })
        expect(e.event.requestURI).toMatch(/\/cronjobs\?limit=500$/)
        expect(e.event.requestObject).toBeUndefined()
      }),
      RUNS,
    )
  })
  it('ART test 2: CronJob art through batch/v1beta1 → 404 without a body, or bumped to batch/v1', () => {
    const codes = new Set<number>()
    fc.assert(
      fc.property(familyArbitrary('atomic.art-create-cronjob'), (e) => {
        codes.add(e.event.responseStatus!.code!)
        expect(e.event.objectRef?.name).toBe('art')
        if (e.event.objectRef?.apiVersion === 'v1beta1') {
          expect(e.event.responseStatus).toMatchObject({ code: 404, reason: 'NotFound' })
          expect(e.event.requestURI).toMatch(/^\/apis\/batch\/v1beta1\//)
          expect(e.event.requestObject).toBeUndefined()
        } else {
          expect(e.event.responseStatus?.code).toBe(201)
          expect(podSpecOf(e).containers[0]).toMatchObject({ name: 'hello', image: 'busybox:stable', imagePullPolicy: 'IfNotPresent' })
          expect((e.event.requestObject as Obj).spec.schedule).toBe('*/1 * * * *')
        }
      }),
      RUNS,
    )
    expect(codes).toEqual(new Set([404, 201]))
  })
})

describe('Pod Security audit annotations', () => {
  it('some privileged hostPath Jobs are created in namespaces audited for baseline', () => {
    let audited = 0
    fc.assert(
      fc.property(familyArbitrary('atomic.privileged-hostpath-job'), (e) => {
        const v = e.event.annotations?.['pod-security.kubernetes.io/audit-violations']
        if (!v) return
        audited++
        expect(v).toMatch(/^would violate PodSecurity "baseline:latest": /)
        expect(v).toMatch(/privileged \(container "[^"]+" must not set securityContext\.privileged=true\)/)
        expect(v).toMatch(/hostPath volumes \(volume "host-etc"\)$/)
      }),
      { numRuns: 100, seed: 21 },
    )
    expect(audited).toBeGreaterThan(0)
  })
  it('never on workloads that meet baseline', () => {
    fc.assert(
      fc.property(familyArbitrary('benign.db-backup-cronjob'), (e) => {
        expect(e.event.annotations?.['pod-security.kubernetes.io/audit-violations']).toBeUndefined()
      }),
      { numRuns: 50, seed: 22 },
    )
  })
})

describe('refused attempts are their own step', () => {
  it.each(['atomic.reverse-shell-cronjob', 'atomic.privileged-hostpath-job', 'atomic.docker-socket-cronjob', 'atomic.cryptominer-cronjob', 'atomic.art-list-cronjobs'])('%s: the family event went through, %s.denied was refused', (name) => {
    fc.assert(
      fc.property(familyArbitrary(name), familyArbitrary(`${name}.denied`), (ok, refused) => {
        expect(ok.event.responseStatus!.code!).toBeLessThan(300)
        expect(refused.event.responseStatus?.code).toBe(403)
        expect(refused.labels).toMatchObject({ family: `${name}.denied`, malicious: true, technique: 'T1053.007' })
      }),
      { numRuns: 25, seed: 13 },
    )
  })
})

describe('benign.* look-alikes share traits with the attacks', () => {
  it.each([
    ['benign.log-rotation-cronjob', (e: LabelledEvent) => podSpecOf(e).volumes.some((v: Obj) => String(v.hostPath?.path).startsWith('/var/log'))],
    ['benign.healthcheck-cronjob', (e: LabelledEvent) => /curl/.test(text(e))],
    ['benign.kube-bench-job', (e: LabelledEvent) => podSpecOf(e).hostPID === true && podSpecOf(e).volumes.some((v: Obj) => v.hostPath?.path === '/etc/kubernetes')],
    ['benign.trivy-node-collector-job', (e: LabelledEvent) => podSpecOf(e).containers[0].securityContext.privileged === false && e.event.objectRef?.namespace === 'trivy-system'],
    ['benign.db-backup-cronjob', (e: LabelledEvent) => /pg_dump|mysqldump/.test(text(e))],
    ['benign.descheduler-cronjob', (e: LabelledEvent) => e.event.objectRef?.namespace === 'kube-system' && e.event.userAgent?.startsWith('Helm/') === true],
  ])('%s', (name, trait) => {
    fc.assert(
      fc.property(familyArbitrary(name), (e) => {
        expect(created(e) && trait(e)).toBe(true)
      }),
      { numRuns: 30, seed: 4 },
    )
  })
})

describe('noise.*', () => {
  it('denied requests: 403, decision forbid, empty reason, no request body', () => {
    fc.assert(
      fc.property(familyArbitrary('noise.denied'), (e) => {
        expect(e.event.responseStatus).toMatchObject({ code: 403, reason: 'Forbidden', status: 'Failure' })
        expect(e.event.annotations).toMatchObject({ 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' })
        expect(e.event.requestObject).toBeUndefined()
      }),
      RUNS,
    )
  })
  it('status updates hit the status subresource, by controllers or kubelets', () => {
    fc.assert(
      fc.property(familyArbitrary('noise.status-update'), (e) => {
        expect(e.event.objectRef?.subresource).toBe('status')
        expect(e.labels.user).toMatch(/^system:(serviceaccount:kube-system:|node:)/)
      }),
      RUNS,
    )
  })
  it('reads are get/list/watch', () => {
    fc.assert(
      fc.property(familyArbitrary('noise.read'), (e) => {
        expect(['get', 'list', 'watch']).toContain(e.event.verb)
      }),
      RUNS,
    )
  })
})

describe('the same action renders per provider', () => {
  it('identities differ per provider, the request does not', () => {
    const f = families.find((x) => x.name === 'atomic.cryptominer-cronjob')!
    const s = f.scenario.draw(createRng(3))
    const events = (['kubernetes', 'eks', 'aks', 'gke'] as const).map((p) => toAuditEvent(s.steps[0]!.action, clusterContext.example(p)))
    expect(new Set(events.map((e) => e.requestURI)).size).toBe(1)
    expect(new Set(events.map((e) => JSON.stringify(e.requestObject))).size).toBe(1)
    for (const e of events) expect(labelsOf(f.name, f.labels, e)).toMatchObject({ malicious: true, technique: 'T1053.007' })
  })
})

describe('az aks command invoke', () => {
  it('uses the marker the variants recognise', () => {
    expect(COMMAND_INVOKE_ANNOTATION).toEqual({ [VIA_ANNOTATION]: VIA_COMMAND_INVOKE })
  })
  it('some attacks come through it and leave a runCommand trace in the Activity log', () => {
    const aks = clusterContext.example('aks')
    let traces = 0
    fc.assert(
      fc.property(familyArbitrary('atomic.cryptominer-cronjob', { context: aks }), (e) => {
        const raw = getVariant('azure-activity').encode(e.event, aks) as { operationName?: string } | null
        if (raw) {
          traces++
          expect(raw.operationName).toBe('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/RUNCOMMAND/ACTION')
          expect(e.event.annotations?.[VIA_ANNOTATION]).toBe(VIA_COMMAND_INVOKE)
        }
      }),
      { numRuns: 200, seed: 8 },
    )
    expect(traces).toBeGreaterThan(0)
  })
})

describe('kubectl apply of a new object', () => {
  it('is a get (404) then a create carrying the manifest as written in last-applied-configuration', () => {
    const f = families.find((x) => x.name === 'atomic.reverse-shell-cronjob')!
    let seen = 0
    for (let i = 0; i < 300; i++) {
      const s = f.scenario.draw(createRng(2, i))
      if (s.steps[0]!.primary !== false) continue
      seen++
      const [get, create] = s.steps
      expect(get!.action).toMatchObject({ verb: 'get', outcome: { code: 404 }, name: create!.action.name })
      expect(get!.action.time).toBeLessThan(create!.action.time)
      expect(create!.action.query).toBe('fieldManager=kubectl-client-side-apply&fieldValidation=Strict')
      const applied = JSON.parse((create!.action.body as Obj).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'])
      expect(applied.metadata.annotations).toEqual({})
      expect(JSON.stringify(applied)).not.toMatch(/terminationMessagePath|creationTimestamp|"status"/)
      expect(JSON.stringify(applied)).toMatch(/ncat |nc |\/dev\/tcp\//)
    }
    expect(seen).toBeGreaterThan(0)
  })
  it('familyArbitrary yields the create, never the preparatory get', () => {
    fc.assert(
      fc.property(familyArbitrary('atomic.docker-socket-cronjob'), (e) => {
        expect(e.event.verb).toBe('create')
      }),
      { numRuns: 100, seed: 12 },
    )
  })
})
