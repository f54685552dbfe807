// A full disk under `generate`: every data file this run opens is /dev/full (the kernel answers
// ENOSPC), as on a device that fills up while the dataset is written.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { run } from '../../src/cli/main.js'

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const createWriteStream = ((file: string, options?: Parameters<typeof fs.createWriteStream>[1]) =>
    fs.createWriteStream(String(file).includes('full-disk') && String(file).includes('.partial-') ? '/dev/full' : file, options)) as typeof fs.createWriteStream
  return { ...fs, createWriteStream, default: { ...fs, createWriteStream } }
})

const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

async function generate(...args: string[]) {
  const root = await mkdtemp(join(tmpdir(), 'ruleproof-full-disk-'))
  dirs.push(root)
  const out = join(root, 'data')
  let stderr = ''
  const code = await run(['generate', '--out', out, '--variants', 'k8s,gke', '--count', '3000', '--jobs', '1', ...args], {
    stdout: () => undefined, stderr: (t) => void (stderr += t), cwd: root, env: {}, isTty: false,
  })
  return { code, stderr, out }
}

describe('generate on a full disk', () => {
  it.each([[[]], [['--gzip']]])('%j: one line, exit 2, no partial file and no manifest left', async (extra) => {
    const { code, stderr, out } = await generate(...extra)
    expect(code).toBe(2)
    expect(stderr).toMatch(/^ruleproof generate: .*no space left on the device \(ENOSPC\); partial files removed, no manifest written\n$/)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(await readdir(out)).toEqual([])
  }, 60_000)
})
