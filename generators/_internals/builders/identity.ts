/**
 * Renders a provider-neutral actor as the `user` the provider's API server authenticates
 * (logformats.md §2.4 EKS, §3.6 AKS, §5.5 GKE, §1.2) and the authorization reason its
 * authorizer writes (§1.5).
 */
import type { ClusterContext, UserInfo } from '../../../src/model/audit-event.js'
import type { Actor, HumanActor, NodeActor, SystemRole } from '../../types.js'

const SA_GROUPS = (ns: string): string[] => ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated']

const SYSTEM_NAMES: Record<SystemRole, Record<ClusterContext['provider'], string>> = {
  'addon-manager': { kubernetes: 'system:kube-controller-manager', eks: 'eks:addon-manager', aks: 'aksService', gke: 'system:addon-manager' },
  'certificate-controller': { kubernetes: 'system:kube-controller-manager', eks: 'eks:certificate-controller', aks: 'aksService', gke: 'system:kube-controller-manager' },
  'node-manager': { kubernetes: 'system:kube-controller-manager', eks: 'eks:node-manager', aks: 'aksService', gke: 'system:gke-node-manager' },
  scheduler: { kubernetes: 'system:kube-scheduler', eks: 'system:kube-scheduler', aks: 'system:kube-scheduler', gke: 'system:kube-scheduler' },
  'controller-manager': { kubernetes: 'system:kube-controller-manager', eks: 'system:kube-controller-manager', aks: 'system:kube-controller-manager', gke: 'system:kube-controller-manager' },
  apiserver: { kubernetes: 'system:apiserver', eks: 'system:apiserver', aks: 'system:apiserver', gke: 'system:apiserver' },
}

function accountOf(ctx: ClusterContext): string {
  return ctx.accountId ?? '111122223333'
}

/** The STS session name: the person's e-mail, or the SDK's default session name for automation. */
function sessionName(h: HumanActor): string {
  return h.automation ? `aws-go-sdk-${parseInt(h.certSha256.slice(0, 12), 16)}` : `${h.handle}@${h.domain}`
}

/** EKS access-entry username: the STS ARN, `@` in the session name replaced by `-` (§2.4). */
function stsArn(h: HumanActor, ctx: ClusterContext, raw: boolean): string {
  const session = sessionName(h)
  return `arn:aws:sts::${accountOf(ctx)}:assumed-role/${h.aws.roleName}/${raw ? session : session.replace(/@/g, '-')}`
}

function eksExtra(h: HumanActor, ctx: ClusterContext): Record<string, string[]> {
  return {
    accessKeyId: [h.aws.accessKeyId],
    arn: [stsArn(h, ctx, true)],
    canonicalArn: [`arn:aws:iam::${accountOf(ctx)}:role/${h.aws.roleName}`],
    principalId: [h.aws.roleId],
    sessionName: [sessionName(h)],
  }
}

export function nodeName(n: NodeActor, ctx: ClusterContext): string {
  switch (ctx.provider) {
    case 'eks': {
      const ip = n.ip.replace(/\./g, '-')
      const region = ctx.region ?? 'us-east-1'
      return region === 'us-east-1' ? `ip-${ip}.ec2.internal` : `ip-${ip}.${region}.compute.internal`
    }
    case 'aks':
      // AKS node-pool names are lower-case letters and digits only.
      return `aks-${n.pool.replace(/[^a-z0-9]/g, '')}-${String(parseInt(n.hex, 16) % 100000000).padStart(8, '0')}-vmss${String(n.index).padStart(6, '0')}`
    case 'gke':
      return `gke-${ctx.clusterName}-${n.pool}-${n.hex}-${n.instanceId.slice(-4)}`
    default:
      return `worker-${n.index}`
  }
}

/** The `user` block of the audit event. */
export function renderUser(actor: Actor, ctx: ClusterContext): UserInfo {
  switch (actor.kind) {
    case 'human':
      return renderHuman(actor, ctx)
    case 'serviceaccount':
      return {
        username: `system:serviceaccount:${actor.namespace}:${actor.name}`,
        uid: actor.uid,
        groups: SA_GROUPS(actor.namespace),
        extra: {
          'authentication.kubernetes.io/credential-id': [`JTI=${actor.tokenId}`],
          'authentication.kubernetes.io/pod-name': [actor.podName],
        },
      }
    case 'controller':
      return { username: `system:serviceaccount:kube-system:${actor.name}`, uid: actor.uid, groups: SA_GROUPS('kube-system') }
    case 'node': {
      const user: UserInfo = { username: `system:node:${nodeName(actor, ctx)}`, groups: ['system:nodes', 'system:authenticated'] }
      if (ctx.provider === 'eks') {
        const roleId = `AROA${actor.hex.toUpperCase()}NODEROLE9`
        const role = `${ctx.clusterName}-node-role`
        user.uid = `aws-iam-authenticator:${accountOf(ctx)}:${roleId}`
        user.groups = ['system:bootstrappers', 'system:nodes', 'system:authenticated']
        // The node's instance role session, with every IAM extra aws-iam-authenticator adds (logformats §2.4, §2.5).
        user.extra = {
          accessKeyId: [`ASIA${`${actor.hex}${actor.instanceId.slice(2)}`.toUpperCase().slice(0, 16).padEnd(16, 'Q')}`],
          arn: [`arn:aws:sts::${accountOf(ctx)}:assumed-role/${role}/${actor.instanceId}`],
          canonicalArn: [`arn:aws:iam::${accountOf(ctx)}:role/${role}`],
          principalId: [roleId],
          sessionName: [actor.instanceId],
        }
      }
      return user
    }
    case 'system': {
      const username = SYSTEM_NAMES[actor.role][ctx.provider]
      const masters = username === 'aksService' || username === 'system:apiserver'
      const user: UserInfo = { username, groups: masters ? ['system:masters', 'system:authenticated'] : ['system:authenticated'] }
      if (username === 'eks:addon-manager' || username === 'eks:node-manager') Object.assign(user, eksManagerIdentity(username, ctx))
      return user
    }
    case 'anonymous':
      return {}
  }
}

/**
 * `eks:addon-manager` and `eks:node-manager` are IAM-backed: the IAM extras of an
 * AWSWesleyClusterManagerLambda-… assumed role in the cluster's account (logformats §2.4).
 */
function eksManagerIdentity(username: string, ctx: ClusterContext): Pick<UserInfo, 'uid' | 'extra'> {
  const account = accountOf(ctx)
  const kind = username === 'eks:addon-manager' ? 'AddonManagerRole' : 'NodeManagerRole'
  const tag = `${account}${kind === 'AddonManagerRole' ? 'A' : 'N'}`.split('').map((c) => 'ABCDEFGHJKLMNPQRSTUVWXYZ234567'[c.charCodeAt(0) % 30]).join('')
  const roleId = `AROA${tag.padEnd(17, 'Q').slice(0, 17)}`
  const role = `AWSWesleyClusterManagerLambda-${kind}-${tag.slice(0, 12)}`
  const session = `${kind.replace('Role', '').toLowerCase()}-${account.slice(-6)}`
  return {
    uid: `aws-iam-authenticator:${account}:${roleId}`,
    extra: {
      accessKeyId: [`ASIA${tag.split('').reverse().join('').padEnd(16, 'Q').slice(0, 16)}`],
      arn: [`arn:aws:sts::${account}:assumed-role/${role}/${session}`],
      canonicalArn: [`arn:aws:iam::${account}:role/${role}`],
      principalId: [roleId],
      sessionName: [session],
    },
  }
}

function renderHuman(h: HumanActor, ctx: ClusterContext): UserInfo {
  switch (ctx.provider) {
    case 'eks':
      return h.admin
        ? { username: 'kubernetes-admin', uid: `aws-iam-authenticator:${accountOf(ctx)}:${h.aws.roleId}`, groups: ['system:masters', 'system:authenticated'], extra: eksExtra(h, ctx) }
        : { username: stsArn(h, ctx, false), uid: `aws-iam-authenticator:${accountOf(ctx)}:${h.aws.roleId}`, groups: ['system:authenticated'], extra: eksExtra(h, ctx) }
    case 'aks':
      // Service principals and managed identities have no UPN: Guard names them by object id (§3.6).
      return h.admin
        ? { username: 'masterclient', groups: ['system:masters', 'system:authenticated'] }
        : { username: h.automation ? h.entra.objectId : `${h.handle}@${h.domain}`, groups: [...h.entra.groupIds, 'system:authenticated'], extra: { oid: [h.entra.objectId] } }
    case 'gke':
      return { username: h.automation ? `${h.handle}-deployer@${ctx.projectId ?? 'acme-prod'}.iam.gserviceaccount.com` : `${h.handle}@${h.domain}`, groups: ['system:authenticated'] }
    default:
      if (h.automation) return { username: `deployer-${h.handle}`, groups: ['deployers', 'system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': [`X509SHA256=${h.certSha256}`] } }
      return h.admin
        ? { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': [`X509SHA256=${h.certSha256}`] } }
        : { username: h.handle, groups: ['developers', 'system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': [`X509SHA256=${h.certSha256}`] } }
  }
}

/** `authorization.k8s.io/reason` for an allowed request (§1.5, §2.4, §5.5). */
export function authorizationReason(actor: Actor, ctx: ClusterContext, namespace: string | undefined): string {
  switch (actor.kind) {
    case 'human':
      if (ctx.provider === 'gke') return 'access granted by IAM permissions.'
      if (ctx.provider === 'eks' && !actor.admin) {
        const policy = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy'
        return `EKS Access Policy: allowed by ClusterRoleBinding "arn:aws:iam::${accountOf(ctx)}:role/${actor.aws.roleName}+${policy}" of ClusterRole "${policy}" to User "${actor.aws.roleId}"`
      }
      if (ctx.provider === 'aks' && !actor.admin) {
        return `RBAC: allowed by ClusterRoleBinding "platform-admins" of ClusterRole "cluster-admin" to Group "${actor.entra.groupIds[0] ?? actor.entra.objectId}"`
      }
      if (ctx.provider === 'kubernetes') {
        return actor.admin
          ? 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"'
          : namespace
            ? `RBAC: allowed by RoleBinding "developers-edit/${namespace}" of ClusterRole "edit" to Group "developers"`
            : 'RBAC: allowed by ClusterRoleBinding "developers-view" of ClusterRole "view" to Group "developers"'
      }
      return '' // system:masters
    case 'serviceaccount':
      return namespace
        ? `RBAC: allowed by RoleBinding "${actor.name}/${namespace}" of Role "${actor.name}" to ServiceAccount "${actor.name}/${actor.namespace}"`
        : `RBAC: allowed by ClusterRoleBinding "${actor.name}" of ClusterRole "${actor.name}" to ServiceAccount "${actor.name}/${actor.namespace}"`
    case 'controller':
      return `RBAC: allowed by ClusterRoleBinding "system:controller:${actor.name}" of ClusterRole "system:controller:${actor.name}" to ServiceAccount "${actor.name}/kube-system"`
    case 'system': {
      const username = SYSTEM_NAMES[actor.role][ctx.provider]
      if (username === 'aksService' || username === 'system:apiserver') return ''
      return `RBAC: allowed by ClusterRoleBinding "${username}" of ClusterRole "${username}" to User "${username}"`
    }
    case 'node':
    case 'anonymous':
      return ''
  }
}
