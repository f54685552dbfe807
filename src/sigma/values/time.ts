import type { TimePartName } from './types.js'

/**
 * Timestamp parts for `|minute` … `|year`. A field value is read as ISO 8601 / RFC 3339 text
 * (no zone = UTC) or as an epoch number (seconds, or milliseconds when above 10^11); parts are
 * taken in UTC. Anything else yields undefined (no match).
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/

export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined
    return Math.abs(value) >= 1e11 ? value : value * 1000
  }
  if (typeof value !== 'string') return undefined
  const m = ISO.exec(value.trim())
  if (!m) {
    if (/^\d+(\.\d+)?$/.test(value)) return parseTimestamp(Number(value))
    return undefined
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Number((frac + '000').slice(0, 3)))
  // Date.UTC rolls invalid dates over (2026-02-30 → March 2); a timestamp parser rejects them.
  if (new Date(ms).getUTCDate() !== day) return undefined
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
    ms -= sign * offset * 60_000
  }
  return Number.isNaN(ms) ? undefined : ms
}

/** ISO 8601 week number (1–53) of a UTC date. */
export function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const dayNum = d.getUTCDay() || 7
  d.setUTCDate(d.getUTCDate() + 4 - dayNum)
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1)
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7)
}

export function timePart(ms: number, part: TimePartName): number {
  const d = new Date(ms)
  switch (part) {
    case 'minute':
      return d.getUTCMinutes()
    case 'hour':
      return d.getUTCHours()
    case 'day':
      return d.getUTCDate()
    case 'week':
      return isoWeek(d)
    case 'month':
      return d.getUTCMonth() + 1
    case 'year':
      return d.getUTCFullYear()
  }
}
