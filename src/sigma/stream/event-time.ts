/**
 * Event time for correlation rules in `ruleproof eval`: which field of the raw record holds it,
 * per variant, and how it is read.
 */
import type { VariantId } from '../../model/variant.js'
import { type FieldAccessor, defaultAccessor } from '../fields.js'
import { parseTimestamp } from '../values/time.js'

/** Fields tried in order when neither `--variant` nor `--timestamp-field` says otherwise. */
export const PLAIN_TIME_FIELDS = ['timestamp', '@timestamp', 'time', 'requestReceivedTimestamp', 'stageTimestamp', 'eventTime'] as const

/** Per variant, the raw-record fields that hold the event time, first present wins. */
export const VARIANT_TIME_FIELDS: Record<VariantId, readonly string[]> = {
  k8s: ['requestReceivedTimestamp', 'stageTimestamp'],
  eks: ['requestReceivedTimestamp', 'stageTimestamp'],
  // `time` is the diagnostic record's; Log Analytics rows say TimeGenerated; else the inner Event.
  aks: ['time', 'TimeGenerated', 'properties.log#requestReceivedTimestamp', 'properties.log#stageTimestamp'],
  gke: ['timestamp', 'receiveTimestamp'],
  'azure-activity': ['time', 'eventTimestamp'],
}

/** The event time in ms, or why there is none. */
export type EventTime = { ok: true; time: number } | { ok: false; message: string }

/** `outer#inner`: `outer` holds a JSON string (AKS `properties.log`) and `inner` is read from it. */
function innerJsonAccessor(spec: string): FieldAccessor {
  const [outer, inner] = spec.split('#') as [string, string]
  const readOuter = defaultAccessor(outer)
  const readInner = defaultAccessor(inner)
  return (record) => {
    const text = readOuter(record)
    if (typeof text !== 'string') return undefined
    try {
      return readInner(JSON.parse(text))
    } catch {
      return undefined
    }
  }
}

/**
 * Builds the reader of event times. `fields` (from `--timestamp-field`) replaces the defaults.
 * The first field that is present decides: when its value is not a timestamp, the event has no
 * time (a later field is not consulted, so a typo in the data does not go unnoticed).
 */
export function eventTimeReader(variant: VariantId | undefined, fields?: readonly string[]): (record: unknown) => EventTime {
  const names = fields && fields.length > 0 ? fields : variant ? VARIANT_TIME_FIELDS[variant] : PLAIN_TIME_FIELDS
  const readers = names.map((n) => ({ name: n.replace('#', '.'), read: n.includes('#') ? innerJsonAccessor(n) : defaultAccessor(n) }))
  const missing = `no event time: none of ${names.map((n) => n.replace('#', '.')).join(', ')} is set`
  return (record) => {
    for (const { name, read } of readers) {
      let v = read(record)
      if (v === undefined || v === null) continue
      // A path through an array yields the values found; one value is the time, several are ambiguous.
      if (Array.isArray(v)) {
        if (v.length === 0) continue
        if (v.length === 1) v = v[0]
      }
      const t = parseTimestamp(v)
      if (t === undefined) return { ok: false, message: `no event time: ${name} holds ${JSON.stringify(v)}, which is not a timestamp` }
      return { ok: true, time: t }
    }
    return { ok: false, message: missing }
  }
}
