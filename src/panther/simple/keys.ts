/**
 * Key specifiers of Simple Detections: `Key: name`, `DeepKey: [a, 0, b]`, `KeyPath: a.b[0].c[*]`,
 * and `Enrichment: {Table, Selector, FieldPath}`. Keys are looked up like PantherEvent does:
 * the exact key first, else case-insensitively (first key wins).
 */
export type KeyStep = string | number | '*'
export const WILDCARD = '*' as const

/** The value(s) a key specifier reaches. `found` is false when the path does not exist. */
export interface Resolved {
  values: unknown[]
  /** True when the specifier used `[*]`, so it may reach several values. */
  multi: boolean
}

export function parseKeyPath(text: string): KeyStep[] {
  const steps: KeyStep[] = []
  const re = /([^.[\]]+)|\[(\*|-?\d+)\]|\.|\[['"]([^'"]*)['"]\]/gy
  let m: RegExpExecArray | null
  let pos = 0
  while (pos < text.length) {
    re.lastIndex = pos
    m = re.exec(text)
    if (!m) throw new Error(`cannot read KeyPath '${text}' at column ${pos + 1}`)
    if (m[1] !== undefined) steps.push(m[1])
    else if (m[2] !== undefined) steps.push(m[2] === '*' ? WILDCARD : Number(m[2]))
    else if (m[3] !== undefined) steps.push(m[3])
    pos = re.lastIndex
  }
  if (steps.length === 0) throw new Error('empty KeyPath')
  return steps
}

export function getKey(obj: unknown, key: string): { found: boolean; value?: unknown } {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return { found: false }
  const rec = obj as Record<string, unknown>
  if (Object.prototype.hasOwnProperty.call(rec, key)) return { found: true, value: rec[key] }
  const lower = key.toLowerCase()
  for (const k of Object.keys(rec)) if (k.toLowerCase() === lower) return { found: true, value: rec[k] }
  return { found: false }
}

/** Follows `steps` from `root`; every value reached (wildcards fan out) — empty when absent. */
export function resolveSteps(root: unknown, steps: readonly KeyStep[]): Resolved {
  let current: unknown[] = [root]
  let multi = false
  for (const step of steps) {
    const next: unknown[] = []
    for (const value of current) {
      if (step === WILDCARD) {
        multi = true
        if (Array.isArray(value)) next.push(...value)
      } else if (typeof step === 'number') {
        if (Array.isArray(value)) {
          const i = step < 0 ? value.length + step : step
          if (i >= 0 && i < value.length) next.push(value[i])
        } else {
          const got = getKey(value, String(step))
          if (got.found) next.push(got.value)
        }
      } else {
        const got = getKey(value, step)
        if (got.found) next.push(got.value)
      }
    }
    current = next
  }
  return { values: current, multi }
}

/** The key steps of an expression's key specifier, or undefined when it has none. */
export function keySteps(expr: Record<string, unknown>): KeyStep[] | undefined {
  if (typeof expr.Key === 'string') return [expr.Key]
  if (Array.isArray(expr.DeepKey)) return expr.DeepKey.map((k) => (typeof k === 'number' ? k : String(k)))
  if (typeof expr.KeyPath === 'string') return parseKeyPath(expr.KeyPath)
  const enrichment = expr.Enrichment as Record<string, unknown> | undefined
  if (enrichment && typeof enrichment === 'object') {
    const field = typeof enrichment.FieldPath === 'string' ? parseKeyPath(enrichment.FieldPath) : []
    return ['p_enrichment', String(enrichment.Table), String(enrichment.Selector), ...field]
  }
  return undefined
}

/** Dotted text of a key specifier, for messages and the fields a detection reads. */
export function keyText(steps: readonly KeyStep[]): string {
  let text = ''
  for (const s of steps) text += typeof s === 'number' ? `[${s}]` : s === WILDCARD ? '[*]' : text ? `.${s}` : s
  return text
}
