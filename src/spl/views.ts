/**
 * How each variant's audit record arrives in Splunk: the source, sourcetype and event body of its
 * usual collection path (docs/variants.md, "Splunk"). One definition, shared by the SPL engine and
 * `generate --format splunk-hec`.
 */
import type { ClusterContext } from '../model/audit-event.js'
import type { VariantId } from '../model/variant.js'
import { extractJson, LazyEvent, newRow, type Row } from './values.js'

export interface SplunkPath {
  /** The collection path, as docs/variants.md names it. */
  name: string
  sourcetype: string
  /** The source Splunk gives the event (`raw`: the variant's record, for a source that names its log category). */
  source(context: Partial<ClusterContext>, raw?: Record<string, unknown>): string
  /** The event body Splunk indexes (its `_raw`), from the variant's raw record. */
  body(raw: Record<string, unknown>, context: Partial<ClusterContext>): unknown
  /** The variant's raw record back from an indexed body (replay reads splunk-hec datasets with it). */
  record(body: Record<string, unknown>): unknown
  /** Where a JSON field of the body (`{}` dropped) lies in the raw record: none when the body has it from elsewhere or not at all. */
  recordPaths(field: string): string[]
}

const same = (body: Record<string, unknown>): unknown => body
const samePath = (field: string): string[] => [field]

const cluster = (c: Partial<ClusterContext>): string => c.clusterName || 'cluster'

/**
 * The Splunk Add-on for Microsoft Cloud Services' Event Hub input names its events' source
 * `eventhub://<namespace FQDN>/<event hub>;` (docs/variants.md, "Splunk"); diagnostic settings with no
 * event hub named write each log category to its own hub, `insights-logs-<category>`.
 */
const eventHub = (c: Partial<ClusterContext>, hub: string): string => `eventhub://${cluster(c)}-logs.servicebus.windows.net/${hub};`

/** The collection path of each variant that ruleproof shows SPL rules (and writes with splunk-hec). */
export const SPLUNK_PATHS: Readonly<Record<VariantId, SplunkPath>> = {
  // The seed's path: the audit log file read as JSON (security_content's `kube_audit` macro).
  k8s: { name: 'audit log file, sourcetype _json', sourcetype: '_json', source: () => 'kubernetes', body: (raw) => raw, record: same, recordPaths: samePath },
  // Splunk Add-on for AWS, CloudWatch Logs input: one event per log event, its message (the audit Event) as _raw.
  eks: {
    name: 'CloudWatch Logs through the Splunk Add-on for AWS',
    sourcetype: 'aws:cloudwatchlogs',
    source: (c) => `${c.region ?? 'us-east-1'}:/aws/eks/${cluster(c)}/cluster:kube-apiserver-audit`,
    body: (raw) => raw,
    record: same,
    recordPaths: samePath,
  },
  // Splunk Add-on for Google Cloud Platform, Pub/Sub input: the LogEntry under `data`.
  gke: {
    name: 'Cloud Logging sink to Pub/Sub through the Splunk Add-on for Google Cloud Platform',
    sourcetype: 'google:gcp:pubsub:message',
    source: (c) => `projects/${c.projectId ?? 'project'}/subscriptions/splunk`,
    body: (raw) => ({ attributes: { 'logging.googleapis.com/timestamp': raw.timestamp }, data: raw, publish_time: raw.receiveTimestamp ?? raw.timestamp }),
    record: (body) => body.data,
    recordPaths: (field) => (field.startsWith('data.') ? [field.slice(5)] : field === 'publish_time' ? ['receiveTimestamp', 'timestamp'] : field.startsWith('attributes.') ? ['timestamp'] : []),
  },
  // Splunk Add-on for Microsoft Cloud Services, Event Hub input with its default event_format_flags (0):
  // the `records` of each Event Hub message split, one diagnostic record per event, as written (the
  // audit Event a JSON string in properties.log).
  aks: {
    name: 'diagnostic settings to Event Hubs through the Splunk Add-on for Microsoft Cloud Services',
    sourcetype: 'mscs:azure:eventhub',
    source: (c, raw) => eventHub(c, `insights-logs-${typeof raw?.category === 'string' ? raw.category : 'kube-audit'}`),
    body: (raw) => raw,
    record: same,
    recordPaths: samePath,
  },
  'azure-activity': {
    name: 'Activity Log to Event Hubs through the Splunk Add-on for Microsoft Cloud Services',
    sourcetype: 'mscs:azure:eventhub',
    source: (c) => eventHub(c, 'insights-activity-logs'),
    body: (raw) => raw,
    record: same,
    recordPaths: samePath,
  },
}

/** The Splunk OpenTelemetry Collector's path for the plain audit log (documented; not a variant of its own). */
export const OTEL_AUDIT_SOURCETYPE = 'kube:apiserver-audit'

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

/** The record fields `_time` is read from, first found first. */
export const RECORD_TIME_FIELDS = ['stageTimestamp', 'requestReceivedTimestamp', 'timestamp', 'time', 'receiveTimestamp'] as const

/** Fields of the event that come from its input, not from the record. */
export const SPLUNK_META_FIELDS: ReadonlySet<string> = new Set(['host', 'index', 'source', 'sourcetype'])

/** The record's own time (epoch seconds), as Splunk's timestamp extraction or the HEC envelope gives it. */
export function recordTime(raw: Record<string, unknown>): number | undefined {
  let t: string | undefined
  for (const f of RECORD_TIME_FIELDS) if ((t = str(raw[f])) !== undefined) break
  if (t === undefined) return undefined
  const ms = Date.parse(t)
  if (Number.isNaN(ms)) return undefined
  const frac = /\.(\d+)Z$/.exec(t)?.[1] ?? ''
  return Math.floor(ms / 1000) + Number(`0.${(frac + '000000').slice(0, 6)}`)
}

/** A HEC event for a raw record of a variant (what `generate --format splunk-hec` writes). */
export function splunkHecEvent(variant: VariantId, raw: Record<string, unknown>, context: Partial<ClusterContext>, time?: number): Record<string, unknown> {
  const path = SPLUNK_PATHS[variant]
  return { time: time ?? recordTime(raw) ?? 0, host: cluster(context), source: path.source(context, raw), sourcetype: path.sourcetype, event: path.body(raw, context) }
}

/** The event as a search sees it: _raw, _time, the default fields and the JSON fields extracted at search time. */
export function hecToRow(hec: Record<string, unknown>): Row {
  const row = newRow()
  const body = hec.event
  row._raw = typeof body === 'string' ? body : JSON.stringify(body)
  row._time = typeof hec.time === 'number' ? hec.time : Number(hec.time ?? 0)
  row.host = String(hec.host ?? '')
  row.index = String(hec.index ?? 'main')
  row.source = String(hec.source ?? '')
  row.sourcetype = String(hec.sourcetype ?? '')
  if (typeof body === 'string') {
    try {
      extractJson(JSON.parse(body), row)
    } catch {
      // A raw line that is not JSON: only _raw and the default fields.
    }
  } else extractJson(body, row)
  return row
}

/** A raw record of a variant as the search row Splunk would show. */
export function splunkRow(variant: VariantId, raw: unknown, context: Partial<ClusterContext> = {}): Row {
  const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { _raw: raw }
  return hecToRow(splunkHecEvent(variant, obj, context))
}

/** The same, unextracted: the first search reads its fields straight from the JSON (`raw`: the indexed text, when known). */
export function hecToEvent(hec: Record<string, unknown>, raw?: string): LazyEvent {
  return new LazyEvent(hec.event, metaOf(hec.host, hec.index, hec.source, hec.sourcetype), typeof hec.time === 'number' ? hec.time : Number(hec.time ?? 0), raw)
}

/** The default fields, one object shared by the events of one input (the last one answers without a lookup). */
const metas = new Map<string, Row>()
let last: Row | undefined
function metaOf(h: unknown, i: unknown, s: unknown, t: unknown): Row {
  const host = String(h ?? '')
  const index = String(i ?? 'main')
  const source = String(s ?? '')
  const sourcetype = String(t ?? '')
  if (last && last.host === host && last.index === index && last.source === source && last.sourcetype === sourcetype) return last
  const key = `${host}\u0000${index}\u0000${source}\u0000${sourcetype}`
  let meta = metas.get(key)
  if (!meta) {
    if (metas.size > 1000) metas.clear()
    meta = Object.assign(newRow(), { host, index, source, sourcetype })
    metas.set(key, meta)
  }
  return (last = meta)
}

/** A raw record of a variant as the unextracted event Splunk would index (its time read only if the search asks). */
export function splunkEvent(variant: VariantId, raw: unknown, context: Partial<ClusterContext> = {}): LazyEvent {
  const obj = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { _raw: raw }
  const path = SPLUNK_PATHS[variant]
  return new LazyEvent(path.body(obj, context), metaOf(cluster(context), undefined, path.source(context, obj), path.sourcetype), () => recordTime(obj) ?? 0)
}
