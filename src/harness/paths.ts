/**
 * Field paths as the harness compares them: dotted, case-insensitive (Panther reads keys
 * case-insensitively), array indices dropped (matchers search lists element-wise).
 */
export function pathSegments(path: string): string[] {
  return path
    .split('.')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .map((s) => s.toLowerCase())
}

/** True when one path is a prefix of the other: changing either can change what the other reads. */
export function pathsOverlap(a: string, b: string): boolean {
  const x = pathSegments(a)
  const y = pathSegments(b)
  const n = Math.min(x.length, y.length)
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false
  return true
}

export function overlapsAny(paths: readonly string[], reads: readonly string[]): boolean {
  return paths.some((p) => reads.some((r) => pathsOverlap(p, r)))
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Paths of the leaves that differ between two JSON values (a changed subtree counts at its top). */
export function changedPaths(a: unknown, b: unknown, prefix = '', out: string[] = []): string[] {
  if (Object.is(a, b)) return out
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length)
    for (let i = 0; i < n; i++) changedPaths(a[i], b[i], prefix === '' ? String(i) : `${prefix}.${i}`, out)
    return out
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) changedPaths(a[k], b[k], prefix === '' ? k : `${prefix}.${k}`, out)
    return out
  }
  out.push(prefix)
  return out
}
