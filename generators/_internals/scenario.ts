/**
 * Building blocks of scenario families: who calls (caller), the per-request values the server
 * supplies (requestMeta), and write scenarios with the controller cascade that follows a
 * CronJob or Job create (logformats.md §1.9).
 */
import type { Actor, Outcome, Scenario, Step, Verb } from '../types.js'
import { actor, CONTROLLERS } from '../actor.js'
import { sourceIp } from '../sourceIp.js'
import { timestamp } from '../timestamp.js'
import { userAgent, type ClientKind } from '../userAgent.js'
import { makeAction, type Client, type RequestMeta } from './builders/action.js'
import { jobFromCronJob, podFromJob } from './builders/cascade.js'
import { asWritten } from './builders/objects.js'
import { podSecurityAuditAnnotation } from './builders/podSecurity.js'
import { resourceInfo } from './builders/resources.js'
import { chance, chars, constant, constantFrom, drawn, integer, record, tuple, uuid, weighted, type Gen } from './gen.js'

type Obj = Record<string, unknown>

export const requestMeta: Gen<RequestMeta> = record({
  auditId: uuid(),
  time: timestamp(),
  latencyMicros: integer(2_000, 45_000),
  uid: uuid(),
  resourceVersion: integer(1_000_000, 99_999_999),
  suffix: chars('bcdfghjklmnpqrstvwxz2456789', 5),
})

/** The caller of a request: identity, client program, user agent and source address. */
export interface Caller {
  actor: Actor
  client: Client
  userAgent: string
  sourceIp: string
}

const UA_OF: Record<Client, ClientKind> = {
  kubectl: 'kubectl', 'kubectl-apply': 'kubectl', helm: 'helm', argocd: 'argocd', flux: 'flux', terraform: 'terraform',
  controller: 'controller', kubelet: 'kubelet', 'client-go': 'client-go', python: 'python',
}

const userAgents = new Map<string, Gen<string>>()

/** One user-agent generator per client kind (and controller name), built once. */
function userAgentFor(client: Client, controllerName: string | undefined): Gen<string> {
  const key = `${client}/${controllerName ?? ''}`
  let g = userAgents.get(key)
  if (!g) {
    g = userAgent({ clients: [UA_OF[client]], ...(controllerName ? { controller: controllerName } : {}) })
    userAgents.set(key, g)
  }
  return g
}

function withClient(actors: Gen<Actor>, clients: Gen<Client>, ips: Gen<string>): Gen<Caller> {
  return tuple(actors, clients, ips).bind(([a, client, ip]) =>
    userAgentFor(client, a.kind === 'controller' ? a.name : undefined).map((ua) => ({
      actor: a,
      client,
      userAgent: ua,
      sourceIp: a.kind === 'node' ? a.ip : ip,
    })),
  )
}

export type CallerKind = 'human' | 'admin' | 'gitops' | 'ci' | 'operator' | 'node' | 'system' | 'compromised-sa'

/** Callers by role. `controller(name)` is separate because the name matters. */
export function caller(kind: CallerKind, serviceAccounts?: readonly string[]): Gen<Caller> {
  switch (kind) {
    case 'human':
    case 'admin':
      return withClient(
        actor({ kinds: ['human'], adminChance: kind === 'admin' ? 1 : 0.15 }),
        weighted<Client>([7, constant('kubectl')], [2, constant('kubectl-apply')], [1, constant('helm')], [1, constant('terraform')]),
        sourceIp({ kinds: ['public', 'vpc'] }),
      )
    case 'gitops':
      return tuple(constantFrom('argocd/argocd-application-controller', 'flux-system/kustomize-controller'), constant(0)).bind(([sa]) =>
        withClient(actor({ kinds: ['serviceaccount'], serviceAccounts: [sa] }), constant<Client>(sa.startsWith('argocd') ? 'argocd' : 'flux'), sourceIp({ kinds: ['vpc'] })),
      )
    case 'ci':
      return withClient(
        actor({ kinds: ['serviceaccount'], serviceAccounts: serviceAccounts ?? ['gitlab-runner/gitlab-runner', 'ci/github-actions-runner', 'tekton-pipelines/tekton-pipelines-controller'] }),
        weighted<Client>([2, constant('kubectl')], [1, constant('client-go')], [1, constant('helm')]),
        sourceIp({ kinds: ['vpc'] }),
      )
    case 'operator':
      return withClient(actor({ kinds: ['serviceaccount'], serviceAccounts: serviceAccounts ?? ['trivy-system/trivy-operator', 'cert-manager/cert-manager', 'data/airflow-scheduler'] }), constant<Client>('client-go'), sourceIp({ kinds: ['vpc'] }))
    case 'compromised-sa':
      return withClient(
        actor({ kinds: ['serviceaccount'], serviceAccounts: serviceAccounts ?? ['default/default', 'web/default', 'ci/github-actions-runner', 'data/airflow-scheduler'] }),
        weighted<Client>([3, constant('kubectl')], [1, constant('python')], [1, constant('client-go')]),
        sourceIp({ kinds: ['vpc', 'public'] }),
      )
    case 'node':
      return withClient(actor({ kinds: ['node'] }), constant<Client>('kubelet'), constant(''))
    case 'system':
      return withClient(actor({ kinds: ['system'] }), constant<Client>('client-go'), sourceIp({ kinds: ['vpc', 'loopback'] }))
  }
}

/** A person running kubectl itself (the Atomic Red Team tests shell out to kubectl): kubectl's user agent. */
export function kubectlCaller(): Gen<Caller> {
  return withClient(actor({ kinds: ['human'], adminChance: 0.15 }), constant<Client>('kubectl'), sourceIp({ kinds: ['public', 'vpc'] }))
}

/** A kube-controller-manager controller (`cronjob-controller`, …) as caller. */
export function controller(name: (typeof CONTROLLERS)[number]): Gen<Caller> {
  return withClient(actor({ kinds: ['controller'], controllers: [name] }), constant<Client>('controller'), sourceIp({ kinds: ['vpc', 'loopback'] }))
}

/** Delay in microseconds. */
const ms = (lo: number, hi: number): Gen<number> => integer(lo * 1000, hi * 1000)

export interface WriteScenarioOptions {
  family: string
  verb?: Verb
  resource: 'cronjobs' | 'jobs' | 'pods' | 'deployments'
  object: Gen<Obj>
  caller: Gen<Caller>
  outcome?: Gen<Outcome>
  /** Cascade after a successful create: CronJob → Job (+ CronJob status) → Pod; Job → Pod. */
  cascade?: boolean
  /** API version override for the create (e.g. `v1beta1`). */
  apiVersion?: string
  /** Log the body? (false for requests the server never decodes, e.g. an unserved version). */
  body?: boolean
  /**
   * Probability that a person sent the request through `az aks command invoke` (the only
   * Kubernetes write with an Azure Activity-log trace, `…/runCommand/action`).
   * @defaultValue 0
   */
  commandInvoke?: number
  /**
   * cronjobs only: probability that the CronJob already exists and the caller `kubectl patch`es
   * its containers instead (the audit log then holds the raw patch — a strategic-merge object or
   * a JSON-patch array — as requestObject and the patched object as responseObject).
   * @defaultValue 0
   */
  patchChance?: number
  /**
   * Label refused requests (4xx/5xx) as the step `<family>.denied` instead of the family itself.
   * @defaultValue false
   */
  deniedStep?: boolean
  /**
   * Probability that the namespace is labelled for Pod Security audit, so a create whose pod
   * template breaks `baseline` carries `pod-security.kubernetes.io/audit-violations`.
   * @defaultValue 0.3
   */
  podSecurityAudit?: number
}

/**
 * The audit annotation by which the variants recognise an `az aks command invoke` action (the
 * codecs never write it to a provider record; see src/variants/shared/event.ts).
 */
export const COMMAND_INVOKE_ANNOTATION = { 'ruleproof.dev/via': 'az-aks-command-invoke' } as const

function metaOf(o: Obj): Obj {
  return (o.metadata ?? {}) as Obj
}

/** A create of a workload and, on success, what the controllers create after it. */
export function writeScenario(o: WriteScenarioOptions): Gen<Scenario> {
  const verb = o.verb ?? 'create'
  const outcome = o.outcome ?? constant<Outcome>({ code: verb === 'create' ? 201 : 200 })
  const cascadeParts = record({
    jobMeta: requestMeta,
    statusMeta: requestMeta,
    podMeta: requestMeta,
    fireAfter: integer(0, 4),
    jobDelay: ms(5, 900),
    statusDelay: ms(3, 40),
    podDelay: ms(15, 400),
    cronCaller: controller('cronjob-controller'),
    jobCaller: controller('job-controller'),
  })
  const invoke = chance(o.commandInvoke ?? 0)
  const lookup = record({ meta: requestMeta, gap: ms(3, 80) })
  const patching = o.resource === 'cronjobs' && verb === 'create' ? chance(o.patchChance ?? 0) : constant(false)
  const patchShape = constantFrom<'merge' | 'json'>('merge', 'json')
  const psaAudit = chance(o.podSecurityAudit ?? 0.3)
  return record({ meta: requestMeta, object: o.object, caller: o.caller, outcome, cascade: o.cascade ? cascadeParts : constant(undefined), invoke, lookup, patching, patchShape, psaAudit }).map(
    ({ meta, object: written, caller: c, outcome: given, cascade, invoke: viaInvoke, lookup: look, patching: isPatch, patchShape: shape, psaAudit: audited }) => {
      const applying = !isPatch && c.client === 'kubectl-apply' && verb === 'create' && o.body !== false
      const object = applying ? withLastApplied(written) : written
      const m = metaOf(object)
      const out = isPatch && given.code === 201 ? { ...given, code: 200 } : given
      const create = makeAction({
        verb: isPatch ? 'patch' : verb,
        ...(isPatch ? { query: 'fieldManager=kubectl-patch', current: object } : {}),
        resource: o.resource,
        namespace: m.namespace as string | undefined,
        name: m.name as string | undefined,
        actor: c.actor,
        client: c.client,
        userAgent: c.userAgent,
        sourceIp: c.sourceIp,
        ...(o.body === false ? {} : { body: isPatch ? containerPatch(object, shape) : object }),
        outcome: out,
        meta,
        ...(o.apiVersion ? { apiVersion: o.apiVersion } : {}),
        annotations: {
          ...(viaInvoke && c.actor.kind === 'human' ? COMMAND_INVOKE_ANNOTATION : {}),
          // Admission runs only for requests that got past authorization and were decoded.
          ...(audited && o.body !== false && !(out.code === 403 && out.deniedBy === 'rbac') ? podSecurityAuditAnnotation(object) : {}),
        },
      })
      // A refused attempt is its own step (`<family>.denied`): the family's main event is the request that went through.
      const steps: Step[] = [{ family: out.code >= 400 && o.deniedStep ? `${o.family}.denied` : o.family, action: create }]
      if (applying) {
        // `kubectl apply` of a new object: GET (404) first, then the create (§1.7).
        const get = makeAction({
          verb: 'get', resource: o.resource, namespace: m.namespace as string | undefined, name: m.name as string | undefined, actor: c.actor, client: c.client,
          userAgent: c.userAgent, sourceIp: c.sourceIp, outcome: { code: 404 }, meta: { ...look.meta, time: meta.time - look.gap - look.meta.latencyMicros },
        })
        steps.unshift({ family: o.family, action: get, primary: false })
      }
      if (cascade && out.code < 400 && (verb === 'create' || isPatch)) steps.push(...cascadeSteps(o.family, o.resource, object, meta, cascade, audited))
      return { family: o.family, steps }
    },
  )
}

/** The raw patch that puts a CronJob's containers in place: what `kubectl patch` sends and the audit log keeps. */
function containerPatch(cronJob: Obj, shape: 'merge' | 'json'): unknown {
  const containers = (((((cronJob.spec as Obj).jobTemplate as Obj).spec as Obj).template as Obj).spec as Obj).containers as Obj[]
  if (shape === 'json') return [{ op: 'replace', path: '/spec/jobTemplate/spec/template/spec/containers/0', value: asWritten(containers[0]) }]
  return { spec: { jobTemplate: { spec: { template: { spec: { containers: containers.map((c) => asWritten(c)) } } } } } }
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v === null || typeof v !== 'object') return v
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Obj)[k])]))
}

/** The object as `kubectl apply` sends it: the manifest as written, stored in an annotation (Go map order: sorted keys). */
function withLastApplied(object: Obj): Obj {
  const meta = metaOf(object)
  const manifest = asWritten(object) as Obj
  const manifestMeta = { ...((manifest.metadata ?? {}) as Obj), annotations: (meta.annotations as Obj | undefined) ?? {} }
  const text = JSON.stringify(sortKeys({ ...manifest, metadata: manifestMeta })) + '\n'
  const metadata: Obj = {}
  for (const [k, v] of Object.entries(meta)) {
    if (k === 'annotations') continue
    metadata[k] = v
    if (k === 'labels' || (k === 'creationTimestamp' && !meta.labels)) metadata.annotations = { ...((meta.annotations as Obj | undefined) ?? {}), [LAST_APPLIED]: text }
  }
  return { ...object, metadata }
}

interface CascadeParts {
  jobMeta: RequestMeta
  statusMeta: RequestMeta
  podMeta: RequestMeta
  fireAfter: number
  jobDelay: number
  statusDelay: number
  podDelay: number
  cronCaller: Caller
  jobCaller: Caller
}

function cascadeSteps(family: string, resource: string, object: Obj, meta: RequestMeta, p: CascadeParts, audited: boolean): Step[] {
  const steps: Step[] = []
  const ns = metaOf(object).namespace as string
  let job: Obj
  let jobUid: string
  let t = meta.time + meta.latencyMicros
  if (resource === 'cronjobs') {
    // The next scheduled minute after the create (a few minutes later for sparse schedules).
    const scheduled = (Math.floor(t / 60_000_000) + 1 + p.fireAfter) * 60_000_000
    job = jobFromCronJob(object, meta.uid, scheduled)
    jobUid = p.jobMeta.uid
    t = scheduled + p.jobDelay
    const jobAction = makeAction({
      verb: 'create', resource: 'jobs', namespace: ns, name: metaOf(job).name as string, actor: p.cronCaller.actor, client: 'controller',
      userAgent: p.cronCaller.userAgent, sourceIp: p.cronCaller.sourceIp, body: job, outcome: { code: 201 }, meta: { ...p.jobMeta, time: t },
    })
    steps.push({ family: `${family}.job`, action: jobAction })
    const cronName = metaOf(object).name as string
    const status = {
      kind: 'CronJob', apiVersion: 'batch/v1',
      metadata: { name: cronName, namespace: ns, uid: meta.uid, resourceVersion: String(meta.resourceVersion) },
      spec: object.spec,
      status: { active: [{ kind: 'Job', namespace: ns, name: metaOf(job).name, uid: jobUid, apiVersion: 'batch/v1', resourceVersion: String(p.jobMeta.resourceVersion) }], lastScheduleTime: new Date(scheduled / 1000).toISOString().replace('.000Z', 'Z') },
    }
    steps.push({
      family: `${family}.status`,
      action: makeAction({
        verb: 'update', resource: 'cronjobs', subresource: 'status', namespace: ns, name: cronName, actor: p.cronCaller.actor, client: 'controller',
        userAgent: p.cronCaller.userAgent, sourceIp: p.cronCaller.sourceIp, body: status, current: status, outcome: { code: 200 },
        meta: { ...p.statusMeta, time: t + jobAction.latencyMicros + p.statusDelay },
      }),
    })
  } else if (resource === 'jobs') {
    job = object
    jobUid = meta.uid
  } else {
    return steps
  }
  const podBody = podFromJob(job, jobUid)
  steps.push({
    family: `${family}.pod`,
    action: makeAction({
      verb: 'create', resource: 'pods', namespace: ns, actor: p.jobCaller.actor, client: 'controller', userAgent: p.jobCaller.userAgent,
      sourceIp: p.jobCaller.sourceIp, body: podBody, outcome: { code: 201 }, meta: { ...p.podMeta, time: t + 40_000 + p.podDelay },
      annotations: { 'pod-security.kubernetes.io/enforce-policy': 'privileged:latest', ...(audited ? podSecurityAuditAnnotation(podBody) : {}) },
    }),
  })
  return steps
}

export interface SimpleRequestOptions {
  family: string
  verb: Gen<Verb>
  resource: Gen<string>
  namespace: Gen<string>
  name: Gen<string>
  subresource?: Gen<string | undefined>
  caller: Gen<Caller>
  outcome?: (verb: Verb) => Gen<Outcome>
  /** Body for writes (given the resource, namespace and name). */
  body?: (resource: string, namespace: string | undefined, name: string) => Gen<Obj | undefined>
  /** As in {@link WriteScenarioOptions.deniedStep}. */
  deniedStep?: boolean
}

/** One request that is not a workload create: reads, status updates, denied calls, other resources. */
export function simpleRequest(o: SimpleRequestOptions): Gen<Scenario> {
  return record({
    verb: o.verb,
    resource: o.resource,
    namespace: o.namespace,
    name: o.name,
    subresource: o.subresource ?? constant(undefined),
    caller: o.caller,
    meta: requestMeta,
  }).bind((r) => {
    const info = resourceInfo(r.resource)
    const ns = info.namespaced ? r.namespace : undefined
    const collection = r.verb === 'list' || r.verb === 'watch' || r.verb === 'deletecollection'
    const name = collection ? undefined : r.name
    const writes = r.verb === 'create' || r.verb === 'update' || r.verb === 'patch'
    const body = writes && o.body ? o.body(r.resource, ns, r.name) : constant(undefined)
    const outcome = o.outcome ? o.outcome(r.verb) : constant<Outcome>({ code: r.verb === 'create' ? 201 : 200 })
    return tuple(body, outcome).map(([b, out]) => {
      const action = makeAction({
        verb: r.verb, resource: r.resource, ...(ns !== undefined ? { namespace: ns } : {}), ...(name !== undefined ? { name } : {}),
        ...(r.subresource ? { subresource: r.subresource } : {}), actor: r.caller.actor, client: r.caller.client,
        userAgent: r.caller.userAgent, sourceIp: r.caller.sourceIp, ...(b ? { body: b } : {}), ...(r.verb !== 'create' && b && 'kind' in b ? { current: b } : {}),
        outcome: out, meta: r.meta,
      })
      const family = out.code >= 400 && o.deniedStep ? `${o.family}.denied` : o.family
      return { family: o.family, steps: [{ family, action }] }
    })
  })
}

/** A documentation-range IP with a port, for reverse shells and miners. */
export const attackerEndpoint: Gen<{ host: string; port: number }> = tuple(
  weighted<string>([4, drawn((r) => `${['203.0.113', '198.51.100', '192.0.2'][r.int(0, 2)]}.${r.int(1, 254)}`)], [1, constantFrom('c2.example.net', 'updates.example.org', 'cdn-sync.example.com')]),
  constantFrom(4444, 443, 8080, 9001, 1337, 53, 8443),
).map(([host, port]) => ({ host, port }))
