/**
 * The `kinesis` transport of the cloudwatch format: what a CloudWatch Logs subscription filter
 * puts on a Kinesis Data Stream (or Firehose), one JSON line per Kinesis record, shaped as the
 * `kinesis` object of a Lambda Kinesis event record (docs/variants.md, "CloudWatch over Kinesis"):
 * `{kinesisSchemaVersion, partitionKey, sequenceNumber, data, approximateArrivalTimestamp}`, where
 * `data` is base64(gzip(JSON)) of a subscription payload holding several log events.
 *
 * Batching is ruleproof's model of CloudWatch's (AWS does not document it): consecutive events
 * of one stream while they fall within {@link BATCH_WINDOW_MS} of the batch's first event and
 * their messages stay under {@link BATCH_BYTES}. Batches never span a chunk, so the records of
 * a chunk depend on that chunk alone and `generate --shard` slices still concatenate to the
 * unsharded file. The first chunk starts with the CONTROL_MESSAGE CloudWatch sends when the
 * subscription is created, which consumers must skip.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import type { ClusterContext } from '../model/audit-event.js'
import { toCloudWatchPayload } from '../variants/index.js'
import type { CloudWatchLogEvent } from '../variants/eks/cloudwatch.js'
import { derivedString, DIGITS, HEX } from '../variants/shared/hash.js'

type Obj = Record<string, unknown>

export const TRANSPORTS = ['kinesis'] as const
export type Transport = (typeof TRANSPORTS)[number]

/** The subscription filter's name in the payloads (a Kinesis destination). */
export const KINESIS_FILTER = 'eks-audit-to-kinesis'
/** Events this close (ms) to a batch's first event join its payload. */
export const BATCH_WINDOW_MS = 1000
/** Message bytes one payload holds at most (a Kinesis record's data is at most 1 MiB, gzip makes it much smaller). */
export const BATCH_BYTES = 256 * 1024
/** Decompressed payloads larger than this are refused (a gzip bomb must not exhaust memory). */
const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024
/** Sequence-number slots per chunk: more than the records a chunk of actions can write. */
const SEQUENCE_PER_CHUNK = 100_000n

const CONTROL_MESSAGE = 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.'

/** The line of one Kinesis record. */
export interface KinesisRecord {
  kinesisSchemaVersion: '1.0'
  partitionKey: string
  sequenceNumber: string
  /** base64(gzip(JSON payload)) */
  data: string
  /** Epoch seconds, millisecond fraction (as Lambda's event gives it). */
  approximateArrivalTimestamp: number
}

function record(payload: Obj, partitionKey: string, sequence: bigint, arrivalMs: number): KinesisRecord {
  return {
    kinesisSchemaVersion: '1.0',
    partitionKey,
    sequenceNumber: sequence.toString(),
    data: gzipSync(JSON.stringify(payload)).toString('base64'),
    approximateArrivalTimestamp: arrivalMs / 1000,
  }
}

/**
 * The Kinesis records of one chunk's EKS records, in order. `controlAt` (epoch ms) puts the
 * subscription's CONTROL_MESSAGE first (the dataset's first chunk).
 */
export function kinesisRecords(raws: Obj[], context: ClusterContext, chunk: number, controlAt?: number): KinesisRecord[] {
  const template = toCloudWatchPayload([], context, KINESIS_FILTER)
  // ByLogStream distribution (the default): every delivery of a stream has the same key.
  const partitionKey = derivedString(`partition:${template.logGroup}:${template.logStream}`, 32, HEX)
  // 56 digits, increasing along the stream (Kinesis' are opaque but ordered within a shard).
  const base = 49n * 10n ** 54n + BigInt(derivedString(`sequence:${template.logStream}`, 20, DIGITS)) * 10n ** 30n + BigInt(chunk) * SEQUENCE_PER_CHUNK
  const out: KinesisRecord[] = []
  const push = (payload: Obj, arrivalMs: number) => out.push(record(payload, partitionKey, base + BigInt(out.length), arrivalMs))
  if (controlAt !== undefined) {
    push({ messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: controlAt, message: CONTROL_MESSAGE }] }, controlAt)
  }
  let batch: CloudWatchLogEvent[] = []
  let bytes = 0
  const flush = () => {
    if (!batch.length) return
    push({ ...template, logEvents: batch }, batch[0]!.timestamp + BATCH_WINDOW_MS)
    batch = []
    bytes = 0
  }
  for (const event of toCloudWatchPayload(raws, context, KINESIS_FILTER).logEvents) {
    if (batch.length && (event.timestamp >= batch[0]!.timestamp + BATCH_WINDOW_MS || bytes + event.message.length > BATCH_BYTES)) flush()
    batch.push(event)
    bytes += event.message.length
  }
  flush()
  return out
}

/** Why one Kinesis record line cannot be read (the caller adds the file and line). */
export class KinesisRecordError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KinesisRecordError'
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** The subscription payload a Kinesis record line carries: base64 → gunzip → JSON. */
export function kinesisPayload(line: Obj): unknown {
  const data = line.data
  if (typeof data !== 'string') throw new KinesisRecordError('not a Kinesis record (no base64 `data` string)')
  // Buffer.from(…, 'base64') skips what is not base64; a damaged record must not decode to less.
  if (!BASE64.test(data)) throw new KinesisRecordError('Kinesis record data is not valid base64')
  let text: string
  try {
    text = gunzipSync(Buffer.from(data, 'base64'), { maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8')
  } catch (e) {
    throw new KinesisRecordError(`Kinesis record data is not a complete gzip stream: ${(e as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new KinesisRecordError(`Kinesis record data does not hold JSON once gunzipped: ${(e as Error).message}`)
  }
}
