/** The Kubernetes resources the generators know: where each lives and what its objects are called. */
export interface ResourceInfo {
  resource: string
  /** API group, `''` for core. */
  group: string
  version: string
  kind: string
  namespaced: boolean
}

const table: ResourceInfo[] = [
  { resource: 'cronjobs', group: 'batch', version: 'v1', kind: 'CronJob', namespaced: true },
  { resource: 'jobs', group: 'batch', version: 'v1', kind: 'Job', namespaced: true },
  { resource: 'pods', group: '', version: 'v1', kind: 'Pod', namespaced: true },
  { resource: 'configmaps', group: '', version: 'v1', kind: 'ConfigMap', namespaced: true },
  { resource: 'secrets', group: '', version: 'v1', kind: 'Secret', namespaced: true },
  { resource: 'services', group: '', version: 'v1', kind: 'Service', namespaced: true },
  { resource: 'serviceaccounts', group: '', version: 'v1', kind: 'ServiceAccount', namespaced: true },
  { resource: 'endpoints', group: '', version: 'v1', kind: 'Endpoints', namespaced: true },
  { resource: 'events', group: '', version: 'v1', kind: 'Event', namespaced: true },
  { resource: 'persistentvolumeclaims', group: '', version: 'v1', kind: 'PersistentVolumeClaim', namespaced: true },
  { resource: 'namespaces', group: '', version: 'v1', kind: 'Namespace', namespaced: false },
  { resource: 'nodes', group: '', version: 'v1', kind: 'Node', namespaced: false },
  { resource: 'deployments', group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true },
  { resource: 'replicasets', group: 'apps', version: 'v1', kind: 'ReplicaSet', namespaced: true },
  { resource: 'daemonsets', group: 'apps', version: 'v1', kind: 'DaemonSet', namespaced: true },
  { resource: 'statefulsets', group: 'apps', version: 'v1', kind: 'StatefulSet', namespaced: true },
  { resource: 'leases', group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', namespaced: true },
  { resource: 'roles', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', namespaced: true },
  { resource: 'rolebindings', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', namespaced: true },
  { resource: 'clusterroles', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', namespaced: false },
  { resource: 'clusterrolebindings', group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', namespaced: false },
  { resource: 'ingresses', group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', namespaced: true },
  { resource: 'networkpolicies', group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', namespaced: true },
  { resource: 'horizontalpodautoscalers', group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', namespaced: true },
  { resource: 'poddisruptionbudgets', group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', namespaced: true },
  { resource: 'certificatesigningrequests', group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest', namespaced: false },
  { resource: 'customresourcedefinitions', group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', namespaced: false },
  { resource: 'tokenreviews', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview', namespaced: false },
  { resource: 'subjectaccessreviews', group: 'authorization.k8s.io', version: 'v1', kind: 'SubjectAccessReview', namespaced: false },
  { resource: 'mutatingwebhookconfigurations', group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration', namespaced: false },
  { resource: 'validatingwebhookconfigurations', group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', namespaced: false },
]

export const RESOURCES: ReadonlyMap<string, ResourceInfo> = new Map(table.map((r) => [r.resource, r]))

export function resourceInfo(resource: string): ResourceInfo {
  const info = RESOURCES.get(resource)
  if (!info) throw new Error(`generators: unknown resource '${resource}'`)
  return info
}

/** `batch/v1`, or `v1` for the core group. */
export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version
}
