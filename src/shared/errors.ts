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
