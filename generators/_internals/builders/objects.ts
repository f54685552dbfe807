/**
 * Kubernetes objects as the API server logs them (logformats.md §1.8–1.9): the request body is
 * the decoded-and-defaulted object (`creationTimestamp: null`, `status: {}`, `dnsPolicy`,
 * `terminationMessagePath`, `imagePullPolicy` from the tag, `hostPath.type: ""`, …) in Go field
 * order; the response adds server-set metadata (uid, resourceVersion, generation, managedFields).
 */
import { secondTime } from './time.js'

type Obj = Record<string, unknown>

export interface VolumeInput {
  name: string
  hostPath?: { path: string; type?: string }
  emptyDir?: Obj
  configMap?: { name: string }
  secret?: { secretName: string }
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean }
}

export interface VolumeMountInput {
  name: string
  mountPath: string
  readOnly?: boolean
  subPath?: string
}

export interface SecurityContextInput {
  privileged?: boolean
  allowPrivilegeEscalation?: boolean
  runAsUser?: number
  runAsNonRoot?: boolean
  readOnlyRootFilesystem?: boolean
  capabilities?: { add?: string[]; drop?: string[] }
}

export interface ContainerInput {
  name: string
  image: string
  command?: string[]
  args?: string[]
  env?: Obj[]
  ports?: { containerPort: number; name?: string }[]
  resources?: Obj
  volumeMounts?: VolumeMountInput[]
  imagePullPolicy?: string
  securityContext?: SecurityContextInput
  stdin?: boolean
  tty?: boolean
}

export interface PodSpecInput {
  volumes?: VolumeInput[]
  initContainers?: ContainerInput[]
  containers: ContainerInput[]
  restartPolicy?: 'Always' | 'OnFailure' | 'Never'
  nodeSelector?: Record<string, string>
  serviceAccountName?: string
  automountServiceAccountToken?: boolean
  hostNetwork?: boolean
  hostPID?: boolean
  hostIPC?: boolean
  securityContext?: Obj
  tolerations?: Obj[]
  priorityClassName?: string
}

export interface ObjectMetaInput {
  name?: string
  generateName?: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: Obj[]
}

function put(o: Obj, key: string, value: unknown): void {
  if (value !== undefined) o[key] = value
}

/** `imagePullPolicy` default: Always for `:latest` or no tag, else IfNotPresent (digests too). */
export function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent'
  const last = image.slice(image.lastIndexOf('/') + 1)
  const colon = last.indexOf(':')
  if (colon < 0) return 'Always'
  return last.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent'
}

export function defaultContainer(c: ContainerInput): Obj {
  const o: Obj = { name: c.name, image: c.image }
  put(o, 'command', c.command)
  put(o, 'args', c.args)
  put(o, 'ports', c.ports?.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: 'TCP' })))
  put(o, 'env', c.env)
  o.resources = c.resources ?? {}
  put(o, 'volumeMounts', c.volumeMounts?.map((m) => ({ ...m })))
  o.terminationMessagePath = '/dev/termination-log'
  o.terminationMessagePolicy = 'File'
  o.imagePullPolicy = c.imagePullPolicy ?? defaultPullPolicy(c.image)
  put(o, 'securityContext', c.securityContext && { ...c.securityContext })
  put(o, 'stdin', c.stdin)
  put(o, 'tty', c.tty)
  return o
}

export function defaultVolume(v: VolumeInput): Obj {
  const o: Obj = { name: v.name }
  if (v.hostPath) o.hostPath = { path: v.hostPath.path, type: v.hostPath.type ?? '' }
  if (v.emptyDir) o.emptyDir = { ...v.emptyDir }
  if (v.configMap) o.configMap = { name: v.configMap.name, defaultMode: 420 }
  if (v.secret) o.secret = { secretName: v.secret.secretName, defaultMode: 420 }
  if (v.persistentVolumeClaim) o.persistentVolumeClaim = { ...v.persistentVolumeClaim }
  return o
}

/** A PodSpec with the API server's defaults, keys in Go struct order. */
export function defaultPodSpec(s: PodSpecInput): Obj {
  const o: Obj = {}
  put(o, 'volumes', s.volumes?.map(defaultVolume))
  put(o, 'initContainers', s.initContainers?.map(defaultContainer))
  o.containers = s.containers.map(defaultContainer)
  o.restartPolicy = s.restartPolicy ?? 'Always'
  o.terminationGracePeriodSeconds = 30
  o.dnsPolicy = 'ClusterFirst'
  put(o, 'nodeSelector', s.nodeSelector)
  if (s.serviceAccountName) {
    o.serviceAccountName = s.serviceAccountName
    o.serviceAccount = s.serviceAccountName
  }
  put(o, 'automountServiceAccountToken', s.automountServiceAccountToken)
  put(o, 'hostNetwork', s.hostNetwork)
  put(o, 'hostPID', s.hostPID)
  put(o, 'hostIPC', s.hostIPC)
  o.securityContext = s.securityContext ?? {}
  o.schedulerName = 'default-scheduler'
  put(o, 'tolerations', s.tolerations)
  put(o, 'priorityClassName', s.priorityClassName)
  o.enableServiceLinks = true
  return o
}

export function objectMeta(m: ObjectMetaInput): Obj {
  const o: Obj = {}
  put(o, 'name', m.name)
  put(o, 'generateName', m.generateName)
  put(o, 'namespace', m.namespace)
  o.creationTimestamp = null
  put(o, 'labels', m.labels)
  put(o, 'annotations', m.annotations)
  put(o, 'ownerReferences', m.ownerReferences)
  return o
}

export function podTemplate(spec: PodSpecInput, labels?: Record<string, string>): Obj {
  return { metadata: { creationTimestamp: null, ...(labels ? { labels } : {}) }, spec: defaultPodSpec(spec) }
}

export interface JobSpecInput {
  template: PodSpecInput
  templateLabels?: Record<string, string>
  backoffLimit?: number
  activeDeadlineSeconds?: number
  ttlSecondsAfterFinished?: number
  completions?: number
  parallelism?: number
}

/** JobSpec inside a CronJob's jobTemplate: Job defaults are NOT applied there (§1.9). */
function templateJobSpec(j: JobSpecInput): Obj {
  const o: Obj = {}
  put(o, 'parallelism', j.parallelism)
  put(o, 'completions', j.completions)
  put(o, 'activeDeadlineSeconds', j.activeDeadlineSeconds)
  put(o, 'backoffLimit', j.backoffLimit)
  o.template = podTemplate(j.template, j.templateLabels)
  put(o, 'ttlSecondsAfterFinished', j.ttlSecondsAfterFinished)
  return o
}

const JOB_SPEC_ORDER = [
  'parallelism', 'completions', 'activeDeadlineSeconds', 'podFailurePolicy', 'successPolicy', 'backoffLimit', 'backoffLimitPerIndex',
  'maxFailedIndexes', 'selector', 'manualSelector', 'template', 'ttlSecondsAfterFinished', 'completionMode', 'suspend', 'podReplacementPolicy', 'managedBy',
]

/** A Job object's spec with `SetDefaults_Job` applied, keys in JobSpec order (works on a jobTemplate's spec too). */
export function defaultJobSpec(spec: Obj): Obj {
  const withDefaults: Obj = {
    parallelism: 1,
    completions: 1,
    backoffLimit: 6,
    manualSelector: false,
    completionMode: 'NonIndexed',
    suspend: false,
    podReplacementPolicy: 'TerminatingOrFailed',
    ...spec,
  }
  const out: Obj = {}
  for (const k of JOB_SPEC_ORDER) if (withDefaults[k] !== undefined) out[k] = withDefaults[k]
  return out
}

function jobSpec(j: JobSpecInput): Obj {
  return defaultJobSpec(templateJobSpec(j))
}

export interface CronJobInput {
  meta: ObjectMetaInput
  schedule: string
  timeZone?: string
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace'
  suspend?: boolean
  startingDeadlineSeconds?: number
  successfulJobsHistoryLimit?: number
  failedJobsHistoryLimit?: number
  job: JobSpecInput
  /** `batch/v1` (current) or the removed `batch/v1beta1` the Atomic Red Team manifest still uses. */
  apiVersion?: string
}

export function cronJobObject(c: CronJobInput): Obj {
  const spec: Obj = { schedule: c.schedule }
  put(spec, 'timeZone', c.timeZone)
  put(spec, 'startingDeadlineSeconds', c.startingDeadlineSeconds)
  spec.concurrencyPolicy = c.concurrencyPolicy ?? 'Allow'
  spec.suspend = c.suspend ?? false
  spec.jobTemplate = { metadata: { creationTimestamp: null }, spec: templateJobSpec(c.job) }
  spec.successfulJobsHistoryLimit = c.successfulJobsHistoryLimit ?? 3
  spec.failedJobsHistoryLimit = c.failedJobsHistoryLimit ?? 1
  return { kind: 'CronJob', apiVersion: c.apiVersion ?? 'batch/v1', metadata: objectMeta(c.meta), spec, status: {} }
}

export function jobObject(meta: ObjectMetaInput, job: JobSpecInput): Obj {
  return { kind: 'Job', apiVersion: 'batch/v1', metadata: objectMeta(meta), spec: jobSpec(job), status: {} }
}

export function podObject(meta: ObjectMetaInput, spec: PodSpecInput): Obj {
  return { kind: 'Pod', apiVersion: 'v1', metadata: objectMeta(meta), spec: defaultPodSpec(spec), status: {} }
}

export function deploymentObject(meta: ObjectMetaInput, replicas: number, pod: PodSpecInput, labels: Record<string, string>): Obj {
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: objectMeta(meta),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: podTemplate(pod, labels),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  }
}

/** Server-set metadata for the stored object returned in `responseObject`. */
export interface ServerFields {
  uid: string
  resourceVersion: string
  /** Microseconds since the epoch. */
  time: number
  manager: string
  /** Name the server generated for a `generateName` create. */
  generatedName?: string
}

const KEYED = new Set(['containers', 'initContainers', 'volumes', 'env', 'ports', 'volumeMounts'])
const TOP_SKIP = new Set(['kind', 'apiVersion', 'status', 'metadata'])

function itemKey(list: string, item: Obj): string {
  if (list === 'volumeMounts') return `k:{"mountPath":${JSON.stringify(item.mountPath)}}`
  if (list === 'ports') return `k:{"containerPort":${String(item.containerPort)},"protocol":${JSON.stringify(item.protocol)}}`
  return `k:{"name":${JSON.stringify(item.name)}}`
}

const EMPTY: Obj = Object.freeze({}) as Obj

/**
 * `managedFields[].fieldsV1` of an object as its creator set it: `f:<field>` per set field,
 * `k:{…}` per keyed list item, `.` for owned nested maps below the top level. Leaves share one
 * frozen `{}` (the records are serialised, never mutated).
 */
export function fieldsV1(value: Obj, depth = 0): Obj {
  const out: Obj = depth >= 2 ? { '.': EMPTY } : {}
  for (const k in value) {
    const v = value[k]
    if (depth === 0 && TOP_SKIP.has(k)) continue
    const key = 'f:' + k
    if (Array.isArray(v)) {
      if (KEYED.has(k)) {
        const items: Obj = {}
        const d = depth + 1 > 2 ? depth + 1 : 2
        for (const item of v as Obj[]) items[itemKey(k, item)] = fieldsV1(item, d)
        out[key] = items
      } else out[key] = EMPTY
    } else if (v !== null && typeof v === 'object' && hasKeys(v as Obj)) {
      out[key] = fieldsV1(v as Obj, depth + 1)
    } else out[key] = EMPTY
  }
  return out
}

function hasKeys(o: Obj): boolean {
  for (const _ in o) return true
  return false
}

/** The stored object: the request body plus uid, resourceVersion, generation, timestamps, managedFields. */
export function storedObject(body: Obj, server: ServerFields): Obj {
  const meta = (body.metadata ?? {}) as Obj
  const created = secondTime(server.time)
  const metadata: Obj = {}
  const name = (meta.name as string | undefined) ?? server.generatedName
  put(metadata, 'name', name)
  put(metadata, 'generateName', meta.generateName)
  put(metadata, 'namespace', meta.namespace)
  metadata.uid = server.uid
  metadata.resourceVersion = server.resourceVersion
  if (body.kind !== 'Pod') metadata.generation = 1
  metadata.creationTimestamp = created
  put(metadata, 'labels', meta.labels)
  put(metadata, 'annotations', meta.annotations)
  put(metadata, 'ownerReferences', meta.ownerReferences)
  const apiVersion = body.apiVersion as string
  metadata.managedFields = [
    {
      manager: server.manager,
      operation: 'Update',
      apiVersion,
      time: created,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': fieldsV1(withoutIdentity(meta), 1), ...fieldsV1(body) },
    },
  ]
  return body.kind === 'Job' ? { ...body, metadata, spec: jobSelector(body.spec as Obj, server.uid, name) } : { ...body, metadata }
}

/**
 * The Job strategy adds the selector and the controller-uid / job-name pod-template labels at
 * creation: they show up only in responseObject (logformats §1.9, §7).
 */
function jobSelector(spec: Obj, uid: string, jobName: string | undefined): Obj {
  const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObject(spec) || spec.selector !== undefined || !isObject(spec.template)) return spec
  const added: Obj = { 'batch.kubernetes.io/controller-uid': uid }
  if (jobName) added['batch.kubernetes.io/job-name'] = jobName
  added['controller-uid'] = uid
  if (jobName) added['job-name'] = jobName
  const template = spec.template as Obj
  const tmeta = (template.metadata ?? {}) as Obj
  const merged: Obj = { ...(tmeta.labels as Obj | undefined), ...added }
  const labels: Obj = {}
  for (const k of Object.keys(merged).sort()) labels[k] = merged[k] // a Go map: keys sorted
  const withSelector: Obj = { ...spec, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, template: { ...template, metadata: { ...tmeta, labels } } }
  const out: Obj = {}
  for (const k of JOB_SPEC_ORDER) if (withSelector[k] !== undefined) out[k] = withSelector[k]
  for (const k of Object.keys(withSelector)) if (!(k in out)) out[k] = withSelector[k]
  return out
}

function withoutIdentity(meta: Obj): Obj {
  const { name: _n, namespace: _ns, creationTimestamp: _c, generateName: _g, ...rest } = meta
  return rest
}

const SERVER_DEFAULTS: Record<string, unknown> = {
  creationTimestamp: null, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30, enableServiceLinks: true, successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 1, concurrencyPolicy: 'Allow', suspend: false, manualSelector: false, completionMode: 'NonIndexed',
  podReplacementPolicy: 'TerminatingOrFailed', protocol: 'TCP', defaultMode: 420,
}

/**
 * The manifest as its author wrote it, approximated by removing server defaults from the logged
 * object (what `kubectl apply` stores in `kubectl.kubernetes.io/last-applied-configuration`).
 */
export function asWritten(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => asWritten(v))
  if (value === null || typeof value !== 'object') return value
  const out: Obj = {}
  for (const [k, v] of Object.entries(value as Obj)) {
    if (k in SERVER_DEFAULTS && SERVER_DEFAULTS[k] === v) continue
    if ((k === 'status' || k === 'resources' || k === 'securityContext') && v !== null && typeof v === 'object' && Object.keys(v).length === 0) continue
    if (k === 'serviceAccount' || (k === 'imagePullPolicy' && typeof (value as Obj).image === 'string' && v === defaultPullPolicy((value as Obj).image as string))) continue
    if (k === 'type' && key === 'hostPath' && v === '') continue
    out[k] = asWritten(v, k)
  }
  return out
}

/** A metav1.Status object as written in `responseObject` for failures and some deletes. */
export function statusObject(code: number, reason: string, message: string, details?: Obj): Obj {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: code < 400 ? 'Success' : 'Failure', message, reason, ...(details ? { details } : {}), code }
}
