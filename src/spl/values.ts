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

/**
 * An indexed event before search-time extraction: the first `search` of a pipeline reads the few
 * fields it names straight from the JSON, and only the events it keeps are extracted whole.
 * Field lookup is the same as extractJson's flattening (keys holding dots included).
 */
export class LazyEvent {
  private raw: string | undefined
  constructor(
    readonly body: unknown,
    /** host, index, source, sourcetype: shared by the events of one input. */
    readonly meta: Readonly<Row>,
    readonly time: number,
    raw?: string,
  ) {
    this.raw = raw
  }
  rawText(): string {
    return (this.raw ??= typeof this.body === 'string' ? this.body : JSON.stringify(this.body))
  }
  field(name: string): Value | undefined {
    if (name === '_time') return this.time
    if (name in this.meta) return this.meta[name]
    if (name === '_raw') return this.rawText()
    if (typeof this.body === 'string') return undefined
    const out: string[] = []
    resolve(this.body, name, out)
    return out.length === 0 ? null : out.length === 1 ? out[0]! : out
  }
  row(): Row {
    const row = newRow()
    row._raw = this.rawText()
    row._time = this.time
    Object.assign(row, this.meta)
    if (typeof this.body !== 'string') extractJson(this.body, row)
    return row
  }
}

function resolve(value: unknown, rest: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (!rest.startsWith('{}')) return
    let r = rest.slice(2)
    if (r.startsWith('.')) r = r.slice(1)
    else if (r !== '' && !r.startsWith('{}')) return
    for (const item of value) resolve(item, r, out)
    return
  }
  if (value !== null && typeof value === 'object') {
    if (rest === '') return
    const obj = value as Record<string, unknown>
    // The common case first: the whole rest, or its first dotted segment, is a key.
    if (rest in obj) resolve(obj[rest], '', out)
    for (const k in obj) {
      if (k.length >= rest.length || !rest.startsWith(k)) continue
      const c = rest.charCodeAt(k.length)
      if (c === 46) resolve(obj[k], rest.slice(k.length + 1), out)
      else if (c === 123 && rest.startsWith('{}', k.length)) resolve(obj[k], rest.slice(k.length), out)
    }
    return
  }
  if (rest === '' && value !== null && value !== undefined) out.push(typeof value === 'string' ? value : String(value))
}
