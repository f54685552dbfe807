import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomicSync } from '../../shared/atomic-write.js'
import type { LintHost, PythonModuleInfo, RedosVerdict } from '../host.js'
import { createRedosChecker } from '../redos.js'
import { analyzePythonSources } from './python.js'

export interface NodeHostOptions {
  /** Python interpreter for parsing Panther modules. @defaultValue 'python3' */
  python?: string
  /** File that keeps ReDoS verdicts between runs; undefined keeps them in memory only. */
  redosCacheFile?: string
}

/** The linter's I/O edge: reads Python modules, checks files exist, persists the ReDoS cache. */
export function createNodeHost(options: NodeHostOptions = {}): LintHost & { save(): void; warnings: string[] } {
  const cache = new Map<string, RedosVerdict>()
  const warnings: string[] = []
  let loadedSize = 0
  if (options.redosCacheFile && existsSync(options.redosCacheFile)) {
    try {
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(options.redosCacheFile, 'utf8')) as Record<string, RedosVerdict>)) cache.set(k, v)
      loadedSize = cache.size
    } catch {
      // A corrupt cache is rebuilt.
    }
  }
  return {
    warnings,
    redos: createRedosChecker(cache),
    fileExists: (p) => existsSync(p),
    async pythonModules(paths): Promise<Map<string, PythonModuleInfo>> {
      const sources = new Map<string, string>()
      const out = new Map<string, PythonModuleInfo>()
      for (const p of paths) {
        try {
          sources.set(p, readFileSync(p, 'utf8'))
        } catch {
          out.set(p, { exists: false, functions: [], names: [] })
        }
      }
      if (sources.size === 0) return out
      try {
        for (const [k, v] of await analyzePythonSources(sources, options.python)) out.set(k, v)
      } catch (e) {
        // Each module is a finding (panther-python), so no report reads "0 errors" for it.
        const why = (e as Error).message
        warnings.push(`Python modules were not checked: ${why}`)
        for (const p of sources.keys()) out.set(p, { exists: true, functions: [], names: [], unchecked: why })
      }
      return out
    },
    save() {
      if (!options.redosCacheFile || cache.size === loadedSize) return
      try {
        mkdirSync(path.dirname(options.redosCacheFile), { recursive: true })
        // Atomic: lint runs in parallel (CI matrix, editors) must not leave a torn cache.
        writeFileAtomicSync(options.redosCacheFile, JSON.stringify(Object.fromEntries(cache)))
      } catch {
        // The cache is an optimisation; a read-only tree just means recomputing next time.
      }
    },
  }
}
