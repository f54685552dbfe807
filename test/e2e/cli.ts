import { run } from '../../src/cli/main.js'
import { projectRoot } from './scratch.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** The `ruleproof` CLI in-process, as the bin runs it, with captured output. */
export async function ruleproof(argv: string[], cwd = projectRoot): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: { ...process.env }, isTty: false })
  return { code, stdout, stderr }
}
