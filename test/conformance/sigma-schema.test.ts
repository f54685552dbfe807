import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { expandCollection } from '../../src/sigma/load/collection.js'
import { sigmaKind } from '../../src/sigma/load/document.js'
import { isSchemaValid, type SchemaName } from '../../src/sigma/schema/validate.js'
import { corpus, projectRoot as root, yamlFiles } from './corpus.js'

/**
 * Our own Sigma schemas must accept and reject exactly what the official 2.1.0 schemas accept
 * and reject. The official schemas are read from the corpus here and nowhere else.
 */
const present = existsSync(path.join(corpus, 'sigma-spec/json-schema'))


function officialValidators(): Record<'rule' | 'correlation' | 'filter', ValidateFunction> {
  // The official schemas do not compile in strict mode (see reference §3.0): strict off, as upstream CI.
  const ajv = new Ajv2020({ strict: false, allErrors: false })
  addFormatsModule.default(ajv)
  const load = (f: string) => {
    const schema = JSON.parse(readFileSync(path.join(corpus, 'sigma-spec/json-schema', f), 'utf8')) as Record<string, unknown>
    delete schema.$schema // "…/schema#" with a fragment is not a registered meta-schema id; Ajv2020 is draft 2020-12 anyway
    return ajv.compile(schema)
  }
  return {
    rule: load('sigma-detection-rule-schema.json'),
    correlation: load('sigma-correlation-rules-schema.json'),
    filter: load('sigma-filters-schema.json'),
  }
}

interface Doc {
  where: string
  value: Record<string, unknown>
}

function documentsOf(file: string): Doc[] {
  const rel = path.relative(corpus, file)
  const yaml = parseYamlDocuments(readFileSync(file, 'utf8'), rel)
  const docs: Doc[] = []
  for (const d of yaml) {
    if (d.value !== null && typeof d.value === 'object' && !Array.isArray(d.value)) {
      docs.push({ where: `${rel}#${d.index}`, value: d.value as Record<string, unknown> })
    }
  }
  // Also the rules a legacy collection expands to: the loader validates those.
  if (yaml.some((d) => d.value !== null && typeof d.value === 'object' && 'action' in (d.value as object))) {
    for (const e of expandCollection(yaml, rel).documents) {
      docs.push({ where: `${rel}#${e.index} (merged)`, value: e.value as Record<string, unknown> })
    }
  }
  return docs
}

function disagreements(docs: Doc[], official: Record<'rule' | 'correlation' | 'filter', ValidateFunction>): string[] {
  const out: string[] = []
  for (const d of docs) {
    const kind = sigmaKind(d.value)
    const theirs = official[kind](d.value) === true
    const ours = isSchemaValid(kind as SchemaName, d.value)
    if (theirs !== ours) out.push(`${d.where}: official ${theirs ? 'accepts' : 'rejects'}, ours ${ours ? 'accepts' : 'rejects'}`)
  }
  return out
}

const VALUES: unknown[] = [null, 0, 7, 1.5, true, '', 'x', 'ab', '2024-13-01', '2024-01-31', '2024/01/31', 'A.B', 'attack.t1053',
  '0c9b3bda-41a6-4442-9345-356ae86343dc', [], ['x'], ['ab', 'ab'], [1], [{}], [null], {}, { a: 1 }, { gte: 3 }, { field: 'x', gt: 1 }]

/** Each key of each map along a few paths, deleted or replaced by each value above. */
function mutants(doc: Doc): Doc[] {
  const out: Doc[] = []
  const clone = () => structuredClone(doc.value)
  const parents: string[][] = [[], ['logsource'], ['detection'], ['correlation'], ['filter']]
  for (const parent of parents) {
    let node: unknown = doc.value
    for (const p of parent) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[p] : undefined
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue
    const keys = [...Object.keys(node), ...(parent.length === 0 ? ['related', 'falsepositives', 'generate', 'scope', 'fields'] : ['field', 'group-by', 'aliases'])]
    for (const key of keys) {
      const variants: (unknown | typeof DELETE)[] = [DELETE, ...VALUES]
      for (const v of variants) {
        const copy = clone()
        let target = copy as Record<string, unknown>
        for (const p of parent) target = target[p] as Record<string, unknown>
        if (v === DELETE) delete target[key]
        else target[key] = structuredClone(v)
        out.push({ where: `${doc.where} ${[...parent, key].join('.')}=${v === DELETE ? '(deleted)' : JSON.stringify(v)}`, value: copy })
      }
    }
  }
  return out
}
const DELETE = Symbol('delete')

/** Random documents over the keys the three schemas know, with values near their boundaries. */
function scalarArbitrary(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, true, 0, 3, -1, 1.5, '', 'a', 'ab', 'x'.repeat(257), '2024-02-30', '2024-13-01', '2024/01/01', '2024-01-31',
      'attack.t1053', 'Attack.T1', 'cve.2021-44228', 'urn:uuid:0c9b3bda-41a6-4442-9345-356ae86343dc', '0c9b3bda-41a6-4442-9345-356ae86343dc',
      '0C9B3BDA-41A6-4442-9345-356AE86343DC', '0c9b3bda41a644429345356ae86343dc', 'stable', 'test', 'high', 'critical', 'similar', 'obsoletes',
      'event_count', 'value_count', 'temporal', 'value_percentile', 'selection', '5m', '10 minutes'),
    fc.string({ maxLength: 4 }),
    fc.integer(),
  )
}

function documentArbitrary(): fc.Arbitrary<Record<string, unknown>> {
  const scalar = scalarArbitrary()
  const leaf = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))
  const keys = ['title', 'id', 'name', 'related', 'taxonomy', 'status', 'description', 'license', 'author', 'references', 'date', 'modified',
    'logsource', 'detection', 'fields', 'falsepositives', 'level', 'tags', 'scope', 'generate', 'correlation', 'filter']
  const inner = ['category', 'product', 'service', 'definition', 'condition', 'selection', 'sel', 'type', 'rules', 'timespan', 'group-by',
    'aliases', 'field', 'gte', 'id']
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...inner), fc.oneof(leaf, fc.dictionary(fc.constantFrom(...inner), leaf, { maxKeys: 3 })), { maxKeys: 5 }) },
    { weight: 1, arbitrary: fc.array(fc.dictionary(fc.constantFrom(...inner), leaf, { maxKeys: 3 }), { maxLength: 3 }) },
  )
  return fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 })
}

/** A valid document with 0–3 random edits (a key set, retyped or deleted, at the top or one level down). */
function editedArbitrary(bases: Record<string, unknown>[]): fc.Arbitrary<Record<string, unknown>> {
  const keys = ['title', 'id', 'status', 'date', 'tags', 'falsepositives', 'level', 'related', 'generate', 'custom', 'logsource', 'detection', 'correlation', 'filter']
  const inner = ['condition', 'selection', 'product', 'type', 'rules', 'timespan', 'group-by', 'aliases', 'field', 'gte']
  const edit = fc.record({
    parent: fc.option(fc.constantFrom('logsource', 'detection', 'correlation', 'filter'), { nil: undefined }),
    key: fc.oneof(fc.constantFrom(...keys), fc.constantFrom(...inner)),
    value: fc.option(fc.oneof(scalarArbitrary(), fc.array(scalarArbitrary(), { maxLength: 3 }), fc.anything({ maxDepth: 2 })), { nil: undefined }),
  })
  return fc.tuple(fc.constantFrom(...bases), fc.array(edit, { maxLength: 3 })).map(([base, edits]) => {
    const doc = structuredClone(base)
    for (const e of edits) {
      const target = e.parent === undefined ? doc : doc[e.parent]
      if (target === null || typeof target !== 'object' || Array.isArray(target)) continue
      if (e.value === undefined) delete (target as Record<string, unknown>)[e.key]
      else (target as Record<string, unknown>)[e.key] = e.value
    }
    return doc
  })
}

describe.skipIf(!present)('own Sigma JSON schemas agree with the official 2.1.0 schemas', () => {
  const official = present ? officialValidators() : undefined

  it('on every document of the SigmaHQ corpus (all folders)', () => {
    const files = yamlFiles(path.join(corpus, 'sigmahq'))
    expect(files.length).toBeGreaterThanOrEqual(4040)
    const docs = files.flatMap(documentsOf)
    const rejected = docs.filter((d) => !isSchemaValid(sigmaKind(d.value) as SchemaName, d.value)).length
    expect(disagreements(docs, official!)).toEqual([])
    // The corpus does hold rejected documents (legacy folders), so the agreement is not vacuous.
    expect(rejected).toBeGreaterThan(200)
  })

  it("on this project's own rules, whose tests: sections (test cases and family declarations) stay valid Sigma", () => {
    const docs = yamlFiles(path.join(root, 'rules/sigma'))
      .filter((f) => !/\.tests\.ya?ml$/.test(f))
      .flatMap((f) => parseYamlDocuments(readFileSync(f, 'utf8'), f).map((d) => ({ where: f, value: d.value as Record<string, unknown> })))
    expect(docs.length).toBeGreaterThanOrEqual(2)
    expect(docs.filter((d) => official!.rule(d.value) !== true).map((d) => d.where)).toEqual([])
    expect(docs.some((d) => Array.isArray(d.value['tests']) && d.value['tests'].some((t) => typeof t === 'object' && t !== null && 'family' in t))).toBe(true)
  })

  it('on every schema-test document of the specification', () => {
    const docs = yamlFiles(path.join(corpus, 'sigma-spec/schema-tests')).flatMap(documentsOf)
    expect(docs.length).toBe(12)
    expect(disagreements(docs, official!)).toEqual([])
    expect(docs.every((d) => isSchemaValid(sigmaKind(d.value) as SchemaName, d.value))).toBe(true)
  })

  it('on mutants of the schema-test documents and the seed rules (each key deleted or retyped)', () => {
    const sources = [
      ...yamlFiles(path.join(corpus, 'sigma-spec/schema-tests')),
      path.join(corpus, 'sigmahq/rules/application/kubernetes/audit/kubernetes_audit_cronjob_modification.yml'),
      path.join(corpus, 'sigmahq/rules/cloud/azure/activity_logs/azure_kubernetes_cronjob.yml'),
    ]
    const docs = sources.flatMap(documentsOf).flatMap(mutants)
    expect(docs.length).toBeGreaterThan(2000)
    expect(disagreements(docs, official!)).toEqual([])
    const accepted = docs.filter((d) => isSchemaValid(sigmaKind(d.value) as SchemaName, d.value)).length
    expect(accepted).toBeGreaterThan(100)
    expect(docs.length - accepted).toBeGreaterThan(100)
  })

  it('on random documents: built from the known keys, and valid ones with random edits (property, fixed seed)', () => {
    const bases = yamlFiles(path.join(corpus, 'sigma-spec/schema-tests')).flatMap(documentsOf).map((d) => d.value)
    let accepted = 0
    let total = 0
    fc.assert(
      fc.property(fc.oneof(documentArbitrary(), editedArbitrary(bases), editedArbitrary(bases)), (value) => {
        total++
        const kind = sigmaKind(value)
        const theirs = official![kind](value) === true
        if (theirs) accepted++
        expect(isSchemaValid(kind as SchemaName, value)).toBe(theirs)
      }),
      { numRuns: 20_000, seed: 20261123 },
    )
    // Both verdicts are well represented, so agreement means something.
    expect(accepted).toBeGreaterThan(total / 10)
    expect(total - accepted).toBeGreaterThan(total / 10)
  })
})
