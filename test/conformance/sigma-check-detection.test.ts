import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDetection, compileDetection } from '../../src/sigma/compile/index.js'
import { loadSigmaText } from '../../src/sigma/index.js'
import { corpus, yamlFiles } from './corpus.js'

/**
 * Lint's `sigma-compile` check runs `checkDetection` (no matchers built); the evaluator runs
 * `compileDetection`. Over every Sigma document of the corpus, both must give the same verdict
 * and the same error.
 */
const present = existsSync(path.join(corpus, 'sigmahq'))


function outcome(run: () => unknown): string {
  try {
    run()
    return 'ok'
  } catch (err) {
    const e = err as { name: string; message: string; path?: unknown; column?: unknown }
    return JSON.stringify([e.name, e.message, e.path, e.column])
  }
}

describe.skipIf(!present)('checkDetection over the corpus', () => {
  it('gives the verdict and error of compileDetection for every detection', () => {
    const files = ['sigmahq', 'sigma-spec'].flatMap((d) => yamlFiles(path.join(corpus, d)))
    // As lint reads placeholders (any name expands to itself), and with none configured.
    const selfExpanding = new Proxy({}, { get: (_t, name) => [`%${String(name)}%`], has: () => true })
    const counts = { ok: 0, rejected: 0 }
    const differences: string[] = []
    for (const file of files) {
      for (const doc of loadSigmaText(readFileSync(file, 'utf8'), file).documents) {
        if (doc.kind === 'correlation') continue
        for (const placeholders of [selfExpanding, {}]) {
          const full = outcome(() => compileDetection(doc.detection, { placeholders }))
          const check = outcome(() => checkDetection(doc.detection, { placeholders }))
          if (check !== full) differences.push(`${file}#${doc.index}: ${full} vs ${check}`)
          counts[full === 'ok' ? 'ok' : 'rejected']++
        }
      }
    }
    expect(differences).toEqual([])
    expect(counts.ok).toBeGreaterThan(7000)
    expect(counts.rejected).toBeGreaterThan(50)
  })
})
