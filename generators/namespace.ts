import { check, constantFrom, fake, weighted, type Gen } from './_internals/gen.js'

export interface NamespaceConstraints {
  /**
   * `app`: application namespaces; `system`: control-plane and add-on namespaces; `any`: both.
   * @defaultValue `'any'`
   */
  kind?: 'app' | 'system' | 'any'
}

export const APP_NAMESPACES = ['default', 'prod', 'staging', 'payments', 'web', 'data', 'analytics', 'ci', 'tools', 'backend', 'frontend'] as const
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'monitoring', 'ingress-nginx', 'cert-manager', 'argocd', 'flux-system', 'trivy-system', 'gke-managed-system', 'gmp-system'] as const

/** A namespace name: common fixed names plus faker-made team namespaces (`team-<noun>`). */
export function namespace(constraints: NamespaceConstraints = {}): Gen<string> {
  const kind = constraints.kind ?? 'any'
  check('namespace', ['app', 'system', 'any'].includes(kind), `kind must be app, system or any (got '${kind}')`)
  const app = weighted<string>(
    [4, constantFrom(...APP_NAMESPACES)],
    [1, fake((f) => `team-${f.word.noun().toLowerCase().replace(/[^a-z0-9]/g, '')}`)],
  )
  const system = constantFrom<string>(...SYSTEM_NAMESPACES)
  return kind === 'app' ? app : kind === 'system' ? system : weighted([3, app], [1, system])
}
