import type { SourceLocation } from '../model/source.js'

/** A rule or input that could not be loaded (exit code 2). Always names a place. */
export class LoadError extends Error {
  readonly location: SourceLocation
  constructor(message: string, location: SourceLocation) {
    super(message)
    this.name = 'LoadError'
    this.location = location
  }
  /** `file:line:column: message`, the form editors and CI parse. */
  format(): string {
    return `${this.location.file}:${this.location.line}:${this.location.column}: ${this.message}`
  }
}

/** Bad command-line usage or configuration (exit code 3). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export const EXIT = { ok: 0, failed: 1, loadError: 2, usage: 3 } as const

const FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
}

/** A file-system error in words, with its code: `no such file or folder (ENOENT)`. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  if (code && FS_CODES[code]) return `${FS_CODES[code]} (${code})`
  return code ?? (e instanceof Error ? e.message : String(e))
}

/** True for an error thrown by a node:fs call (it has a code such as ENOENT and a syscall). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException & { path?: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string'
}

/** An input file that cannot be read (exit code 2), reported at its start: `file:1:1: cannot read …`. */
export function unreadableFile(file: string, e: unknown, what = 'file'): LoadError {
  return new LoadError(`cannot read ${what}: ${describeFsError(e)}`, { file, line: 1, column: 1 })
}
