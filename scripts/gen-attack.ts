/**
 * Writes src/lint/data/attack.json, the compact ATT&CK table the linter ships, from the
 * MITRE ATT&CK Enterprise data in ../shared/corpus/attack (run: npx tsx scripts/gen-attack.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const source = process.argv[2] ?? path.resolve(root, '../shared/corpus/attack/enterprise-attack-compact.json')

interface Tactic { id: string; shortname: string; name: string; revoked: boolean; deprecated: boolean }
interface Technique { id: string; name: string; tactics: string[]; platforms: string[]; revoked?: boolean; deprecated?: boolean; revoked_by?: string | null }
const data = JSON.parse(readFileSync(source, 'utf8')) as { attack_version: string; copyright: string; terms: string; tactics: Tactic[]; techniques: Technique[] }

const out = {
  attribution: `${data.copyright} Derived from MITRE ATT&CK Enterprise v${data.attack_version}; ${data.terms}`,
  version: data.attack_version,
  // ATT&CK v19 renamed Defense Evasion (TA0005) to Stealth and split out Defense Impairment (TA0112).
  renamedTactics: { 'defense-evasion': ['stealth', 'defense-impairment'] },
  tactics: Object.fromEntries(data.tactics.filter((t) => !t.revoked && !t.deprecated).map((t) => [t.shortname, [t.id, t.name]])),
  /** id → [name, tactics, platforms, status ('' active, 'revoked', 'deprecated'), revoked_by] */
  techniques: Object.fromEntries(
    data.techniques.map((t) => [
      t.id,
      [t.name, t.tactics, t.platforms, t.revoked ? 'revoked' : t.deprecated ? 'deprecated' : '', t.revoked_by ?? null],
    ]),
  ),
}
const target = path.join(root, 'src/lint/data/attack.json')
writeFileSync(target, JSON.stringify(out) + '\n')
console.log(`wrote ${target}: ${Object.keys(out.tactics).length} tactics, ${Object.keys(out.techniques).length} techniques`)
