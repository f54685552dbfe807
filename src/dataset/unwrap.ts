/**
 * The inverse of {@link envelope}: the variant's native records inside one line of a dataset
 * written in a SIEM format, so replay scores a `--format sentinel` dataset as it scores the
 * native one. Log Analytics rows drop what the export does not carry (`serviceBuild`,
 * `durationMs`, `location`, nanoseconds, the resource id's case for Activity rows); rules do not
 * read those. A line that is not the envelope the manifest names is an {@link UnwrapError}.
 */
import { SPLUNK_PATHS } from '../spl/views.js'
import type { VariantId } from '../model/variant.js'
import type { Format } from './envelopes.js'
import { kinesisPayload, KinesisRecordError, type Transport } from './kinesis.js'

type Obj = Record<string, unknown>

export class UnwrapError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnwrapError'
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Keys with a value only, in the order given (the native record's order). */
function defined(entries: [string, unknown][]): Obj {
  const out: Obj = {}
  for (const [k, v] of entries) if (v !== undefined) out[k] = v
  return out
}

function fromAzureDiagnostics(row: Obj): Obj {
  if (row.Type !== 'AzureDiagnostics' || typeof row.log_s !== 'string') throw new UnwrapError('not an AzureDiagnostics row with log_s (sentinel format, aks)')
  return defined([
    ['category', row.Category],
    ['operationName', row.OperationName],
    ['properties', defined([['pod', row.pod_s], ['log', row.log_s], ['stream', row.stream_s], ['containerID', row.containerID_s]])],
    ['resourceId', row.ResourceId],
    ['time', row.TimeGenerated],
  ])
}

function fromAzureActivity(row: Obj): Obj {
  if (row.Type !== 'AzureActivity' || typeof row.OperationNameValue !== 'string') throw new UnwrapError('not an AzureActivity row with OperationNameValue (sentinel format, azure-activity)')
  const status = row.ActivityStatusValue
  const sub = typeof row.ActivitySubstatusValue === 'string' ? row.ActivitySubstatusValue : undefined
  // The row keeps the status word after the dot of `Succeeded.Created`; the word before follows the status.
  const signature = sub === undefined ? undefined : status === 'Success' ? `Succeeded.${sub}` : status === 'Failure' ? `Failed.${sub}` : sub
  return defined([
    ['time', row.TimeGenerated],
    ['resourceId', row._ResourceId],
    ['operationName', row.OperationNameValue],
    ['category', row.CategoryValue],
    ['resultType', status],
    ['resultSignature', signature],
    ['callerIpAddress', row.CallerIpAddress],
    ['correlationId', row.CorrelationId],
    ['identity', defined([['authorization', row.Authorization_d], ['claims', row.Claims_d]])],
    ['level', row.Level],
    ['properties', row.Properties_d],
  ])
}

function fromCloudWatch(payload: Obj): Obj[] {
  if (payload.messageType === 'CONTROL_MESSAGE') return []
  if (payload.messageType !== 'DATA_MESSAGE' || !Array.isArray(payload.logEvents)) throw new UnwrapError('not a CloudWatch Logs subscription payload (messageType DATA_MESSAGE with logEvents)')
  return payload.logEvents.map((e: unknown, i) => {
    if (!isObj(e) || typeof e.message !== 'string') throw new UnwrapError(`logEvents[${i}] has no message`)
    let record: unknown
    try {
      record = JSON.parse(e.message)
    } catch (err) {
      throw new UnwrapError(`logEvents[${i}].message is not JSON: ${(err as Error).message}`)
    }
    if (!isObj(record)) throw new UnwrapError(`logEvents[${i}].message is not a JSON object`)
    return record
  })
}

/** The native records one dataset line holds (one, except CloudWatch batches), the transport's wrapping removed first. */
export function unwrap(format: Format, variant: VariantId, line: unknown, transport?: Transport): unknown[] {
  if (!isObj(line)) throw new UnwrapError('not a JSON object')
  if (transport === 'kinesis') {
    if (format !== 'cloudwatch') throw new UnwrapError(`the kinesis transport carries the cloudwatch format, not ${format}`)
    let payload: unknown
    try {
      payload = kinesisPayload(line)
    } catch (e) {
      if (e instanceof KinesisRecordError) throw new UnwrapError(e.message)
      throw e
    }
    if (!isObj(payload)) throw new UnwrapError('Kinesis record data is not a JSON object once gunzipped')
    return unwrap(format, variant, payload)
  }
  switch (format) {
    case 'native':
      return [line]
    case 'splunk-hec':
    {
      if (!isObj(line.event)) throw new UnwrapError('not a Splunk HEC event (no `event` object)')
      // The collection path's body around the record (GKE's Pub/Sub message holds it in `data`).
      const record = SPLUNK_PATHS[variant].record(line.event)
      if (!isObj(record)) throw new UnwrapError(`not a ${SPLUNK_PATHS[variant].sourcetype} event of ${variant}`)
      return [record]
    }
    case 'sentinel':
      if (variant === 'aks') return [fromAzureDiagnostics(line)]
      if (variant === 'azure-activity') return [fromAzureActivity(line)]
      throw new UnwrapError(`the sentinel format has no rows for ${variant}`)
    case 'cloudwatch':
      if (variant !== 'eks') throw new UnwrapError(`the cloudwatch format has no payloads for ${variant}`)
      return fromCloudWatch(line)
  }
}

/** A row of an extra table file (`<variant>.<Table>.ndjson`): kept as it is, once its `Type` says it is that table's. */
export function tableRow(table: string, line: unknown): Obj {
  if (!isObj(line)) throw new UnwrapError('not a JSON object')
  if (line.Type !== table) throw new UnwrapError(`not a ${table} row (Type ${JSON.stringify(line.Type)})`)
  return line
}
