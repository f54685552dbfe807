// Replay reads dataset files in batches of lines split on bytes (no readline): the lines must be
// those readline gave, whatever the chunk boundaries, line endings and characters.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { lineBatches } from '../../src/dataset/read.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-line-batches-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function lines(name: string, bytes: Buffer | string): Promise<string[]> {
  const file = path.join(dir, name)
  writeFileSync(file, bytes)
  const out: string[] = []
  for await (const batch of lineBatches(file)) out.push(...batch)
  return out
}

describe('lineBatches', () => {
  it('splits LF and CRLF lines, keeps blank ones and a last line without newline', async () => {
    expect(await lines('a.ndjson', '{"a":1}\r\n\n{"b":2}\n{"c":3}')).toEqual(['{"a":1}', '', '{"b":2}', '{"c":3}'])
    expect(await lines('empty.ndjson', '')).toEqual([])
    expect(await lines('one.ndjson', 'x\n')).toEqual(['x'])
  })
  it('joins a line that spans reads, multi-byte characters cut at the boundary included', async () => {
    // Reads are 256 KiB: this line crosses two boundaries, with 3-byte characters across them.
    const long = JSON.stringify({ text: '€'.repeat(200_000) })
    const got = await lines('long.ndjson', `${long}\n{"after":"é"}\r\n`)
    expect(got).toHaveLength(2)
    expect(got[0]).toBe(long)
    expect(got[1]).toBe('{"after":"é"}')
  })
  it('reads a gzip file as its text', async () => {
    expect(await lines('z.ndjson.gz', gzipSync('{"a":1}\n{"b":"ü"}\n'))).toEqual(['{"a":1}', '{"b":"ü"}'])
  })
})
