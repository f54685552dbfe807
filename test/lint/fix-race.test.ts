// `lint --fix` against a concurrent `lint --fix` and a concurrent reader: the rule file is at every
// moment either the text it had or the fully fixed text, never a prefix of either.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../../bin/ruleproof.js', import.meta.url))
const HEAD = `title: Test rule
id: 9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d
description: Detects shells.
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        requestURI|contains: '*/bin/sh*'
    condition: selection
`
// ~20 MB (over the default 1 MiB rule file limit, hence --max-file-size) of comments after the rule: any prefix of the file is still a valid, fixable rule,
// which is how a fixer that reads a half-written file goes on to truncate it for good.
const OLD = HEAD + ('# ' + 'x'.repeat(98) + '\n').repeat(200_000)
const FIXED = OLD.replace("'*/bin/sh*'", "'/bin/sh'")

const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-fix-race-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function fixer(file: string): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'lint', '--fix', '--max-file-size', '32MiB', file], { cwd: dir, stdio: 'ignore' })
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)))
}

describe('lint --fix writes atomically', () => {
  it('two racing fixers and a reader only ever see the old or the fully fixed file', async () => {
    const file = path.join(dir, 'big.yml')
    const seen = new Set<string>()
    for (let round = 0; round < 3; round++) {
      writeFileSync(file, OLD)
      let running = true
      const both = Promise.all([fixer(file), fixer(file)]).finally(() => (running = false))
      while (running) {
        const text = readFileSync(file, 'utf8')
        seen.add(text === OLD ? 'old' : text === FIXED ? 'fixed' : `torn: ${text.length} of ${OLD.length} characters`)
        await new Promise((r) => setTimeout(r, 1))
      }
      expect(await both).toEqual([0, 0])
      const final = readFileSync(file, 'utf8')
      expect(final.length, 'final length').toBe(FIXED.length)
      expect(final === FIXED).toBe(true)
    }
    expect([...seen].filter((s) => s.startsWith('torn'))).toEqual([])
  }, 120_000)
})
