/**
 * A compact arbitrary of canonical audit events and cluster contexts for the codec and
 * pipeline properties. Shapes follow logformats §1 (consistent verb / requestURI / objectRef,
 * MicroTime timestamps, provider identities); H4's generators produce the realistic families.
 */
import fc from 'fast-check'
import type { AuditEvent, ClusterContext, ObjectReference, ResponseStatus } from '../../src/model/audit-event.js'
import { requestPath } from '../../src/variants/shared/k8s-api.js'
import { VIA_ANNOTATION, VIA_COMMAND_INVOKE } from '../../src/variants/shared/event.js'

interface Kind { resource: string; apiGroup?: string; namespaced: boolean; kind: string; subresources: string[] }

const KINDS: Kind[] = [
  { resource: 'pods', namespaced: true, kind: 'Pod', subresources: ['exec', 'attach', 'log', 'status', 'portforward'] },
  { resource: 'secrets', namespaced: true, kind: 'Secret', subresources: [] },
  { resource: 'configmaps', namespaced: true, kind: 'ConfigMap', subresources: [] },
  { resource: 'serviceaccounts', namespaced: true, kind: 'ServiceAccount', subresources: ['token'] },
  { resource: 'namespaces', namespaced: false, kind: 'Namespace', subresources: ['status', 'finalize'] },
  { resource: 'nodes', namespaced: false, kind: 'Node', subresources: ['status', 'proxy'] },
  { resource: 'cronjobs', apiGroup: 'batch', namespaced: true, kind: 'CronJob', subresources: ['status'] },
  { resource: 'jobs', apiGroup: 'batch', namespaced: true, kind: 'Job', subresources: ['status'] },
  { resource: 'deployments', apiGroup: 'apps', namespaced: true, kind: 'Deployment', subresources: ['scale', 'status'] },
  { resource: 'daemonsets', apiGroup: 'apps', namespaced: true, kind: 'DaemonSet', subresources: [] },
  { resource: 'rolebindings', apiGroup: 'rbac.authorization.k8s.io', namespaced: true, kind: 'RoleBinding', subresources: [] },
  { resource: 'clusterrolebindings', apiGroup: 'rbac.authorization.k8s.io', namespaced: false, kind: 'ClusterRoleBinding', subresources: [] },
  { resource: 'leases', apiGroup: 'coordination.k8s.io', namespaced: true, kind: 'Lease', subresources: [] },
  { resource: 'mutatingwebhookconfigurations', apiGroup: 'admissionregistration.k8s.io', namespaced: false, kind: 'MutatingWebhookConfiguration', subresources: [] },
]

const VERBS = ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete', 'deletecollection'] as const
const COLLECTION_VERBS = new Set(['list', 'watch', 'deletecollection'])

const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}[a-z0-9]$/)
const namespace = fc.constantFrom('default', 'kube-system', 'prod', 'ci', 'monitoring', 'aks-command')

const username = fc.oneof(
  fc.constantFrom('kubernetes-admin', 'masterclient', 'aksService', 'system:kube-controller-manager', 'eks:certificate-controller', 'system:node:ip-10-0-1-23.ec2.internal'),
  dnsLabel.map((n) => `system:serviceaccount:kube-system:${n}`),
  dnsLabel.map((n) => `${n}@contoso.example`),
  fc.tuple(fc.stringMatching(/^\d{12}$/), dnsLabel).map(([acct, r]) => `arn:aws:sts::${acct}:assumed-role/${r}/jdoe`),
)

const userInfo = fc.record(
  {
    username,
    uid: fc.oneof(fc.stringMatching(/^aws-iam-authenticator:\d{12}:AROA[A-Z0-9]{16}$/), fc.uuid({ version: 4 })),
    groups: fc.array(fc.constantFrom('system:authenticated', 'system:masters', 'system:serviceaccounts', 'system:nodes'), { minLength: 1, maxLength: 3 }),
    extra: fc.dictionary(fc.constantFrom('accessKeyId', 'arn', 'sessionName', 'oid', 'authentication.kubernetes.io/pod-name'), fc.array(dnsLabel, { minLength: 1, maxLength: 1 }), { maxKeys: 3 }),
  },
  { requiredKeys: ['username'] },
)

const ip = fc.oneof({ weight: 4, arbitrary: fc.ipV4() }, { weight: 1, arbitrary: fc.ipV6() })

const micro = fc
  .tuple(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 5_000_000 }))
  .map(([d, us, gapUs]) => {
    const base = d.toISOString().slice(0, 23) + String(us).padStart(3, '0') + 'Z'
    const later = new Date(d.getTime() + Math.floor(gapUs / 1000))
    const laterUs = ((us + gapUs) % 1000)
    return [base, later.toISOString().slice(0, 23) + String(laterUs).padStart(3, '0') + 'Z'] as const
  })
  .filter(([a, b]) => a <= b)

const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null))
const body = fc.dictionary(fc.constantFrom('metadata', 'spec', 'status', 'data', 'webhooks', 'subjects'), fc.oneof(leaf, fc.dictionary(dnsLabel, leaf, { maxKeys: 3 }), fc.array(fc.dictionary(dnsLabel, leaf, { maxKeys: 2 }), { maxLength: 2 })), { maxKeys: 3 })

function failure(code: number, ref: ObjectReference, verb: string): ResponseStatus {
  const reasons: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'AlreadyExists', 422: 'Invalid', 500: 'InternalError' }
  return {
    metadata: {},
    status: 'Failure',
    message: `${ref.resource} "${ref.name ?? ''}" ${verb} failed`,
    reason: reasons[code],
    details: { name: ref.name, group: ref.apiGroup, kind: ref.resource },
    code,
  }
}

export const arbAuditEvent: fc.Arbitrary<AuditEvent> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    verb: fc.constantFrom(...VERBS),
    ns: namespace,
    name: dnsLabel,
    subPick: fc.nat(),
    withSub: fc.integer({ min: 0, max: 4 }),
    version: fc.constantFrom('v1', 'v1', 'v1', 'v1beta1'),
    query: fc.constantFrom('', '?fieldManager=kubectl-create&fieldValidation=Strict', '?limit=500', '?watch=true&resourceVersion=1'),
    level: fc.constantFrom('Metadata', 'Request', 'RequestResponse'),
    stage: fc.constantFrom('ResponseComplete', 'ResponseComplete', 'ResponseComplete', 'ResponseStarted', 'RequestReceived', 'Panic'),
    auditID: fc.uuid({ version: 4 }),
    user: userInfo,
    impersonated: fc.option(userInfo, { freq: 8 }),
    ips: fc.array(ip, { minLength: 0, maxLength: 3 }),
    userAgent: fc.option(fc.constantFrom('kubectl/v1.31.4 (darwin/arm64) kubernetes/a78aa47', 'Go-http-client/2.0', 'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/39683505'), { nil: undefined }),
    code: fc.constantFrom(200, 200, 201, 201, 401, 403, 404, 409, 422, 500),
    requestObject: fc.option(fc.oneof({ weight: 5, arbitrary: body }, { weight: 1, arbitrary: fc.array(fc.record({ op: fc.constantFrom('add', 'replace'), path: fc.constant('/spec/x'), value: leaf }), { minLength: 1, maxLength: 2 }) }), { nil: undefined }),
    responseObject: fc.option(body, { nil: undefined }),
    typed: fc.boolean(),
    times: micro,
    annotations: fc.option(
      fc.record(
        {
          decision: fc.constantFrom('allow', 'forbid'),
          reason: fc.constantFrom('', 'RBAC: allowed by ClusterRoleBinding "admins" of ClusterRole "cluster-admin" to Group "system:masters"'),
          extra: fc.dictionary(fc.constantFrom('pod-security.kubernetes.io/enforce-policy', 'mutation.webhook.admission.k8s.io/round_0_index_0'), fc.string({ maxLength: 10 }), { maxKeys: 1 }),
          via: fc.boolean(),
        },
      ),
      { nil: undefined },
    ),
  })
  .map((r): AuditEvent => {
    const collection = COLLECTION_VERBS.has(r.verb)
    const subresource = !collection && r.withSub === 0 && r.kind.subresources.length > 0 ? r.kind.subresources[r.subPick % r.kind.subresources.length] : undefined
    const objectRef: ObjectReference = { resource: r.kind.resource }
    if (r.kind.namespaced) objectRef.namespace = r.ns
    if (!collection) objectRef.name = r.name
    if (r.kind.apiGroup) objectRef.apiGroup = r.kind.apiGroup
    objectRef.apiVersion = r.version
    if (subresource) objectRef.subresource = subresource
    const code = r.code === 201 && r.verb !== 'create' ? 200 : r.code
    const e: AuditEvent = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: r.level as AuditEvent['level'],
      auditID: r.auditID,
      stage: r.stage as AuditEvent['stage'],
      requestURI: requestPath(objectRef, r.version) + r.query,
      verb: r.verb,
      user: r.user,
      sourceIPs: r.ips.length > 0 ? r.ips : undefined,
      userAgent: r.userAgent,
      objectRef,
      responseStatus: r.stage === 'RequestReceived' ? undefined : code < 400 ? { metadata: {}, code } : failure(code, objectRef, r.verb),
      requestReceivedTimestamp: r.times[0],
      stageTimestamp: r.times[1],
    }
    if (r.impersonated) e.impersonatedUser = r.impersonated
    if (r.requestObject !== undefined) e.requestObject = (Array.isArray(r.requestObject) ? r.requestObject : r.typed ? { kind: r.kind.kind, apiVersion: r.kind.apiGroup ? `${r.kind.apiGroup}/${r.version}` : r.version, ...r.requestObject } : r.requestObject) as AuditEvent['requestObject']
    if (r.responseObject !== undefined) e.responseObject = code >= 400 ? { kind: 'Status', apiVersion: 'v1', ...e.responseStatus, metadata: {} } : r.typed ? { kind: r.kind.kind, apiVersion: r.kind.apiGroup ? `${r.kind.apiGroup}/${r.version}` : r.version, ...r.responseObject } : r.responseObject
    if (r.annotations) {
      e.annotations = { 'authorization.k8s.io/decision': r.annotations.decision, 'authorization.k8s.io/reason': r.annotations.reason, ...r.annotations.extra }
      if (r.annotations.via) e.annotations[VIA_ANNOTATION] = VIA_COMMAND_INVOKE
    }
    return e
  })

export const arbClusterContext: fc.Arbitrary<ClusterContext> = fc
  .record(
    {
      provider: fc.constantFrom('kubernetes', 'eks', 'aks', 'gke'),
      clusterName: dnsLabel,
      region: fc.constantFrom('eu-west-1', 'us-east-1', 'westeurope', 'europe-west1', 'us-west1-c'),
      accountId: fc.stringMatching(/^\d{12}$/),
      projectId: dnsLabel,
      subscriptionId: fc.uuid({ version: 4 }),
      resourceGroup: dnsLabel.map((s) => `rg-${s}`),
      azureResourceType: fc.constantFrom('Microsoft.ContainerService/managedClusters', 'Microsoft.Kubernetes/connectedClusters'),
    },
    { requiredKeys: ['provider', 'clusterName'] },
  )
  .map((c) => c as ClusterContext)
