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
 * The general accessor walk, without recursion (events and field names of any depth): `step`
 * sees each object reached at path index `i`, hands what it reads to `emit` or continues with
 * `push(value, i + 1)`. Arrays on the way are searched element-wise, nested ones too. Values are
 * collected in document order.
 */
function collector(
  step: (node: Record<string, unknown>, i: number, emit: (v: unknown) => void, push: (v: unknown, i: number) => void) => void,
): FieldAccessor {
  // The stacks are the accessor's own and reused from call to call (an accessor never runs inside
  // itself): replay reads deep fields of every record, and a walk allocates nothing unless it
  // finds two values or more.
  const nodes: unknown[] = []
  const at: number[] = []
  // `pending` collects one step's continuations, pushed in reverse so they pop in order.
  const pending: unknown[] = []
  const pendingAt: number[] = []
  let found = 0
  let first: unknown
  let many: unknown[] | undefined
  const emit = (v: unknown) => {
    if (found === 0) first = v
    else if (found === 1) many = [first, v]
    else (many as unknown[]).push(v)
    found++
  }
  const push = (v: unknown, i: number) => {
    pending.push(v)
    pendingAt.push(i)
  }
  return (r) => {
    nodes.length = at.length = pending.length = pendingAt.length = 0
    found = 0
    nodes.push(r)
    at.push(0)
    while (nodes.length > 0) {
      const node = nodes.pop()
      const i = at.pop() as number
      if (Array.isArray(node)) {
        for (let k = node.length - 1; k >= 0; k--) {
          nodes.push(node[k])
          at.push(i)
        }
        continue
      }
      if (!isObject(node)) continue
      step(node, i, emit, push)
      while (pending.length > 0) {
        nodes.push(pending.pop())
        at.push(pendingAt.pop() as number)
      }
    }
    const out = found === 0 ? undefined : found === 1 ? first : many
    first = many = undefined // hold no value of this record past the call
    return out
  }
}

/**
 * An accessor for an explicit path of keys (no dot splitting): `pathAccessor(['a.b', 'c'])`
 * reads `record["a.b"]["c"]`. Arrays on the way are searched element-wise.
 */
export function pathAccessor(path: readonly string[]): FieldAccessor {
  const getters = path.map(ownGetter)
  if (getters.length === 0) return (r) => r
  const last = getters.length - 1
  const general = collector((node, i, emit, push) => {
    const v = (getters[i] as (o: Record<string, unknown>) => unknown)(node)
    if (v === undefined) return
    if (i === last) emit(v)
    else push(v, i + 1)
  })
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
  // rest[i] = literal key of segments i..end joined by dots (a slice: linear memory in the name's length).
  const restGetters: ((o: Record<string, unknown>) => unknown)[] = []
  for (let i = 0, at = 0; i < segs.length; at += (segs[i] as string).length + 1, i++) restGetters.push(ownGetter(field.slice(at)))
  const segGetters = segs.map(ownGetter)
  const n = segs.length
  const general = collector((node, i, emit, push) => {
    const literal = (restGetters[i] as (o: Record<string, unknown>) => unknown)(node)
    if (literal !== undefined) {
      emit(literal)
      return
    }
    if (i === n - 1) return
    const v = (segGetters[i] as (o: Record<string, unknown>) => unknown)(node)
    if (v !== undefined) push(v, i + 1)
  })
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
  walkLeaves(
    record,
    (t) => {
      out.push(t)
      return false
    },
    true,
  )
  return out
}

/**
 * Whether `test` holds for some leaf `defaultKeywords` would list, stopping at the first hit
 * (the same leaves, without building the list; `test` is pure, so their order does not matter).
 * Iterative: an event nested thousands of levels deep cannot overflow the call stack.
 */
export function someLeaf(record: unknown, test: (text: string) => boolean): boolean {
  return walkLeaves(record, test, false)
}

/** The leaf walk; `ordered` visits leaves in document order (keys in insertion order). */
function walkLeaves(record: unknown, test: (text: string) => boolean, ordered: boolean): boolean {
  switch (typeof record) {
    case 'string':
      return test(record)
    case 'number':
    case 'bigint':
      return test(String(record))
    case 'boolean':
      return test(record ? 'true' : 'false')
    case 'object':
      if (record === null) return false
      break
    default:
      return false
  }
  const stack: unknown[] = [record]
  while (stack.length > 0) {
    const x = stack.pop()
    switch (typeof x) {
      case 'string':
        if (test(x)) return true
        break
      case 'number':
      case 'bigint':
        if (test(String(x))) return true
        break
      case 'boolean':
        if (test(x ? 'true' : 'false')) return true
        break
      case 'object': {
        if (x === null) break
        if (Array.isArray(x)) {
          if (ordered) for (let i = x.length - 1; i >= 0; i--) stack.push(x[i])
          else for (let i = 0; i < x.length; i++) stack.push(x[i])
          break
        }
        const o = x as Record<string, unknown>
        const start = stack.length
        for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) stack.push(o[k])
        // Reverse what was pushed so that keys pop in insertion order.
        if (ordered)
          for (let a = start, b = stack.length - 1; a < b; a++, b--) {
            const t = stack[a]
            stack[a] = stack[b]
            stack[b] = t
          }
      }
    }
  }
  return false
}
