import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Finding } from '../model/result.js'
import { DISCOVERY_CHECKS, fileStart, finding } from './findings.js'
import { globMatches } from './glob.js'

/** Folders discovery never enters (PAT skips hidden entries and `__pycache__` too). */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__'])
/** Files that are never rules even though they are YAML/JSON. */
const SKIPPED_FILES = new Set(['package.json', 'package-lock.json', 'dependabot.yml', 'tsconfig.json'])
const RULE_FILE = /\.(ya?ml|json)$/i

export interface WalkOptions {
  cwd: string
  /** Globs relative to `root` (or absolute) of files and folders to skip. */
  exclude?: readonly string[]
  root?: string
}

function excluded(file: string, options: WalkOptions): boolean {
  if (!options.exclude?.length) return false
  const rel = path.relative(options.root ?? options.cwd, file).split(path.sep).join('/')
  const abs = file.split(path.sep).join('/')
  return options.exclude.some((g) => (path.isAbsolute(g) ? globMatches(g.split(path.sep).join('/'), abs) : globMatches(g, rel)))
}

function walkDir(dir: string, options: WalkOptions, out: string[]): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue
    const full = path.join(dir, e.name)
    if (excluded(full, options)) continue
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walkDir(full, options, out)
    } else if (e.isFile() && RULE_FILE.test(e.name) && !SKIPPED_FILES.has(e.name)) {
      out.push(full)
    }
  }
}

/**
 * Every candidate file under `paths` (YAML and JSON), absolute, sorted, each once. Hidden
 * entries, node_modules and __pycache__ are skipped inside folders; a file named explicitly is
 * always taken. A path that does not exist is a finding.
 */
export function discoverFiles(paths: readonly string[], options: WalkOptions): { files: string[]; findings: Finding[] } {
  const found: string[] = []
  const findings: Finding[] = []
  for (const p of paths) {
    const full = path.resolve(options.cwd, p)
    let stat
    try {
      stat = statSync(full)
    } catch {
      findings.push(finding(DISCOVERY_CHECKS.path, 'error', fileStart(p), `no such file or folder: ${p}`))
      continue
    }
    if (stat.isDirectory()) walkDir(full, options, found)
    else found.push(full)
  }
  return { files: [...new Set(found)].sort(), findings }
}
