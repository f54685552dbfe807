import { describe, expect, it } from 'vitest'
import { renderScores, ScoreBoard } from '../../src/harness/score.js'

describe('dataset scoring', () => {
  it('counts TP/FP/TN/FN and derives precision and recall, keeping a few false positives', () => {
    const b = new ScoreBoard('r', '/r.yml', 'eks', 1)
    b.add(1, true, true, 'atomic.a', { n: 1 })
    b.add(2, false, true, 'benign.b', { n: 2 })
    b.add(3, false, true, 'benign.c', { n: 3 })
    b.add(4, false, false, 'noise.d', { n: 4 })
    b.add(5, true, false, 'atomic.e', { n: 5 })
    const s = b.finish()
    expect(s).toMatchObject({ events: 5, tp: 1, fp: 2, tn: 1, fn: 1, precision: 1 / 3, recall: 0.5 })
    expect(s.falsePositives).toEqual([{ line: 2, family: 'benign.b', record: { n: 2 } }])
    expect(renderScores('text', [s], { dir: 'd' })).toContain('33.3%')
    expect(renderScores('markdown', [s], { dir: 'd' })).toContain('| r | eks | 5 | 1 | 2 | 1 | 1 | 33.3% | 50.0% |')
  })

  it('leaves precision and recall undefined rather than dividing by zero', () => {
    const s = new ScoreBoard('r', '/r.yml', 'gke').finish()
    expect([s.precision, s.recall]).toEqual([null, null])
    expect(renderScores('text', [s], { dir: 'd' })).toContain('n/a')
  })
})
