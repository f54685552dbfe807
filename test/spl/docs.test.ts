import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderSplDocs } from '../../src/spl/docs.js'

describe('docs/spl.md', () => {
  it('is what scripts/gen-docs.ts generates from the engine tables (run npm run gen:docs after changing them)', () => {
    expect(readFileSync(path.resolve(import.meta.dirname, '../../docs/spl.md'), 'utf8')).toBe(renderSplDocs())
  })
})
