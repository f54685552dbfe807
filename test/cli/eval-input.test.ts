// `eval` reads events in bounded memory and prints verdicts as it goes: a line over the limit
// is that line's error, invalid UTF-8 is a warning naming file and line, and the verdicts
// computed before a kill are already on stdout.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-eval-input-'))
const RULE = `title: Creates
id: 6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d
logsource:
  product: kubernetes
  service: audit
detection:
  selection:
    verb: create
  condition: selection
`
writeFileSync(path.join(dir, 'rule.yml'), RULE)
const ID = '6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d'
const verdict = (line: number, match: boolean) => `{"line":${line},"match":${match},"rule":"${ID}"}\n`

async function evalRun(events: string | Buffer, ...more: string[]) {
  writeFileSync(path.join(dir, 'events.ndjson'), events)
  let stdout = ''
  let stderr = ''
  const code = await run(['eval', '--rule', 'rule.yml', '--events', 'events.ndjson', ...more], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, env: {} })
  return { code, stdout, stderr }
}

describe('eval: bounded lines', () => {
  it('a line over --max-line-size is that line\'s error; the lines around it are judged', async () => {
    const long = JSON.stringify({ verb: 'create', pad: 'x'.repeat(5000) })
    const r = await evalRun(`{"verb":"create"}\n${long}\n{"verb":"get"}\n`, '--max-line-size', '1KiB')
    expect(r.stdout).toBe(verdict(1, true) + verdict(3, false))
    expect(r.stderr).toBe('events.ndjson:2:1: line of 4.9 KiB is longer than the 1 KiB limit (--max-line-size): not read\n')
    expect(r.code).toBe(2)
  })

  it('the default limit is 16 MiB, and the config can raise it', async () => {
    const long = JSON.stringify({ verb: 'create', pad: 'x'.repeat(17 << 20) })
    const events = `${long}\n{"verb":"create"}\n`
    const r = await evalRun(events)
    expect(r.stderr).toBe('events.ndjson:1:1: line of 17.0 MiB is longer than the 16 MiB limit (--max-line-size): not read\n')
    expect(r.stdout).toBe(verdict(2, true))
    writeFileSync(path.join(dir, 'ruleproof.config.yml'), 'rules: .\nlimits:\n  eventLineSize: 32MiB\n')
    try {
      const raised = await evalRun(events)
      expect(raised.stdout).toBe(verdict(1, true) + verdict(2, true))
      expect(raised.code).toBe(0)
    } finally {
      writeFileSync(path.join(dir, 'ruleproof.config.yml'), 'rules: .\n')
    }
  })

  it('a last line without a newline, CRLF line ends and a bad size option', async () => {
    expect((await evalRun('{"verb":"get"}\r\n{"verb":"create"}')).stdout).toBe(verdict(1, false) + verdict(2, true))
    expect((await evalRun('{}\n', '--max-line-size', 'huge')).code).toBe(3)
  })

  it('invalid UTF-8 on an event line is a warning naming file, line and column; the event is still judged', async () => {
    const events = Buffer.concat([Buffer.from('{"verb":"get"}\n{"verb":"create","user":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')])
    const r = await evalRun(events)
    expect(r.stderr).toBe('events.ndjson:2:27: warning: invalid UTF-8 (byte 0xc3) read as U+FFFD\n')
    expect(r.stdout).toBe(verdict(1, false) + verdict(2, true))
    expect(r.code).toBe(0)
  })
})

describe('eval: the rule file is read as test reads rule files', () => {
  async function withRule(rule: string | Buffer) {
    writeFileSync(path.join(dir, 'other-rule.yml'), rule)
    writeFileSync(path.join(dir, 'events.ndjson'), '{"verb":"create"}\n')
    let stdout = ''
    let stderr = ''
    const code = await run(['eval', '--rule', 'other-rule.yml', '--events', 'events.ndjson'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, env: {} })
    return { code, stdout, stderr }
  }

  it('invalid UTF-8 in the rule is an error at its place', async () => {
    const [head, tail] = RULE.split('verb: create')
    const r = await withRule(Buffer.concat([Buffer.from(`${head}verb: cr`), Buffer.from([0xff]), Buffer.from(`eate${tail}`)]))
    expect(r.stderr).toBe('other-rule.yml:8:13: invalid UTF-8 (byte 0xff): read as U+FFFD, so the text here is not what was written\n')
    expect(r.code).toBe(2)
  })

  it('a rule file over the size limit is not read', async () => {
    const r = await withRule(RULE + `# ${'x'.repeat(2 << 20)}\n`)
    expect(r.stderr).toMatch(/^other-rule\.yml:1:1: not read: 2(\.0)? MiB is over the 1 MiB limit for a rule file/)
    expect(r.code).toBe(2)
  })
})

describe('eval: verdicts stream', () => {
  it('verdicts computed before a kill are on stdout', async () => {
    const child = spawn(process.execPath, [path.join(root, 'bin/ruleproof.js'), 'eval', '--rule', 'rule.yml', '--events', '-'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    // Three events, and the input stays open: the run is not over when they are judged.
    child.stdin.write('{"verb":"create"}\n{"verb":"get"}\n{"verb":"create"}\n')
    const deadline = Date.now() + 30_000
    while (stdout.split('\n').length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect(stdout).toBe(verdict(1, true) + verdict(2, false) + verdict(3, true))
  }, 40_000)
})
