/** Splunk values: strings and numbers, multivalue fields as arrays, null for a missing field. */
export type Scalar = string | number | boolean
export type Value = Scalar | Scalar[] | null
/** One result (an event or a row of stats), fields in insertion order. */
export type Row = Record<string, Value>
/** A test of one string value of a field. */
export type Test = (s: string) => boolean

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
  // Multivalues this call built grow in place; one the row already held (maybe shared with another row) is copied first.
  let owned: Set<string> | undefined
  const walk = (v: unknown, p: string): void => {
    if (Array.isArray(v)) {
      const q = `${p}{}`
      for (let i = 0; i < v.length; i++) walk(v[i], q)
      return
    }
    if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>
      for (const k in obj) if (Object.hasOwn(obj, k)) walk(obj[k], p === '' ? k : `${p}.${k}`)
      return
    }
    if (v === null || v === undefined || p === '') return
    const s = typeof v === 'string' ? v : String(v)
    const prev = row[p]
    if (prev === undefined || prev === null) row[p] = s
    else if (Array.isArray(prev) && owned?.has(p)) prev.push(s)
    else {
      row[p] = [...valuesOf(prev), s]
      ;(owned ??= new Set()).add(p)
    }
  }
  walk(value, prefix)
}

/**
 * An indexed event before search-time extraction: the first `search` of a pipeline reads the few
 * fields it names straight from the JSON, and only the events it keeps are extracted whole.
 * Field lookup is the same as extractJson's flattening (keys holding dots included).
 */
export class LazyEvent {
  private raw: string | undefined
  private t: number | (() => number)
  constructor(
    readonly body: unknown,
    /** host, index, source, sourcetype: shared by the events of one input. */
    readonly meta: Readonly<Row>,
    /** Epoch seconds, or how to read them from the record when a search first asks (most never do). */
    time: number | (() => number),
    raw?: string,
  ) {
    this.raw = raw
    this.t = time
  }
  get time(): number {
    return typeof this.t === 'number' ? this.t : (this.t = this.t())
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
    pathOf(name).some(this.body, 0, (s) => {
      out.push(s)
      return false
    })
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

/** Parts of a field name beyond which its keys are found by scanning the object's keys. */
const MAX_STEPS = 24

interface Step {
  key: string
  /** Offset in the field name where the rest starts once `key` is read. */
  next: number
}

/**
 * A field name as Splunk's JSON extraction would have produced it: `a.b{}.c` read from the JSON
 * without flattening. A key may hold dots or braces, so a name can split into keys in several ways;
 * each offset lists every key that may start there, as extractJson joins them (the name up to an
 * offset is always the prefix extraction had built: empty at the top, where an empty key adds nothing).
 */
export class FieldPath {
  /** Per offset: the keys that may start there, or null when there are too many to list. */
  private readonly steps: (Step[] | null | undefined)[] = []
  constructor(readonly name: string) {}

  private isSeparator(e: number): boolean {
    const n = this.name
    return e === n.length || n.charCodeAt(e) === 46 || (n.charCodeAt(e) === 123 && n.charCodeAt(e + 1) === 125)
  }

  /** The keys an object's member may have at offset o: at the top the key itself, below it `.` and the key. */
  private stepsAt(o: number): Step[] | null {
    const known = this.steps[o]
    if (known !== undefined) return known
    // At the top an empty key adds nothing to the name.
    const s: Step[] = o === 0 ? [{ key: '', next: 0 }] : []
    if (o === 0 || this.name.charCodeAt(o) === 46) {
      for (let e = o + 1; e <= this.name.length; e++) {
        if (!this.isSeparator(e)) continue
        // A name of many parts (a hostile one) is matched against the object's keys instead: the
        // keys it could start with would be quadratic in its length.
        if (s.length >= MAX_STEPS) return (this.steps[o] = null)
        s.push({ key: this.name.slice(o === 0 ? 0 : o + 1, e), next: e })
      }
    }
    return (this.steps[o] = s)
  }

  /** The step a key of the object takes at offset o, if the name continues with it. */
  private stepFor(k: string, o: number): Step | undefined {
    if (o === 0 && k === '') return { key: k, next: 0 }
    if (o !== 0 && this.name.charCodeAt(o) !== 46) return undefined
    const from = o === 0 ? 0 : o + 1
    const end = from + k.length
    return end <= this.name.length && this.name.startsWith(k, from) && this.isSeparator(end) ? { key: k, next: end } : undefined
  }

  /** Several keys fit (keys holding dots) or the name has many parts: the object's keys in order, as extraction lists them. */
  private someInKeyOrder(obj: Record<string, unknown>, o: number, test: Test): boolean {
    for (const k in obj) {
      if (!Object.hasOwn(obj, k)) continue
      const st = this.stepFor(k, o)
      if (st && this.some(obj[k], st.next, test)) return true
    }
    return false
  }

  /** Whether a value of the field passes the test (stops at the first that does); `o`: the offset `value` stands at. */
  some(value: unknown, o: number, test: Test): boolean {
    const n = this.name
    if (Array.isArray(value)) {
      if (n.charCodeAt(o) !== 123 || n.charCodeAt(o + 1) !== 125) return false
      for (let i = 0; i < value.length; i++) if (this.some(value[i], o + 2, test)) return true
      return false
    }
    if (value !== null && typeof value === 'object') {
      const obj = value as Record<string, unknown>
      const steps = this.stepsAt(o)
      if (!steps) return this.someInKeyOrder(obj, o, test)
      let found: Step | undefined
      for (let i = 0; i < steps.length; i++) {
        const st = steps[i]!
        if (!Object.hasOwn(obj, st.key)) continue
        if (found) return this.someInKeyOrder(obj, o, test)
        found = st
      }
      return found !== undefined && this.some(obj[found.key], found.next, test)
    }
    if (o !== n.length || o === 0 || value === null || value === undefined) return false
    return test(typeof value === 'string' ? value : String(value))
  }
}

const paths = new Map<string, FieldPath>()
export function pathOf(name: string): FieldPath {
  let p = paths.get(name)
  if (!p) {
    if (paths.size > 5000) paths.clear()
    paths.set(name, (p = new FieldPath(name)))
  }
  return p
}

