// A full disk under `generate`: the CLI runs with a preload that makes every data file it opens
// /dev/full (the kernel answers ENOSPC), as on a device that fills up while the dataset is written.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../../bin/ruleproof.js', import.meta.url))
const PRELOAD = fileURLToPath(new URL('./full-disk-preload.mjs', import.meta.url))
const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

describe('generate on a full disk', () => {
  it.each([[[]], [['--gzip']]])('%j: one line, exit 2, no partial file and no manifest left', async (extra) => {
    const root = await mkdtemp(join(tmpdir(), 'ruleproof-full-disk-'))
    dirs.push(root)
    const out = join(root, 'data')
    const r = spawnSync(process.execPath, ['--import', PRELOAD, BIN, 'generate', '--out', out, '--variants', 'k8s,gke', '--count', '3000', '--jobs', '1', ...extra], { encoding: 'utf8', cwd: root })
    expect(r.status, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/^ruleproof generate: .*no space left on the device \(ENOSPC\); partial files removed, no manifest written\n$/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(await readdir(out)).toEqual([])
  }, 60_000)
})
