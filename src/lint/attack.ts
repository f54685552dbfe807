import data from './data/attack.json' with { type: 'json' }

/** MITRE ATT&CK Enterprise, compact (see data/attack.json `attribution`; regenerate with scripts/gen-attack.ts). */
export interface AttackTechnique {
  id: string
  name: string
  tactics: string[]
  platforms: string[]
  status: '' | 'revoked' | 'deprecated'
  revokedBy: string | null
}

type Row = [string, string[], string[], string, string | null]
const techniques = data.techniques as unknown as Record<string, Row>
const tactics = data.tactics as unknown as Record<string, [string, string]>
const renamed = data.renamedTactics as Record<string, string[]>

export const ATTACK_VERSION: string = data.version

export function technique(id: string): AttackTechnique | undefined {
  // Own keys only: a tag such as attack.constructor names no technique or tactic.
  const row = Object.hasOwn(techniques, id.toUpperCase()) ? techniques[id.toUpperCase()] : undefined
  if (row === undefined) return undefined
  return { id: id.toUpperCase(), name: row[0], tactics: row[1], platforms: row[2], status: row[3] as AttackTechnique['status'], revokedBy: row[4] }
}

/** Tactic by shortname (`persistence`) or id (`TA0003`). */
export function tactic(key: string): { id: string; shortname: string; name: string } | undefined {
  const hit = tacticIndex().get(key.toLowerCase())
  return hit === undefined ? undefined : { ...hit }
}

let tacticsByKey: Map<string, { id: string; shortname: string; name: string }> | undefined
/** Lower-cased shortname and id → tactic; the first tactic in table order wins, as a scan would. */
function tacticIndex(): Map<string, { id: string; shortname: string; name: string }> {
  if (tacticsByKey) return tacticsByKey
  tacticsByKey = new Map()
  for (const [shortname, [id, name]] of Object.entries(tactics)) {
    for (const k of [shortname, id.toLowerCase()]) if (!tacticsByKey.has(k)) tacticsByKey.set(k, { id, shortname, name })
  }
  return tacticsByKey
}

/** Current names of a tactic ATT&CK renamed, e.g. defense-evasion → stealth, defense-impairment. */
export function renamedTactic(shortname: string): string[] | undefined {
  const key = shortname.toLowerCase()
  return Object.hasOwn(renamed, key) ? renamed[key] : undefined
}

/** Follows a revoked technique's `revoked_by` chain to the active one. */
export function replacement(id: string): string | undefined {
  let t = technique(id)
  for (let n = 0; t !== undefined && t.status === 'revoked' && n < 10; n++) {
    if (t.revokedBy === null) return undefined
    const next = technique(t.revokedBy)
    if (next === undefined || next.status !== 'revoked') return t.revokedBy
    t = next
  }
  return undefined
}
