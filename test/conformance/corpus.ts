// Where the conformance suite finds ../shared/corpus, and the YAML files under a folder of it.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

export const projectRoot = path.resolve(import.meta.dirname, '../..')
/** RULEPROOF_CORPUS overrides it (a git worktree that is not beside ../shared). */
export const corpus = process.env.RULEPROOF_CORPUS ?? path.resolve(projectRoot, '../shared/corpus')

/** Every .yml/.yaml file under `dir`, sorted; none when the folder is absent. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name)
      if (e.isDirectory()) walk(f)
      else if (/\.ya?ml$/.test(e.name)) out.push(f)
    }
  }
  if (existsSync(dir)) walk(dir)
  return out.sort()
}
