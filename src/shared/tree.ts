/**
 * Edits of a query's syntax tree (KQL's and SPL's: plain objects and arrays). A mutant shares every
 * subtree it does not change with the original, so a changed statement or command is the one whose
 * object is no longer the original's.
 */

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

/** A copy of `root` with `target` (found by identity) replaced; `root` itself when it is not there. */
export function replaceNode<T>(root: T, target: object, replacement: unknown): T {
  const visit = (v: unknown): unknown => {
    if (v === target) return replacement
    if (Array.isArray(v)) {
      let changed = false
      const out = v.map((x) => {
        const y = visit(x)
        if (y !== x) changed = true
        return y
      })
      return changed ? out : v
    }
    if (!isPlain(v)) return v // maps, class instances (timespans, datetimes): left whole
    let out: Record<string, unknown> | undefined
    for (const [k, x] of Object.entries(v)) {
      const y = visit(x)
      if (y !== x) (out ??= { ...v })[k] = y
    }
    return out ?? v
  }
  return visit(root) as T
}

/**
 * Every plain-object node of a tree, parents before children, with its parent. `leaf` names the
 * nodes whose insides are values, not tree (a KQL literal holding a `dynamic` bag).
 */
export function* nodesOf(root: unknown, leaf?: (node: Record<string, unknown>) => boolean, parent?: object): Generator<{ node: Record<string, unknown>; parent: object | undefined }> {
  if (Array.isArray(root)) {
    for (const x of root) yield* nodesOf(x, leaf, parent)
    return
  }
  if (!isPlain(root)) return
  yield { node: root, parent }
  if (leaf?.(root)) return
  for (const v of Object.values(root)) yield* nodesOf(v, leaf, root)
}

/** A KQL literal: its value (a `dynamic` bag or list) is data, not syntax. */
export const kqlLiteral = (node: Record<string, unknown>): boolean => node['k'] === 'lit'
