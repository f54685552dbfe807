import type { Actor, SystemRole } from './types.js'
import { array, chance, chars, check, constantFrom, drawn, fake, integer, record, tuple, uuid, weighted, type Gen } from './_internals/gen.js'

export interface ActorConstraints {
  /**
   * Which kinds of caller to produce.
   * @defaultValue `['human', 'serviceaccount', 'controller', 'node', 'system']`
   */
  kinds?: readonly Actor['kind'][]
  /**
   * For humans: probability of the break-glass admin credential (`kubernetes-admin`, AKS `masterclient`).
   * @defaultValue 0.15
   */
  adminChance?: number
  /**
   * For humans: probability of an application credential instead of a person's (see `HumanActor.automation`).
   * @defaultValue 0.1
   */
  automationChance?: number
  /**
   * For service accounts: `namespace/name` pairs to choose from.
   * @defaultValue GitOps, CI and operator accounts ({@link SERVICE_ACCOUNTS})
   */
  serviceAccounts?: readonly string[]
  /**
   * For controllers: kube-controller-manager controller names.
   * @defaultValue {@link CONTROLLERS}
   */
  controllers?: readonly string[]
  /**
   * For system actors: roles.
   * @defaultValue all
   */
  systemRoles?: readonly SystemRole[]
}

export const SERVICE_ACCOUNTS = [
  'argocd/argocd-application-controller', 'flux-system/kustomize-controller', 'flux-system/helm-controller', 'gitlab-runner/gitlab-runner',
  'tekton-pipelines/tekton-pipelines-controller', 'ci/github-actions-runner', 'monitoring/prometheus', 'trivy-system/trivy-operator',
  'cert-manager/cert-manager', 'kube-system/descheduler', 'default/default', 'data/airflow-scheduler', 'backup/db-backup',
] as const

export const CONTROLLERS = [
  'cronjob-controller', 'job-controller', 'deployment-controller', 'replicaset-controller', 'daemon-set-controller', 'statefulset-controller',
  'endpointslice-controller', 'namespace-controller', 'ttl-after-finished-controller', 'generic-garbage-collector', 'horizontal-pod-autoscaler',
] as const

const DOMAINS = ['contoso.example', 'acme.example', 'fabrikam.example', 'example.com'] as const
const ROLES = ['platform-admin', 'developer', 'sre-oncall', 'ci-deployer', 'AWSReservedSSO_AdministratorAccess_5c1e3a8d2b7f4e90', 'eks-ops'] as const
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const HEX = '0123456789abcdef'

/** Who sends a request, independent of the provider (rendered per provider by `identity`). */
export function actor(constraints: ActorConstraints = {}): Gen<Actor> {
  const kinds = constraints.kinds ?? ['human', 'serviceaccount', 'controller', 'node', 'system']
  const adminChance = constraints.adminChance ?? 0.15
  const automationChance = constraints.automationChance ?? 0.1
  check('actor', automationChance >= 0 && automationChance <= 1, `automationChance must be within 0..1 (got ${automationChance})`)
  check('actor', kinds.length > 0, 'kinds must not be empty')
  check('actor', adminChance >= 0 && adminChance <= 1, `adminChance must be within 0..1 (got ${adminChance})`)
  for (const sa of constraints.serviceAccounts ?? []) check('actor', /^[a-z0-9-]+\/[a-z0-9-]+$/.test(sa), `service accounts are namespace/name pairs (got '${sa}')`)
  const human: Gen<Actor> = record({
    handle: fake((f) => `${f.person.firstName().charAt(0)}${f.person.lastName()}`.toLowerCase().replace(/[^a-z]/g, '')),
    domain: constantFrom(...DOMAINS),
    admin: chance(adminChance),
    automation: chance(automationChance),
    roleName: constantFrom(...ROLES),
    roleId: chars(UPPER_ALNUM, 17).map((s) => `AROA${s}`),
    accessKeyId: chars(UPPER_ALNUM, 16).map((s) => `ASIA${s}`),
    objectId: uuid(),
    groupIds: array(uuid(), 1, 2),
    certSha256: chars(HEX, 64),
  }).map((h) => ({
    kind: 'human' as const,
    handle: h.handle || 'jdoe',
    domain: h.domain,
    admin: h.admin,
    automation: h.automation && !h.admin,
    aws: { roleName: h.roleName, roleId: h.roleId, accessKeyId: h.accessKeyId },
    entra: { objectId: h.objectId, groupIds: h.groupIds },
    certSha256: h.certSha256,
  }))
  const sa: Gen<Actor> = tuple(constantFrom(...(constraints.serviceAccounts ?? SERVICE_ACCOUNTS)), uuid(), uuid(), chars('bcdfghjklmnpqrstvwxz2456789', 5)).map(([pair, uid, tokenId, sfx]) => {
    const [namespace, name] = pair.split('/') as [string, string]
    return { kind: 'serviceaccount' as const, namespace, name, uid, tokenId, podName: `${name}-${sfx}` }
  })
  const controller: Gen<Actor> = tuple(constantFrom(...(constraints.controllers ?? CONTROLLERS)), uuid()).map(([name, uid]) => ({ kind: 'controller' as const, name, uid }))
  const node: Gen<Actor> = record({
    pool: constantFrom('nodepool1', 'system', 'default-pool', 'workers', 'spot'),
    index: integer(0, 11),
    hex: chars(HEX, 8),
    ip: drawn((r) => `10.0.${r.int(0, 63)}.${r.int(2, 254)}`),
    instanceId: chars(HEX, 17).map((s) => `i-${s}`),
  }).map((n) => ({ kind: 'node' as const, ...n }))
  const system: Gen<Actor> = constantFrom<SystemRole>(...(constraints.systemRoles ?? ['addon-manager', 'certificate-controller', 'node-manager', 'scheduler', 'controller-manager', 'apiserver'])).map((role) => ({ kind: 'system' as const, role }))
  const anonymous: Gen<Actor> = constantFrom<Actor>({ kind: 'anonymous' })
  const byKind: Record<Actor['kind'], Gen<Actor>> = { human, serviceaccount: sa, controller, node, system, anonymous }
  const weights: Record<Actor['kind'], number> = { human: 4, serviceaccount: 3, controller: 3, node: 2, system: 1, anonymous: 1 }
  return weighted(...kinds.map((k) => [weights[k], byKind[k]] as const))
}
