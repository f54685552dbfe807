// ruleproof merge refuses what it cannot merge, with the file named.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ruleproof } from '../e2e/cli.js'

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ruleproof-merge-'))

describe('merge refuses what it cannot merge', () => {
  it('a file that is no JSON report, or results mixed with scores', async () => {
    const dir = tmp()
    writeFileSync(path.join(dir, 'bad.json'), '{"hello": 1}')
    writeFileSync(path.join(dir, 'broken.json'), '{"results": [')
    writeFileSync(path.join(dir, 'r.json'), JSON.stringify({ summary: {}, results: [] }))
    writeFileSync(path.join(dir, 's.json'), JSON.stringify({ dataset: { dir: 'x' }, scores: [] }))
    const bad = await ruleproof(['merge', path.join(dir, 'bad.json')])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.json:1:1: .*no "results" or "scores"/)
    expect((await ruleproof(['merge', path.join(dir, 'broken.json')])).code).toBe(2)
    expect((await ruleproof(['merge', path.join(dir, 'missing.json')])).code).toBe(2)
    expect((await ruleproof(['merge', path.join(dir, 'r.json'), path.join(dir, 's.json')])).code).toBe(3)
    expect((await ruleproof(['merge'])).code).toBe(3)
    expect((await ruleproof(['check', 'rules', '--shard', '3/2'])).code).toBe(3)
  })
})

describe('mergeScores', () => {
  it('sums the same rule × variant across dataset shards and recomputes the rates; examples capped', async () => {
    const { mergeScores } = await import('../../src/report/merge.js')
    const ex = (line: number) => ({ line, family: 'atomic.x', record: {} })
    const s = (tp: number, fp: number, fn: number, fns: number[]) => ({ rule: 'r', file: 'f', variant: 'eks' as const, events: tp + fp + fn + 10, tp, fp, tn: 10, fn, positives: tp + fn, outOfScope: 1, outOfScopeMatched: 0, scoredBy: 'technique' as const, techniques: ['T1053'], families: [], precision: 0, recall: 0, falsePositives: [], falseNegatives: fns.map(ex), errors: 1 })
    const [m] = mergeScores([[s(1, 1, 2, [1, 2])], [s(3, 0, 0, [])], [s(0, 1, 2, [7, 8])]])
    expect(m).toMatchObject({ events: 40, tp: 4, fp: 2, fn: 4, tn: 30, errors: 3, precision: 4 / 6, recall: 0.5, positives: 8, outOfScope: 3 })
    expect(m!.falseNegatives.map((e) => e.line)).toEqual([1, 2, 7])
  })
})
