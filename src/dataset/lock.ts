/**
 * One `generate` at a time per dataset folder: `DIR/.ruleproof-generate.lock`, created
 * exclusively and holding the writer's pid and host. Two runs into one folder would otherwise
 * interleave their files under one run's manifest. A lock whose process is gone (same host, pid
 * no longer alive: the run was killed) is stale and taken over.
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { open, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'

export const LOCK_NAME = '.ruleproof-generate.lock'

interface LockInfo {
  pid: number
  host: string
  started: string
  token: string
}

/** The folder is being written by another live run. */
export class FolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Partial<LockInfo>,
  ) {
    const who = holder.pid ? `pid ${holder.pid}${holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ''}${holder.started ? `, since ${holder.started}` : ''}` : 'a run that is starting'
    super(`${dir} is being written by another ruleproof generate (${who}); wait for it, or remove ${join(dir, LOCK_NAME)} if that run is gone`)
    this.name = 'FolderLockedError'
  }
}

/** Whether a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readLock(file: string): Promise<Partial<LockInfo> | undefined> {
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>
    return typeof info === 'object' && info !== null ? info : {}
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return {}
  }
}

/** A lock left by a run that is gone. An unreadable lock is stale once it is older than a starting run can be. */
async function isStale(file: string, info: Partial<LockInfo>): Promise<boolean> {
  if (typeof info.pid === 'number') return info.host === hostname() && !processAlive(info.pid)
  try {
    return Date.now() - (await stat(file)).mtimeMs > 10_000
  } catch {
    return false
  }
}

export interface FolderLock {
  release(): Promise<void>
}

export async function lockFolder(dir: string): Promise<FolderLock> {
  const file = join(dir, LOCK_NAME)
  const mine: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomBytes(8).toString('hex') }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(file, 'wx')
      try {
        await handle.writeFile(JSON.stringify(mine) + '\n')
      } catch (e) {
        // A full disk can refuse even these few bytes: leave no empty lock behind.
        await handle.close()
        await rm(file, { force: true })
        throw e
      }
      await handle.close()
      return {
        async release() {
          // Only our own lock: never remove one a later run took over.
          if ((await readLock(file))?.token === mine.token) await rm(file, { force: true })
        },
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const held = await readLock(file)
    if (held === undefined) continue
    if (!(await isStale(file, held))) throw new FolderLockedError(dir, held)
    // Break the stale lock by moving it aside, then check it was that one and not a lock
    // another run took over in between (put that one back).
    const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
    try {
      await rename(file, aside)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw e
    }
    const moved = await readLock(aside)
    if (moved?.token !== held.token || moved?.pid !== held.pid) {
      await rename(aside, file).catch(() => undefined)
      throw new FolderLockedError(dir, moved ?? {})
    }
    await rm(aside, { force: true })
  }
  throw new FolderLockedError(dir, (await readLock(file)) ?? {})
}
