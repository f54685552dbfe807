// check --shard and replay --shard split the work by rule file; `ruleproof merge` puts the shards'
// JSON reports back together: the merged report is the unsharded one.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JsonResult } from '../../../src/report/json.js'
import type { Score } from '../../../src/harness/score.js'
import { ruleproof } from '../../e2e/cli.js'

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ruleproof-merge-'))
const key = (r: JsonResult) => `${r.file} ${r.rule} ${r.test} ${r.variant} ${r.kind} ${r.status}`
const counts = (s: Score) => `${s.rule} ${s.variant} events=${s.events} tp=${s.tp} fp=${s.fp} fn=${s.fn} tn=${s.tn} errors=${s.errors}`

describe('check --shard and merge', () => {
  it('the shards run disjoint rule files, and merged they are the unsharded run', async () => {
    const dir = tmp()
    const common = ['check', 'rules', '--runs', '2', '--variants', 'k8s,eks', '--format', 'json']
    const whole = await ruleproof([...common, '--output', path.join(dir, 'whole.json')])
    const shards = []
    for (const i of [1, 2]) {
      const out = await ruleproof([...common, '--shard', `${i}/2`, '--output', path.join(dir, `s${i}.json`)])
      expect(out.code).toBe(whole.code)
      shards.push(JSON.parse(readFileSync(path.join(dir, `s${i}.json`), 'utf8')) as { results: JsonResult[] })
    }
    const [a, b] = shards.map((s) => new Set(s.results.map((r) => r.file)))
    expect(a!.size).toBeGreaterThan(0)
    expect(b!.size).toBeGreaterThan(0)
    expect([...a!].filter((f) => b!.has(f))).toEqual([])

    const merged = await ruleproof(['merge', path.join(dir, 's1.json'), path.join(dir, 's2.json'), '--format', 'json'])
    expect(merged.code).toBe(whole.code)
    const m = JSON.parse(merged.stdout) as { summary: unknown; results: JsonResult[] }
    const w = JSON.parse(readFileSync(path.join(dir, 'whole.json'), 'utf8')) as { summary: unknown; results: JsonResult[] }
    expect(m.summary).toEqual(w.summary)
    expect(m.results.map(key).sort()).toEqual(w.results.map(key).sort())

    const html = await ruleproof(['merge', path.join(dir, 's1.json'), path.join(dir, 's2.json'), '--format', 'html', '--output', path.join(dir, 'merged.html')])
    expect(html.code).toBe(whole.code)
    expect(readFileSync(path.join(dir, 'merged.html'), 'utf8')).toContain('<table class="matrix">')
  }, 120_000)
})

describe('replay --shard and merge', () => {
  it('generate shards replayed one by one and merged give the unsharded scores', async () => {
    const dir = tmp()
    const gen = ['generate', '--variants', 'eks', '--count', '2500', '--seed', '5', '--attack-ratio', '0.3', '--jobs', '1']
    expect((await ruleproof([...gen, '--out', path.join(dir, 'whole')])).code).toBe(0)
    const whole = await ruleproof(['replay', '--dataset', path.join(dir, 'whole'), '--rules', 'rules', '--format', 'json'])
    expect(whole.code).toBe(0)
    const parts: string[] = []
    for (const i of [1, 2, 3]) {
      expect((await ruleproof([...gen, '--shard', `${i}/3`, '--out', path.join(dir, `d${i}`)])).code).toBe(0)
      // Data shards and rule shards at once: data shard i, rule shard (i mod 2)+1, and the other rule shard.
      for (const r of [1, 2]) {
        const out = await ruleproof(['replay', '--dataset', path.join(dir, `d${i}`), '--rules', 'rules', '--shard', `${r}/2`, '--format', 'json'])
        expect(out.code, out.stderr).toBe(0)
        const file = path.join(dir, `d${i}-r${r}.json`)
        writeFileSync(file, out.stdout)
        parts.push(file)
      }
    }
    const merged = await ruleproof(['merge', ...parts, '--format', 'json'])
    expect(merged.code).toBe(0)
    const m = (JSON.parse(merged.stdout) as { scores: Score[] }).scores
    const w = (JSON.parse(whole.stdout) as { scores: Score[] }).scores
    expect(m.map(counts).sort()).toEqual(w.map(counts).sort())
    for (const s of m) {
      const ws = w.find((x) => x.rule === s.rule && x.variant === s.variant)!
      expect(s.recall).toBe(ws.recall)
      expect(s.precision).toBe(ws.precision)
      expect(s.falseNegatives.length).toBe(ws.falseNegatives.length)
    }
  }, 120_000)
})

