/**
 * Correlation timespans: an integer and a unit, e.g. `90s`, `5m`, `1h`, `1d` (spec 2.1.0). pySigma
 * also accepts `w` (week), `M` (30.436875 days) and `y` (365.2425 days); so do we.
 */
const UNITS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30.436875 * 86_400_000,
  y: 365.2425 * 86_400_000,
}

/** Milliseconds of a timespan, or an error message. */
export function parseTimespan(text: unknown): number | string {
  if (typeof text !== 'string') return `a timespan must be a string such as '5m', not ${JSON.stringify(text)}`
  const m = /^(\d+)([smhdwMy])$/.exec(text.trim())
  if (!m) return `'${text}' is not a timespan: write a whole number and one unit of s, m, h, d (e.g. '5m', '1h')`
  const n = Number(m[1])
  if (n === 0) return `the timespan '${text}' is zero`
  return n * (UNITS[m[2] as string] as number)
}
