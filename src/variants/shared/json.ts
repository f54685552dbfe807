/** Small JSON helpers shared by the codecs. */

export type JsonObject = Record<string, unknown>

export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** A copy of `obj` with keys sorted alphabetically at every level (protobuf `Struct` order). */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep)
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const k of Object.keys(value).sort()) out[k] = sortKeysDeep(value[k])
  return out
}

/** Deep equality of JSON values, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined)
    const kb = Object.keys(b).filter((k) => b[k] !== undefined)
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]))
  }
  return false
}

/** `obj` without the keys whose value is undefined, in the given key order. */
export function ordered(obj: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {}
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k]
  return out
}
