import { run } from '../../src/cli/main.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** `ruleproof ARGV` run in process in `cwd`, with an empty environment and no terminal: exit code and output. */
export async function runCli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, isTty: false })
  return { code, stdout, stderr }
}
