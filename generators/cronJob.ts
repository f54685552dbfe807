import { cronJobObject, type PodSpecInput } from './_internals/builders/objects.js'
import { asGen, constantFrom, optional, record, type Gen, type GenOr } from './_internals/gen.js'
import { namespace } from './namespace.js'
import { objectName } from './objectName.js'
import { podSpec } from './podSpec.js'
import { schedule } from './schedule.js'

export interface CronJobConstraints {
  /** @defaultValue `objectName()` */
  name?: GenOr<string>
  /** @defaultValue `namespace({ kind: 'app' })` */
  namespace?: GenOr<string>
  /** @defaultValue `schedule()` */
  schedule?: GenOr<string>
  /** @defaultValue `podSpec()` */
  podSpec?: GenOr<PodSpecInput>
  /** @defaultValue sometimes `app.kubernetes.io/name: <name>` */
  labels?: GenOr<Record<string, string> | undefined>
  /** @defaultValue mostly unset (server default `Allow`), else `Forbid`/`Replace` */
  concurrencyPolicy?: GenOr<'Allow' | 'Forbid' | 'Replace' | undefined>
  /** @defaultValue sometimes 0–3 */
  backoffLimit?: GenOr<number | undefined>
  /**
   * `batch/v1`, or `batch/v1beta1` (removed in 1.25; the Atomic Red Team manifest still uses it).
   * @defaultValue `'batch/v1'`
   */
  apiVersion?: GenOr<string>
}

/** A `batch/v1` CronJob as the API server logs its create: defaulted, `creationTimestamp: null`, `status: {}`. */
export function cronJob(constraints: CronJobConstraints = {}): Gen<Record<string, unknown>> {
  return record({
    name: asGen(constraints.name ?? objectName()),
    namespace: asGen(constraints.namespace ?? namespace({ kind: 'app' })),
    schedule: asGen(constraints.schedule ?? schedule()),
    podSpec: asGen(constraints.podSpec ?? podSpec()),
    labelled: optional(constantFrom(true), 0.4),
    labels: asGen(constraints.labels ?? undefined),
    concurrencyPolicy: asGen(constraints.concurrencyPolicy ?? optional(constantFrom<'Allow' | 'Forbid' | 'Replace'>('Forbid', 'Replace', 'Allow'), 0.3)),
    backoffLimit: asGen(constraints.backoffLimit ?? optional(constantFrom(0, 1, 2, 3), 0.4)),
    apiVersion: asGen(constraints.apiVersion ?? 'batch/v1'),
  }).map((c) =>
    cronJobObject({
      meta: { name: c.name, namespace: c.namespace, labels: c.labels ?? (c.labelled ? { 'app.kubernetes.io/name': c.name } : undefined) },
      schedule: c.schedule,
      ...(c.concurrencyPolicy ? { concurrencyPolicy: c.concurrencyPolicy } : {}),
      job: { template: c.podSpec, ...(c.backoffLimit !== undefined ? { backoffLimit: c.backoffLimit } : {}) },
      apiVersion: c.apiVersion,
    }),
  )
}
