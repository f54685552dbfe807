import { RE2JS } from 're2js'
import {
  flattenList, isBag, isReal, KDateTime, KReal, KTimespan, kCompare, kEquals, numberOf, real, toBool, toDateTime, toKString, toNumber, toReal, toTimespan, isEmptyValue, formatDateTime,
} from './values.js'

/** What a scalar function sees besides its arguments. */
export interface CallContext {
  now: KDateTime
}

export interface ScalarFunction {
  /** Argument counts accepted. */
  min: number
  max: number
  /** One-line description for docs/kql.md. */
  doc: string
  fn(args: unknown[], ctx: CallContext): unknown
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : toKString(v)
}

/** JSON text → dynamic; text that is not JSON stays a string (as Kusto's parse_json does). */
export function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null
  try {
    return JSON.parse(v) as unknown
  } catch {
    return v
  }
}

/**
 * Kusto's regexes are RE2: ruleproof runs them on re2js (RE2 in JavaScript), with RE2's syntax
 * (no lookarounds or back-references: a syntax error, as in Kusto) and linear time in the text,
 * so a rule's regex cannot hang the run.
 */
const regexCache = new Map<string, RE2JS>()
export function cachedRegex(pattern: unknown): RE2JS | null {
  if (typeof pattern !== 'string') return null
  let r = regexCache.get(pattern)
  if (r === undefined) {
    r = RE2JS.compile(pattern)
    if (regexCache.size > 10_000) regexCache.clear()
    regexCache.set(pattern, r)
  }
  return r
}

function convertTo(type: string, v: unknown): unknown {
  switch (type) {
    case 'string': return toKString(v)
    case 'int': case 'long': return toNumber(v, true)
    case 'real': case 'double': return toReal(v)
    case 'bool': case 'boolean': return toBool(v)
    case 'datetime': return toDateTime(v)
    case 'timespan': return toTimespan(v)
    default: return v
  }
}

const DT_FORMAT = /yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|fffffff|ffffff|fffff|ffff|fff|ff|f|tt/g

/** `format_datetime` with Kusto's format specifiers. */
function formatDt(d: KDateTime, fmt: string): string {
  const date = new Date(d.ms)
  const pad = (n: number, w: number): string => String(n).padStart(w, '0')
  const frac = pad(date.getUTCMilliseconds(), 3) + '0000'
  return fmt.replace(DT_FORMAT, (t) => {
    switch (t) {
      case 'yyyy': return pad(date.getUTCFullYear(), 4)
      case 'yy': return pad(date.getUTCFullYear() % 100, 2)
      case 'MM': return pad(date.getUTCMonth() + 1, 2)
      case 'M': return String(date.getUTCMonth() + 1)
      case 'dd': return pad(date.getUTCDate(), 2)
      case 'd': return String(date.getUTCDate())
      case 'HH': return pad(date.getUTCHours(), 2)
      case 'H': return String(date.getUTCHours())
      case 'hh': return pad(date.getUTCHours() % 12 || 12, 2)
      case 'h': return String(date.getUTCHours() % 12 || 12)
      case 'mm': return pad(date.getUTCMinutes(), 2)
      case 'm': return String(date.getUTCMinutes())
      case 'ss': return pad(date.getUTCSeconds(), 2)
      case 's': return String(date.getUTCSeconds())
      case 'tt': return date.getUTCHours() < 12 ? 'AM' : 'PM'
      default: return frac.slice(0, t.length)
    }
  })
}

function binValue(v: unknown, size: unknown): unknown {
  if (v === null || size === null) return null
  if (v instanceof KDateTime && size instanceof KTimespan) return size.ms > 0 ? new KDateTime(Math.floor(v.ms / size.ms) * size.ms) : null
  if (v instanceof KTimespan && size instanceof KTimespan) return size.ms > 0 ? new KTimespan(Math.floor(v.ms / size.ms) * size.ms) : null
  const x = numberOf(v)
  const s = numberOf(size)
  if (x === undefined || s === undefined) return null
  if (!(s > 0)) return null
  // The value's type: bin of a long is a long, of a real a real.
  const r = Math.floor(x / s) * s
  return isReal(v) || (isReal(size) && !Number.isInteger(r)) ? real(r) : r
}

/** Scalar functions ruleproof's engine evaluates (docs/kql.md lists them from here). */
export const SCALAR_FUNCTIONS: Record<string, ScalarFunction> = {
  parse_json: { min: 1, max: 1, doc: 'JSON text to dynamic (text that is not JSON stays a string)', fn: ([v]) => parseJson(v) },
  parsejson: { min: 1, max: 1, doc: 'deprecated name of parse_json', fn: ([v]) => parseJson(v) },
  todynamic: { min: 1, max: 1, doc: 'same as parse_json', fn: ([v]) => parseJson(v) },
  tostring: { min: 1, max: 1, doc: 'text of a value; null is ""', fn: ([v]) => toKString(v) },
  toint: { min: 1, max: 1, doc: 'integer, or null', fn: ([v]) => toNumber(v, true) },
  tolong: { min: 1, max: 1, doc: 'integer, or null', fn: ([v]) => toNumber(v, true) },
  toreal: { min: 1, max: 1, doc: 'real (stays real when integral: toreal(7) / 2 is 3.5), or null', fn: ([v]) => toReal(v) },
  todouble: { min: 1, max: 1, doc: 'same as toreal', fn: ([v]) => toReal(v) },
  tobool: { min: 1, max: 1, doc: 'bool ("true"/"false", numbers), or null', fn: ([v]) => toBool(v) },
  toboolean: { min: 1, max: 1, doc: 'same as tobool', fn: ([v]) => toBool(v) },
  todatetime: { min: 1, max: 1, doc: 'datetime from ISO 8601 / RFC 822 text, or null', fn: ([v]) => toDateTime(v) },
  totimespan: { min: 1, max: 1, doc: 'timespan from `d.hh:mm:ss` text, or null', fn: ([v]) => toTimespan(v) },
  ago: { min: 1, max: 1, doc: 'now() minus a timespan (the test\'s `now`)', fn: ([v], ctx) => (v instanceof KTimespan ? new KDateTime(ctx.now.ms - v.ms) : null) },
  now: { min: 0, max: 1, doc: 'the test\'s `now`, plus an optional offset', fn: ([v], ctx) => (v instanceof KTimespan ? new KDateTime(ctx.now.ms + v.ms) : ctx.now) },
  bin: { min: 2, max: 2, doc: 'rounds down to a multiple of the bin size (numbers, datetimes, timespans)', fn: ([v, s]) => binValue(v, s) },
  floor: { min: 2, max: 2, doc: 'same as bin', fn: ([v, s]) => binValue(v, s) },
  iff: { min: 3, max: 3, doc: 'if-then-else (a null condition is false)', fn: ([c, a, b]) => (toBool(c) === true ? a : b) },
  iif: { min: 3, max: 3, doc: 'same as iff', fn: ([c, a, b]) => (toBool(c) === true ? a : b) },
  coalesce: { min: 1, max: 64, doc: 'first argument that is not null (nor an empty string)', fn: (args) => args.find((a) => !isEmptyValue(a)) ?? null },
  isempty: { min: 1, max: 1, doc: 'null or ""', fn: ([v]) => isEmptyValue(v) },
  isnotempty: { min: 1, max: 1, doc: 'neither null nor ""', fn: ([v]) => !isEmptyValue(v) },
  isnull: { min: 1, max: 1, doc: 'null (a string is never null)', fn: ([v]) => v === null || v === undefined },
  isnotnull: { min: 1, max: 1, doc: 'not null', fn: ([v]) => !(v === null || v === undefined) },
  strcat: { min: 1, max: 64, doc: 'concatenation of the arguments\' text', fn: (args) => args.map((a) => toKString(a)).join('') },
  strlen: { min: 1, max: 1, doc: 'length in characters', fn: ([v]) => (v === null ? null : [...toKString(v)].length) },
  substring: {
    min: 2, max: 3, doc: 'substring(text, start[, length])',
    fn: ([v, s, l]) => {
      const t = str(v)
      const start = toNumber(s, true)
      if (t === null || start === null) return null
      const from = Math.max(0, start)
      const len = l === undefined ? undefined : toNumber(l, true)
      if (len === null) return null
      return len === undefined ? t.slice(from) : t.slice(from, from + Math.max(0, len))
    },
  },
  split: {
    min: 2, max: 3, doc: 'split(text, delimiter[, index]) as a dynamic array',
    fn: ([v, d, i]) => {
      const t = str(v)
      const delim = str(d)
      if (t === null || delim === null) return null
      const parts = delim === '' ? [t] : t.split(delim)
      if (i === undefined) return parts
      const n = toNumber(i, true)
      return n === null || n < 0 || n >= parts.length ? [] : [parts[n]]
    },
  },
  tolower: { min: 1, max: 1, doc: 'lower case', fn: ([v]) => (v === null ? null : toKString(v).toLowerCase()) },
  toupper: { min: 1, max: 1, doc: 'upper case', fn: ([v]) => (v === null ? null : toKString(v).toUpperCase()) },
  trim: {
    min: 2, max: 2, doc: 'trim(regex, text): removes leading and trailing matches of the regex',
    fn: ([r, v]) => {
      const t = str(v)
      if (t === null || typeof r !== 'string') return null
      return trimEnd(trimStart(t, r), r)
    },
  },
  trim_start: { min: 2, max: 2, doc: 'removes leading matches of the regex', fn: ([r, v]) => (typeof r === 'string' && v !== null ? trimStart(toKString(v), r) : null) },
  trim_end: { min: 2, max: 2, doc: 'removes trailing matches of the regex', fn: ([r, v]) => (typeof r === 'string' && v !== null ? trimEnd(toKString(v), r) : null) },
  replace_string: {
    min: 3, max: 3, doc: 'replaces every occurrence of a plain string',
    fn: ([v, a, b]) => {
      const t = str(v)
      const from = str(a)
      return t === null || from === null ? null : from === '' ? t : t.split(from).join(toKString(b))
    },
  },
  extract: {
    min: 3, max: 4, doc: 'extract(regex, group, text): the group of the first match, or ""',
    fn: ([r, g, v, type]) => {
      const t = str(v)
      const re = cachedRegex(r)
      const n = toNumber(g, true)
      if (t === null || re === null || n === null) return null
      const m = re.exec(t)
      const out = m ? (m[n] ?? '') : ''
      return type === undefined ? out : m ? convertTo(String(type), out) : null
    },
  },
  extract_all: {
    min: 2, max: 3, doc: 'extract_all(regex, text): every match (its group, or groups as arrays)',
    fn: (args) => {
      const [r, v] = args.length === 3 ? [args[0], args[2]] : args
      const t = str(v)
      const re = cachedRegex(r)
      if (t === null || re === null) return null
      const out: unknown[] = []
      for (const m of re.matchAll(t)) out.push(m.length <= 1 ? m[0] : m.length === 2 ? m[1] : m.slice(1))
      return out.length ? out : null
    },
  },
  array_length: { min: 1, max: 1, doc: 'length of a dynamic array (null otherwise)', fn: ([v]) => (Array.isArray(v) ? v.length : null) },
  array_index_of: {
    min: 2, max: 2, doc: 'index of the first equal element, -1 if none',
    fn: ([a, x]) => (Array.isArray(a) ? a.findIndex((e) => kEquals(e, x) === true) : null),
  },
  set_has_element: { min: 2, max: 2, doc: 'whether the array holds the value', fn: ([a, x]) => (Array.isArray(a) ? a.some((e) => kEquals(e, x) === true) : null) },
  bag_keys: { min: 1, max: 1, doc: 'keys of a property bag', fn: ([v]) => (isBag(v) ? Object.keys(v) : null) },
  pack: { min: 0, max: 128, doc: 'pack(key, value, …): a property bag', fn: (args) => packBag(args) },
  bag_pack: { min: 0, max: 128, doc: 'same as pack', fn: (args) => packBag(args) },
  strcat_array: { min: 2, max: 2, doc: 'strcat_array(array, delimiter): the elements\' text joined', fn: ([a, d]) => (Array.isArray(a) ? a.map((x) => toKString(x)).join(toKString(d)) : null) },
  indexof: {
    min: 2, max: 5, doc: 'indexof(text, lookup[, start[, length[, occurrence]]]): position of the lookup, -1 if absent',
    fn: ([v, l, s, len, occ]) => {
      if (v === null || l === null) return null
      const t = toKString(v)
      const look = toKString(l)
      const start = s === undefined ? 0 : toNumber(s, true)
      if (start === null || start < 0 || start > t.length) return null
      const hay = len === undefined || toNumber(len, true) === -1 ? t : t.slice(0, start + (toNumber(len, true) ?? 0))
      let n = occ === undefined ? 1 : (toNumber(occ, true) ?? 1)
      if (n <= 0) return null
      let i = start - 1
      do i = hay.indexOf(look, i + 1)
      while (i >= 0 && --n > 0)
      return i
    },
  },
  array_slice: {
    min: 3, max: 3, doc: 'array_slice(array, start, end): elements start..end inclusive (negative from the end)',
    fn: ([a, s, e]) => {
      if (!Array.isArray(a)) return null
      let from = toNumber(s, true)
      let to = toNumber(e, true)
      if (from === null || to === null) return null
      if (from < 0) from += a.length
      if (to < 0) to += a.length
      return a.slice(Math.max(0, from), to + 1)
    },
  },
  replace_regex: { min: 3, max: 3, doc: 'replace_regex(text, regex, rewrite): every match replaced (\\1 groups)', fn: ([v, r, w]) => replaceRegex(v, r, w) },
  replace: { min: 3, max: 3, doc: 'deprecated name of replace_regex', fn: ([r, w, v]) => replaceRegex(v, r, w) },
  round: {
    min: 1, max: 2, doc: 'round(number[, digits])',
    fn: ([v, d]) => {
      const n = toNumber(v, false)
      const p = d === undefined ? 0 : toNumber(d, true)
      if (n === null || p === null) return null
      // Shifted by decimal exponent, not multiplied, so round(2.15, 1) is 2.2 (2.15 * 10 is 21.4999…).
      const r = Number.isFinite(n) ? Math.sign(n) * Number(`${Math.round(Number(`${Math.abs(n)}e${p}`))}e${-p}`) : n
      return isReal(v) ? real(r) : r
    },
  },
  base64_decode_tostring: { min: 1, max: 1, doc: 'base64 text decoded as UTF-8 (null when it is not UTF-8)', fn: ([v]) => {
    if (typeof v !== 'string') return null
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(v, 'base64'))
    } catch {
      return null
    }
  } },
  base64_encode_tostring: { min: 1, max: 1, doc: 'UTF-8 text as base64', fn: ([v]) => (v === null ? null : Buffer.from(toKString(v), 'utf8').toString('base64')) },
  pack_array: { min: 0, max: 128, doc: 'a dynamic array of the arguments', fn: (args) => args.map((a) => a ?? null) },
  format_datetime: { min: 2, max: 2, doc: 'datetime as text with Kusto\'s format specifiers', fn: ([d, f]) => (d instanceof KDateTime && typeof f === 'string' ? formatDt(d, f) : null) },
  not: { min: 1, max: 1, doc: 'logical negation (null stays null)', fn: ([v]) => { const b = toBool(v); return b === null ? null : !b } },
  abs: { min: 1, max: 1, doc: 'absolute value', fn: ([v]) => (typeof v === 'number' ? Math.abs(v) : v instanceof KReal ? new KReal(Math.abs(v.v)) : v instanceof KTimespan ? new KTimespan(Math.abs(v.ms)) : null) },
  gettype: { min: 1, max: 1, doc: 'the value\'s Kusto type name', fn: ([v]) => typeName(v) },
  startofday: { min: 1, max: 1, doc: 'midnight UTC of the day', fn: ([d]) => (d instanceof KDateTime ? new KDateTime(Math.floor(d.ms / 86_400_000) * 86_400_000) : null) },
  datetime_diff: {
    min: 3, max: 3, doc: 'datetime_diff(period, a, b): period boundaries between b and a (year, quarter, month, week, day, hour, minute, second, millisecond)',
    fn: ([p, a, b]) => {
      if (!(a instanceof KDateTime) || !(b instanceof KDateTime) || typeof p !== 'string') return null
      return datetimeDiff(p.toLowerCase(), a.ms, b.ms)
    },
  },
  ipv4_is_private: {
    min: 1, max: 1, doc: 'whether an IPv4 address (or CIDR) is in 10/8, 172.16/12 or 192.168/16',
    fn: ([v]) => {
      if (typeof v !== 'string') return null
      const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/\d{1,2})?$/.exec(v.trim())
      if (!m || m.slice(1).some((x) => Number(x) > 255)) return null
      const [a, b] = [Number(m[1]), Number(m[2])]
      return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
    },
  },
}

/** Kusto counts period boundaries crossed (calendar periods in UTC), not whole elapsed periods. */
function datetimeDiff(period: string, a: number, b: number): number | null {
  const da = new Date(a)
  const db = new Date(b)
  const months = (d: Date): number => d.getUTCFullYear() * 12 + d.getUTCMonth()
  switch (period) {
    case 'year': return da.getUTCFullYear() - db.getUTCFullYear()
    case 'quarter': return Math.floor(months(da) / 3) - Math.floor(months(db) / 3)
    case 'month': return months(da) - months(db)
    // Weeks start on Sunday.
    case 'week': return Math.floor((Math.floor(a / 86_400_000) + 4) / 7) - Math.floor((Math.floor(b / 86_400_000) + 4) / 7)
    case 'day': return Math.floor(a / 86_400_000) - Math.floor(b / 86_400_000)
    case 'hour': return Math.floor(a / 3_600_000) - Math.floor(b / 3_600_000)
    case 'minute': return Math.floor(a / 60_000) - Math.floor(b / 60_000)
    case 'second': return Math.floor(a / 1000) - Math.floor(b / 1000)
    case 'millisecond': return Math.floor(a) - Math.floor(b)
    default: return null
  }
}

function replaceRegex(v: unknown, r: unknown, w: unknown): unknown {
  const t = v === null || v === undefined ? null : toKString(v)
  const re = cachedRegex(r)
  if (t === null || re === null) return null
  // Kusto's rewrite refers to groups as \\1; re2js's as $1.
  return re.matcher(t).replaceAll(toKString(w).replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1'))
}

function trimStart(t: string, r: string): string {
  const m = cachedRegex(`^(?:${r})+`)!.exec(t)
  return m ? t.slice(m[0].length) : t
}

function trimEnd(t: string, r: string): string {
  const m = cachedRegex(`(?:${r})+$`)!.exec(t)
  return m ? t.slice(0, (m as RegExpExecArray).index) : t
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real'
  if (v instanceof KReal) return 'real'
  if (typeof v === 'boolean') return 'bool'
  if (v instanceof KDateTime) return 'datetime'
  if (v instanceof KTimespan) return 'timespan'
  return Array.isArray(v) ? 'array' : 'dictionary'
}

function packBag(args: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (let i = 0; i + 1 < args.length; i += 2) out[toKString(args[i])] = args[i + 1] ?? null
  return out
}

export { flattenList, kCompare, formatDateTime }
