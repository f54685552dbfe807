import type { Finding, Severity } from '../model/result.js'
import type { SourceLocation } from '../model/source.js'

/** Check ids of the findings discovery itself produces (the format loaders have their own). */
export const DISCOVERY_CHECKS = {
  /** A PATH or file that could not be read. */
  path: 'load-path',
  /** A file discovery did not read: not a regular file, a symbolic link leaving the rules root, over the size limit. */
  skipped: 'load-skipped',
  /** A YAML file under the rules paths that is no rule or test file (empty, a list, other keys). */
  unrecognized: 'load-unrecognized',
  /** Invalid UTF-8 in a rule or test file. */
  encoding: 'load-encoding',
  /** A test file of another tool (sigma-test, rsigma, Zircolite, SigmaHQ regression) that is malformed. */
  interop: 'test-interop',
  /** A sidecar or interop test that names no rule that was loaded. */
  target: 'test-target',
} as const

export function finding(check: string, severity: Severity, at: SourceLocation, message: string, rule?: string): Finding {
  const f: Finding = { check, severity, file: at.file, line: at.line, column: at.column, message }
  if (rule !== undefined) f.rule = rule
  return f
}

export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1 }
}
