import type { SecurityContextInput } from './_internals/builders/objects.js'
import { check, constant, weighted, type Gen } from './_internals/gen.js'

export interface SecurityContextConstraints {
  /**
   * `privileged`: `privileged: true` (sometimes with root, privilege escalation or SYS_ADMIN);
   * `hardened`: non-root, read-only root filesystem, all capabilities dropped.
   * @defaultValue `'privileged'`
   */
  kind?: 'privileged' | 'hardened'
}

/** A container `securityContext`. */
export function securityContext(constraints: SecurityContextConstraints = {}): Gen<SecurityContextInput> {
  const kind = constraints.kind ?? 'privileged'
  check('securityContext', kind === 'privileged' || kind === 'hardened', `kind must be privileged or hardened (got '${kind}')`)
  if (kind === 'hardened') return constant({ allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } })
  return weighted<SecurityContextInput>(
    [3, constant({ privileged: true })],
    [1, constant({ privileged: true, allowPrivilegeEscalation: true, runAsUser: 0 })],
    [1, constant({ privileged: true, capabilities: { add: ['SYS_ADMIN'] } })],
  )
}
