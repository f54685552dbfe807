import { chars, check, constantFrom, tuple, weighted, type Gen } from './_internals/gen.js'

export type ClientKind = 'kubectl' | 'helm' | 'argocd' | 'flux' | 'terraform' | 'client-go' | 'python' | 'kubelet' | 'controller'

export interface UserAgentConstraints {
  /**
   * Which clients.
   * @defaultValue `['kubectl']`
   */
  clients?: readonly ClientKind[]
  /**
   * For `controller`: the service-account name the kube-controller-manager controller uses
   * (its user agent ends with `/system:serviceaccount:kube-system:<name>`).
   * @defaultValue `'cronjob-controller'`
   */
  controller?: string
}

const VERSIONS = ['v1.28.9', 'v1.29.8', 'v1.30.4', 'v1.30.10', 'v1.31.2', 'v1.31.4'] as const
const PLATFORMS = ['linux/amd64', 'darwin/arm64', 'darwin/amd64', 'windows/amd64', 'linux/arm64'] as const

/** A `userAgent` string the way each client sends it (`kubectl/v1.31.4 (darwin/arm64) kubernetes/a78aa47`). */
export function userAgent(constraints: UserAgentConstraints = {}): Gen<string> {
  const clients = constraints.clients ?? ['kubectl']
  check('userAgent', clients.length > 0, 'clients must not be empty')
  const commit = chars('0123456789abcdef', 7)
  const version = constantFrom(...VERSIONS)
  const make: Record<ClientKind, Gen<string>> = {
    kubectl: tuple(version, constantFrom(...PLATFORMS), commit).map(([v, p, c]) => `kubectl/${v} (${p}) kubernetes/${c}`),
    helm: constantFrom('Helm/3.15.4', 'Helm/3.16.2', 'Helm/3.14.0'),
    argocd: constantFrom('argocd-application-controller/v0.0.0 (linux/amd64) kubernetes/$Format', 'argocd-controller/v2.12.4+27d1e64 (linux/amd64)'),
    flux: constantFrom('kustomize-controller/v1.4.0', 'helm-controller/v1.1.0', 'flux/v2'),
    terraform: constantFrom('HashiCorp/1.0 Terraform/1.9.5', 'HashiCorp/1.0 Terraform/1.8.2'),
    'client-go': constantFrom('Go-http-client/2.0', 'Go-http-client/1.1'),
    python: constantFrom('OpenAPI-Generator/30.1.0/python', 'OpenAPI-Generator/29.0.0/python'),
    kubelet: tuple(version, commit).map(([v, c]) => `kubelet/${v} (linux/amd64) kubernetes/${c}`),
    controller: tuple(version, commit).map(([v, c]) => `kube-controller-manager/${v} (linux/amd64) kubernetes/${c}/system:serviceaccount:kube-system:${constraints.controller ?? 'cronjob-controller'}`),
  }
  for (const k of clients) check('userAgent', k in make, `unknown client '${k}' (known: ${Object.keys(make).join(', ')})`)
  return weighted(...clients.map((k) => [1, make[k]] as const))
}
