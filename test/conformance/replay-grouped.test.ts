// Replay's grouped evaluation (shared field reads, the prefilter on needed values) over the whole
// SigmaHQ corpus: every rule's verdict on every record is the one it gives evaluated alone, on
// each variant's generated records and, for all the active rules read raw, on records built from
// the rules' own selections (so that most rules match something).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset, labelledRecords, openDataset } from '../../src/dataset/index.js'
import type { LoadedRule } from '../../src/model/rule.js'
import { VARIANT_IDS, type VariantId } from '../../src/model/variant.js'
import { MATCH, VariantEvaluator } from '../../src/replay/evaluator.js'
import { loadRuleSet } from '../../src/rules/index.js'
import { parseDetectionKey } from '../../src/sigma/compile/index.js'
import { RuleGroup, SharedFields } from '../../src/sigma/group.js'
import type { SigmaLoadedRule } from '../../src/sigma/rule.js'
import { corpus } from './corpus.js'

const sigmahq = path.join(corpus, 'sigmahq')
const ACTIVE = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-placeholder']

/** Sets `field` (dotted: nested) to `value` in `record`. */
function put(record: Record<string, unknown>, field: string, value: unknown): void {
  const keys = field.split('.')
  let o = record
  for (const k of keys.slice(0, -1)) o = (typeof o[k] === 'object' && o[k] !== null && !Array.isArray(o[k]) ? o[k] : (o[k] = {})) as Record<string, unknown>
  o[keys[keys.length - 1] as string] = value
}

/** A plain value that satisfies most modifiers: wildcards dropped, the text kept (in another case, sometimes). */
function sample(v: unknown, n: number): unknown {
  if (typeof v !== 'string') return v
  const text = v.replace(/[*?]/g, '')
  return n % 3 === 2 ? text.toUpperCase() : text
}

/** Records made of each map selection of each rule: the first value of every item (arrays, too). */
function recordsFrom(rules: readonly SigmaLoadedRule[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  let n = 0
  for (const rule of rules) {
    for (const [name, sel] of Object.entries(rule.document.detection)) {
      if (name === 'condition' || name === 'timeframe') continue
      for (const map of Array.isArray(sel) ? sel : [sel]) {
        if (typeof map !== 'object' || map === null) continue
        const record: Record<string, unknown> = {}
        for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
          const { field } = parseDetectionKey(key)
          if (field === '') continue
          const values = Array.isArray(value) ? value : [value]
          n++
          put(record, field, n % 5 === 0 ? values.map((x) => sample(x, n)) : sample(values[n % values.length], n))
        }
        out.push(record)
      }
    }
  }
  return out
}

describe.skipIf(!existsSync(sigmahq))('grouped replay evaluation on the SigmaHQ corpus', () => {
  let rules: LoadedRule[]
  let close: () => Promise<void>
  let dir: string
  beforeAll(async () => {
    const set = await loadRuleSet(
      ACTIVE.map((d) => path.join(sigmahq, d)),
      { cwd: sigmahq },
    )
    rules = set.rules
    close = () => set.close()
    dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-grouped-corpus-'))
    await generateDataset({ out: dir, variants: [...VARIANT_IDS], count: 3000, seed: 7, attackRatio: 0.3, families: '*', format: 'native', gzip: false, assumeDataActions: false, start: '2026-03-14T00:00:00Z', jobs: 1 })
  })
  afterAll(async () => {
    await close?.()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it.each([...VARIANT_IDS])('the rules that read %s: the same verdicts grouped and alone on its generated records', async (variant: VariantId) => {
    const claimed = rules.filter((r) => r.variants.includes(variant))
    const grouped = new VariantEvaluator(claimed, variant)
    const single = new VariantEvaluator(claimed, variant, { group: false })
    const dataset = await openDataset(dir)
    const part = dataset.parts.find((p) => p.variant === variant)!
    let records = 0
    for await (const { record } of labelledRecords(dataset, part)) {
      grouped.evaluate(record)
      single.evaluate(record)
      records++
      expect(grouped.verdicts).toEqual(single.verdicts)
    }
    expect(records).toBe(part.records)
  })

  it('every active rule read raw: the same verdicts grouped and alone on records built from the rules', () => {
    const sigma = rules.filter((r): r is SigmaLoadedRule => r.format === 'sigma')
    expect(sigma.length).toBeGreaterThan(3500)
    const shared = new SharedFields()
    const members = sigma.map((r) => {
      const c = r.compiledShared(undefined, shared.share)
      return { match: c.match, needs: c.needs }
    })
    const alone = sigma.map((r) => r.compiled().match)
    const group = new RuleGroup(members, shared)
    const out = new Uint8Array(members.length)
    const records = recordsFrom(sigma)
    expect(records.length).toBeGreaterThan(5000)
    let matches = 0
    for (const record of records) {
      group.evaluate(record, out)
      for (let i = 0; i < alone.length; i++) {
        let expected: number
        try {
          expected = (alone[i] as (r: unknown) => boolean)(record) ? MATCH : 0
        } catch {
          expected = 2
        }
        if (out[i] !== expected) expect.fail(`${sigma[i]!.file}: grouped ${out[i]}, alone ${expected} on ${JSON.stringify(record)}`)
        if (expected === MATCH) matches++
      }
    }
    // Most rules match a record made from their own selections: the comparison covers matches.
    expect(matches).toBeGreaterThan(2000)
    // The prefilter indexes a good share of the corpus (the rest is evaluated on every record).
    expect(group.unindexed).toBeLessThan(members.length)
    console.log(`${members.length} rules, ${members.length - group.unindexed} indexed by a needed value, ${shared.size} distinct fields; ${records.length} records, ${matches} matches`)
  })
})
