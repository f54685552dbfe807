/**
 * Kusto values in JavaScript: string, number (long/int/real), boolean, null, `KDateTime`,
 * `KTimespan`, and dynamic (plain JSON arrays/objects, or any of the scalars).
 */

export class KDateTime {
  constructor(readonly ms: number) {}
  toString(): string {
    return formatDateTime(this.ms)
  }
}

export class KTimespan {
  constructor(readonly ms: number) {}
  toString(): string {
    return formatTimespan(this.ms)
  }
}

/**
 * Kusto's long and real are JavaScript numbers: an integral number is a long, any other (3.5,
 * NaN, ±Infinity) a real. A real that happens to hold an integral value (`7.0`, `toreal(7)`,
 * `avg()` of 2 and 4) is boxed in a `KReal`, so it stays real: `7.0 / 2` is 3.5, not 3. Boxes
 * are rare (detection queries mostly compare strings), so the common path stays a plain number.
 */
export class KReal {
  constructor(readonly v: number) {}
  toString(): string {
    return String(this.v)
  }
  /** In dynamic values and JSON output a real is its number. */
  toJSON(): number {
    return this.v
  }
}

/** A real result: boxed when it is integral, so its type survives. */
export function real(n: number): number | KReal {
  return Number.isInteger(n) ? new KReal(n) : n
}

/** The number of a long or real (boxed or not); undefined for anything else. */
export function numberOf(v: unknown): number | undefined {
  return typeof v === 'number' ? v : v instanceof KReal ? v.v : undefined
}

/** Whether a value is a Kusto real (a boxed integral real, or a number that is not integral). */
export function isReal(v: unknown): boolean {
  return v instanceof KReal || (typeof v === 'number' && !Number.isInteger(v))
}

export type Value = string | number | boolean | null | KDateTime | KTimespan | KReal | unknown[] | { [key: string]: unknown }

export function isBag(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof KDateTime) && !(v instanceof KTimespan) && !(v instanceof KReal)
}

/** Kusto's datetime text: ISO 8601 UTC with a `Z`, fraction digits only when there is one (7 at most). */
export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString()
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso.slice(0, -1) + '0000Z'
}

export function formatTimespan(ms: number): string {
  const neg = ms < 0
  let rest = Math.abs(ms)
  const days = Math.floor(rest / 86_400_000)
  rest -= days * 86_400_000
  const h = Math.floor(rest / 3_600_000)
  rest -= h * 3_600_000
  const m = Math.floor(rest / 60_000)
  rest -= m * 60_000
  const s = Math.floor(rest / 1000)
  const frac = Math.round((rest - s * 1000) * 10_000)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${neg ? '-' : ''}${days ? `${days}.` : ''}${two(h)}:${two(m)}:${two(s)}${frac ? '.' + String(frac).padStart(7, '0') : ''}`
}

/** Parses the datetime formats Kusto accepts in `todatetime()`/`datetime()` (ISO 8601 and RFC 822 via Date). */
export function parseDateTime(text: string): KDateTime | null {
  // The common case first: ISO 8601 UTC as Log Analytics and audit logs write it.
  const fast = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text)
  if (fast) {
    const ms = Date.parse(`${fast[1]}Z`)
    return Number.isNaN(ms) ? null : new KDateTime(ms + (fast[2] ? Number(`0.${fast[2]}`) * 1000 : 0))
  }
  const t = text.trim()
  if (t === '' || t === 'null') return null
  // Dates without a zone are UTC in Kusto.
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.(\d+))?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(t)
  if (iso) {
    const frac = iso[3] ?? ''
    const base = `${iso[1]}T${iso[2] ?? '00:00'}${iso[2] && iso[2].length === 5 ? ':00' : ''}`
    const zone = iso[4] ?? 'Z'
    const ms = Date.parse(`${base.split('.')[0]}${zone}`)
    if (Number.isNaN(ms)) return null
    return new KDateTime(ms + (frac ? Number(`0.${frac}`) * 1000 : 0))
  }
  if (/^\d{4}\/\d{2}\/\d{2}/.test(t) || /[A-Za-z]{3},? \d/.test(t) || /^\d{1,2} [A-Za-z]{3} \d{4}/.test(t)) {
    const ms = Date.parse(/(Z|GMT|UTC|[+-]\d{4})$/.test(t) ? t : `${t} UTC`)
    return Number.isNaN(ms) ? null : new KDateTime(ms)
  }
  return null
}

/** `d.hh:mm:ss[.fffffff]` or `hh:mm:ss`, as `totimespan()` reads it. */
export function parseTimespan(text: string): KTimespan | null {
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(text.trim())
  if (!m) return null
  const ms = Number(m[2] ?? 0) * 86_400_000 + Number(m[3]) * 3_600_000 + Number(m[4]) * 60_000 + Number(m[5] ?? 0) * 1000 + (m[6] ? Number(`0.${m[6]}`) * 1000 : 0)
  return new KTimespan(m[1] ? -ms : ms)
}

/** `tostring()`: null → "", dynamic → compact JSON, datetime → ISO text. */
export function toKString(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof KDateTime || v instanceof KTimespan || v instanceof KReal) return v.toString()
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof KDateTime || x instanceof KTimespan ? x.toString() : x))
}

/** The text string operators (`has`, `contains`, …) see: strings as they are, other values as their text. */
export function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null
  return typeof v === 'string' ? v : toKString(v)
}

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === ''
}

/**
 * Equality with Kusto's rules: strings case-sensitive; two nulls are neither equal nor unequal
 * (null), a null and a value are unequal (false); a long and a real compare by value.
 */
export function kEquals(a: unknown, b: unknown): boolean | null {
  const an = a === null || a === undefined
  const bn = b === null || b === undefined
  if (an || bn) return an && bn ? null : false
  if (a instanceof KReal) a = a.v
  if (b instanceof KReal) b = b.v
  if (a instanceof KDateTime || a instanceof KTimespan) return (b instanceof KDateTime || b instanceof KTimespan) && a.ms === b.ms
  if (typeof a === 'object' || typeof b === 'object') return toKString(a) === toKString(b)
  if (typeof a === 'boolean' && typeof b === 'number') return Number(a) === b
  if (typeof a === 'number' && typeof b === 'boolean') return a === Number(b)
  return a === b
}

/** Ordering for `<`, `sort`, `min`/`max`: numbers, datetimes, timespans, strings; nulls are undefined. */
export function kCompare(a: unknown, b: unknown): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null
  if (a instanceof KReal) a = a.v
  if (b instanceof KReal) b = b.v
  if ((a instanceof KDateTime && b instanceof KDateTime) || (a instanceof KTimespan && b instanceof KTimespan)) return a.ms - b.ms
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b)
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b))) return a - Number(b)
  if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a))) return Number(a) - b
  return toKString(a) < toKString(b) ? -1 : toKString(a) > toKString(b) ? 1 : 0
}

const ALNUM = /[\p{L}\p{N}]/u

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && ALNUM.test(c)
}

/**
 * `has`: the value occurs in the text on term boundaries (terms are maximal alphanumeric runs).
 * A needle with punctuation inside matches as a phrase: its alphanumeric ends must sit on term
 * boundaries, like Kusto's `has "bash -i"`.
 */
export function hasTerm(text: string, needle: string, caseSensitive: boolean): boolean {
  if (needle === '') return true
  const h = caseSensitive ? text : text.toLowerCase()
  const n = caseSensitive ? needle : needle.toLowerCase()
  const startsAlnum = isAlnum(n[0])
  const endsAlnum = isAlnum(n[n.length - 1])
  let from = 0
  for (;;) {
    const i = h.indexOf(n, from)
    if (i < 0) return false
    const okStart = !startsAlnum || !isAlnum(h[i - 1])
    const okEnd = !endsAlnum || !isAlnum(h[i + n.length])
    if (okStart && okEnd) return true
    from = i + 1
  }
}

/** A value as a list for `in`, `has_any`, …: dynamic arrays are flattened into their elements. */
export function flattenList(values: readonly unknown[]): unknown[] {
  const out: unknown[] = []
  for (const v of values) if (Array.isArray(v)) out.push(...v)
  else out.push(v)
  return out
}

export function toBool(v: unknown): boolean | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  if (v instanceof KReal) return v.v !== 0
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase()
    if (t === 'true') return true
    if (t === 'false') return false
    const n = Number(t)
    return t !== '' && !Number.isNaN(n) ? n !== 0 : null
  }
  return null
}

/** A long (`integer`) or a real as a plain number (for arguments: counts, indexes, sizes), or null. */
export function toNumber(v: unknown, integer: boolean): number | null {
  if (v === null || v === undefined) return null
  let n: number
  if (typeof v === 'number') n = v
  else if (v instanceof KReal) n = v.v
  else if (typeof v === 'boolean') n = v ? 1 : 0
  else if (typeof v === 'string') {
    if (v.trim() === '') return null
    n = Number(v.trim())
  } else if (v instanceof KDateTime || v instanceof KTimespan) n = v.ms * 10_000 // ticks
  else return null
  if (Number.isNaN(n)) return integer || typeof v === 'string' ? null : n
  return integer ? Math.trunc(n) : n
}

/** `toreal()`/`todouble()`: a real (boxed when integral), or null. */
export function toReal(v: unknown): number | KReal | null {
  const n = toNumber(v, false)
  return n === null ? null : real(n)
}

export function toDateTime(v: unknown): KDateTime | null {
  if (v instanceof KDateTime) return v
  if (typeof v === 'string') return parseDateTime(v)
  return null
}

export function toTimespan(v: unknown): KTimespan | null {
  if (v instanceof KTimespan) return v
  if (typeof v === 'string') return parseTimespan(v)
  if (typeof v === 'number') return new KTimespan(v / 10_000) // ticks
  if (v instanceof KReal) return new KTimespan(v.v / 10_000)
  return null
}
