import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs'
import path from 'node:path'
import type { Finding } from '../model/result.js'
import { DISCOVERY_CHECKS, fileStart, finding } from './findings.js'
import { globMatches } from './glob.js'
import { fileType } from './read.js'

/** Folders discovery never enters (PAT skips hidden entries and `__pycache__` too). */
const SKIPPED_DIRS = new Set(['node_modules', '__pycache__'])
/** Files that are never rules even though they are YAML/JSON. */
const SKIPPED_FILES = new Set(['package.json', 'package-lock.json', 'dependabot.yml', 'tsconfig.json'])
const RULE_FILE = /\.(ya?ml|json|kql)$/i

export interface WalkOptions {
  cwd: string
  /** Globs relative to `root` (or absolute) of files and folders to skip. */
  exclude?: readonly string[]
  /**
   * The rules root (the config's folder): exclude globs are relative to it, and a symbolic link
   * inside a walked folder is followed only when its target lies inside it or inside that folder.
   * @defaultValue cwd
   */
  root?: string
}

export interface Walk {
  /** Candidate files (YAML and JSON), absolute, sorted, each once. */
  files: string[]
  /** The files named as paths themselves rather than found in a folder. */
  explicit: Set<string>
  /** Paths that do not exist and entries that were not taken, each with why. */
  findings: Finding[]
}

function excluded(file: string, options: WalkOptions): boolean {
  if (!options.exclude?.length) return false
  const rel = path.relative(options.root ?? options.cwd, file).split(path.sep).join('/')
  const abs = file.split(path.sep).join('/')
  return options.exclude.some((g) => (path.isAbsolute(g) ? globMatches(g.split(path.sep).join('/'), abs) : globMatches(g, rel)))
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel))
}

function realpath(p: string): string | undefined {
  try {
    return realpathSync(p)
  } catch {
    return undefined
  }
}

interface WalkState {
  options: WalkOptions
  /** Real paths a symbolic link may lead into. */
  roots: string[]
  /** Real paths of the folders entered so far (a link back to one is a cycle). */
  entered: Set<string>
  files: string[]
  findings: Finding[]
}

function skip(state: WalkState, file: string, why: string, severity: 'warning' | 'error' = 'warning'): void {
  state.findings.push(finding(DISCOVERY_CHECKS.skipped, severity, fileStart(file), `not read: ${why}`))
}

/** A symbolic link met in a folder: followed only to a regular file or a folder inside the roots. */
function followLink(full: string, name: string, state: WalkState): void {
  const target = realpath(full)
  if (target === undefined) {
    if (RULE_FILE.test(name)) skip(state, full, 'a broken symbolic link')
    return
  }
  let st: Stats
  try {
    st = statSync(target)
  } catch {
    return
  }
  const candidate = st.isDirectory() || RULE_FILE.test(name)
  if (!candidate) return
  if (!state.roots.some((r) => inside(r, target))) {
    skip(state, full, `a symbolic link to ${target}, outside the rules root: not followed`)
    return
  }
  if (st.isDirectory()) {
    // A link to a folder that holds it would walk the same files round and round.
    const parent = realpath(path.dirname(full))
    if (parent !== undefined && inside(target, parent)) skip(state, full, `a symbolic link to ${target}, a folder that holds it: not followed`)
    else if (!SKIPPED_DIRS.has(name)) walkDir(full, target, state)
  } else if (st.isFile()) {
    if (!SKIPPED_FILES.has(name)) state.files.push(full)
  } else skip(state, full, `a symbolic link to ${fileType(st).replace(/^not a regular file$/, 'a special file')}, not a regular file`)
}

function walkDir(dir: string, real: string, state: WalkState): void {
  if (state.entered.has(real)) return
  state.entered.add(real)
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (e) {
    state.findings.push(finding(DISCOVERY_CHECKS.path, 'error', fileStart(dir), `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`))
    return
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue
    const full = path.join(dir, e.name)
    if (excluded(full, state.options)) continue
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walkDir(full, path.join(real, e.name), state)
    } else if (e.isFile()) {
      if (RULE_FILE.test(e.name) && !SKIPPED_FILES.has(e.name)) state.files.push(full)
    } else if (e.isSymbolicLink()) {
      followLink(full, e.name, state)
    } else if (RULE_FILE.test(e.name)) {
      // A FIFO would block the read forever, /dev/zero-like devices never end.
      let st: Stats | undefined
      try {
        st = lstatSync(full)
      } catch {
        st = undefined
      }
      skip(state, full, st ? `${fileType(st)}, not a regular file` : 'not a regular file')
    }
  }
}

/**
 * The one walk of `test`, `lint` and `check`: every candidate file under `paths` (YAML and
 * JSON). Inside folders: hidden entries, node_modules and __pycache__ are skipped; only regular
 * files are taken; symbolic links are followed only inside the rules root (or the folder
 * walked); a FIFO, socket, device, broken link or link leaving the root is a warning naming it.
 * A path named explicitly is taken when it is a regular file (through links: the user chose
 * it), and is an error otherwise. A path that does not exist is an error finding.
 */
export function discoverFiles(paths: readonly string[], options: WalkOptions): Walk {
  const state: WalkState = { options, roots: [], entered: new Set(), files: [], findings: [] }
  const root = realpath(path.resolve(options.cwd, options.root ?? options.cwd))
  if (root) state.roots.push(root)
  const explicit = new Set<string>()
  const folders: [string, string][] = []
  for (const p of paths) {
    const full = path.resolve(options.cwd, p)
    let stat
    try {
      stat = statSync(full)
    } catch {
      state.findings.push(finding(DISCOVERY_CHECKS.path, 'error', fileStart(p), `no such file or folder: ${p}`))
      continue
    }
    if (stat.isDirectory()) {
      const real = realpath(full) ?? full
      state.roots.push(real)
      folders.push([full, real])
    } else if (stat.isFile()) {
      state.files.push(full)
      explicit.add(full)
    } else skip(state, full, `${fileType(stat)}, not a regular file`, 'error')
  }
  for (const [full, real] of folders) walkDir(full, real, state)
  return { files: [...new Set(state.files)].sort(), explicit, findings: state.findings }
}
