import type { Finding } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'
import type { DeclaredTests } from './unloaded.js'

/** What the Panther loader (src/panther/index.ts) gives for all Panther files of a run at once. */
export interface PantherLoad {
  rules: LoadedRule[]
  findings: Finding[]
  close(): Promise<void>
}

export interface PantherLoader {
  (files: string[], options: import('../panther/index.js').PantherLoadOptions): Promise<PantherLoad>
}

/**
 * The Panther loader, imported only when a run has Panther files, so a Sigma-only run never
 * loads the worker client. It also walks the `global_helpers` / `data_models` folders beside the
 * given files, as PAT does, and reads `<rule>.ruleproof.yml` sidecars.
 */
export const loadPanther: PantherLoader = async (files, options) => {
  const { loadPantherRules } = await import('../panther/index.js')
  return loadPantherRules(files, options)
}

/** The raw test lists of Panther files (read only for files whose rule did not load whole). */
export async function declaredPanther(files: readonly { file: string; text: string }[]): Promise<DeclaredTests[]> {
  if (files.length === 0) return []
  const { declaredPantherTests } = await import('../panther/declared.js')
  return files.map((f) => declaredPantherTests(f.file, f.text)).filter((d): d is DeclaredTests => d !== undefined)
}
