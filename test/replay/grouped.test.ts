// Replay evaluates the Sigma rules of a variant together: one read of each field per record, and a
// prefilter that skips the rules whose needed values a record lacks. Its verdicts must be those of
// each rule evaluated alone, for any rules and any records.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset, labelledRecords, openDataset } from '../../src/dataset/index.js'
import type { LoadedRule } from '../../src/model/rule.js'
import { VARIANT_IDS, type VariantId } from '../../src/model/variant.js'
import { ERROR, MATCH, NO_MATCH, VariantEvaluator } from '../../src/replay/evaluator.js'
import { loadRuleSet } from '../../src/rules/index.js'
import { compileDetection, type CompileFilter } from '../../src/sigma/compile/index.js'
import { RuleGroup, SharedFields } from '../../src/sigma/group.js'
import { event, groupedEqualsAlone, rule, value } from './arbitraries.js'

const root = path.resolve(import.meta.dirname, '../..')

describe('RuleGroup: the same verdicts as each rule alone', () => {
  it('holds for random rules (every modifier shape, conditions with not / of, filters) over random records', () => {
    let indexed = 0
    let matches = 0
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 10 }), fc.array(event, { minLength: 1, maxLength: 12 }), (rules, events) => {
        const got = groupedEqualsAlone(rules, events)
        indexed += got.indexed
        matches += got.matches
      }),
      { numRuns: 300 },
    )
    // The generators reach the prefilter (a test of nothing otherwise).
    expect(indexed).toBeGreaterThan(100)
    expect(matches).toBeGreaterThan(100)
  })
})

describe('needs: what a detection cannot match without', () => {
  const needsOf = (detection: Record<string, unknown>, filters?: CompileFilter[]) =>
    compileDetection(detection, { share: (a) => a, ...(filters ? { filters } : {}) }).needs.map((n) => [n.field, [...n.values, ...n.numbers].sort()])

  it('names each plain equality of a selection, lower-cased (cased ones too)', () => {
    expect(needsOf({ sel: { verb: 'Create', 'objectRef.resource|cased': ['pods', 'Jobs'] }, condition: 'sel' })).toEqual([
      ['verb', ['create']],
      ['objectRef.resource', ['jobs', 'pods']],
    ])
  })
  it('names numbers by value and booleans by their text', () => {
    expect(needsOf({ sel: { code: [401, 403, 'forbidden'], ok: false }, condition: 'sel' })).toEqual([
      ['code', [401, 403, 'forbidden']],
      ['ok', ['false']],
    ])
  })
  it('states nothing for wildcards, contains, regexes, comparisons, null, keywords, neq or a negated selection', () => {
    for (const sel of [{ verb: 'cre*' }, { 'verb|contains': 'c' }, { 'verb|re': '^c' }, { 'code|gte': 403 }, { verb: null }, { 'verb|neq': 'get' }, { verb: ['get', 'cre*'] }])
      expect(needsOf({ sel, condition: 'sel' })).toEqual([])
    expect(needsOf({ sel: ['create'], condition: 'sel' })).toEqual([])
    expect(needsOf({ sel: { verb: 'get' }, condition: 'not sel' })).toEqual([])
  })
  it('keeps the needs of the positive side of `selection and not filter`, and of a filter rule', () => {
    expect(needsOf({ sel: { verb: 'get' }, filter: { user: 'x' }, condition: 'sel and not filter' })).toEqual([['verb', ['get']]])
    expect(needsOf({ sel: { 'verb|contains': 'e' }, condition: 'sel' }, [{ detection: { f: { user: 'Admin' } }, condition: 'f' }])).toEqual([['user', ['admin']]])
  })
  it('an alternative needs a field only where every branch does, with the union of the values', () => {
    expect(needsOf({ a: { verb: 'get', user: 'x' }, b: { verb: 'list' }, condition: 'a or b' })).toEqual([['verb', ['get', 'list']]])
    expect(needsOf({ a: { verb: 'get' }, b: { user: 'x' }, condition: '1 of them' })).toEqual([])
    expect(needsOf({ sel: [{ verb: 'get' }, { verb: 'watch' }], condition: 'sel' })).toEqual([['verb', ['get', 'watch']]])
    expect(needsOf({ a: { verb: 'get' }, b: { user: 'x' }, condition: 'all of them' })).toEqual([
      ['verb', ['get']],
      ['user', ['x']],
    ])
  })
  it('needs each value of an |all list on its own', () => {
    expect(needsOf({ sel: { 'tags|all': ['a', 'b'] }, condition: 'sel' })).toEqual([
      ['tags', ['a']],
      ['tags', ['b']],
    ])
  })
})

describe('SharedFields and the prefilter', () => {
  it('reads a field once per record, however many rules read it', () => {
    let reads = 0
    // One accessor per field, as pipelines hand them out (sharing goes by accessor identity).
    const accessors = new Map<string, (r: unknown) => unknown>()
    const accessor = (field: string) => {
      const read = accessors.get(field) ?? ((r: unknown) => (reads++, (r as Record<string, unknown>)[field]))
      accessors.set(field, read)
      return read
    }
    const shared = new SharedFields()
    const rules = ['get', 'list', 'watch', 'create'].map((v) => compileDetection({ sel: { 'verb|contains': v }, condition: 'sel' }, { accessor, share: shared.share }))
    const group = new RuleGroup(
      rules.map((c) => ({ match: c.match, needs: c.needs })),
      shared,
    )
    const out = new Uint8Array(rules.length)
    group.evaluate({ verb: 'watch' }, out)
    expect([...out]).toEqual([NO_MATCH, NO_MATCH, MATCH, NO_MATCH])
    group.evaluate({ verb: 'list' }, out)
    expect([...out]).toEqual([NO_MATCH, MATCH, NO_MATCH, NO_MATCH])
    expect(reads).toBe(2)
  })
  it('evaluates only the rules whose needed values the record holds; the others are no match unseen', () => {
    const seen: string[] = []
    const shared = new SharedFields()
    const member = (name: string, verb: string) => {
      const c = compileDetection({ sel: { verb }, condition: 'sel' }, { share: shared.share })
      return {
        match: (r: unknown) => {
          seen.push(name)
          return c.match(r)
        },
        needs: c.needs,
      }
    }
    const always = { match: () => (seen.push('always'), false), needs: [] }
    const group = new RuleGroup([member('get', 'get'), member('list', 'LIST'), always], shared)
    const out = new Uint8Array(3)
    group.evaluate({ verb: ['x', 'List'] }, out)
    expect(seen.sort()).toEqual(['always', 'list'])
    expect([...out]).toEqual([NO_MATCH, MATCH, NO_MATCH])
    expect(group.unindexed).toBe(1)
  })
  it('evaluates a rule only when the record meets all its needs, on any field and array element', () => {
    const seen: number[] = []
    const shared = new SharedFields()
    const detections = [
      { sel: { verb: 'create', 'objectRef.resource': 'pods', 'objectRef.subresource': 'exec' }, condition: 'sel' },
      { sel: { verb: 'create', 'objectRef.resource': 'pods' }, condition: 'sel' },
      { sel: { 'tags|all': ['a', 'b'] }, condition: 'sel' },
    ]
    const group = new RuleGroup(
      detections.map((d, i) => {
        const c = compileDetection(d, { share: shared.share })
        return { match: (r: unknown) => (seen.push(i), c.match(r)), needs: c.needs }
      }),
      shared,
    )
    const out = new Uint8Array(3)
    group.evaluate({ verb: 'create', objectRef: { resource: 'pods' }, tags: ['a', 'a'] }, out)
    expect(seen).toEqual([1])
    group.evaluate({ verb: 'create', objectRef: [{ resource: 'pods' }, { subresource: 'exec' }], tags: ['b', 'a'] }, out)
    expect(seen.slice(1).sort()).toEqual([0, 1, 2])
    expect([...out]).toEqual([MATCH, MATCH, MATCH])
  })
  it('a field whose read throws: every rule that needs it is evaluated (and meets the error itself)', () => {
    const shared = new SharedFields()
    const boom = () => {
      throw new Error('unreadable')
    }
    const c = compileDetection({ sel: { verb: 'get' }, condition: 'sel' }, { accessor: () => boom, share: shared.share })
    const group = new RuleGroup([{ match: c.match, needs: c.needs }], shared)
    const out = new Uint8Array(1)
    group.evaluate({ verb: 'get' }, out)
    expect([...out]).toEqual([ERROR])
    expect((group.errors[0] as Error).message).toBe('unreadable')
  })
  it('an error in a rule is that rule\'s verdict only', () => {
    const shared = new SharedFields()
    const c = compileDetection({ sel: { verb: 'get' }, condition: 'sel' }, { share: shared.share })
    const group = new RuleGroup([{ match: c.match, needs: c.needs }, { match: () => { throw new Error('boom') }, needs: [] }], shared)
    const out = new Uint8Array(2)
    group.evaluate({ verb: 'GET' }, out)
    expect([...out]).toEqual([MATCH, ERROR])
    expect((group.errors[1] as Error).message).toBe('boom')
  })
})

// --- the project's rules, every variant, on generated records and random edits of them ----------

describe("VariantEvaluator: the project's rules give the same verdicts grouped as alone", () => {
  let dir: string
  let rules: LoadedRule[]
  const records = new Map<VariantId, unknown[]>()
  let close: () => Promise<void>
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-grouped-'))
    await generateDataset({ out: dir, variants: [...VARIANT_IDS], count: 400, seed: 11, attackRatio: 0.4, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1 })
    const dataset = await openDataset(dir)
    for (const part of dataset.parts) {
      const list: unknown[] = []
      for await (const { record } of labelledRecords(dataset, part)) list.push(record)
      records.set(part.variant, list)
    }
    const set = await loadRuleSet([path.join(root, 'rules')], { cwd: root })
    rules = set.rules
    close = () => set.close()
  })
  afterAll(async () => {
    await close?.()
    rmSync(dir, { recursive: true, force: true })
  })

  // Panther rules are evaluated out of process, one at a time, grouped or not: leaving them out
  // keeps this suite from waiting on a busy machine's Python round trips (800 per variant).
  const inProcess = (variant: VariantId): LoadedRule[] => rules.filter((r) => r.variants.includes(variant) && r.format !== 'panther')

  const sameVerdicts = async (variant: VariantId, list: readonly unknown[]): Promise<number> => {
    const claimed = inProcess(variant)
    const grouped = new VariantEvaluator(claimed, variant)
    const single = new VariantEvaluator(claimed, variant, { group: false })
    let matches = 0
    for (const record of list) {
      grouped.evaluate(record)
      if (grouped.rest.length) await grouped.evaluateRest(record)
      single.evaluate(record)
      if (single.rest.length) await single.evaluateRest(record)
      expect([...grouped.verdicts]).toEqual([...single.verdicts])
      matches += grouped.verdicts.filter((v) => v === MATCH).length
    }
    return matches
  }

  it.each([...VARIANT_IDS])('on the generated %s records', async (variant) => {
    const claimed = inProcess(variant)
    const grouped = new VariantEvaluator(claimed, variant)
    if (claimed.some((r) => r.format === 'sigma')) expect(grouped.stats.grouped).toBeGreaterThan(0)
    const matches = await sameVerdicts(variant, records.get(variant) ?? [])
    // The CronJob attacks are in the dataset: the comparison covers matches (the Azure Activity
    // rule looks for another technique than the generated attacks).
    if (variant !== 'azure-activity') expect(matches).toBeGreaterThan(0)
  })

  it('on the k8s records edited at random (values the rules need, in other cases, in arrays, removed)', async () => {
    const base = records.get('k8s') ?? []
    const edit = fc.record({
      at: fc.nat(base.length - 1),
      path: fc.constantFrom(['verb'], ['objectRef', 'resource'], ['objectRef', 'subresource'], ['user', 'username'], ['objectRef'], ['requestURI']),
      to: fc.oneof(value, fc.constantFrom<unknown>(undefined, 'CronJobs', 'PATCH', 'update', ['jobs', 'cronjobs'])),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        const list = edits.map(({ at, path: p, to }) => {
          const r = structuredClone(base[at]) as Record<string, unknown>
          let o: Record<string, unknown> = r
          for (const k of p.slice(0, -1)) o = (typeof o[k] === 'object' && o[k] !== null ? o[k] : (o[k] = {})) as Record<string, unknown>
          if (to === undefined) delete o[p[p.length - 1] as string]
          else o[p[p.length - 1] as string] = to
          return r
        })
        await sameVerdicts('k8s', list)
      }),
      { numRuns: 100 },
    )
  })
})
