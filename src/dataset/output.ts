/**
 * The dataset folder as `generate` finds it and leaves it: made if missing (a file or an
 * unwritable place is an {@link OutputError}), locked while written, cleared of what killed
 * runs and earlier datasets left (partial files, files no manifest will vouch for).
 */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { VARIANT_IDS } from '../model/variant.js'
import { PARTIAL } from './files.js'
import { LOCK_NAME } from './lock.js'
import { processAlive } from './lock.js'

export type OutputProblem = 'not-a-folder' | 'unwritable' | 'disk-full' | 'io'

/** `--out` cannot be used or written: one line for the user, no stack. */
export class OutputError extends Error {
  constructor(
    readonly problem: OutputProblem,
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`)
    this.name = 'OutputError'
  }
}

/** A file-system error while making or writing `path`, as an {@link OutputError} (others pass through). */
export function outputError(e: unknown, path: string): unknown {
  if (e instanceof OutputError) return e
  const err = e as NodeJS.ErrnoException
  const where = typeof err.path === 'string' ? err.path : path
  switch (err.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new OutputError('not-a-folder', where, 'is a file, not a folder (--out names the folder the dataset is written to)')
    case 'EACCES':
    case 'EPERM':
      return new OutputError('unwritable', where, `permission denied (${err.code}): --out must be a folder you can write to`)
    case 'EROFS':
      return new OutputError('unwritable', where, 'is on a read-only file system')
    case 'ENOSPC':
    case 'EDQUOT':
      return new OutputError('disk-full', where, `no space left on the device (${err.code}); partial files removed, no manifest written`)
    case 'EIO':
    case 'ENAMETOOLONG':
    case 'ELOOP':
    case 'EMFILE':
    case 'ENFILE':
      return new OutputError('io', where, `${err.message.replace(/^\w+: /, '')}; partial files removed, no manifest written`)
    default:
      return e
  }
}

/**
 * mkdir -p that gives up: Node's recursive mkdir spins forever where a parent exists but
 * refuses children with ENOENT (/proc).
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST' && (await stat(dir)).isDirectory()) return
    const parent = dirname(dir)
    if (code !== 'ENOENT' || parent === dir) throw e
    await makeFolder(parent)
    try {
      await mkdir(dir)
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ENOENT') throw new OutputError('unwritable', dir, 'cannot be created here (ENOENT)')
      if ((again as NodeJS.ErrnoException).code !== 'EEXIST' || !(await stat(dir)).isDirectory()) throw again
    }
  }
}

/** Makes `dir` (and its parents) or checks that it is a folder. */
export async function ensureFolder(dir: string): Promise<void> {
  try {
    const st = await stat(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined
      throw e
    })
    if (st && !st.isDirectory()) throw new OutputError('not-a-folder', dir, 'is a file, not a folder (--out names the folder the dataset is written to)')
    if (!st) await makeFolder(dir)
  } catch (e) {
    throw outputError(e, dir)
  }
}

/** Names `generate` writes into a dataset folder (any variant, plain or gzip; `<variant>.<Table>` for extra tables). */
export const DATASET_FILE = new RegExp(`^(?:${VARIANT_IDS.map((v) => v.replace(/-/g, '\\-')).join('|')})(?:\\.[A-Z][A-Za-z0-9_]*)?(?:\\.labels)?\\.ndjson(?:\\.gz)?$`)

/**
 * Run under the folder's lock, before writing: removes the manifest (nothing may vouch for the
 * folder while it is rewritten), partial files of runs that are gone (a killed run's), the
 * files the old manifest listed, and any other dataset file this run will not write (another
 * variant, or the plain file when this run writes gzip), so no stale file sits beside the new
 * dataset. Other files are left alone. Returns the names removed.
 */
export async function clearForRun(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = []
  const listed = new Set<string>()
  try {
    type Listed = { data?: unknown; labels?: unknown; tables?: Record<string, Listed> }
    const old = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files?: Record<string, Listed> }
    const entries = Object.values(old.files ?? {}).flatMap((f) => [f, ...Object.values(f?.tables ?? {})])
    for (const f of entries) for (const name of [f?.data, f?.labels]) if (typeof name === 'string' && !name.includes('/') && !name.startsWith('.')) listed.add(name)
  } catch {
    // no manifest, or not one we can read: the names alone decide
  }
  await rm(join(dir, 'manifest.json'), { force: true })
  for (const name of await readdir(dir)) {
    const partial = PARTIAL.exec(name)
    const stale = partial ? !processAlive(Number(partial[1])) || Number(partial[1]) === process.pid : (listed.has(name) || DATASET_FILE.test(name)) && !keep.has(name)
    if (!stale || name === LOCK_NAME) continue
    await rm(join(dir, name), { force: true })
    removed.push(name)
  }
  return removed
}
