/**
 * Timestamps as the providers write them. Internally an instant is a BigInt count of
 * nanoseconds since the Unix epoch, so no precision is lost between the formats:
 * kube-apiserver MicroTime (6 digits), AKS `time` (up to 9), GKE `receiveTimestamp` (9),
 * Azure Activity `time` (7) and Panther's normalised `2022-11-29 00:09:04.38`.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/i

/** Nanoseconds since the epoch, or undefined when the text is not an RFC 3339 / Panther timestamp. */
export function parseInstant(text: string): bigint | undefined {
  const m = RFC3339.exec(text.trim())
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  if (Number.isNaN(ms)) return undefined
  let ns = BigInt(ms) * 1_000_000n + BigInt((frac + '000000000').slice(0, 9))
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n
    const offMin = BigInt(Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)))
    ns -= sign * offMin * 60_000_000_000n
  }
  return ns
}

/** RFC 3339 UTC with exactly `digits` fractional digits (truncated, as Go formats). */
export function formatInstant(ns: bigint, digits: number): string {
  const ms = ns / 1_000_000n
  const base = new Date(Number(ms)).toISOString().slice(0, 19)
  let frac = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0')
  frac = frac.slice(0, digits)
  return digits > 0 ? `${base}.${frac}Z` : `${base}Z`
}

/** kube-apiserver MicroTime: `2026-03-14T02:17:43.512873Z`. Throws on text that is no timestamp. */
export function toMicroTime(text: string): string {
  const ns = parseInstant(text)
  if (ns === undefined) throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(text)}`)
  return formatInstant(ns, 6)
}

export function isMicroTime(text: unknown): text is string {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(text)
}

/** Epoch milliseconds of a timestamp (CloudWatch `logEvents[].timestamp`). */
export function epochMillis(text: string): number {
  const ns = parseInstant(text)
  if (ns === undefined) throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(text)}`)
  return Number(ns / 1_000_000n)
}
