import { deploymentObject, type PodSpecInput } from './_internals/builders/objects.js'
import { asGen, integer, record, type Gen, type GenOr } from './_internals/gen.js'
import { container } from './container.js'
import { image } from './image.js'
import { namespace } from './namespace.js'
import { objectName } from './objectName.js'
import { podSpec } from './podSpec.js'

export interface DeploymentConstraints {
  /** @defaultValue `objectName()` */
  name?: GenOr<string>
  /** @defaultValue `namespace({ kind: 'app' })` */
  namespace?: GenOr<string>
  /** @defaultValue 1–6 */
  replicas?: GenOr<number>
  /** @defaultValue one long-running web/app container, `restartPolicy: Always` */
  podSpec?: GenOr<PodSpecInput>
}

/** An apps/v1 Deployment with defaults (strategy, revisionHistoryLimit, progressDeadlineSeconds). */
export function deployment(constraints: DeploymentConstraints = {}): Gen<Record<string, unknown>> {
  const spec = podSpec({ restartPolicy: 'Always', containers: container({ image: image({ set: 'web' }), name: 'app' }).map((c) => [c]) })
  return record({
    name: asGen(constraints.name ?? objectName()),
    namespace: asGen(constraints.namespace ?? namespace({ kind: 'app' })),
    replicas: asGen(constraints.replicas ?? integer(1, 6)),
    podSpec: asGen(constraints.podSpec ?? spec),
  }).map((d) => deploymentObject({ name: d.name, namespace: d.namespace, labels: { app: d.name } }, d.replicas, d.podSpec, { app: d.name }))
}
