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

/** What each discovery finding means, for reports that describe every check id (SARIF). */
export const DISCOVERY_DESCRIPTIONS: Record<string, { description: string; severity: Severity }> = {
  'load-path': { description: 'A path that does not exist, or a file or folder that could not be read.', severity: 'error' },
  'load-skipped': {
    description: 'A file that was not read: not a regular file (FIFO, socket, device), a symbolic link leaving the rules root or looping, or a rule file over the size limit.',
    severity: 'warning',
  },
  'load-unrecognized': { description: 'A YAML file under the rules paths that is neither a Sigma nor a Panther file (empty, a list, other keys): not loaded.', severity: 'note' },
  'load-encoding': { description: 'Invalid UTF-8 in a rule or test file: the bytes read as U+FFFD, so the rule is not what was written.', severity: 'error' },
  'max-duration': { description: 'Not done within the run\'s time budget (--max-duration).', severity: 'error' },
}

export function finding(check: string, severity: Severity, at: SourceLocation, message: string, rule?: string): Finding {
  const f: Finding = { check, severity, file: at.file, line: at.line, column: at.column, message }
  if (rule !== undefined) f.rule = rule
  return f
}

export function fileStart(file: string): SourceLocation {
  return { file, line: 1, column: 1 }
}
