/**
 * Audit of `generateDataset` output against logformats.md §0.1, §1–§5 and the §7 checklist:
 * every record of a mixed dataset (attacks, look-alikes, noise) is checked for the shape a real
 * provider record has, and the label line next to it for what it says about that record.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset, type GenerateDatasetOptions } from '../../../src/dataset/index.js'
import type { VariantId } from '../../../src/model/variant.js'

// any: the tests walk raw provider JSON by known paths.
type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
interface Row { record: Obj; label: Obj }

const ALL: VariantId[] = ['k8s', 'eks', 'aks', 'gke', 'azure-activity']
const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})
async function dataset(o: Partial<GenerateDatasetOptions> = {}): Promise<(v: VariantId) => Promise<Row[]>> {
  const out = await mkdtemp(join(tmpdir(), 'ruleproof-audit-'))
  dirs.push(out)
  await generateDataset({ out, variants: ALL, count: 2500, seed: 1123, attackRatio: 0.3, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1, ...o })
  return async (v) => {
    const data = (await readFile(join(out, `${v}.ndjson`), 'utf8')).split('\n').filter(Boolean)
    const labels = (await readFile(join(out, `${v}.labels.ndjson`), 'utf8')).split('\n').filter(Boolean)
    expect(data.length).toBe(labels.length)
    return data.map((l, i) => ({ record: JSON.parse(l), label: JSON.parse(labels[i]!) }))
  }
}

const MICRO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const EVENT_ORDER = ['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'impersonatedUser', 'sourceIPs', 'userAgent', 'objectRef', 'responseStatus', 'requestObject', 'responseObject', 'requestReceivedTimestamp', 'stageTimestamp', 'annotations']
const REF_ORDER = ['resource', 'namespace', 'name', 'uid', 'apiGroup', 'apiVersion', 'resourceVersion', 'subresource']

function inOrder(keys: string[], order: string[]): boolean {
  const idx = keys.map((k) => order.indexOf(k))
  return idx.every((i) => i >= 0) && idx.every((v, i) => i === 0 || idx[i - 1]! < v)
}
function podSpecOf(o: Obj): Obj | undefined {
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template.spec
  if (o.kind === 'Job' || o.kind === 'Deployment') return o.spec.template.spec
  if (o.kind === 'Pod') return o.spec
  return undefined
}
function expectedPath(e: Obj): string {
  const r = e.objectRef
  let p = r.apiGroup ? `/apis/${r.apiGroup}/${r.apiVersion}` : `/api/${r.apiVersion}`
  if (r.namespace !== undefined && r.resource !== 'namespaces') p += `/namespaces/${r.namespace}`
  p += `/${r.resource}`
  const collection = ['list', 'watch', 'deletecollection'].includes(e.verb) || (e.verb === 'create' && !r.subresource)
  if (r.name !== undefined && !collection) p += `/${r.name}`
  if (r.subresource) p += `/${r.subresource}`
  return p
}

describe('a mixed dataset, record by record', () => {
  let rows: (v: VariantId) => Promise<Row[]>
  let k8s: Row[]
  beforeAll(async () => {
    rows = await dataset()
    k8s = await rows('k8s')
  }, 60_000)

  it('labels have exactly the issue-3 keys, aligned with the record they describe (§7)', async () => {
    for (const v of ['k8s', 'eks', 'aks', 'gke'] as const) {
      const rs = await rows(v)
      expect(rs.length).toBe(2500)
      rs.forEach(({ label }, i) => {
        expect(Object.keys(label)).toEqual(['family', 'malicious', 'technique', 'atomic', 'verb', 'resource', 'subresource', 'namespace', 'name', 'user', 'code'])
        // The same action on every variant: the provider-neutral label parts agree with k8s.
        const { user: _u, ...neutral } = k8s[i]!.label
        expect(label).toMatchObject(neutral)
      })
    }
    for (const { record: e, label } of k8s) {
      expect(label).toMatchObject({ verb: e.verb, resource: e.objectRef?.resource ?? null, subresource: e.objectRef?.subresource ?? null, namespace: e.objectRef?.namespace ?? null, name: e.objectRef?.name ?? null, user: e.user.username ?? null, code: e.responseStatus.code })
    }
  })

  it('Events: Go struct key order, no nulls, one ResponseComplete event per request, UUID v4 audit IDs, six-digit UTC timestamps (§1.1, §1.3, §1.4)', () => {
    const ids = new Set<string>()
    for (const { record: e } of k8s) {
      expect(inOrder(Object.keys(e), EVENT_ORDER)).toBe(true)
      expect(Object.values(e)).not.toContain(null)
      // A streaming exec/attach/port-forward is kept at ResponseStarted (§1.4).
      expect(e.stage).toBe((['exec', 'attach', 'portforward'].includes(e.objectRef?.subresource) && e.responseStatus.code < 400) || e.responseStatus.code === 401 ? 'ResponseStarted' : 'ResponseComplete')
      expect(e.auditID).toMatch(UUID4)
      ids.add(e.auditID)
      expect(e.requestReceivedTimestamp).toMatch(MICRO)
      expect(e.stageTimestamp).toMatch(MICRO)
      expect(e.stageTimestamp >= e.requestReceivedTimestamp).toBe(true)
    }
    expect(ids.size).toBe(k8s.length)
  })

  it('writes finish milliseconds after receipt; a watch ResponseComplete comes when the watch ends, minutes later (§1.3)', () => {
    const gap = (e: Obj) => (Date.parse(e.stageTimestamp) - Date.parse(e.requestReceivedTimestamp)) / 1000
    const watches = k8s.filter((r) => r.record.verb === 'watch' && r.record.responseStatus.code === 200)
    expect(watches.length).toBeGreaterThan(5)
    for (const { record: e } of watches) {
      expect(gap(e)).toBeGreaterThan(60)
      const timeout = /timeoutSeconds=(\d+)/.exec(e.requestURI)?.[1]
      if (timeout) expect(gap(e)).toBeGreaterThanOrEqual(Number(timeout))
    }
    for (const { record: e } of k8s.filter((r) => ['create', 'update', 'patch', 'delete'].includes(r.record.verb))) {
      expect(gap(e)).toBeGreaterThan(0)
      expect(gap(e)).toBeLessThan(1)
    }
  })

  it('objectRef: key order, apiGroup omitted for core, no name on collections; requestURI agrees with verb and objectRef (§1.2, §1.7)', () => {
    for (const { record: e } of k8s) {
      const r = e.objectRef
      expect(inOrder(Object.keys(r), REF_ORDER)).toBe(true)
      expect(r.apiGroup).not.toBe('')
      if (['list', 'watch', 'deletecollection'].includes(e.verb)) expect(r).not.toHaveProperty('name')
      const [path, query] = e.requestURI.split('?') as [string, string | undefined]
      expect(path).toBe(expectedPath(e))
      if (e.verb === 'watch') expect(query).toMatch(/(^|&)watch=true(&|$)/)
      if (e.verb === 'list') expect(query ?? '').not.toMatch(/watch=true/)
      if (e.verb === 'create' && e.userAgent.startsWith('kubectl/') && !r.subresource) expect(query).toMatch(/^fieldManager=kubectl-(create|client-side-apply)&fieldValidation=Strict$/)
    }
  })

  it('success responseStatus is just {metadata: {}, code} — 201 for create, 200 otherwise (§1.1, §7)', () => {
    for (const { record: e } of k8s.filter((r) => r.record.responseStatus.code < 400)) {
      // Connection upgrades (exec, attach, port-forward) answer 101 Switching Protocols.
      const upgrade = ['exec', 'attach', 'portforward'].includes(e.objectRef?.subresource)
      expect(e.responseStatus).toEqual({ metadata: {}, code: upgrade ? 101 : e.verb === 'create' && e.objectRef?.subresource !== 'proxy' ? 201 : 200 })
    }
  })

  it('levels: Metadata has no bodies, Request no responseObject; batch writes at RequestResponse, batch reads at Request (§0.1 #2, §1.4)', () => {
    for (const { record: e } of k8s) {
      if (e.level === 'Metadata') expect(e).not.toHaveProperty('requestObject')
      if (e.level !== 'RequestResponse') expect(e).not.toHaveProperty('responseObject')
      if (e.objectRef.apiGroup === 'batch') expect(e.level).toBe(['get', 'list', 'watch'].includes(e.verb) ? 'Request' : 'RequestResponse')
      if (['secrets', 'configmaps'].includes(e.objectRef.resource)) expect(e.level).toBe('Metadata')
    }
  })

  it('nothing the managed policies leave unaudited (level None): no core events, no kubelet get of nodes, no aksService get/list (§1.4, §2.3, §3.2)', async () => {
    for (const v of ['k8s', 'eks', 'gke'] as const) {
      for (const { label } of await rows(v)) expect(label.resource).not.toBe('events')
    }
    for (const { record: e } of k8s) {
      if (/^system:node:/.test(e.user.username ?? '')) expect(e.verb === 'get' && e.objectRef.resource === 'nodes').toBe(false)
    }
    for (const { record: r } of await rows('aks')) {
      const e = JSON.parse(r.properties.log)
      if (e.user.username === 'aksService') expect(['get', 'list']).not.toContain(e.verb)
    }
  })

  it('RBAC denials: 403 Forbidden, decision forbid with empty reason, no requestObject, the Status as responseObject (§1.10)', () => {
    const denied = k8s.filter((r) => r.record.annotations?.['authorization.k8s.io/decision'] === 'forbid')
    expect(denied.length).toBeGreaterThan(10)
    for (const { record: e } of denied) {
      expect(e.responseStatus).toMatchObject({ metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403 })
      expect(e.responseStatus.message).toMatch(/ is forbidden: User ".+" cannot \w+ resource ".+" in API group ".*"/)
      expect(e.annotations['authorization.k8s.io/reason']).toBe('')
      expect(e).not.toHaveProperty('requestObject')
      if (e.level === 'RequestResponse') expect(e.responseObject).toMatchObject({ kind: 'Status', code: 403 })
    }
  })

  it('other failures carry the Status fields of §1.10: NotFound/AlreadyExists/Conflict details, Invalid causes', () => {
    for (const { record: e } of k8s.filter((r) => r.record.responseStatus.code >= 400 && r.record.responseStatus.code !== 401)) {
      const s = e.responseStatus
      expect(s).toMatchObject({ metadata: {}, status: 'Failure', message: expect.any(String), code: expect.any(Number) })
      const reason = { 403: 'Forbidden', 404: 'NotFound', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError' }[s.code as 403]
      if (reason) expect(s.reason).toBe(reason)
      if (s.code === 409) expect(['AlreadyExists', 'Conflict']).toContain(s.reason)
      if (s.code === 422) expect(s.details.causes).toEqual([expect.objectContaining({ reason: expect.any(String), field: expect.any(String) })])
      if (s.code === 404) expect(s.details).toMatchObject({ kind: e.objectRef.resource })
    }
  })

  it('create requestObject is the defaulted object without server-set metadata; responseObject is the stored object (§0.1 #3, §1.8, §1.9)', () => {
    const creates = k8s.filter(({ record: e }) => e.verb === 'create' && e.responseStatus.code === 201 && ['CronJob', 'Job', 'Pod'].includes(e.requestObject?.kind))
    expect(creates.length).toBeGreaterThan(300)
    for (const { record: e } of creates) {
      const o = e.requestObject
      expect(o.metadata.creationTimestamp).toBeNull()
      for (const k of ['uid', 'resourceVersion', 'managedFields', 'generation']) expect(o.metadata).not.toHaveProperty(k)
      expect(o.status).toEqual({})
      const spec = podSpecOf(o)!
      expect(spec).toMatchObject({ dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', enableServiceLinks: true, terminationGracePeriodSeconds: 30, securityContext: expect.any(Object) })
      if (o.kind !== 'Pod') expect(['OnFailure', 'Never']).toContain(spec.restartPolicy)
      for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
        expect(c).toMatchObject({ resources: expect.any(Object), terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' })
        const last = (c.image as string).split('/').pop()!
        const latest = !c.image.includes('@') && (!last.includes(':') || last.endsWith(':latest'))
        expect([c.image, c.imagePullPolicy]).toEqual([c.image, latest ? 'Always' : 'IfNotPresent'])
      }
      for (const vol of spec.volumes ?? []) if (vol.hostPath) expect(vol.hostPath).toHaveProperty('type')
      if (o.kind === 'CronJob') {
        expect(o.spec).toMatchObject({ concurrencyPolicy: expect.any(String), suspend: expect.any(Boolean), successfulJobsHistoryLimit: expect.any(Number), failedJobsHistoryLimit: expect.any(Number) })
        expect(o.spec.jobTemplate.metadata.creationTimestamp).toBeNull()
      }
      if (o.kind === 'Job') expect(o.spec).toMatchObject({ backoffLimit: expect.any(Number), completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false })
      const stored = e.responseObject
      expect(stored.metadata).toMatchObject({ uid: expect.any(String), resourceVersion: expect.stringMatching(/^\d+$/), creationTimestamp: expect.stringMatching(/^\d{4}-.*Z$/), managedFields: expect.any(Array) })
      if (o.kind !== 'Pod') expect(stored.metadata.generation).toBe(1)
      if (o.kind === 'Job') {
        // Added by the Job strategy at creation: only in responseObject (§1.9, §7).
        const uid = stored.metadata.uid
        expect(o.spec).not.toHaveProperty('selector')
        expect(stored.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } })
        expect(stored.spec.template.metadata.labels).toMatchObject({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': stored.metadata.name, 'controller-uid': uid, 'job-name': stored.metadata.name })
        expect(Object.keys(stored.spec).indexOf('selector')).toBeLessThan(Object.keys(stored.spec).indexOf('template'))
      }
    }
  })

  it('patches log the raw patch (merge object or JSON-patch array), the whole object in responseObject (§1.8)', () => {
    const patches = k8s.filter(({ record: e, label }) => e.verb === 'patch' && label.family.startsWith('atomic.') && e.objectRef.resource === 'cronjobs' && e.responseStatus.code === 200)
    expect(patches.length).toBeGreaterThan(0)
    for (const { record: e } of patches) {
      const body = e.requestObject
      if (Array.isArray(body)) for (const op of body) expect(op).toMatchObject({ op: expect.stringMatching(/^(add|replace|remove)$/), path: expect.stringMatching(/^\//) })
      else expect(body).not.toHaveProperty('status')
      expect(e.responseObject).toMatchObject({ kind: 'CronJob', metadata: { uid: expect.any(String) } })
      expect(e.requestURI).toMatch(/\?fieldManager=kubectl-patch$/)
    }
  })

  it('service accounts: groups system:serviceaccounts, system:serviceaccounts:<ns>, system:authenticated; controllers use their own credentials and user agents (§1.9)', () => {
    for (const { record: e } of k8s) {
      const u = e.user.username as string | undefined
      if (!u?.startsWith('system:serviceaccount:')) continue
      const ns = u.split(':')[2]
      expect(e.user.groups).toEqual(['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'])
      if (/^system:serviceaccount:kube-system:(cronjob|job)-controller$/.test(u)) expect(e.userAgent).toMatch(new RegExp(`^kube-controller-manager/v[\\d.]+ \\(linux/(amd64|arm64)\\) kubernetes/[0-9a-f]+/${u}$`))
    }
  })

  it('the controller cascade (§0.1 #12, §1.9): Job <cronjob>-<minutes since epoch> by cronjob-controller owned by the CronJob, status update, Pod by job-controller via generateName', () => {
    const jobs = k8s.filter((r) => /\.job$/.test(r.label.family))
    const pods = k8s.filter((r) => /\.pod$/.test(r.label.family))
    const statuses = k8s.filter((r) => /\.status$/.test(r.label.family))
    expect(jobs.length).toBeGreaterThan(50)
    for (const { record: e, label } of jobs) {
      expect(label).toMatchObject({ verb: 'create', resource: 'jobs', user: 'system:serviceaccount:kube-system:cronjob-controller', code: 201 })
      const [, cron, minutes] = /^(.+)-(\d+)$/.exec(label.name)!
      const received = Date.parse(e.requestReceivedTimestamp) / 1000
      expect(received - Number(minutes) * 60).toBeGreaterThanOrEqual(0)
      expect(received - Number(minutes) * 60).toBeLessThan(60)
      expect(e.requestObject.metadata.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'batch/v1', kind: 'CronJob', name: cron, controller: true, blockOwnerDeletion: true })])
      expect(e.requestURI).toBe(`/apis/batch/v1/namespaces/${label.namespace}/jobs`)
    }
    for (const { label } of statuses) expect(label).toMatchObject({ verb: 'update', resource: 'cronjobs', subresource: 'status', user: 'system:serviceaccount:kube-system:cronjob-controller' })
    for (const { record: e, label } of pods) {
      expect(label).toMatchObject({ verb: 'create', resource: 'pods', name: null, user: 'system:serviceaccount:kube-system:job-controller' })
      expect(e.objectRef).not.toHaveProperty('name')
      expect(e.objectRef).not.toHaveProperty('apiGroup')
      const gen = e.requestObject.metadata.generateName as string
      expect(gen).toMatch(/-$/)
      expect(e.requestObject.metadata.ownerReferences[0]).toMatchObject({ kind: 'Job', name: gen.slice(0, -1), controller: true })
      expect(e.responseObject.metadata.name).toMatch(new RegExp(`^${gen}[a-z0-9]{5}$`))
      expect(e.requestURI).toBe(`/api/v1/namespaces/${label.namespace}/pods`)
    }
  })

  it('eks: IAM-mapped users carry aws-iam-authenticator uid and single-element extra arrays; @ becomes - in the username only; eks:* and node names as EKS writes them (§0.1 #6, §2.4)', async () => {
    const eks = await rows('eks')
    let iam = 0
    for (const { record: e } of eks) {
      const u = e.user
      const name: string = u.username ?? ''
      if (name.startsWith('arn:aws:')) {
        iam++
        expect(u.uid).toMatch(/^aws-iam-authenticator:\d{12}:(AROA|AIDA)[A-Z0-9]+$/)
        for (const k of ['accessKeyId', 'arn', 'canonicalArn', 'principalId', 'sessionName']) expect(u.extra[k]).toEqual([expect.any(String)])
        expect(u.uid.split(':')[2]).toBe(u.extra.principalId[0])
        expect(name).not.toContain('@')
        if (name.startsWith('arn:aws:sts::')) {
          const [, acct, role, session] = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(name)!
          expect(u.extra.canonicalArn).toEqual([`arn:aws:iam::${acct}:role/${role}`])
          expect(u.extra.arn[0].replace(/@/g, '-')).toBe(name)
          expect(u.extra.sessionName[0].replace(/@/g, '-')).toBe(session)
          expect(u.extra.accessKeyId[0]).toMatch(/^ASIA/)
        }
        expect(u.groups).toContain('system:authenticated')
      }
      if (name === 'kubernetes-admin') expect(u.groups).toEqual(['system:masters', 'system:authenticated'])
      if (name.startsWith('system:node:')) {
        expect(name).toMatch(/^system:node:ip-\d+-\d+-\d+-\d+\.(ec2\.internal|[a-z]{2}-[a-z]+-\d\.compute\.internal)$/)
        expect(u.groups).toEqual(['system:bootstrappers', 'system:nodes', 'system:authenticated'])
        // Nodes are IAM principals too (the instance role): full IAM extras, session = instance id (§2.4, §2.5).
        expect(u.uid).toMatch(/^aws-iam-authenticator:\d{12}:AROA[A-Z0-9]{17}$/)
        expect(u.extra.sessionName).toEqual([expect.stringMatching(/^i-[0-9a-f]{8,17}$/)])
        expect(u.extra.accessKeyId).toEqual([expect.stringMatching(/^ASIA[A-Z0-9]{16}$/)])
        expect(u.extra.arn[0]).toMatch(new RegExp(`^arn:aws:sts::\\d{12}:assumed-role/[^/]+/${u.extra.sessionName[0]}$`))
        expect(u.extra.canonicalArn[0]).toMatch(/^arn:aws:iam::\d{12}:role\/[^/]+$/)
        expect(u.extra.principalId).toEqual([u.uid.split(':')[2]])
      }
      if (name === 'eks:addon-manager' || name === 'eks:node-manager') {
        expect(u.uid).toMatch(/^aws-iam-authenticator:\d{12}:AROA[A-Z0-9]{17}$/)
        expect(u.extra.arn[0]).toMatch(/^arn:aws:sts::\d{12}:assumed-role\/AWSWesleyClusterManagerLambda-[^/]+\/.+$/)
      }
      if (name.startsWith('eks:')) expect(name).toMatch(/^eks:(certificate-controller|node-manager|addon-manager|fargate-manager|fargate-scheduler|k8s-metrics|authenticator|cluster-event-watcher|nodewatcher|pod-identity-mutating-webhook|cloud-controller-manager|vpc-resource-controller|az-poller|cluster-bootstrap|support-engineer)$/)
      const reason = e.annotations?.['authorization.k8s.io/reason']
      if (reason) expect(reason).toMatch(/^(RBAC: allowed by |EKS Access Policy: allowed by ClusterRoleBinding "arn:aws:iam::\d{12}:(role|user)\/[^"+]+\+arn:aws:eks::aws:cluster-access-policy\/\w+" of ClusterRole "arn:aws:eks::aws:cluster-access-policy\/\w+" to User "(AROA|AIDA)\w+"$)/)
      if ((u.groups ?? []).includes('system:masters') && e.annotations?.['authorization.k8s.io/decision'] === 'allow') expect(reason).toBe('')
    }
    expect(iam).toBeGreaterThan(50)
  })

  it('aks: export records with the Event as a JSON string ending in \\n; AKS identities (§0.1 #7, §3.3, §3.6)', async () => {
    const aks = await rows('aks')
    aks.forEach(({ record: r }, i) => {
      expect(Object.keys(r)).toEqual(['category', 'operationName', 'properties', 'resourceId', 'serviceBuild', 'time'])
      expect(r).toMatchObject({ category: 'kube-audit', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read', serviceBuild: 'na' })
      expect(r.resourceId).toBe(r.resourceId.toUpperCase())
      expect(r.resourceId).toMatch(/^\/SUBSCRIPTIONS\/[0-9A-F-]{36}\/RESOURCEGROUPS\/[^/]+\/PROVIDERS\/MICROSOFT\.CONTAINERSERVICE\/MANAGEDCLUSTERS\/[^/]+$/)
      expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z$/)
      expect(r.properties.log.endsWith('}\n')).toBe(true)
      expect(r.properties.stream).toBe('stdout')
      expect(r.properties.containerID).toMatch(/^[0-9a-f]{64}$/)
      const e = JSON.parse(r.properties.log)
      expect(r.time.slice(0, 26) >= e.stageTimestamp.slice(0, 26)).toBe(true)
      expect(e.auditID).toBe(k8s[i]!.record.auditID)
      const name: string = e.user.username ?? ''
      expect(name).not.toMatch(/^aad:/)
      if (name === 'aksService' || name === 'masterclient') expect(e.user.groups).toEqual(['system:masters', 'system:authenticated'])
      if (name.startsWith('system:node:')) expect(name).toMatch(/^system:node:aks-[a-z][a-z0-9]{0,11}-\d{8}-vmss[0-9a-z]{6}$/)
      if (name.includes('@')) {
        expect(e.user.extra.oid).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)])
        expect(e.user.groups.at(-1)).toBe('system:authenticated')
        expect(e.user).not.toHaveProperty('uid')
      }
    })
  })

  it('gke: LogEntry envelope, methodName/resourceName from the request, activity vs data_access, gRPC status, sorted bodies with @type (§0.1 #10, §5)', async () => {
    const gke = await rows('gke')
    const reverse = (g: string) => (g === '' ? 'io.k8s.core' : g.includes('.') ? g.split('.').reverse().join('.') : `io.k8s.${g}`)
    gke.forEach(({ record: r, label }, i) => {
      const e = k8s[i]!.record
      const pp = r.protoPayload
      expect(r).not.toHaveProperty('severity')
      expect(r.insertId).toBe(e.auditID)
      expect(r.operation).toEqual({ id: e.auditID, producer: 'k8s.io', first: true, last: true })
      expect(r.resource.type).toBe('k8s_cluster')
      expect(Object.keys(r.resource.labels).sort()).toEqual(['cluster_name', 'location', 'project_id'])
      expect(r.timestamp).toBe(e.stageTimestamp)
      expect(r.receiveTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/)
      expect(r.receiveTimestamp > r.timestamp).toBe(true)
      expect(pp['@type']).toBe('type.googleapis.com/google.cloud.audit.AuditLog')
      expect(pp.serviceName).toBe('k8s.io')
      const ref = e.objectRef
      const group = ref.apiGroup ?? ''
      expect(pp.methodName).toBe([reverse(group), ref.apiVersion, ref.resource, ...(ref.subresource ? [ref.subresource] : []), e.verb].join('.'))
      const scope = ref.namespace !== undefined && ref.resource !== 'namespaces' ? `namespaces/${ref.namespace}/` : ''
      const tail = ref.name !== undefined && !['list', 'watch', 'deletecollection'].includes(e.verb) ? `/${ref.name}${ref.subresource ? `/${ref.subresource}` : ''}` : ''
      expect(pp.resourceName).toBe(`${group === '' ? 'core' : group}/${ref.apiVersion}/${scope}${ref.resource}${tail}`)
      const readOrStatus = ['get', 'list', 'watch'].includes(e.verb) || ref.subresource === 'status'
      expect(r.logName).toBe(`projects/${r.resource.labels.project_id}/logs/cloudaudit.googleapis.com%2F${readOrStatus ? 'data_access' : 'activity'}`)
      expect(pp.requestMetadata).toHaveProperty('callerIp', e.sourceIPs.at(-1))
      expect(pp.requestMetadata).not.toHaveProperty('callerIP')
      const code = e.responseStatus.code
      if (code < 400) {
        expect(pp.status).toEqual({})
        for (const a of pp.authorizationInfo) expect(a).toEqual({ granted: true, permission: pp.methodName, resource: pp.resourceName })
      } else {
        expect(pp.status.code).toBe({ 401: 16, 403: 7, 404: 5, 409: 10, 422: 3, 429: 8, 500: 13, 503: 14 }[code as 401])
        if (code === 401 || code === 403) for (const a of pp.authorizationInfo) expect(a).not.toHaveProperty('granted')
      }
      expect(label.code).toBe(code)
      // labels = the audit annotations (the identity, hence the reason, is GKE's own)
      if (code !== 401) expect(r.labels).toMatchObject({ 'authorization.k8s.io/decision': e.annotations['authorization.k8s.io/decision'] })
      for (const body of [pp.request, pp.response]) {
        if (body === undefined || Array.isArray(body)) continue
        if (body.kind && body.apiVersion) {
          expect(Object.keys(body)[0]).toBe('@type')
          const [g, v] = (body.apiVersion as string).includes('/') ? body.apiVersion.split('/') : ['core', body.apiVersion]
          expect(body['@type']).toBe(`${g.includes('.') ? g : `${g}.k8s.io`}/${v}.${body.kind}`)
        }
        const sorted = (x: unknown): void => {
          if (Array.isArray(x)) return x.forEach(sorted)
          if (x && typeof x === 'object') {
            const keys = Object.keys(x).filter((k) => k !== '@type')
            expect(keys).toEqual([...keys].sort())
            Object.values(x).forEach(sorted)
          }
        }
        sorted(body)
      }
    })
  })

  it('azure-activity: no record for Kubernetes API requests, only the runCommand/action trace of az aks command invoke (§0.1 #9, §4.2)', async () => {
    const act = await rows('azure-activity')
    expect(act.length).toBeLessThan(k8s.length / 20)
    for (const { record: r, label } of act) {
      expect(r.operationName).toBe('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/RUNCOMMAND/ACTION')
      expect(r.properties).not.toHaveProperty('ruleproof')
      expect(k8s.some((k) => k.record.auditID === r.correlationId && k.label.family === label.family)).toBe(true)
    }
  })
})

describe('what a variant drops', () => {
  it('failed authentication (401) as WithFailedAuthenticationAudit writes it: stage ResponseStarted, user {}, "Authentication failed, attempted: …", no response object, no authorization annotations (§1.1, §1.10)', async () => {
    const noise = await (await dataset({ variants: ['k8s', 'gke'], count: 3000, families: 'noise.other-resource-write' }))('k8s')
    const unauth = noise.filter((r) => r.record.responseStatus.code === 401)
    expect(unauth.length).toBeGreaterThan(0)
    for (const { record: e, label } of unauth) {
      expect(e.user).toEqual({})
      expect(e.stage).toBe('ResponseStarted')
      expect(e.responseStatus).toEqual({ metadata: {}, message: expect.stringMatching(/^Authentication failed, attempted: (bearer|x509)$/), code: 401 })
      expect(e).not.toHaveProperty('responseObject')
      expect(e).not.toHaveProperty('requestObject')
      expect(e.annotations?.['authorization.k8s.io/decision']).toBeUndefined()
      expect(label.user).toBeNull()
    }
  })

  it('aks kube-audit-admin keeps every write and no get/list/watch (§3.1, §7)', async () => {
    const rows = await dataset({ variants: ['k8s', 'aks'], count: 1500, aksCategory: 'kube-audit-admin' })
    const k8s = await rows('k8s')
    const aks = await rows('aks')
    expect(aks.length).toBe(k8s.filter((r) => !['get', 'list', 'watch'].includes(r.record.verb)).length)
    for (const { record: r, label } of aks) {
      expect(r.category).toBe('kube-audit-admin')
      expect(['get', 'list']).not.toContain(JSON.parse(r.properties.log).verb)
      expect(['get', 'list']).not.toContain(label.verb)
    }
  })
  it('gke without Data Access logs records only Admin Activity: no reads, no status writes (§5.1)', async () => {
    const rows = await dataset({ variants: ['k8s', 'gke'], count: 1500, gkeDataAccess: false })
    const k8s = await rows('k8s')
    const gke = await rows('gke')
    expect(gke.length).toBe(k8s.filter(({ record: e }) => !['get', 'list', 'watch'].includes(e.verb) && e.objectRef.subresource !== 'status').length)
    for (const { record: r } of gke) expect(r.logName).toMatch(/%2Factivity$/)
  })
})
