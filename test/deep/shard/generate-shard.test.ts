// generate --shard i/N writes the i-th of N slices of the dataset the unsharded command writes:
// the shards' files concatenated in order are the same bytes.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ruleproof } from '../../e2e/cli.js'

describe('generate --shard', () => {
  const args = ['--variants', 'k8s,eks', '--count', '2500', '--seed', '7', '--attack-ratio', '0.2', '--jobs', '1']
  for (const gzip of [false, true]) {
    it(`concatenated shards are the unsharded dataset${gzip ? ' (gzip: the same bytes once decompressed)' : ''}`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-shard-'))
      const extra = gzip ? ['--gzip'] : []
      expect((await ruleproof(['generate', ...args, ...extra, '--out', path.join(dir, 'whole')])).code).toBe(0)
      for (const i of [1, 2, 3]) {
        const out = await ruleproof(['generate', ...args, ...extra, '--shard', `${i}/3`, '--out', path.join(dir, `s${i}`)])
        expect(out.code, out.stderr).toBe(0)
        expect(out.stdout).toContain(`(shard ${i}/3)`)
      }
      const read = (p: string): Buffer => (gzip ? gunzipSync(readFileSync(p)) : readFileSync(p))
      const ext = gzip ? '.ndjson.gz' : '.ndjson'
      const whole = JSON.parse(readFileSync(path.join(dir, 'whole', 'manifest.json'), 'utf8')) as { actions: number; files: Record<string, { records: number }> }
      let actions = 0
      for (const name of [`k8s${ext}`, `k8s.labels${ext}`, `eks${ext}`, `eks.labels${ext}`]) {
        const parts = [1, 2, 3].map((i) => read(path.join(dir, `s${i}`, name)))
        expect(parts.every((p) => p.length > 0)).toBe(true)
        expect(Buffer.concat(parts).equals(read(path.join(dir, 'whole', name))), name).toBe(true)
      }
      let records = 0
      for (const i of [1, 2, 3]) {
        const m = JSON.parse(readFileSync(path.join(dir, `s${i}`, 'manifest.json'), 'utf8')) as { actions: number; shard: { index: number; total: number }; files: Record<string, { records: number }> }
        expect(m.shard).toMatchObject({ index: i, total: 3 })
        actions += m.actions
        records += m.files['k8s']!.records
      }
      expect(actions).toBe(whole.actions)
      expect(records).toBe(whole.files['k8s']!.records)
    }, 120_000)
  }
})
