/** What an EKS audit Event says about the AWS account behind it (aws-iam-authenticator identities). */
import type { AuditEvent } from '../../model/audit-event.js'

const UID = /^aws-iam-authenticator:(\d{12}):/
const ARN = /^arn:aws[a-z-]*:(?:sts|iam)::(\d{12}):/

/** The 12-digit account of the IAM principal in `user` (uid first, then the ARN extras / username). */
export function accountFromEvent(event: AuditEvent): string | undefined {
  const u = event.user ?? {}
  const m = (u.uid && UID.exec(u.uid)) || (u.username && ARN.exec(u.username))
  if (m) return m[1]
  for (const key of ['arn', 'canonicalArn']) {
    const v = u.extra?.[key]?.[0]
    const a = v !== undefined ? ARN.exec(v) : null
    if (a) return a[1]
  }
  return undefined
}

/** True when the Event carries an EKS-only identity or authorizer trace. */
export function looksLikeEks(event: Record<string, unknown>): boolean {
  const user = event.user as { username?: unknown; uid?: unknown; extra?: Record<string, unknown> } | undefined
  const name = typeof user?.username === 'string' ? user.username : ''
  const uid = typeof user?.uid === 'string' ? user.uid : ''
  const reason = (event.annotations as Record<string, unknown> | undefined)?.['authorization.k8s.io/reason']
  return (
    uid.startsWith('aws-iam-authenticator:') ||
    name.startsWith('eks:') ||
    name.startsWith('arn:aws') ||
    (user?.extra !== undefined && 'accessKeyId' in user.extra) ||
    (typeof reason === 'string' && reason.startsWith('EKS Access Policy'))
  )
}
