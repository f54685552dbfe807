/**
 * Search terms compiled once into closures. The first `search` of a pipeline runs per indexed event,
 * so the hot path reads only the fields it names, straight from the JSON (no flattening), tests
 * values as they are found (no arrays of values) and allocates nothing for a plain `field=value`.
 */
import type { SearchExpr } from './ast.js'
import { SplError } from './errors.js'
import { relativeTime } from './time.js'
import { RE2JS } from 're2js'
import { valueGlob } from './glob.js'
import { LazyEvent, num, pathOf, str, valuesOf, type FieldPath, type Row, type Scalar, type Test, type Value } from './values.js'

/** `clock.now` (epoch seconds) is read only by `earliest=`/`latest=`. */
export type Matcher = (ev: Row | LazyEvent, clock: { readonly now: number }) => boolean


const compiled = new WeakMap<SearchExpr, Matcher>()

/** The matcher of a search expression, compiled on first use and kept with the tree. */
export function matcherFor(e: SearchExpr): Matcher {
  let m = compiled.get(e)
  if (!m) compiled.set(e, (m = compile(e)))
  return m
}

// ---- field access ------------------------------------------------------------------------------

/** Fields that an indexed event holds beside its JSON body (LazyEvent.field answers them). */
const META = new Set(['_time', '_raw', 'host', 'index', 'source', 'sourcetype'])

/** Whether any value of the event's field passes the test. */
function someValue(ev: Row | LazyEvent, name: string, path: FieldPath | undefined, test: Test): boolean {
  if (ev instanceof LazyEvent) {
    if (path && typeof ev.body !== 'string') return path.some(ev.body, 0, test)
    if (path) return false
    const v = ev.field(name)
    return v !== null && v !== undefined && anyOf(v, test)
  }
  const v = ev[name]
  return v !== null && v !== undefined && anyOf(v, test)
}

function anyOf(v: Scalar | Scalar[], test: Test): boolean {
  if (!Array.isArray(v)) return test(str(v))
  for (let i = 0; i < v.length; i++) if (test(str(v[i]!))) return true
  return false
}

/** Every value of the event's field, as strings for JSON fields. */
export function fieldValues(ev: Row | LazyEvent, name: string): Scalar[] {
  return valuesOf(ev instanceof LazyEvent ? ev.field(name) : (ev[name] as Value | undefined))
}

// ---- value tests -------------------------------------------------------------------------------

/** The test of `field=value`: case-insensitive, `*` wildcards; a plain value compares strings without a regex. */
function equalsTest(value: string, quoted: boolean): Test {
  if (value.includes('*') || (!quoted && value.includes('\\'))) {
    const g = valueGlob(value, !quoted)
    return (s) => g.test(s)
  }
  const want = value.toLowerCase()
  const len = want.length
  return (s) => s.length === len && (s === want || s.toLowerCase() === want)
}

/**
 * A free-text term on _raw: on Splunk's token boundaries (non-alphanumerics), case-insensitive; `*`
 * within a token. A term with a wildcard runs on re2js (linear time: a backtracking `[^\s]*` search
 * over a long token is quadratic, and worse with several); RE2's `\s` is ASCII whitespace.
 */
function termTest(term: string, phrase: boolean): Test {
  const body = term.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^\\s]*')
  const source = phrase ? body : `(?:^|[^A-Za-z0-9])${body}(?:$|[^A-Za-z0-9])`
  if (!term.includes('*')) {
    const re = new RegExp(source, 'i')
    return (s) => re.test(s)
  }
  const re2 = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE)
  return (s) => re2.test(s)
}

export function compareScalars(a: Scalar, b: Scalar): number {
  const x = num(a)
  const y = num(b)
  if (x !== undefined && y !== undefined) return x - y
  if (x !== undefined) return -1
  if (y !== undefined) return 1
  const s = str(a)
  const t = str(b)
  return s < t ? -1 : s > t ? 1 : 0
}

// ---- compilation -------------------------------------------------------------------------------

function compile(e: SearchExpr): Matcher {
  switch (e.t) {
    case 'and': {
      const items = e.items.map(compile)
      if (items.length === 2) {
        const [a, b] = items as [Matcher, Matcher]
        return (ev, c) => a(ev, c) && b(ev, c)
      }
      return (ev, c) => {
        for (let i = 0; i < items.length; i++) if (!items[i]!(ev, c)) return false
        return true
      }
    }
    case 'or': {
      const items = e.items.map(compile)
      return (ev, c) => {
        for (let i = 0; i < items.length; i++) if (items[i]!(ev, c)) return true
        return false
      }
    }
    case 'not': {
      const item = compile(e.item)
      return (ev, c) => !item(ev, c)
    }
    case 'term': {
      if (e.value === '*') return () => true
      const test = termTest(e.value, e.quoted)
      return (ev) => someValue(ev, '_raw', undefined, test)
    }
    case 'in': {
      const tests = e.values.map((p) => equalsTest(p.value, p.quoted))
      const test: Test = (s) => tests.some((t) => t(s))
      const path = META.has(e.field) ? undefined : pathOf(e.field)
      return (ev) => someValue(ev, e.field, path, test)
    }
    case 'cmp':
      return compileCmp(e)
  }
}

function compileCmp(e: Extract<SearchExpr, { t: 'cmp' }>): Matcher {
  const f = e.field.toLowerCase()
  if ((f === 'earliest' || f === 'latest') && e.op === '=') {
    let lastNow = NaN
    let bound: number | undefined
    return (ev, c) => {
      const now = c.now
      if (now !== lastNow) {
        bound = relativeTime(now, e.value)
        lastNow = now
      }
      if (bound === undefined) throw new SplError('syntax', `${f}=${e.value} is not a time modifier`, e.at)
      const t = num(fieldValues(ev, '_time')[0] ?? null)
      if (t === undefined) return false
      return f === 'earliest' ? t >= bound : t < bound
    }
  }
  const name = e.field
  const path = META.has(name) ? undefined : pathOf(name)
  if (e.op === '=') {
    const test: Test = e.value === '*' ? () => true : equalsTest(e.value, e.quoted)
    return (ev) => someValue(ev, name, path, test)
  }
  if (e.op === '!=') {
    const g = valueGlob(e.value, !e.quoted)
    return (ev) => {
      const vs = fieldValues(ev, name)
      return vs.length > 0 && !vs.some((v) => g.test(str(v)))
    }
  }
  const op = e.op
  const y = num(e.value)
  return (ev) =>
    fieldValues(ev, name).some((v) => {
      // Splunk compares numbers with numbers and strings lexicographically; a number never equals a string.
      if ((num(v) === undefined) !== (y === undefined)) return false
      const c = compareScalars(v, e.value)
      return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0
    })
}
