import type { ContainerInput, PodSpecInput, VolumeInput } from './_internals/builders/objects.js'
import { asGen, record, type Gen, type GenOr } from './_internals/gen.js'
import { container } from './container.js'

export interface PodSpecConstraints {
  /**
   * The containers.
   * @defaultValue one `container()`
   */
  containers?: GenOr<ContainerInput[]>
  /**
   * Volumes (hostPath, emptyDir, configMap, secret, PVC).
   * @defaultValue `[]`
   */
  volumes?: GenOr<VolumeInput[]>
  /**
   * `OnFailure`/`Never` for Jobs (the Pod default `Always` is rejected there).
   * @defaultValue `'OnFailure'`
   */
  restartPolicy?: GenOr<'Always' | 'OnFailure' | 'Never'>
  /**
   * Service account; `undefined` = the namespace's `default` (field left out).
   * @defaultValue undefined
   */
  serviceAccountName?: GenOr<string | undefined>
  /** @defaultValue undefined (left out) */
  hostNetwork?: GenOr<boolean | undefined>
  /** @defaultValue undefined (left out) */
  hostPID?: GenOr<boolean | undefined>
  /** @defaultValue undefined (left out) */
  hostIPC?: GenOr<boolean | undefined>
  /** @defaultValue undefined (left out) */
  automountServiceAccountToken?: GenOr<boolean | undefined>
  /** @defaultValue undefined */
  nodeSelector?: GenOr<Record<string, string> | undefined>
  /** @defaultValue undefined */
  tolerations?: GenOr<Record<string, unknown>[] | undefined>
}

/** A pod spec as a user writes it: containers, volumes, host namespaces, service account. */
export function podSpec(constraints: PodSpecConstraints = {}): Gen<PodSpecInput> {
  return record({
    containers: asGen(constraints.containers ?? container().map((c) => [c])),
    volumes: asGen(constraints.volumes ?? []),
    restartPolicy: asGen(constraints.restartPolicy ?? 'OnFailure'),
    serviceAccountName: asGen(constraints.serviceAccountName ?? undefined),
    hostNetwork: asGen(constraints.hostNetwork ?? undefined),
    hostPID: asGen(constraints.hostPID ?? undefined),
    hostIPC: asGen(constraints.hostIPC ?? undefined),
    automountServiceAccountToken: asGen(constraints.automountServiceAccountToken ?? undefined),
    nodeSelector: asGen(constraints.nodeSelector ?? undefined),
    tolerations: asGen(constraints.tolerations ?? undefined),
  }).map((p) => {
    const out: PodSpecInput = { containers: p.containers, restartPolicy: p.restartPolicy }
    if (p.volumes.length) out.volumes = p.volumes
    for (const k of ['serviceAccountName', 'hostNetwork', 'hostPID', 'hostIPC', 'automountServiceAccountToken', 'nodeSelector', 'tolerations'] as const) {
      if (p[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = p[k]
    }
    return out
  })
}
