import type { ClusterContext, UserInfo } from '../src/model/audit-event.js'
import { renderUser } from './_internals/builders/identity.js'
import type { Gen } from './_internals/gen.js'
import { actor, type ActorConstraints } from './actor.js'
import { clusterContext } from './clusterContext.js'

export interface IdentityConstraints extends ActorConstraints {
  /**
   * The cluster whose authenticator names the caller: EKS IAM-mapped users (STS ARNs,
   * `aws-iam-authenticator` uids and extras) and `eks:*` users; AKS Entra UPNs / object ids with
   * group object ids, `masterclient`, `aksService`; GKE e-mail principals; plain x509 users.
   * @defaultValue `clusterContext({ provider: 'kubernetes' })`'s fixed example cluster
   */
  context?: ClusterContext
}

/** The `user` block of an audit event, as the provider renders the caller. */
export function identity(constraints: IdentityConstraints = {}): Gen<UserInfo> {
  const context = constraints.context ?? clusterContext.example('kubernetes')
  return actor(constraints).map((a) => renderUser(a, context))
}
