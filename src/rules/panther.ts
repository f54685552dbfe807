import type { Finding } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'

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
