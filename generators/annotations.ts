import { constantFrom, integer, optional, record, tuple, type Gen } from './_internals/gen.js'

export interface AnnotationsConstraints {
  /**
   * Probability of each optional annotation (mutating webhook, Pod Security).
   * @defaultValue 0.3
   */
  chance?: number
}

const WEBHOOKS = [
  ['gatekeeper-mutating-webhook-configuration', 'mutation.gatekeeper.sh'],
  ['aws-load-balancer-webhook', 'mpod.elbv2.k8s.aws'],
  ['istio-sidecar-injector', 'namespace.sidecar-injector.istio.io'],
  ['pod-identity-webhook', 'iam-for-pods.amazonaws.com'],
] as const

/**
 * Extra audit annotations beside the authorization pair: mutating-webhook records and Pod
 * Security policy annotations (logformats.md §1.5). Useful to perturb events rules should not care about.
 */
export function annotations(constraints: AnnotationsConstraints = {}): Gen<Record<string, string>> {
  const p = constraints.chance ?? 0.3
  return record({
    webhook: optional(tuple(integer(0, 1), integer(0, 4), constantFrom<readonly [string, string]>(...WEBHOOKS), constantFrom(true, false)), p),
    psa: optional(constantFrom('privileged:latest', 'baseline:latest', 'restricted:latest'), p),
  }).map(({ webhook, psa }) => {
    const out: Record<string, string> = {}
    if (webhook) {
      const [round, index, [configuration, name], mutated] = webhook
      out[`mutation.webhook.admission.k8s.io/round_${round}_index_${index}`] = JSON.stringify({ configuration, webhook: name, mutated })
    }
    if (psa) out['pod-security.kubernetes.io/enforce-policy'] = psa
    return out
  })
}
