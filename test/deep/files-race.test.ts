/**
 * Races between whole processes, many rounds (issue 11: two `--fix` runs on a 20 MB rule
 * truncated it in 3 of 13 tries): `lint --fix` against itself and a reader; `generate` against
 * itself into one folder, after which the folder must be a dataset replay accepts.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openDataset, verifyDataset } from '../../src/dataset/index.js'

const BIN = fileURLToPath(new URL('../../bin/ruleproof.js', import.meta.url))
const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-deep-race-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function cli(...args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: 'ignore' })
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)))
}

const OLD = `title: Test rule
id: 9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d
description: Detects shells.
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        requestURI|contains: '*/bin/sh*'
    condition: selection
` + ('# ' + 'x'.repeat(98) + '\n').repeat(200_000)
const FIXED = OLD.replace("'*/bin/sh*'", "'/bin/sh'")

describe('process races', () => {
  it('13 rounds of two lint --fix runs and a reader on a 20 MB rule: never a torn file', async () => {
    const file = path.join(dir, 'big.yml')
    const torn: number[] = []
    for (let round = 0; round < 13; round++) {
      writeFileSync(file, OLD)
      let running = true
      const both = Promise.all([cli('lint', '--fix', '--max-file-size', '32MiB', file), cli('lint', '--fix', '--max-file-size', '32MiB', file)]).finally(() => (running = false))
      while (running) {
        const text = readFileSync(file, 'utf8')
        if (text !== OLD && text !== FIXED) torn.push(text.length)
        await new Promise((r) => setTimeout(r, 1))
      }
      expect(await both).toEqual([0, 0])
      expect(readFileSync(file, 'utf8') === FIXED).toBe(true)
    }
    expect(torn).toEqual([])
  })

  it('5 rounds of two generate runs into one folder: each succeeds or is refused, and the folder always replays', async () => {
    const out = path.join(dir, 'data')
    for (let round = 0; round < 5; round++) {
      const codes = await Promise.all([
        cli('generate', '--out', out, '--count', '3000', '--variants', 'k8s,gke', '--seed', '1', '--jobs', '1'),
        cli('generate', '--out', out, '--count', '2000', '--variants', 'k8s', '--seed', '2', '--jobs', '1', '--gzip'),
      ])
      for (const c of codes) expect([0, 3]).toContain(c)
      expect(codes).toContain(0)
      const dataset = await openDataset(out)
      await expect(verifyDataset(dataset)).resolves.toBeUndefined()
    }
  })
})
