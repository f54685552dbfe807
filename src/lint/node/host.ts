import { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readFileSync } from 'node:fs'
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

/** Python modules larger than this are not parsed (PAT's largest module is ~40 KB). */
const MAX_MODULE_BYTES = 16 * 1024 * 1024

/**
 * A module's text, or undefined when it is not a readable regular file. Opened without blocking
 * and checked on the open file: a FIFO or a link to /dev/zero swapped in after loading cannot hang
 * lint or exhaust its memory.
 */
function readModule(file: string): string | undefined {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch {
    return undefined
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile() || st.size > MAX_MODULE_BYTES) return undefined
    return readFileSync(fd, 'utf8')
  } catch {
    return undefined
  } finally {
    closeSync(fd)
  }
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
        const text = readModule(p)
        if (text === undefined) out.set(p, { exists: false, functions: [], names: [] })
        else sources.set(p, text)
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
