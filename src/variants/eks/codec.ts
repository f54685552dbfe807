/**
 * `eks`: Amazon EKS control-plane audit logs. Each CloudWatch log event's `message` is one
 * Event as compact JSON; that Event (Panther's `Amazon.EKS.Audit` record, minus `p_*` fields)
 * is the variant's record. EKS identities (IAM-mapped usernames, `user.extra` arn / accessKeyId
 * / sessionName, `eks:*` system users) live inside the Event and are carried as-is.
 */
import type { AuditEvent, ClusterContext } from '../../model/audit-event.js'
import type { Decoded } from '../../model/variant.js'
import { DecodeError } from '../shared/errors.js'
import { readEvent, writeEvent } from '../shared/event.js'
import { ALL_EVENT_FIELDS } from '../shared/fields.js'
import { isObject } from '../shared/json.js'
import { accountFromEvent } from './identity.js'

export const id = 'eks' as const

export const carries: readonly string[] = [...ALL_EVENT_FIELDS, 'context.provider']
export const loses: readonly string[] = [
  'annotations["ruleproof.dev/via"]',
  // Only in the CloudWatch envelope / Panther's p_source_label; an account is recovered from IAM identities.
  'context.clusterName', 'context.accountId', 'context.region',
  'context.projectId', 'context.subscriptionId', 'context.resourceGroup', 'context.azureResourceType',
]

export function encode(event: AuditEvent, _context: ClusterContext): Record<string, unknown> {
  return writeEvent(event)
}

const CLUSTER_FROM_GROUP = /^\/aws\/eks\/([^/]+)\/cluster$/

/**
 * Accepts the Event (raw, or Panther-normalised with `p_*` fields and space-separated
 * timestamps), one CloudWatch log event `{id, timestamp, message}`, or a decoded subscription
 * payload holding exactly one log event.
 */
export function decode(raw: unknown): Decoded {
  if (!isObject(raw)) throw new DecodeError(id, 'the record is not a JSON object')
  let record: unknown = raw
  let at = ''
  let clusterName: string | undefined
  let accountId: string | undefined
  if (Array.isArray(raw.logEvents)) {
    if (raw.logEvents.length !== 1) throw new DecodeError(id, 'a CloudWatch payload must hold exactly one log event to decode as one record', 'logEvents')
    const m = typeof raw.logGroup === 'string' ? CLUSTER_FROM_GROUP.exec(raw.logGroup) : null
    clusterName = m?.[1]
    accountId = typeof raw.owner === 'string' ? raw.owner : undefined
    record = raw.logEvents[0]
    at = 'logEvents[0]'
  }
  if (isObject(record) && typeof record.message === 'string' && record.kind === undefined) {
    try {
      record = JSON.parse(record.message)
    } catch (err) {
      throw new DecodeError(id, `message is not JSON: ${(err as Error).message}`, `${at}.message`.replace(/^\./, ''))
    }
    at = `${at}.message`.replace(/^\./, '')
  }
  const r = record as Record<string, unknown>
  const defaulted: string[] = []
  const event = readEvent(id, record, at, defaulted, { fallbackTime: typeof r.p_event_time === 'string' ? r.p_event_time : undefined })
  if (clusterName === undefined && typeof r.p_source_label === 'string') clusterName = r.p_source_label
  if (clusterName === undefined) defaulted.push('context.clusterName')
  accountId ??= accountFromEvent(event)
  const context: ClusterContext = { provider: 'eks', clusterName: clusterName ?? '' }
  if (accountId !== undefined) context.accountId = accountId
  return { event, context, defaulted }
}
