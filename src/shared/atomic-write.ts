/**
 * Replacing a file so that no reader, and no other writer, ever sees it half-written: the new
 * bytes go to a temporary file in the same folder (same filesystem, so the rename is atomic),
 * which takes the old file's mode (and owner, when running as root), is flushed to disk, then
 * renamed over the old name. A symlink is followed: its target is replaced, the link stays.
 */
import { randomBytes } from 'node:crypto'
import { constants, closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { access, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'

/** The path a write to `file` replaces: the symlink's target, or `file` itself. */
async function targetOf(file: string): Promise<string> {
  try {
    return await realpath(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return file
    throw e
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = await targetOf(file)
  let old: { mode: number; uid: number; gid: number } | undefined
  try {
    const st = await stat(target)
    old = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(temp, 'wx', old?.mode ?? 0o666)
  try {
    try {
      await handle.writeFile(data)
      if (old) {
        // open() applies the umask: set the mode exactly, and keep the owner where we may.
        await handle.chmod(old.mode)
        if (process.getuid?.() === 0) await handle.chown(old.uid, old.gid).catch(() => undefined)
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (e) {
    await rm(temp, { force: true })
    throw e
  }
}

/** {@link writeFileAtomic} for synchronous callers (a cache saved at exit); a new file gets `mode`. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, mode = 0o666): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`)
  const fd = openSync(temp, 'wx', mode)
  try {
    try {
      writeFileSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (e) {
    rmSync(temp, { force: true })
    throw e
  }
}

export type ReplaceOutcome = 'written' | 'unchanged' | 'changed-meanwhile' | 'read-only'

/**
 * Writes `next` over `file` if the file still holds `expected` (what the caller read and
 * transformed) and may be written: a file edited by someone else in the meantime, or read-only,
 * is left alone. A file that
 * already holds `next` (a concurrent run fixed it the same way) is not rewritten.
 */
export async function replaceFileIfUnchanged(file: string, expected: string, next: string): Promise<ReplaceOutcome> {
  const now = await readFile(file, 'utf8')
  if (now === next) return 'unchanged'
  if (now !== expected) return 'changed-meanwhile'
  // The rename would replace a read-only file: respect the mode, as an editor does (a file
  // without any write bit is read-only for root too).
  const writable = await access(file, constants.W_OK).then(() => true, () => false)
  if (!writable || ((await stat(file)).mode & 0o222) === 0) return 'read-only'
  await writeFileAtomic(file, next)
  return 'written'
}
