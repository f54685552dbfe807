/** Where the CLI writes; tests pass buffers, the bin passes the process streams. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
  env: Record<string, string | undefined>
  /** True when stdout is a terminal (progress bars, colours). */
  isTty?: boolean
  /** Standard input, for commands that read `-` (e.g. `eval --events -`); absent: not available. */
  stdin?: NodeJS.ReadableStream
}
