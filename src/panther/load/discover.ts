import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * PAT's file discovery (`load_analysis`): walk each path, skipping hidden files and directories
 * and `__pycache__`; take `*.yml` / `*.yaml` files except `dependabot.yml`; and also walk the
 * `global_helpers` and `data_models` folders next to the path and one level up (rules import
 * helpers and use data models that live beside the rules folder). When the path is the
 * repository root (`.`), the root's own YAML files are read and, below it, only folders whose
 * path looks like analysis content (PAT's fnmatch patterns), so e.g. `templates/` is skipped. Files without a top-level `AnalysisType` are dropped later.
 */
const ROOT_DIR_PATTERNS = [
  /rules/,
  /policies/,
  /queries/,
  /data_models/,
  /\/global_helpers$/,
  /\/packs$/,
  /lookup_tables/,
  /scheduled_prompts/,
]
const IGNORED_FILES = new Set(['dependabot.yml', 'dependabot.yaml'])
const HELPER_DIRS = ['global_helpers', 'data_models']

export interface DiscoverOptions {
  cwd?: string
  /** File names or paths to skip (PAT `--ignore-files`). */
  ignoreFiles?: string[]
  /** Also walk global_helpers / data_models beside and above each path. @defaultValue true */
  helperDirs?: boolean
}

export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.endsWith('.ruleproof.yml') && !name.endsWith('.ruleproof.yaml')
}

export function discoverPantherFiles(paths: readonly string[], options: DiscoverOptions = {}): string[] {
  const cwd = options.cwd ?? process.cwd()
  const ignore = new Set((options.ignoreFiles ?? []).map((f) => path.resolve(cwd, f)))
  const ignoreNames = new Set(options.ignoreFiles ?? [])
  const found = new Set<string>()
  const add = (file: string): void => {
    const abs = path.resolve(cwd, file)
    if (ignore.has(abs) || ignoreNames.has(path.basename(abs)) || IGNORED_FILES.has(path.basename(abs))) return
    found.add(abs)
  }
  const roots = new Set<string>()
  for (const p of paths) {
    const abs = path.resolve(cwd, p)
    if (!existsSync(abs)) continue
    if (statSync(abs).isFile()) {
      if (isYamlFile(abs)) add(abs)
      roots.add(path.dirname(abs))
      continue
    }
    walk(abs, abs === path.resolve(cwd) && (p === '.' || p === './' || p === ''), add)
    roots.add(abs)
  }
  if (options.helperDirs !== false) {
    const extra = new Set<string>()
    for (const root of [...roots, path.resolve(cwd)]) {
      for (const base of [root, path.dirname(root)]) {
        for (const dir of HELPER_DIRS) extra.add(path.join(base, dir))
      }
    }
    for (const dir of extra) if (existsSync(dir) && statSync(dir).isDirectory()) walk(dir, false, add)
  }
  return [...found].sort()
}

function walk(dir: string, repoRoot: boolean, add: (file: string) => void): void {
  const visit = (current: string, rel: string): void => {
    let entries
    try {
      entries = readdirSync(current, { withFileTypes: true })
    } catch {
      return
    }
    const dirAllowed = !repoRoot || ROOT_DIR_PATTERNS.some((re) => re.test(`./${rel}`))
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === '__pycache__' || entry.name === 'node_modules') continue
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) visit(full, rel ? `${rel}/${entry.name}` : entry.name)
      // PAT reads the root folder's own files too; below it only analysis-looking folders.
      else if (entry.isFile() && isYamlFile(entry.name) && (!repoRoot || rel === '' || dirAllowed)) add(full)
    }
  }
  visit(dir, '')
}
