/**
 * Field accessors: how a Sigma field name reads a value from a plain JSON event.
 *
 * A dotted name addresses nested objects (`objectRef.resource`); a literal key with the dots in
 * it wins where present (at any level: `{"a": {"b.c": 1}}` answers `a.b.c`). When a step meets
 * an array, every element is searched and the found values are collected into an array, which
 * matchers then search element-wise. Absent → `undefined`.
 */

/** Reads the value of one field from an event; `undefined` means absent. */
export type FieldAccessor = (record: unknown) => unknown

const protoKeys = new Set(Object.getOwnPropertyNames(Object.prototype))

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null
}

/** Own-property read; names inherited from Object.prototype (`constructor`…) are not fields. */
function ownGetter(key: string): (o: Record<string, unknown>) => unknown {
  if (protoKeys.has(key)) return (o) => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined)
  return (o) => o[key]
}

/**
 * An accessor for an explicit path of keys (no dot splitting): `pathAccessor(['a.b', 'c'])`
 * reads `record["a.b"]["c"]`. Arrays on the way are searched element-wise.
 */
export function pathAccessor(path: readonly string[]): FieldAccessor {
  const getters = path.map(ownGetter)
  if (getters.length === 0) return (r) => r
  const walk = (node: unknown, i: number, out: unknown[]): void => {
    if (Array.isArray(node)) {
      for (const el of node) walk(el, i, out)
      return
    }
    if (!isObject(node)) return
    const v = (getters[i] as (o: Record<string, unknown>) => unknown)(node)
    if (v === undefined) return
    if (i === getters.length - 1) out.push(v)
    else walk(v, i + 1, out)
  }
  const general = (r: unknown): unknown => {
    const out: unknown[] = []
    walk(r, 0, out)
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out
  }
  if (getters.length === 1 && !protoKeys.has(path[0] as string)) {
    const k = path[0] as string
    return (r) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? (r as Record<string, unknown>)[k] : general(r))
  }
  if (getters.length === 1) {
    const g = getters[0] as (o: Record<string, unknown>) => unknown
    return (r) => (isObject(r) && !Array.isArray(r) ? g(r) : general(r))
  }
  if (getters.length === 2) {
    const [g0, g1] = getters as [(o: Record<string, unknown>) => unknown, (o: Record<string, unknown>) => unknown]
    return (r) => {
      if (isObject(r) && !Array.isArray(r)) {
        const a = g0(r)
        if (a === undefined || a === null || typeof a !== 'object') return undefined
        if (!Array.isArray(a)) return g1(a as Record<string, unknown>)
      }
      return general(r)
    }
  }
  return general
}

/**
 * Splits `a.b.c` at every dot, trying at each level the literal key made of the remaining
 * segments first. Results found through arrays are collected.
 */
function dottedAccessor(field: string): FieldAccessor {
  const segs = field.split('.')
  // rest[i] = literal key of segments i..end joined by dots.
  const restGetters = segs.map((_, i) => ownGetter(segs.slice(i).join('.')))
  const segGetters = segs.map(ownGetter)
  const n = segs.length
  const walk = (node: unknown, i: number, out: unknown[]): void => {
    if (Array.isArray(node)) {
      for (const el of node) walk(el, i, out)
      return
    }
    if (!isObject(node)) return
    const literal = (restGetters[i] as (o: Record<string, unknown>) => unknown)(node)
    if (literal !== undefined) {
      out.push(literal)
      return
    }
    if (i === n - 1) return
    const v = (segGetters[i] as (o: Record<string, unknown>) => unknown)(node)
    if (v !== undefined) walk(v, i + 1, out)
  }
  const general = (r: unknown): unknown => {
    const out: unknown[] = []
    walk(r, 0, out)
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out
  }
  if (n === 2 && !protoKeys.has(field) && !protoKeys.has(segs[0] as string) && !protoKeys.has(segs[1] as string)) {
    // Plain keys: direct property reads, no getter closures on the hot path.
    const [k0, k1] = segs as [string, string]
    return (r) => {
      if (typeof r === 'object' && r !== null && !Array.isArray(r)) {
        const o = r as Record<string, unknown>
        const lit = o[field]
        if (lit !== undefined) return lit
        const a = o[k0]
        if (a === undefined || a === null || typeof a !== 'object') return undefined
        if (!Array.isArray(a)) return (a as Record<string, unknown>)[k1]
      }
      return general(r)
    }
  }
  if (n === 2) {
    const whole = restGetters[0] as (o: Record<string, unknown>) => unknown
    const g0 = segGetters[0] as (o: Record<string, unknown>) => unknown
    const g1 = segGetters[1] as (o: Record<string, unknown>) => unknown
    return (r) => {
      if (isObject(r) && !Array.isArray(r)) {
        const lit = whole(r)
        if (lit !== undefined) return lit
        const a = g0(r)
        if (a === undefined || a === null || typeof a !== 'object') return undefined
        if (!Array.isArray(a)) return g1(a as Record<string, unknown>)
      }
      return general(r)
    }
  }
  return general
}

const cache = new Map<string, FieldAccessor>()

/**
 * The default accessor for a Sigma field name: dotted path into nested objects, a literal dotted
 * key wins, arrays are searched element-wise. Accessors are cached per name.
 */
export function defaultAccessor(field: string): FieldAccessor {
  let acc = cache.get(field)
  if (!acc) {
    acc = field.includes('.') ? dottedAccessor(field) : pathAccessor([field])
    if (cache.size > 10_000) cache.clear()
    cache.set(field, acc)
  }
  return acc
}

/**
 * The default keyword source: every string, number and boolean leaf of the event (numbers and
 * booleans by their text), depth first.
 */
export function defaultKeywords(record: unknown): string[] {
  const out: string[] = []
  const walk = (x: unknown): void => {
    switch (typeof x) {
      case 'string':
        out.push(x)
        return
      case 'number':
      case 'bigint':
        out.push(String(x))
        return
      case 'boolean':
        out.push(x ? 'true' : 'false')
        return
      case 'object':
        if (x === null) return
        if (Array.isArray(x)) for (const el of x) walk(el)
        else for (const k in x) if (Object.prototype.hasOwnProperty.call(x, k)) walk((x as Record<string, unknown>)[k])
    }
  }
  walk(record)
  return out
}

/**
 * Whether `test` holds for some leaf `defaultKeywords` would list, stopping at the first hit
 * (the same leaves, without building the list).
 */
export function someLeaf(record: unknown, test: (text: string) => boolean): boolean {
  switch (typeof record) {
    case 'string':
      return test(record)
    case 'number':
    case 'bigint':
      return test(String(record))
    case 'boolean':
      return test(record ? 'true' : 'false')
    case 'object': {
      if (record === null) return false
      if (Array.isArray(record)) {
        for (const el of record) if (someLeaf(el, test)) return true
        return false
      }
      for (const k in record)
        if (Object.prototype.hasOwnProperty.call(record, k) && someLeaf((record as Record<string, unknown>)[k], test)) return true
      return false
    }
    default:
      return false
  }
}
