/** Where the CLI writes; tests pass buffers, the bin passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
  env: Record<string, string | undefined>
  /** True when stdout is a terminal (progress bars, colours). */
  isTty?: boolean
  /**
   * How long runs show progress on stderr: `tty` redraws a line, `lines` prints a plain line every
   * few seconds (CI logs). Set by the bin; absent (in-process runs, tests): no progress.
   */
  progress?: 'tty' | 'lines'
  /** Standard input, for commands that read `-` (e.g. `eval --events -`); absent: not available. */
  stdin?: NodeJS.ReadableStream
}
