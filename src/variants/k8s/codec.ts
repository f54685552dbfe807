/**
 * `k8s`: the Event as a plain kube-apiserver writes it to its audit log backend (one JSON
 * object per line; MicroTime timestamps; Go struct key order). Everything in the Event is
 * carried; nothing about the cluster is.
 */
import type { AuditEvent, ClusterContext } from '../../model/audit-event.js'
import type { Decoded } from '../../model/variant.js'
import { DecodeError } from '../shared/errors.js'
import { readEvent, writeEvent } from '../shared/event.js'
import { ALL_EVENT_FIELDS } from '../shared/fields.js'
import { isObject } from '../shared/json.js'

export const id = 'k8s' as const

export const carries: readonly string[] = [...ALL_EVENT_FIELDS, 'context.provider']
export const loses: readonly string[] = [
  'annotations["ruleproof.dev/via"]',
  'context.clusterName', 'context.region', 'context.accountId', 'context.projectId',
  'context.subscriptionId', 'context.resourceGroup', 'context.azureResourceType',
]

export function encode(event: AuditEvent, _context: ClusterContext): Record<string, unknown> {
  return writeEvent(event)
}

/** Accepts one Event, or an `EventList` (webhook backend) holding exactly one. */
export function decode(raw: unknown): Decoded {
  let record = raw
  let at = ''
  if (isObject(raw) && raw.kind === 'EventList') {
    const items = raw.items
    if (!Array.isArray(items) || items.length !== 1) throw new DecodeError(id, 'an EventList must hold exactly one Event to decode as one record', 'items')
    record = items[0]
    at = 'items[0]'
  }
  const defaulted: string[] = []
  const event = readEvent(id, record, at, defaulted)
  defaulted.push('context.clusterName')
  return { event, context: { provider: 'kubernetes', clusterName: '' }, defaulted }
}
