import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'

// Node's recursive mkdir spins forever under /proc (mkdir fails with ENOENT under a parent that
// exists), deaf to SIGTERM: `generate --out /proc/x` once never ended.
describe.runIf(existsSync('/proc/self'))('generate --out under /proc', () => {
  it.each(['/proc/ruleproof-x', '/proc/ruleproof-x/y'])('%s: one line and exit 3, at once', async (out) => {
    let stderr = ''
    const cwd = mkdtempSync(path.join(tmpdir(), 'ruleproof-proc-'))
    const code = await run(['generate', '--out', out, '--count', '1', '--jobs', '1'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd, env: {} })
    expect(code).toBe(3)
    expect(stderr).toMatch(/^ruleproof generate: \/proc\/ruleproof-x.*\n$/)
    expect(stderr.split('\n')).toHaveLength(2)
  }, 10_000)
})
