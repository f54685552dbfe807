import { jobObject, type PodSpecInput } from './_internals/builders/objects.js'
import { asGen, constantFrom, optional, record, type Gen, type GenOr } from './_internals/gen.js'
import { namespace } from './namespace.js'
import { objectName } from './objectName.js'
import { podSpec } from './podSpec.js'

export interface JobConstraints {
  /** @defaultValue `objectName()` */
  name?: GenOr<string>
  /** @defaultValue `namespace({ kind: 'app' })` */
  namespace?: GenOr<string>
  /** @defaultValue `podSpec({ restartPolicy: 'Never' | 'OnFailure' })` */
  podSpec?: GenOr<PodSpecInput>
  /** @defaultValue sometimes 0–4 (server default 6) */
  backoffLimit?: GenOr<number | undefined>
  /** @defaultValue sometimes 60–86400 */
  ttlSecondsAfterFinished?: GenOr<number | undefined>
  /** @defaultValue undefined */
  labels?: GenOr<Record<string, string> | undefined>
  /** @defaultValue undefined */
  annotations?: GenOr<Record<string, string> | undefined>
}

/** A `batch/v1` Job with `SetDefaults_Job` applied, as logged on create. */
export function job(constraints: JobConstraints = {}): Gen<Record<string, unknown>> {
  return record({
    name: asGen(constraints.name ?? objectName()),
    namespace: asGen(constraints.namespace ?? namespace({ kind: 'app' })),
    podSpec: asGen(constraints.podSpec ?? podSpec({ restartPolicy: constantFrom<'Never' | 'OnFailure'>('Never', 'OnFailure') })),
    backoffLimit: asGen(constraints.backoffLimit ?? optional(constantFrom(0, 1, 2, 4), 0.5)),
    ttl: asGen(constraints.ttlSecondsAfterFinished ?? optional(constantFrom(60, 300, 3600, 86400), 0.3)),
    labels: asGen(constraints.labels ?? undefined),
    annotations: asGen(constraints.annotations ?? undefined),
  }).map((j) =>
    jobObject(
      { name: j.name, namespace: j.namespace, ...(j.labels ? { labels: j.labels } : {}), ...(j.annotations ? { annotations: j.annotations } : {}) },
      { template: j.podSpec, ...(j.backoffLimit !== undefined ? { backoffLimit: j.backoffLimit } : {}), ...(j.ttl !== undefined ? { ttlSecondsAfterFinished: j.ttl } : {}) },
    ),
  )
}
