import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePantherYaml } from '../../src/panther/load/yaml.js'
import { LoadError } from '../../src/shared/errors.js'
import { PYYAML_CASES } from '../shared/yaml-pyyaml-cases.js'
import { corpus, yamlFiles } from './corpus.js'

// Holds ruleproof's Panther YAML loader to PyYAML itself (PAT's loader, re-created in
// pyyaml/pat_load.py) on the tricky documents of the unit tests and on every Panther file of
// ../shared/corpus. Skipped where python3 has no PyYAML.
const script = path.join(import.meta.dirname, 'pyyaml', 'pat_load.py')
const hasPyYaml = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0

type Outcome = { ok: unknown } | { err: string }

function viaPyYaml(texts: string[]): Outcome[] {
  const run = spawnSync('python3', [script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 30 })
  if (run.status !== 0) throw new Error(`pat_load.py failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Outcome[]
}

/** Our value in the shape pat_load.py prints (non-finite floats tagged). */
function plain(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { $float: Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf' }
  }
  if (Array.isArray(value)) return value.map(plain)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  }
  return value
}

function viaRuleproof(text: string, file: string): Outcome {
  try {
    return { ok: plain(parsePantherYaml(text, file).value) }
  } catch (e) {
    return { err: (e as Error).message }
  }
}

/** Disagreements: PyYAML accepts and we refuse or read another value (key order included), or the reverse. */
function disagreements(files: string[], texts: string[]): string[] {
  const theirs = viaPyYaml(texts)
  const out: string[] = []
  texts.forEach((text, i) => {
    const py = theirs[i] as Outcome
    const ours = viaRuleproof(text, files[i] as string)
    if ('err' in py && 'err' in ours) return
    if ('ok' in py && 'ok' in ours && JSON.stringify(py.ok) === JSON.stringify(ours.ok)) return
    out.push(`${files[i]}: PyYAML ${JSON.stringify(py).slice(0, 200)} / ruleproof ${JSON.stringify(ours).slice(0, 200)}`)
  })
  return out
}

describe.skipIf(!hasPyYaml)('Panther YAML loader against PyYAML', () => {
  it('agrees on the tricky documents', () => {
    expect(disagreements(PYYAML_CASES.map((c) => c.name), PYYAML_CASES.map((c) => c.text))).toEqual([])
  })

  it('the fixed expected values of the unit tests are what PyYAML gives', () => {
    const theirs = viaPyYaml(PYYAML_CASES.map((c) => c.text))
    PYYAML_CASES.forEach((c, i) => {
      const py = theirs[i] as Outcome
      if (c.error) expect('err' in py, c.name).toBe(true)
      else expect(JSON.stringify('ok' in py ? py.ok : py), c.name).toBe(JSON.stringify(c.value))
    })
  })

  it('agrees on flow collections spread over lines at random indentations (seeded)', () => {
    const scalar = fc.constantFrom('1', 'a', '"q"', "'s'", 'two words', '"multi\nline"', '[1, 2]', '{k: v}', '"a,b"', 'null', '-1', '0644', 'yes', 'x: y', '# c')
    const indent = fc.integer({ min: 0, max: 8 })
    const doc = fc
      .tuple(fc.boolean(), fc.array(scalar, { maxLength: 4 }), fc.array(indent, { minLength: 8, maxLength: 8 }), fc.boolean(), fc.boolean())
      .map(([isMap, xs, ind, inSeq, trailing]) => {
        const items = xs.map((x, i) => `${isMap ? `"k${i}": ` : ''}${x}${i < xs.length - 1 || trailing ? ',' : ''}`)
        const lines = [isMap ? '{' : '[', ...items, isMap ? '}' : ']']
        const body = lines.map((l, i) => ' '.repeat(ind[i % 8] as number) + l).join('\n')
        return inSeq ? `Tests:\n  - Name: t\n    Log:\n${body}\n  - Name: u\n` : `a:\n  b:\n${body}\n  c: 1\n`
      })
    const texts = fc.sample(doc, { numRuns: 1500, seed: 7 })
    const theirs = viaPyYaml(texts)
    let agreed = 0
    texts.forEach((text, i) => {
      let ours: Outcome
      try {
        ours = { ok: plain(parsePantherYaml(text, 'f.yml').value) }
      } catch (e) {
        expect(e, text).toBeInstanceOf(LoadError) // a clear load error, never a crash
        ours = { err: (e as Error).message }
      }
      const py = theirs[i] as Outcome
      if ('ok' in py) {
        expect(ours, text).toEqual({ ok: py.ok })
        agreed++
      }
    })
    expect(agreed).toBeGreaterThan(300)
  })

  const files = yamlFiles(path.join(corpus, 'panther'))
  it.skipIf(files.length === 0)(`agrees on every YAML file of the Panther corpus (${files.length})`, () => {
    const texts = files.map((f) => readFileSync(f, 'utf8'))
    expect(disagreements(files.map((f) => path.relative(corpus, f)), texts)).toEqual([])
  })
})
