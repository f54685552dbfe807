import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolvePatPlain } from '../../src/panther/load/yaml.js'
import { compareOn } from '../shared/yaml-fast-compare.js'
import { corpus, yamlFiles } from './corpus.js'

/**
 * The fast YAML path over every .yml/.yaml file of the shared corpus: wherever it returns, it
 * returns what the js-yaml path returns (with PyYAML's resolver, and with PAT's for Panther
 * files), and it reads nearly all active SigmaHQ rules and Panther files itself.
 */
const present = existsSync(corpus)

/** Largest share of files the fast path may hand to js-yaml (measured: 0 of 3780 and 0 of 80). */
const MAX_BAIL_SIGMAHQ_ACTIVE = 0.01
const MAX_BAIL_PANTHER = 0.02


interface Tally {
  files: number
  bails: string[]
  disagreements: string[]
}

function check(files: string[], options = {}): Tally {
  const tally: Tally = { files: files.length, bails: [], disagreements: [] }
  for (const file of files) {
    const result = compareOn(readFileSync(file, 'utf8'), options)
    if (result === 'bail') tally.bails.push(path.relative(corpus, file))
    else if (result !== 'same') tally.disagreements.push(`${path.relative(corpus, file)}: ${result}`)
  }
  return tally
}

describe.skipIf(!present)('YAML fast path over the shared corpus', () => {
  it('agrees with the js-yaml path on every YAML file of the corpus', () => {
    const tally = check(yamlFiles(corpus))
    expect(tally.files).toBeGreaterThan(1000)
    expect(tally.disagreements).toEqual([])
  })

  it('agrees with the js-yaml path on Panther files under PAT’s scalar dialect', () => {
    const tally = check(yamlFiles(path.join(corpus, 'panther')), { resolvePlain: resolvePatPlain })
    expect(tally.disagreements).toEqual([])
    expect(tally.bails.length / tally.files).toBeLessThanOrEqual(MAX_BAIL_PANTHER)
  })

  it(`reads at least ${100 - MAX_BAIL_SIGMAHQ_ACTIVE * 100}% of the active SigmaHQ rules itself`, () => {
    const dirs = readdirSync(path.join(corpus, 'sigmahq')).filter((d) => d.startsWith('rules'))
    const files = dirs.flatMap((d) => yamlFiles(path.join(corpus, 'sigmahq', d)))
    const tally = check(files)
    expect(files.length).toBeGreaterThan(3000)
    expect(tally.disagreements).toEqual([])
    expect(tally.bails.length / tally.files, tally.bails.join('\n')).toBeLessThanOrEqual(MAX_BAIL_SIGMAHQ_ACTIVE)
  })
})
