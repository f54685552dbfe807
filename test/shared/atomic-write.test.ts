import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { replaceFileIfUnchanged, writeFileAtomic, writeFileAtomicSync } from '../../src/shared/atomic-write.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-atomic-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('creates a file, or replaces one keeping its mode, leaving no temporary file behind', async () => {
    const file = path.join(dir, 'a.yml')
    await writeFileAtomic(file, 'one\n')
    expect(readFileSync(file, 'utf8')).toBe('one\n')
    writeFileSync(file, 'two\n')
    chmodSync(file, 0o600)
    await writeFileAtomic(file, 'three\n')
    expect(readFileSync(file, 'utf8')).toBe('three\n')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['a.yml'])
  })

  it('fails without touching the old file when the folder is gone', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'b.yml'), 'x')).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('replaceFileIfUnchanged', () => {
  it('writes only over the text the caller read; leaves a file changed meanwhile alone', async () => {
    const file = path.join(dir, 'c.yml')
    writeFileSync(file, 'old')
    expect(await replaceFileIfUnchanged(file, 'old', 'new')).toBe('written')
    expect(await replaceFileIfUnchanged(file, 'old', 'new')).toBe('unchanged')
    writeFileSync(file, 'edited by hand')
    expect(await replaceFileIfUnchanged(file, 'old', 'new')).toBe('changed-meanwhile')
    expect(readFileSync(file, 'utf8')).toBe('edited by hand')
  })
})

describe('writeFileAtomicSync', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const sub = mkdtempSync(path.join(dir, 'sync-'))
    const file = path.join(sub, 'cache.json')
    writeFileAtomicSync(file, '{"a":1}')
    writeFileAtomicSync(file, '{"b":2}')
    expect(readFileSync(file, 'utf8')).toBe('{"b":2}')
    expect(readdirSync(sub)).toEqual(['cache.json'])
  })
})
