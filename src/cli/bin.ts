import { run } from './main.js'

// The only place that touches the process: streams in, exit code out.
const code = await run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
  progress: process.stderr.isTTY ? 'tty' : 'lines',
  // A getter: process.stdin is only created when a command reads it (`--events -`).
  get stdin() {
    return process.stdin
  },
})
process.exitCode = code
