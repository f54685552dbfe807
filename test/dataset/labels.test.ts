// Replay reads each record's label for its verdict and family first, and parses the whole label
// only when something asks for it (a malicious record's techniques, a false positive's details).
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DatasetError, generateDataset, labelledRecords, openDataset } from '../../src/dataset/index.js'

async function dataset(edit: (labels: string[]) => string[]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-labels-'))
  await generateDataset({ out: dir, variants: ['k8s'], count: 40, seed: 3, attackRatio: 0.5, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1 })
  const file = path.join(dir, 'k8s.labels.ndjson')
  const text = edit(readFileSync(file, 'utf8').trimEnd().split('\n')).join('\n') + '\n'
  writeFileSync(file, text)
  // The manifest vouches for the edited file, as if generate had written it.
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { k8s: { digests: { labels: string } } } }
  manifest.files.k8s.digests.labels = `sha256:${createHash('sha256').update(text).digest('hex')}`
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest))
  return dir
}

async function read(dir: string) {
  const d = await openDataset(dir)
  const out = []
  for await (const r of labelledRecords(d, d.parts[0]!)) out.push(r)
  return out
}

describe('labels', () => {
  it('verdict and family are those of the parsed label, whatever the order of its keys', async () => {
    const reorder = (l: string) => {
      const { family, malicious, ...rest } = JSON.parse(l) as Record<string, unknown>
      return JSON.stringify({ ...rest, malicious, family })
    }
    const plain = await read(await dataset((ls) => ls))
    const reordered = await read(await dataset((ls) => ls.map(reorder)))
    expect(plain.some((r) => r.malicious)).toBe(true)
    expect(reordered.map((r) => [r.malicious, r.family])).toEqual(plain.map((r) => [r.label.malicious === true, r.label.family]))
    expect(reordered.map((r) => r.label)).toEqual(plain.map((r) => r.label))
  })

  it('a label line that is not JSON is an error naming the labels file and line, when it is read', async () => {
    const records = read(await dataset((ls) => ls.map((l, i) => (i === 4 ? '{"malicious": tru' : l))))
    await expect(records).rejects.toThrow(DatasetError)
    await expect(records).rejects.toThrow(/k8s\.labels\.ndjson:5: not valid JSON/)
  })
})
