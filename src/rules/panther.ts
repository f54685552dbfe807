import type { Finding } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'

/** What the Panther loader (src/panther/index.ts) gives for all Panther files of a run at once. */
export interface PantherLoad {
  rules: LoadedRule[]
  findings: Finding[]
  close(): Promise<void>
}

export interface PantherLoader {
  (files: string[], options: { python?: string; timeoutMs?: number; logTypes?: string[]; cwd?: string }): Promise<PantherLoad>
}

interface PantherModule {
  loadPantherRules: PantherLoader
}

/**
 * The Panther loader, imported only when a run has Panther files: a Sigma-only run never
 * starts Python or loads the worker code.
 */
export const loadPanther: PantherLoader = async (files, options) => {
  // A variable specifier keeps the import lazy (and type-checked through PantherModule).
  const specifier = '../panther/index.js'
  const mod = (await import(specifier)) as PantherModule
  return mod.loadPantherRules(files, options)
}
