/**
 * `noise.*`: ordinary cluster traffic around the rules' target — reads, other resources, denied
 * requests, status subresource updates by controllers and kubelets, system users in kube-system,
 * and the controllers' own Job deletions (logformats.md §6.7 "controller noise").
 */
import { objectName } from '../objectName.js'
import { namespace } from '../namespace.js'
import { otherResource, OTHER_RESOURCES } from '../otherResource.js'
import { responseCode } from '../responseCode.js'
import { verb } from '../verb.js'
import { caller, controller, simpleRequest } from '../_internals/scenario.js'
import { constant, constantFrom, integer, weighted } from '../_internals/gen.js'
import type { Outcome, Verb } from '../types.js'
import { defineFamily, type Family } from './family.js'

const noise = { malicious: false, technique: null, atomic: null }
const body = (resource: string, ns: string | undefined, name: string) => otherResource({ resource, ...(ns ? { namespace: ns } : {}), name })
// Only what the managed audit policies log (logformats §1.4, §2.3, §3.2): core `events` are not
// audited (None) on EKS, GKE and upstream; a kubelet's get of nodes is None; so is an aksService get/list.
const READ_RESOURCES = ['pods', 'cronjobs', 'jobs', 'deployments', 'configmaps', 'secrets', 'services', 'nodes', 'namespaces', 'endpoints', 'replicasets', 'leases'] as const

const readOutcome = (v: Verb) => weighted<Outcome>([30, responseCode({ verb: v, outcome: 'success' })], [1, constant({ code: 404 })])
const read = (resources: readonly string[], who: Parameters<typeof simpleRequest>[0]['caller']) =>
  simpleRequest({ family: 'noise.read', verb: verb({ kind: 'read' }), resource: constantFrom(...resources), namespace: namespace(), name: objectName(), caller: who, outcome: readOutcome })

export const reads: Family = defineFamily({
  name: 'noise.read',
  description: 'get / list / watch of many resources (cronjobs and jobs included) by people, GitOps and operators, controllers (their own resources) and kubelets (pods, configmaps, secrets, services, endpoints).',
  labels: noise,
  weight: 8,
  scenario: weighted(
    [4, read(READ_RESOURCES, weighted([3, caller('human')], [1, caller('gitops')], [1, caller('operator')]))],
    [1, read(['cronjobs', 'jobs'], controller('cronjob-controller'))],
    [1, read(['jobs', 'pods'], controller('job-controller'))],
    [1, read(['replicasets', 'pods'], controller('replicaset-controller'))],
    [2, read(['pods', 'configmaps', 'secrets', 'services', 'endpoints'], caller('node'))],
  ),
})

export const otherWrites: Family = defineFamily({
  name: 'noise.other-resource-write',
  description: 'Writes to other resources (ConfigMaps, Secrets, Services, Deployments, RoleBindings, Ingresses) by people and GitOps.',
  labels: noise,
  weight: 4,
  scenario: simpleRequest({
    family: 'noise.other-resource-write',
    verb: weighted<Verb>([3, constant('create')], [4, constant('patch')], [2, constant('update')], [2, constant('delete')]),
    resource: constantFrom(...OTHER_RESOURCES.filter((r) => r !== 'leases' && r !== 'namespaces')),
    namespace: namespace({ kind: 'app' }),
    name: objectName(),
    caller: weighted([2, caller('human')], [2, caller('gitops')], [1, caller('ci')]),
    body,
    outcome: (v) => responseCode({ verb: v, outcome: 'any' }),
  }),
})

export const denied: Family = defineFamily({
  name: 'noise.denied',
  description: 'Requests refused by RBAC (403, decision forbid, no request body) — CronJob and Job creates among them.',
  labels: noise,
  weight: 2,
  scenario: simpleRequest({
    family: 'noise.denied',
    verb: verb(),
    resource: constantFrom('cronjobs', 'jobs', 'pods', 'secrets', 'configmaps', 'deployments', 'nodes', 'clusterrolebindings'),
    namespace: namespace(),
    name: objectName(),
    caller: weighted([3, caller('human')], [2, caller('compromised-sa')], [1, caller('ci')]),
    outcome: () => constant<Outcome>({ code: 403, deniedBy: 'rbac' }),
  }),
})

/** The body a controller or kubelet sends with a status write: the object with its new status, or a status patch. */
function statusBody(resource: string, ns: string | undefined, name: string) {
  return integer(1_000_000, 99_999_999).map((rv): Record<string, unknown> | undefined => {
    const metadata = { name, ...(ns ? { namespace: ns } : {}), resourceVersion: String(rv) }
    switch (resource) {
      case 'cronjobs':
        return { kind: 'CronJob', apiVersion: 'batch/v1', metadata, spec: {}, status: { lastScheduleTime: '2026-03-14T02:00:00Z', lastSuccessfulTime: '2026-03-14T02:00:07Z' } }
      case 'jobs':
        return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: {}, status: { startTime: '2026-03-14T02:00:00Z', active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} } }
      case 'deployments':
        return { kind: 'Deployment', apiVersion: 'apps/v1', metadata, spec: {}, status: { observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 } }
      default:
        return { status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-03-14T02:00:00Z' }] } }
    }
  })
}

export const statusUpdates: Family = defineFamily({
  name: 'noise.status-update',
  description: 'status subresource updates: cronjob-controller on cronjobs/status, job-controller on jobs/status, kubelets on pods/status and nodes/status, deployment-controller.',
  labels: noise,
  weight: 6,
  scenario: weighted(
    [2, simpleRequest({ family: 'noise.status-update', verb: constant('update'), resource: constant('cronjobs'), subresource: constant('status'), namespace: namespace(), name: objectName(), caller: controller('cronjob-controller'), body: statusBody })],
    [3, simpleRequest({ family: 'noise.status-update', verb: constant('update'), resource: constant('jobs'), subresource: constant('status'), namespace: namespace(), name: objectName(), caller: controller('job-controller'), body: statusBody })],
    [2, simpleRequest({ family: 'noise.status-update', verb: constant('update'), resource: constant('deployments'), subresource: constant('status'), namespace: namespace(), name: objectName(), caller: controller('deployment-controller'), body: statusBody })],
    [4, simpleRequest({ family: 'noise.status-update', verb: constant('patch'), resource: constantFrom('pods', 'nodes'), subresource: constant('status'), namespace: namespace(), name: objectName(), caller: caller('node'), body: statusBody })],
  ),
})

export const kubeSystem: Family = defineFamily({
  name: 'noise.kube-system',
  description: 'System users in kube-system: leader-election leases, add-on managers (eks:*, aksService, system:addon-manager) patching DaemonSets and ConfigMaps.',
  labels: noise,
  weight: 5,
  scenario: weighted(
    [3, simpleRequest({ family: 'noise.kube-system', verb: constant<Verb>('update'), resource: constant('leases'), namespace: constant('kube-system'), name: constantFrom('kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'), caller: caller('system'), body })],
    [2, simpleRequest({ family: 'noise.kube-system', verb: constantFrom<Verb>('patch', 'update'), resource: constantFrom('configmaps', 'services', 'serviceaccounts'), namespace: constant('kube-system'), name: constantFrom('coredns', 'kube-proxy', 'aws-node', 'metrics-server', 'konnectivity-agent'), caller: caller('system'), body })],
  ),
})

export const controllerJobDeletes: Family = defineFamily({
  name: 'noise.controller-job-delete',
  description: 'Finished Jobs deleted by the cronjob-controller (history limits) and the ttl-after-finished-controller.',
  labels: noise,
  weight: 2,
  scenario: simpleRequest({
    family: 'noise.controller-job-delete',
    verb: constant('delete'),
    resource: constant('jobs'),
    namespace: namespace(),
    name: objectName().map((n) => `${n}-29${Math.abs(hash(n)) % 900000 + 100000}`),
    caller: weighted([1, controller('cronjob-controller')], [1, controller('ttl-after-finished-controller')]),
  }),
})

function hash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0
  return h
}

export const noiseFamilies: readonly Family[] = [reads, otherWrites, denied, statusUpdates, kubeSystem, controllerJobDeletes]
