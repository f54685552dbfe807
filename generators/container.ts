import type { ContainerInput, SecurityContextInput, VolumeMountInput } from './_internals/builders/objects.js'
import { asGen, constantFrom, optional, record, type Gen, type GenOr } from './_internals/gen.js'
import type { CommandValue } from './command.js'
import { image } from './image.js'

export interface ContainerConstraints {
  /**
   * Container name.
   * @defaultValue a common name (`main`, `job`, `worker`, …)
   */
  name?: GenOr<string>
  /**
   * Image.
   * @defaultValue `image()`
   */
  image?: GenOr<string>
  /**
   * Command and args.
   * @defaultValue none (the image's entrypoint)
   */
  command?: GenOr<CommandValue>
  /**
   * Security context; `undefined` leaves it out (the usual case).
   * @defaultValue undefined
   */
  securityContext?: GenOr<SecurityContextInput | undefined>
  /**
   * Volume mounts.
   * @defaultValue `[]`
   */
  volumeMounts?: GenOr<VolumeMountInput[]>
  /**
   * Probability of a small `resources` block (requests/limits) instead of `{}`.
   * @defaultValue 0.3
   */
  resourcesChance?: number
}

const RESOURCES = [
  { requests: { cpu: '100m', memory: '128Mi' } },
  { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
  { limits: { memory: '1Gi' }, requests: { cpu: '250m', memory: '512Mi' } },
] as const

/** A container as a user writes it (defaults are added when the object is built). */
export function container(constraints: ContainerConstraints = {}): Gen<ContainerInput> {
  return record({
    name: asGen(constraints.name ?? constantFrom('main', 'job', 'worker', 'runner', 'task', 'app')),
    image: asGen(constraints.image ?? image()),
    command: asGen<CommandValue | undefined>(constraints.command ?? undefined),
    securityContext: asGen(constraints.securityContext ?? undefined),
    volumeMounts: asGen(constraints.volumeMounts ?? []),
    resources: optional(constantFrom<Record<string, unknown>>(...RESOURCES), constraints.resourcesChance ?? 0.3),
  }).map((c) => {
    const out: ContainerInput = { name: c.name, image: c.image }
    if (c.command?.command) out.command = c.command.command
    if (c.command?.args) out.args = c.command.args
    if (c.resources) out.resources = c.resources
    if (c.volumeMounts.length) out.volumeMounts = c.volumeMounts
    if (c.securityContext) out.securityContext = c.securityContext
    return out
  })
}
