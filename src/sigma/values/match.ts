/**
 * Compiles final (fully modified) Sigma values into predicates over the value a field accessor
 * returned. Everything expensive happens here, once: needles are lower-cased, globs become
 * anchored RegExps or plain includes/startsWith/endsWith, exact needles go into a Set.
 */
import { networkContains, parseIpAddress } from './cidr.js'
import { compileLinearGlob } from './glob.js'
import { compileSigmaRegex } from './regex-engine.js'
import { type SigmaString, type StringPart, hasPlaceholders } from './sigma-string.js'
import { parseTimestamp, timePart } from './time.js'
import type { CompareOp, SigmaValue } from './types.js'

/**
 * A test over what an accessor returned for one event: `undefined` when absent, a scalar, an
 * object, or an array (searched element-wise). `record` is the whole event (for `|fieldref`).
 */
export type FieldTest = (value: unknown, record: unknown) => boolean
/** A test over one non-array value. */
export type ScalarTest = (value: unknown, record: unknown) => boolean

/** Reads another field of the event (for `|fieldref`). */
export type FieldReader = (field: string) => (record: unknown) => unknown

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/** Text of a scalar event value as SIEMs compare it: numbers and booleans by their text. */
export function scalarText(x: unknown): string | undefined {
  switch (typeof x) {
    case 'string':
      return x
    case 'number':
      return String(x)
    case 'boolean':
      return x ? 'true' : 'false'
    case 'bigint':
      return String(x)
    default:
      return undefined
  }
}

/** A number read from an event value: numbers, or strings holding a decimal number. */
export function numericValue(x: unknown): number | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? x : undefined
  if (typeof x === 'string' && NUMERIC.test(x)) return Number(x)
  if (typeof x === 'bigint') return Number(x)
  return undefined
}

/** Applies a scalar test to a value, element-wise through (nested) arrays. */
export function someElement(x: unknown, record: unknown, test: ScalarTest): boolean {
  if (!Array.isArray(x)) return test(x, record)
  // Flat arrays (the usual case) in one loop; nested ones through an explicit stack, never by
  // recursion (an event may nest arrays thousands deep). Tests are pure: order does not matter.
  let nested: unknown[][] | undefined
  let list: unknown[] | undefined = x
  while (list !== undefined) {
    for (let i = 0; i < list.length; i++) {
      const el = list[i]
      if (Array.isArray(el)) (nested ??= []).push(el)
      else if (test(el, record)) return true
    }
    list = nested?.pop()
  }
  return false
}

/**
 * Remembers a pure string function's answers for the first `limit` distinct short inputs. Field
 * values such as verbs, resources and event ids repeat endlessly; V8 caches string hashes, so a
 * hit costs one lookup instead of a lower-casing. Bounded (count and length) so that thousands
 * of compiled rules cannot pin much memory.
 */
export function memoize<T>(fn: (s: string) => T, limit = 256, maxLength = 64): (s: string) => T {
  const memo = new Map<string, T>()
  return (s) => {
    if (s.length > maxLength) return fn(s)
    let v = memo.get(s)
    if (v === undefined && !memo.has(s)) {
      v = fn(s)
      if (memo.size < limit) memo.set(s, v)
    }
    return v as T
  }
}

/** A test over the (possibly lower-cased) text of a value. */
export type TextTest = (text: string) => boolean

/** Compiles a glob (wildcards only, no placeholders) into a text test. */
export function compileGlob(s: SigmaString): TextTest {
  if (hasPlaceholders(s)) throw new Error('internal: placeholder left in a value')
  const fold = (t: string) => (s.cased ? t : t.toLowerCase())
  const anyPart = (p: StringPart | undefined) => p !== undefined && typeof p !== 'string' && p.kind === 'any'
  // Collapse runs of `*`: `**` means the same as `*`.
  const parts: StringPart[] = []
  for (const p of s.parts) if (!(anyPart(p) && anyPart(parts[parts.length - 1]))) parts.push(p)
  const isAny = (i: number) => anyPart(parts[i])
  const lit = (i: number) => (typeof parts[i] === 'string' ? fold(parts[i] as string) : undefined)
  if (parts.length === 0) return (t) => t === ''
  if (parts.length === 1) {
    const l = lit(0)
    if (l !== undefined) return (t) => t === l
    if (isAny(0)) return () => true
  }
  if (parts.length === 2) {
    const a = lit(0)
    if (a !== undefined && isAny(1)) return (t) => t.startsWith(a)
    const b = lit(1)
    if (b !== undefined && isAny(0)) return (t) => t.endsWith(b)
  }
  if (parts.length === 3 && isAny(0) && isAny(2)) {
    const m = lit(1)
    if (m !== undefined) return (t) => t.includes(m)
  }
  // Anything else: segments between the `*`s, matched leftmost-first (linear, never backtracks).
  return compileLinearGlob(parts, fold)
}

function compare(op: CompareOp | 'eq', a: number, b: number): boolean {
  switch (op) {
    case 'lt':
      return a < b
    case 'lte':
      return a <= b
    case 'gt':
      return a > b
    case 'gte':
      return a >= b
    case 'eq':
      return a === b
  }
}

function fieldRefTest(v: Extract<SigmaValue, { type: 'fieldref' }>, read: FieldReader): FieldTest {
  const other = read(v.field)
  const fold = (t: string) => (v.cased ? t : t.toLowerCase())
  const rel = (a: string, b: string): boolean => {
    switch (v.shape) {
      case 'exact':
        return a === b
      case 'contains':
        return a.includes(b)
      case 'startswith':
        return a.startsWith(b)
      case 'endswith':
        return a.endsWith(b)
    }
  }
  return (x, record) => {
    if (x === undefined || x === null) return false
    const o = other(record)
    if (o === undefined || o === null) return false
    return someElement(x, record, (a) => {
      const at = scalarText(a)
      if (at === undefined) return false
      const af = fold(at)
      return someElement(o, record, (b) => {
        const bt = scalarText(b)
        if (bt === undefined) return false
        if (v.shape === 'exact') {
          const an = numericValue(a)
          if (an !== undefined && an === numericValue(b)) return true
        }
        return rel(af, fold(bt))
      })
    })
  }
}

/** Flattens expansions into their alternatives. */
export function alternatives(v: SigmaValue): SigmaValue[] {
  return v.type === 'expansion' ? v.values.flatMap(alternatives) : [v]
}

/**
 * Compiles alternatives (OR-linked) into one field test. Text needles share one lower-casing of
 * the event value; exact case-insensitive needles are looked up in a Set.
 */
export function compileAlternatives(values: readonly SigmaValue[], read: FieldReader): FieldTest {
  return fieldTestOf(compileAlternativeParts(values, read))
}

/** The two halves of a compiled alternative list (see `compileAlternativeParts`). */
export interface AlternativeParts {
  /** OR of the tests over single (non-array) values; undefined when there are none. */
  scalar?: ScalarTest
  /** Tests over the whole accessor result (null, exists, fieldref). */
  whole: FieldTest[]
}

/** Combines the halves: whole tests, then the scalar test through arrays. */
export function fieldTestOf(parts: AlternativeParts): FieldTest {
  const tests: FieldTest[] = [...parts.whole]
  if (parts.scalar) {
    const s = parts.scalar
    tests.push((x, r) => (x === undefined ? false : Array.isArray(x) ? someElement(x, r, s) : s(x, r)))
  }
  if (tests.length === 0) return () => false
  if (tests.length === 1) return tests[0] as FieldTest
  return (x, r) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as FieldTest)(x, r)) return true
    return false
  }
}

/**
 * Compiles alternatives (OR-linked) into a scalar test and whole-value tests, so that callers can
 * specialise the hot path (a plain string field needs no array or undefined checks).
 */
export function compileAlternativeParts(values: readonly SigmaValue[], read: FieldReader): AlternativeParts {
  const exactFolded = new Set<string>()
  const exactCased = new Set<string>()
  const foldedTests: TextTest[] = []
  const casedTests: TextTest[] = []
  const scalarTests: ScalarTest[] = []
  const wholeTests: FieldTest[] = []

  for (const v of values.flatMap(alternatives)) {
    switch (v.type) {
      case 'string': {
        const plain = v.parts.length === 1 && typeof v.parts[0] === 'string' ? (v.parts[0] as string) : v.parts.length === 0 ? '' : undefined
        if (plain !== undefined) (v.cased ? exactCased : exactFolded).add(v.cased ? plain : plain.toLowerCase())
        else (v.cased ? casedTests : foldedTests).push(compileGlob(v))
        break
      }
      case 'number': {
        const n = v.value
        scalarTests.push((x) => (typeof x === 'number' ? x === n : numericValue(x) === n))
        break
      }
      case 'boolean': {
        const b = v.value
        const text = b ? 'true' : 'false'
        scalarTests.push((x) => x === b || (typeof x === 'string' && x.toLowerCase() === text))
        break
      }
      case 'null':
        wholeTests.push((x) => x === undefined || x === null)
        break
      case 'exists':
        // Presence only (spec, modifiers appendix: "not its value, be it empty or null").
        wholeTests.push(v.value ? (x) => x !== undefined : (x) => x === undefined)
        break
      case 're': {
        const re = compileSigmaRegex(v.pattern, v.flags)
        scalarTests.push((x) => {
          const t = scalarText(x)
          return t !== undefined && re.test(t)
        })
        break
      }
      case 'cidr': {
        const net = v.network
        const inNet = memoize((x) => {
          const addr = parseIpAddress(x.trim())
          return addr !== undefined && networkContains(net, addr)
        })
        scalarTests.push((x) => typeof x === 'string' && inNet(x))
        break
      }
      case 'compare': {
        const { op, value } = v
        scalarTests.push((x) => {
          const n = numericValue(x)
          return n !== undefined && compare(op, n, value)
        })
        break
      }
      case 'timepart': {
        const { op, value, part } = v
        scalarTests.push((x) => {
          const ms = parseTimestamp(x)
          return ms !== undefined && compare(op, timePart(ms, part), value)
        })
        break
      }
      case 'fieldref':
        wholeTests.push(fieldRefTest(v, read))
        break
      case 'expansion':
        break // flattened above
    }
  }

  const hasText = exactFolded.size + exactCased.size + foldedTests.length + casedTests.length > 0
  let textTest: ScalarTest | undefined
  if (hasText) {
    const needFold = exactFolded.size > 0 || foldedTests.length > 0
    const needCased = exactCased.size > 0 || casedTests.length > 0
    // Specialised shapes for the common cases keep the hot path free of loops.
    if (!needCased && foldedTests.length === 0) {
      const inSet = memoize((t) => exactFolded.has(t.toLowerCase()))
      textTest = (x) => {
        const t = typeof x === 'string' ? x : scalarText(x)
        return t !== undefined && inSet(t)
      }
    } else if (!needCased && exactFolded.size === 0 && foldedTests.length === 1) {
      const only = foldedTests[0] as TextTest
      textTest = (x) => {
        const t = typeof x === 'string' ? x : scalarText(x)
        return t !== undefined && only(t.toLowerCase())
      }
    } else {
      textTest = (x) => {
        const t = typeof x === 'string' ? x : scalarText(x)
        if (t === undefined) return false
        if (needFold) {
          const l = t.toLowerCase()
          if (exactFolded.has(l)) return true
          for (let i = 0; i < foldedTests.length; i++) if ((foldedTests[i] as TextTest)(l)) return true
        }
        if (needCased) {
          if (exactCased.has(t)) return true
          for (let i = 0; i < casedTests.length; i++) if ((casedTests[i] as TextTest)(t)) return true
        }
        return false
      }
    }
  }
  const scalars: ScalarTest[] = textTest ? [textTest, ...scalarTests] : scalarTests
  let scalar: ScalarTest | undefined
  if (scalars.length === 1) scalar = scalars[0]
  else if (scalars.length > 1)
    scalar = (x, r) => {
      for (let i = 0; i < scalars.length; i++) if ((scalars[i] as ScalarTest)(x, r)) return true
      return false
    }

  const parts: AlternativeParts = { whole: wholeTests }
  if (scalar) parts.scalar = scalar
  return parts
}
