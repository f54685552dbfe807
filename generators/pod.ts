import { podObject, type PodSpecInput } from './_internals/builders/objects.js'
import { asGen, constantFrom, record, type Gen, type GenOr } from './_internals/gen.js'
import { namespace } from './namespace.js'
import { objectName } from './objectName.js'
import { podSpec } from './podSpec.js'

export interface PodConstraints {
  /** @defaultValue `objectName()` */
  name?: GenOr<string>
  /** @defaultValue `namespace()` */
  namespace?: GenOr<string>
  /** @defaultValue `podSpec({ restartPolicy: 'Always' | 'Never' })` */
  podSpec?: GenOr<PodSpecInput>
  /** @defaultValue `{ run: <name> }` (what `kubectl run` sets) */
  labels?: GenOr<Record<string, string> | undefined>
}

/** A core/v1 Pod with the API server's defaults, as logged on create. */
export function pod(constraints: PodConstraints = {}): Gen<Record<string, unknown>> {
  return record({
    name: asGen(constraints.name ?? objectName()),
    namespace: asGen(constraints.namespace ?? namespace()),
    podSpec: asGen(constraints.podSpec ?? podSpec({ restartPolicy: constantFrom<'Always' | 'Never'>('Always', 'Never') })),
    labels: asGen(constraints.labels ?? undefined),
  }).map((p) => podObject({ name: p.name, namespace: p.namespace, labels: p.labels ?? { run: p.name } }, p.podSpec))
}
