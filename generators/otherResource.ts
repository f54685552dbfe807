import { objectMeta } from './_internals/builders/objects.js'
import { resourceInfo } from './_internals/builders/resources.js'
import { apiVersionOf } from './_internals/builders/resources.js'
import { chars, constant, constantFrom, fake, integer, record, type Gen } from './_internals/gen.js'
import { deployment } from './deployment.js'

export const OTHER_RESOURCES = ['configmaps', 'secrets', 'services', 'serviceaccounts', 'deployments', 'rolebindings', 'leases', 'ingresses', 'namespaces'] as const
export type OtherResource = (typeof OTHER_RESOURCES)[number]

export interface OtherResourceConstraints {
  /** Which resource. */
  resource: OtherResource | string
  /** @defaultValue `'default'` */
  namespace?: string
  /** @defaultValue `'example'` */
  name?: string
}

/** The request body of a non-workload object: ConfigMap, Secret, Service, RoleBinding, Lease, … */
export function otherResource(constraints: OtherResourceConstraints): Gen<Record<string, unknown>> {
  const info = resourceInfo(constraints.resource)
  const ns = info.namespaced ? (constraints.namespace ?? 'default') : undefined
  const name = constraints.name ?? 'example'
  const head = { kind: info.kind, apiVersion: apiVersionOf(info), metadata: objectMeta({ name, ...(ns ? { namespace: ns } : {}) }) }
  switch (constraints.resource) {
    case 'configmaps':
      return record({ k: fake((f) => f.word.noun().toLowerCase()), v: fake((f) => f.word.words(3)) }).map(({ k, v }) => ({ ...head, data: { [`${k}.conf`]: v, LOG_LEVEL: 'info' } }))
    case 'secrets':
      return chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 24).map((s) => ({ ...head, data: { password: Buffer.from(s).toString('base64') }, type: 'Opaque' }))
    case 'services':
      return integer(1024, 9999).map((port) => ({ ...head, spec: { ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: port }], selector: { app: name }, type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' }, status: { loadBalancer: {} } }))
    case 'serviceaccounts':
      return constant({ ...head })
    case 'deployments':
      return deployment({ name, namespace: ns ?? 'default' })
    case 'rolebindings':
      return constantFrom('view', 'edit', 'admin').map((role) => ({ ...head, subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'developers' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role } }))
    case 'leases':
      return record({ holder: chars('0123456789abcdef', 8), dur: constantFrom(15, 40) }).map(({ holder, dur }) => ({ ...head, spec: { holderIdentity: `${name}_${holder}`, leaseDurationSeconds: dur } }))
    case 'ingresses':
      return constant({ ...head, spec: { ingressClassName: 'nginx', rules: [{ host: `${name}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }] } }] }, status: { loadBalancer: {} } })
    default:
      return constant({ ...head, spec: {}, status: {} })
  }
}
