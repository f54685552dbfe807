import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TARGETS, generate } from '../../scripts/gen-validators.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('ahead-of-time schema validators', () => {
  for (const target of TARGETS) {
    it(`${target.file} is what the schemas compile to today (else: npm run gen:validators)`, () => {
      const { js, dts } = generate(target)
      expect(readFileSync(path.join(root, target.file), 'utf8')).toBe(js)
      expect(readFileSync(path.join(root, target.file.replace(/\.js$/, '.d.ts')), 'utf8')).toBe(dts)
    })
  }
})
