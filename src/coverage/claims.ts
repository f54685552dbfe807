import { readFileSync } from 'node:fs'
import { technique } from '../lint/attack.js'
import { parseYamlDocuments } from '../shared/yaml/index.js'

/** The ATT&CK technique ids (upper case, `T1053` or `T1053.007`) a rule document claims (Sigma, Panther, Sentinel, Splunk). */
export function techniquesOfDocument(doc: unknown): string[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return []
  const d = doc as Record<string, unknown>
  const out = new Set<string>()
  // Sigma: `attack.t1053.007` tags.
  if (Array.isArray(d['tags'])) {
    for (const t of d['tags']) {
      const m = typeof t === 'string' ? /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t.trim()) : null
      if (m) out.add(m[1]!.toUpperCase())
    }
  }
  // Sentinel: `relevantTechniques: [T1053.003]`; Splunk: `tags: {mitre_attack_id: [T1053.003]}`.
  const ids = (list: unknown): void => {
    if (!Array.isArray(list)) return
    for (const x of list) if (typeof x === 'string' && /^t\d{4}(\.\d{3})?$/i.test(x.trim())) out.add(x.trim().toUpperCase())
  }
  if (Object.hasOwn(d, 'relevantTechniques')) ids(d['relevantTechniques'])
  const tags = d['tags']
  if (tags !== null && typeof tags === 'object' && !Array.isArray(tags) && Object.hasOwn(tags, 'mitre_attack_id')) ids((tags as Record<string, unknown>)['mitre_attack_id'])
  // Panther: `Reports: {MITRE ATT&CK: [TA0003:T1053.003, …]}`.
  const reports = d['Reports']
  if (reports !== null && typeof reports === 'object' && !Array.isArray(reports) && Object.hasOwn(reports, 'MITRE ATT&CK')) {
    const list = (reports as Record<string, unknown>)['MITRE ATT&CK']
    if (Array.isArray(list)) {
      for (const entry of list) {
        if (typeof entry !== 'string') continue
        for (const part of entry.split(':')) {
          const id = part.trim()
          if (/^t\d{4}(\.\d{3})?$/i.test(id)) out.add(id.toUpperCase())
        }
      }
    }
  }
  return [...out].sort()
}

/** The id a document gives its rule: Sigma `id` (else `title`), Panther `RuleID`/`PolicyID`. */
function documentKeys(doc: unknown): string[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return []
  const d = doc as Record<string, unknown>
  return ['id', 'title', 'RuleID', 'PolicyID', 'DisplayName', 'name'].map((k) => (Object.hasOwn(d, k) ? d[k] : undefined)).filter((v): v is string => typeof v === 'string')
}

/**
 * Techniques per rule of one file, by the rule's id or title. A file the loader could read but we
 * cannot (it is not YAML: a Python module) claims nothing here; its YAML sibling does.
 */
export function techniquesInFile(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return out
  }
  let docs: unknown[]
  try {
    docs = parseYamlDocuments(text, file).map((d) => d.value)
  } catch {
    return out
  }
  for (const doc of docs) {
    const ids = techniquesOfDocument(doc)
    for (const key of documentKeys(doc)) if (!out.has(key)) out.set(key, ids)
  }
  return out
}

/** The technique's parent (`T1053` for `T1053.007`), or undefined for a technique. */
export function parentOf(id: string): string | undefined {
  const dot = id.indexOf('.')
  return dot < 0 ? undefined : id.slice(0, dot)
}

/** Name and tactic shortnames from the bundled ATT&CK table; unknown ids keep their id as name. */
export function describeTechnique(id: string): { name: string; tactics: string[]; known: boolean } {
  const t = technique(id)
  return t ? { name: t.name, tactics: t.tactics, known: true } : { name: id, tactics: [], known: false }
}
