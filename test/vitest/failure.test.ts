import { describe, expect, it } from 'vitest'
import type { Result } from '../../src/model/result.js'
import { DetectionFailure } from '../../src/vitest/failure.js'

const base: Result = {
  rule: 'r-1',
  file: '/repo/rules/r.yml',
  line: 16,
  test: 'creates a CronJob',
  variant: 'gke',
  kind: 'replay',
  status: 'fail',
  expected: 'match',
  actual: 'no-match',
  message: '(replayed from the eks test event)',
  event: { protoPayload: { methodName: 'io.k8s.batch.v1.cronjobs.create' } },
}

describe('DetectionFailure: what a failed check looks like in vitest', () => {
  it('names the rule file line, the variant, what went wrong, the event and the command', () => {
    const e = new DetectionFailure(base, { root: '/repo' })
    expect(e.message.split('\n').slice(0, 3)).toEqual([
      'rules/r.yml:16 — r-1 › creates a CronJob on gke (replay)',
      'expected match, got no match (replayed from the eks test event)',
      'event (gke):',
    ])
    expect(e.message).toContain('"methodName": "io.k8s.batch.v1.cronjobs.create"')
    expect(e.message.split('\n').at(-1)).toBe('reproduce: npx ruleproof check rules/r.yml --variants gke --kinds replay')
    expect(e.name).toBe('DetectionFailure')
  })

  it('points its stack at the rule file, so vitest and GitHub annotations land on the rule line', () => {
    expect(new DetectionFailure(base).stack!.split('\n').at(-1)).toBe('    at r-1 (/repo/rules/r.yml:16:1)')
  })

  it('carries seed and path of generated events, and reproduces with the same seed and runs', () => {
    const e = new DetectionFailure({ ...base, kind: 'property', variant: 'eks', seed: 7, path: '3:1:0' }, { root: '/repo', runs: 50 })
    expect(e.message).toContain('fast-check: seed=7 path=3:1:0')
    expect(e.message).toContain('reproduce: npx ruleproof check rules/r.yml --variants eks --kinds property --seed 7 --runs 50')
  })

  it('is a DetectionError when the rule itself failed', () => {
    expect(new DetectionFailure({ ...base, status: 'error', message: 'worker crashed' }).name).toBe('DetectionError')
  })
})
