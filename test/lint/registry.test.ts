import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { registry } from '../../src/lint/checks/index.js'
import { renderChecksIndex } from '../../src/lint/docs.js'

const root = path.resolve(import.meta.dirname, '../..')
const ids = (dir: string, suffix: string) =>
  readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith(suffix) && f !== 'index.ts')
    .map((f) => f.slice(0, -suffix.length))
    .sort()

describe('check registry', () => {
  it('files in src/lint/checks == registry keys == docs/checks/*.md == test/lint/checks/*.test.ts', () => {
    const keys = Object.keys(registry)
    expect(keys, 'registry keys are sorted').toEqual([...keys].sort())
    expect(ids('src/lint/checks', '.ts')).toEqual(keys)
    expect(ids('docs/checks', '.md')).toEqual(keys)
    expect(ids('test/lint/checks', '.test.ts')).toEqual(keys)
  })

  it('each registry key is its check id', () => {
    for (const [key, check] of Object.entries(registry)) expect(check.id).toBe(key)
  })

  it('docs/checks.md is what scripts/gen-docs.ts generates (run it after changing a check)', () => {
    expect(readFileSync(path.join(root, 'docs/checks.md'), 'utf8')).toBe(renderChecksIndex(registry))
  })

  it('each doc page has the headings in order and starts with its id', () => {
    for (const id of Object.keys(registry)) {
      const md = readFileSync(path.join(root, 'docs/checks', `${id}.md`), 'utf8')
      expect(md.startsWith(`# ${id}\n`), id).toBe(true)
      const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1])
      expect(headings, id).toEqual(['Why', 'Incorrect', 'Correct', 'Fix'])
    }
  })
})
