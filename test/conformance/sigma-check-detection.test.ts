import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkDetection, compileDetection } from '../../src/sigma/compile/index.js'
import { loadSigmaText } from '../../src/sigma/index.js'

/**
 * Lint's `sigma-compile` check runs `checkDetection` (no matchers built); the evaluator runs
 * `compileDetection`. Over every Sigma document of the corpus, both must give the same verdict
 * and the same error.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const corpus = path.resolve(root, '../shared/corpus')
const present = existsSync(path.join(corpus, 'sigmahq'))

function ymlFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...ymlFiles(p))
    else if (/\.ya?ml$/.test(name)) out.push(p)
  }
  return out.sort()
}

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
    const files = ['sigmahq', 'sigma-spec'].flatMap((d) => ymlFiles(path.join(corpus, d)))
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
