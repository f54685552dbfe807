/**
 * The CloudWatch Logs envelope of EKS audit logs: log group `/aws/eks/<cluster>/cluster`,
 * stream `kube-apiserver-audit-<32 hex>`, and the subscription payload a Lambda / Firehose
 * consumer sees after base64 + gunzip (logformats §2.2). The `eks` variant record is the
 * `message` (what Panther's Amazon.EKS.Audit and Sigma rules see); this is its transport.
 */
import type { ClusterContext } from '../../model/audit-event.js'
import { derivedString, DIGITS, HEX } from '../shared/hash.js'
import { epochMillis } from '../shared/time.js'

export interface CloudWatchLogEvent {
  id: string
  timestamp: number
  message: string
}

export interface CloudWatchPayload {
  messageType: 'DATA_MESSAGE'
  owner: string
  logGroup: string
  logStream: string
  subscriptionFilters: string[]
  logEvents: CloudWatchLogEvent[]
}

export function logGroup(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`
}

export function logStream(clusterName: string): string {
  return `kube-apiserver-audit-${derivedString(`stream:${clusterName}`, 32, HEX)}`
}

/** One CloudWatch log event: the compact Event JSON, stamped with its stageTimestamp in ms. */
export function toLogEvent(record: Record<string, unknown>): CloudWatchLogEvent {
  const message = JSON.stringify(record)
  const time = typeof record.stageTimestamp === 'string' ? epochMillis(record.stageTimestamp) : 0
  return { id: derivedString(`id:${message}`, 56, DIGITS).replace(/^0/, '3'), timestamp: time, message }
}

/** A decoded subscription payload holding `records` (Event objects of one cluster). */
export function toCloudWatchPayload(records: Record<string, unknown>[], context: ClusterContext, filterName = 'eks-audit'): CloudWatchPayload {
  return {
    messageType: 'DATA_MESSAGE',
    owner: context.accountId ?? '000000000000',
    logGroup: logGroup(context.clusterName || 'cluster'),
    logStream: logStream(context.clusterName || 'cluster'),
    subscriptionFilters: [filterName],
    logEvents: records.map(toLogEvent),
  }
}
