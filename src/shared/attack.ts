/** MITRE ATT&CK technique ids as rules claim them and dataset labels carry them. */

const TECHNIQUE = /^T\d{4}(?:\.\d{3})?$/

/** `T1053.007` from `attack.t1053.007`, `TA0002:T1053.007`, `T1053.007`; undefined for tactics and other tags. */
export function techniqueId(text: string): string | undefined {
  let t = text.trim()
  const sigma = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t)
  if (sigma) return sigma[1]!.toUpperCase()
  // Panther's `TA0002:T1609` (tactic:technique); a comment after the id is already dropped by YAML.
  const colon = t.lastIndexOf(':')
  if (colon >= 0) t = t.slice(colon + 1).trim()
  t = t.toUpperCase()
  return TECHNIQUE.test(t) ? t : undefined
}

function unique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort()
}

/** Techniques of Sigma `tags:` (`attack.tNNNN[.NNN]`; tactics, groups and software are not techniques). */
export function sigmaTechniques(tags: unknown): string[] {
  if (!Array.isArray(tags)) return []
  return unique(tags.filter((t): t is string => typeof t === 'string' && /^attack\.t\d/i.test(t)).flatMap((t) => techniqueId(t) ?? []))
}

/** Techniques of Panther `Reports: {MITRE ATT&CK: [TA0002:T1609, …]}` (the key matched case-insensitively). */
export function pantherTechniques(reports: unknown): string[] {
  if (reports === null || typeof reports !== 'object' || Array.isArray(reports)) return []
  const out: string[] = []
  for (const [key, value] of Object.entries(reports)) {
    if (key.replace(/\s+/g, '').toUpperCase() !== 'MITREATT&CK') continue
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') continue
      for (const part of v.split(/[,\s]+/)) {
        const id = techniqueId(part)
        if (id) out.push(id)
      }
    }
  }
  return unique(out)
}

/** The technique ids of a label's `technique` (a string, possibly comma-separated, or a list). */
export function labelTechniques(technique: unknown): string[] {
  const parts = Array.isArray(technique) ? technique : typeof technique === 'string' ? technique.split(/[,\s]+/) : []
  return parts.flatMap((p) => (typeof p === 'string' ? (techniqueId(p) ?? []) : []))
}
