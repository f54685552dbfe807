import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { discoverPantherFiles, loadPantherSpecs } from '../../src/panther/index.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const corpus = path.resolve(projectRoot, '../shared/corpus/panther')

describe.skipIf(!existsSync(corpus))('Panther corpus (panther-analysis Kubernetes content)', () => {
  it('validates every YAML file; the only findings are the .py files the corpus does not carry', () => {
    const files = discoverPantherFiles([corpus], { helperDirs: false })
    expect(files.length).toBe(80)
    // The corpus is a partial copy: its packs name helpers (panther_base_helpers, …) that were
    // not copied, so pack references are not checked here.
    const { specs, findings } = loadPantherSpecs(files, { packReferences: false })
    expect(specs).toHaveLength(80)
    const byType: Record<string, number> = {}
    for (const s of specs) byType[s.type] = (byType[s.type] ?? 0) + 1
    expect(byType).toEqual({ rule: 43, scheduled_rule: 15, scheduled_query: 15, datamodel: 3, global: 1, pack: 3 })
    expect(findings.every((f) => f.check === 'panther-missing-file' && f.severity === 'error')).toBe(true)
    // Every spec with a Filename whose file is absent gets exactly one finding, at its Filename value.
    const withFilename = specs.filter((s) => typeof s.value.Filename === 'string')
    expect(findings).toHaveLength(withFilename.length)
    for (const spec of withFilename) {
      const f = findings.find((x) => x.file === spec.file)
      const at = spec.map.value(['Filename'])
      expect(f, spec.file).toMatchObject({ line: at.line, column: at.column })
      expect(f?.message).toMatch(new RegExp(`^Filename '${String(spec.value.Filename).replace('.', '\\.')}' does not exist`))
    }
    // Data models without a Filename (EKS: JSONPath only) and queries/packs are clean.
    expect(specs.filter((s) => !findings.some((f) => f.file === s.file)).map((s) => s.type).sort()).toEqual(
      [...Array(3).fill('pack'), ...Array(15).fill('scheduled_query'), 'datamodel'].sort(),
    )
  })

  it('reads every test log as an object and every rule test has a Name and a bool ExpectedResult', () => {
    const { specs } = loadPantherSpecs(discoverPantherFiles([corpus], { helperDirs: false }), { packReferences: false })
    let tests = 0
    for (const spec of specs.filter((s) => s.type === 'rule' || s.type === 'scheduled_rule')) {
      for (const t of (spec.value.Tests as Record<string, unknown>[] | undefined) ?? []) {
        tests++
        expect(typeof t.Name).toBe('string')
        expect(typeof t.ExpectedResult).toBe('boolean')
        expect(t.Log !== null && typeof t.Log === 'object').toBe(true)
      }
    }
    // 237 unified + 20 EKS + 25 GKE + 5 Azure rule tests, 15 scheduled-rule tests (panther.md §1.2).
    expect(tests).toBe(302)
  })
})
