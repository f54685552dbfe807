/**
 * The dataset folder `generate` writes: `--out` that cannot be used gives one line and exit 3;
 * one run at a time (a lock); a killed run's leftovers cleaned by the next; no stale file of an
 * earlier run beside the new one; a manifest whose digests and counts are those of the files.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { FolderLockedError, generateDataset, type GenerateDatasetOptions, type Manifest } from '../../src/dataset/index.js'
import { LOCK_NAME } from '../../src/dataset/lock.js'
import { runCli, type CliRun } from '../helpers/cli.js'

const BIN = fileURLToPath(new URL('../../bin/ruleproof.js', import.meta.url))
const dirs: string[] = []
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'ruleproof-folder-'))
  dirs.push(d)
  return d
}
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

const base = (out: string, o: Partial<GenerateDatasetOptions> = {}): GenerateDatasetOptions => ({
  out, variants: ['k8s'], count: 300, seed: 42, attackRatio: 0.2, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1, ...o,
})

const cli = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, ...argv)

/** A pid that is certainly not running: a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(r.stdout)
}

describe('generate --out that cannot be used', () => {
  it('a file, or a path under a file: one line, exit 3', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'taken'), 'x')
    for (const out of ['taken', 'taken/sub']) {
      const r = await cli(root, 'generate', '--out', out, '--count', '10', '--variants', 'k8s')
      expect(r.code).toBe(3)
      expect(r.stderr).toBe(`ruleproof generate: ${join(root, out)}: is a file, not a folder (--out names the folder the dataset is written to)\n`)
    }
    expect(await readFile(join(root, 'taken'), 'utf8')).toBe('x')
  })

  it('a folder the user cannot write to: one line, exit 3', async () => {
    const root = await tempDir()
    await mkdir(join(root, 'locked-up'))
    chmodSync(root, 0o755)
    chmodSync(join(root, 'locked-up'), 0o555)
    // Root writes anywhere: run the CLI as nobody then.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    for (const out of ['locked-up', 'locked-up/new']) {
      const r = spawnSync(process.execPath, [BIN, 'generate', '--out', join(root, out), '--count', '10', '--variants', 'k8s'], { encoding: 'utf8', cwd: tmpdir(), ...asNobody })
      expect(r.status, r.stderr).toBe(3)
      expect(r.stderr).toMatch(/^ruleproof generate: .*locked-up.*: permission denied \(EACCES\): --out must be a folder you can write to\n$/)
    }
  }, 60_000)
})

describe('one generate at a time per folder', () => {
  it('a second run into a folder being written is refused; the first run\'s manifest vouches for its own files', async () => {
    const dir = await tempDir()
    let second: Promise<unknown> | undefined
    const first = generateDataset(base(dir, { count: 2500, onProgress: () => void (second ??= generateDataset(base(dir, { seed: 7, count: 100 })).catch((e: unknown) => e)) }))
    const manifest = await first
    const refused = await second
    expect(refused).toBeInstanceOf(FolderLockedError)
    expect((refused as Error).message).toMatch(new RegExp(`is being written by another ruleproof generate \\(pid ${process.pid}`))
    expect(manifest.seed).toBe(42)
    const data = await readFile(join(dir, 'k8s.ndjson'))
    expect(manifest.files.k8s!.digests.data).toBe(`sha256:${createHash('sha256').update(data).digest('hex')}`)
    expect(data.toString().split('\n').filter(Boolean)).toHaveLength(manifest.files.k8s!.records)
    expect(await readdir(dir)).not.toContain(LOCK_NAME)
  }, 60_000)

  it('the CLI says so in one line, exit 3', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, LOCK_NAME), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-12-06T05:00:00.000Z', token: 'x' }))
    const r = await cli(dir, 'generate', '--out', '.', '--count', '10', '--variants', 'k8s')
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^ruleproof generate: .* is being written by another ruleproof generate \(pid \d+, since 2026-12-06T05:00:00.000Z\); wait for it, or remove .*\.ruleproof-generate\.lock if that run is gone\n$/)
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false)
  })

  it('a killed run\'s lock and .partial files are cleaned by the next run', async () => {
    const dir = await tempDir()
    const child = spawn(process.execPath, [BIN, 'generate', '--out', dir, '--count', '2000000', '--variants', 'k8s,gke', '--jobs', '1'], { stdio: 'ignore' })
    // Wait until it has written something, then kill it without a chance to clean up.
    for (let i = 0; i < 600 && !(await readdir(dir)).some((f) => f.includes('.partial-')); i++) await new Promise((r) => setTimeout(r, 50))
    child.kill('SIGKILL')
    await new Promise((r) => child.on('exit', r))
    const left = await readdir(dir)
    expect(left).toContain(LOCK_NAME)
    expect(left.filter((f) => f.includes('.partial-')).length).toBeGreaterThan(0)
    const r = await cli(dir, 'generate', '--out', '.', '--count', '50', '--variants', 'k8s')
    expect(r.code, r.stderr).toBe(0)
    expect((await readdir(dir)).sort()).toEqual(['k8s.labels.ndjson', 'k8s.ndjson', 'manifest.json'])
  }, 60_000)

  it('a lock with unreadable content is honoured while fresh (a run is starting)', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, LOCK_NAME), '')
    await expect(generateDataset(base(dir))).rejects.toThrow(/a run that is starting/)
    await writeFile(join(dir, LOCK_NAME), JSON.stringify({ pid: deadPid(), host: hostname(), started: 'then', token: 'y' }))
    await expect(generateDataset(base(dir))).resolves.toMatchObject({ seed: 42 })
  })
})

describe('no stale file beside a new dataset', () => {
  it('removes files of variants and encodings this run does not write, and partial files of runs that are gone', async () => {
    const dir = await tempDir()
    await generateDataset(base(dir, { variants: ['k8s', 'gke', 'eks'] }))
    const pid = deadPid()
    await writeFile(join(dir, `.aks.ndjson.partial-${pid}`), 'half')
    await writeFile(join(dir, 'notes.txt'), 'mine')
    const manifest = await generateDataset(base(dir, { variants: ['k8s'], gzip: true }))
    expect((await readdir(dir)).sort()).toEqual(['k8s.labels.ndjson.gz', 'k8s.ndjson.gz', 'manifest.json', 'notes.txt'])
    const gz = await readFile(join(dir, 'k8s.ndjson.gz'))
    expect(manifest.files.k8s!.digests.data).toBe(`sha256:${createHash('sha256').update(gz).digest('hex')}`)
    expect(gunzipSync(gz).toString().split('\n').filter(Boolean)).toHaveLength(manifest.files.k8s!.records)
    const onDisk = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest
    expect(onDisk.files.k8s!.digests.labels).toBe(`sha256:${createHash('sha256').update(await readFile(join(dir, 'k8s.labels.ndjson.gz'))).digest('hex')}`)
  })
})
