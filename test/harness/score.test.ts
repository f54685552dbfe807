import { describe, expect, it } from 'vitest'
import { renderScores, ScoreBoard } from '../../src/harness/score.js'
import { groundTruth } from '../../src/harness/truth.js'

const BY_TECHNIQUE = groundTruth(['T1053.007'], [])

describe('dataset scoring', () => {
  it('counts TP/FP/TN/FN and derives precision and recall, keeping a few false positives', () => {
    const b = new ScoreBoard('r', '/r.yml', 'eks', BY_TECHNIQUE, 1)
    b.add(1, true, true, 'atomic.a', { n: 1 })
    b.add(2, false, true, 'benign.b', { n: 2 })
    b.add(3, false, true, 'benign.c', { n: 3 })
    b.add(4, false, false, 'noise.d', { n: 4 })
    b.add(5, true, false, 'atomic.e', { n: 5 })
    const s = b.finish()
    expect(s).toMatchObject({ events: 5, positives: 2, outOfScope: 0, tp: 1, fp: 2, tn: 1, fn: 1, precision: 1 / 3, recall: 0.5, scoredBy: 'technique' })
    expect(s.falsePositives).toEqual([{ line: 2, family: 'benign.b', record: { n: 2 } }])
    expect(renderScores('text', [s], { dir: 'd' })).toContain('33.3%')
    expect(renderScores('markdown', [s], { dir: 'd' })).toContain('| r | eks | 5 | 2 | 1 | 2 | 1 | 1 | 0 | 33.3% | 50.0% |')
  })

  it('leaves precision and recall undefined rather than dividing by zero', () => {
    const s = new ScoreBoard('r', '/r.yml', 'gke', BY_TECHNIQUE).finish(() => 'no labelled events for T1053.007 in this dataset')
    expect([s.precision, s.recall]).toEqual([null, null])
    expect(renderScores('text', [s], { dir: 'd' })).toContain('n/a')
    expect(renderScores('text', [s], { dir: 'd' })).toContain('r on gke: no labelled events for T1053.007 in this dataset')
  })

  it('counts malicious records out of the rule\'s scope apart: neither positives nor false positives', () => {
    const b = new ScoreBoard('r', '/r.yml', 'k8s', BY_TECHNIQUE)
    b.add(1, true, true, 'atomic.cron', {}, true)
    b.add(2, true, true, 'atomic.pod-exec', {}, false)
    b.add(3, true, false, 'atomic.secret-read', {}, false)
    b.add(4, true, false, 'atomic.cron', {}, true)
    b.add(5, false, false, 'benign.x', {})
    const s = b.finish()
    expect(s).toMatchObject({ events: 5, positives: 2, outOfScope: 2, outOfScopeMatched: 1, tp: 1, fp: 0, fn: 1, tn: 1, precision: 1, recall: 0.5 })
    expect(s.tp + s.fn).toBe(s.positives)
    expect(s.falsePositives).toEqual([])
    expect(s.falseNegatives.map((f) => f.line)).toEqual([4])
  })

  it('an unscored rule has no precision or recall, says why, and still counts its benign matches', () => {
    const b = new ScoreBoard('r', '/r.yml', 'k8s', groundTruth([], []))
    b.add(1, true, true, 'atomic.cron', {}, false)
    b.add(2, false, true, 'benign.x', {})
    const s = b.finish(() => 'never asked')
    expect(s).toMatchObject({ scoredBy: 'unscored', positives: 0, outOfScope: 1, fp: 1, precision: null, recall: null })
    expect(s.note).toMatch(/^unscored: the rule claims no ATT&CK technique .* tests name no scenario family$/)
  })
})
