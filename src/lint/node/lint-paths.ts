import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { classifyFile } from '../../rules/classify.js'
import { UsageError } from '../../shared/errors.js'
import { registry } from '../checks/index.js'
import { resolveLintConfig, type LintConfigInput } from '../config.js'
import { lintSources, type LintResult } from '../engine.js'
import { createNodeHost } from './host.js'

export interface LintPathsOptions {
  cwd: string
  config?: LintConfigInput
  /** Folder the config's globs are relative to. @defaultValue cwd */
  configRoot?: string
  fix?: boolean
  python?: string
  panther?: { logTypes?: string[] }
  /** @defaultValue <cwd>/node_modules/.cache/ruleproof/redos.json */
  redosCacheFile?: string | false
}

const SKIP_DIRS = new Set(['node_modules', '__pycache__'])

/** YAML files under the given paths (files as given; folders walked, hidden folders skipped), sorted. */
export function discoverYamlFiles(paths: readonly string[], cwd: string): { file: string; explicit: boolean }[] {
  const out: { file: string; explicit: boolean }[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full)
      } else if (/\.ya?ml$/i.test(entry.name)) out.push({ file: full, explicit: false })
    }
  }
  for (const p of paths) {
    const abs = path.resolve(cwd, p)
    let st
    try {
      st = statSync(abs)
    } catch {
      throw new UsageError(`no such file or folder: ${p}`)
    }
    if (st.isDirectory()) walk(abs)
    else out.push({ file: abs, explicit: true })
  }
  const seen = new Set<string>()
  return out.filter((f) => !seen.has(f.file) && seen.add(f.file)).sort((a, b) => (a.file < b.file ? -1 : 1))
}

/** Lints files and folders from disk; writes fixed files when `fix`. */
export async function lintPaths(paths: readonly string[], options: LintPathsOptions): Promise<LintResult & { warnings: string[] }> {
  const config = resolveLintConfig(options.config, registry, options.configRoot ?? options.cwd)
  // Rule files only: sidecars (`.tests.yml`, `.ruleproof.yml`), configs and test data are not rules.
  // A file named explicitly is linted unless it is one of those (so broken YAML is still reported).
  const sources = discoverYamlFiles(paths, options.cwd)
    .map(({ file, explicit }) => ({ file, explicit, text: readFileSync(file, 'utf8') }))
    .filter((s) => {
      const kind = classifyFile(s.file, s.text)
      return kind === 'sigma' || kind === 'panther' || (s.explicit && kind === 'other')
    })
    .map(({ file, text }) => ({ file, text }))
  const cacheFile = options.redosCacheFile === false ? undefined : options.redosCacheFile ?? path.join(options.cwd, 'node_modules/.cache/ruleproof/redos.json')
  const host = createNodeHost({ ...(options.python ? { python: options.python } : {}), ...(cacheFile ? { redosCacheFile: cacheFile } : {}) })
  // Absolute paths: Panther's loader resolves `Filename` next to each YAML file; reports show them relative.
  const result = await lintSources(sources, { checks: registry, config, host, ...(options.fix ? { fix: true } : {}), ...(options.panther ? { panther: options.panther } : {}) })
  host.save()
  if (options.fix) for (const [file, text] of result.fixed) writeFileSync(file, text)
  return { ...result, warnings: host.warnings }
}
