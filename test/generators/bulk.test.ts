/** The bulk generator: chunks are independent, seeded and time-ordered; the mix follows the options. */
import { describe, expect, it } from 'vitest'
import { bulkSteps, families, selectFamilies } from '../../generators/index.js'

const opts = { seed: 99, families, attackRatio: 0.1 }
const ids = (steps: ReturnType<typeof bulkSteps>) => steps.map((s) => s.step.action.auditId)

describe('bulkSteps', () => {
  it('gives the same chunk for the same seed, whatever was drawn before', () => {
    const first = ids(bulkSteps(opts, 3, 200, 200))
    bulkSteps(opts, 0, 200, 200)
    bulkSteps({ ...opts, seed: 5 }, 3, 200, 200)
    expect(ids(bulkSteps(opts, 3, 200, 200))).toEqual(first)
    expect(ids(bulkSteps(opts, 4, 200, 200))).not.toEqual(first)
    expect(ids(bulkSteps({ ...opts, seed: 100 }, 3, 200, 200))).not.toEqual(first)
  })
  it('produces exactly `count` actions, scenarios cut at the chunk end', () => {
    for (const n of [1, 7, 200]) expect(bulkSteps(opts, 0, 200, n)).toHaveLength(n)
  })
  it('advances time from the start through the chunk', () => {
    const steps = bulkSteps({ ...opts, start: Date.parse('2026-06-01T00:00:00Z') }, 2, 500, 500)
    const first = steps[0]!.step.action.time
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-06-01T00:00:00Z') * 1000 + 2 * 500 * 40_000)
    const scenarioStarts = steps.filter((s, i) => i === 0 || s.family !== steps[i - 1]!.family).map((s) => s.step.action.time)
    expect(Math.max(...scenarioStarts) - first).toBeLessThan(60 * 60 * 1e6)
  })
  it.each([
    [0, 0],
    [1, 1],
  ])('attack ratio %d gives a malicious share of %d', (attackRatio, share) => {
    const steps = bulkSteps({ ...opts, attackRatio }, 0, 400, 400)
    expect(steps.filter((s) => s.family.labels.malicious).length / steps.length).toBe(share)
  })
  it('draws only from the selected families', () => {
    const chosen = selectFamilies('benign.ci-job,noise.denied')
    for (const s of bulkSteps({ ...opts, families: chosen }, 0, 300, 300)) expect(['benign.ci-job', 'benign.ci-job.pod', 'noise.denied']).toContain(s.step.family)
  })
})
