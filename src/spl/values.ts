/** Splunk values: strings and numbers, multivalue fields as arrays, null for a missing field. */
export type Scalar = string | number | boolean
export type Value = Scalar | Scalar[] | null
/** One result (an event or a row of stats), fields in insertion order. */
export type Row = Record<string, Value>

export function newRow(): Row {
  return Object.create(null) as Row
}

/** A multivalue of one value is that value; of none, null. */
export function norm(v: Value | undefined): Value {
  if (v === undefined) return null
  if (Array.isArray(v)) return v.length === 0 ? null : v.length === 1 ? v[0]! : v
  return v
}

export function valuesOf(v: Value | undefined): Scalar[] {
  if (v === null || v === undefined) return []
  return Array.isArray(v) ? v : [v]
}

export function str(v: Scalar): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)))
  return String(v)
}

/** The number a value reads as (Splunk treats numeric strings as numbers), or undefined. */
export function num(v: Scalar | null | undefined): number | undefined {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v)
  return undefined
}

/** Search-time JSON field extraction (KV_MODE=json): nested keys joined by `.`, arrays as `{}` multivalues, values as strings. */
export function extractJson(value: unknown, row: Row, prefix = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) extractJson(item, row, `${prefix}{}`)
    return
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) extractJson(v, row, prefix === '' ? k : `${prefix}.${k}`)
    return
  }
  if (value === null || value === undefined || prefix === '') return
  const s = typeof value === 'string' ? value : String(value)
  const prev = row[prefix]
  row[prefix] = prev === undefined || prev === null ? s : [...valuesOf(prev), s]
}

/** Splunk's token test for free text: the term bounded by non-alphanumerics in _raw (case-insensitive). */
export function globRegex(pattern: string, whole = true, flags = 'i'): RegExp {
  const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')
  return new RegExp(whole ? `^${body}$` : body, flags)
}
