import { describe, expect, it } from 'vitest'
import { judge } from '../../src/panther/judge.js'
import type { RunResult } from '../../src/panther/worker/protocol.js'

const run = (over: Partial<RunResult>): RunResult => ({ output: true, functions: {}, passed: null, stdout: '', fields: [], ...over })
const raised = { type: 'KeyError', message: "'x'" }

describe('judge: PAT pass rule, applied outside the worker', () => {
  it('a test expecting an alert passes when the rule fired and nothing raised', () => {
    expect(judge(run({ output: true, functions: { title: { output: 't' } } }), true, true).passed).toBe(true)
    expect(judge(run({ output: false }), true, true).passed).toBe(false)
    expect(judge(run({ output: null, error: raised }), true, true).passed).toBe(false)
    expect(judge(run({ output: true, functions: { title: { error: raised } } }), true, true).passed).toBe(false)
  })

  it('any other test passes when the rule returned the expected value; auxiliary functions are neither judged nor reported', () => {
    const r = judge(run({ output: false, functions: { title: { error: raised } } }), false, true)
    expect(r.passed).toBe(true)
    expect(r.functions).toEqual({})
    expect(judge(run({ output: null, error: raised }), false, true).passed).toBe(false)
  })

  it('policies alert on False', () => {
    expect(judge(run({ output: false }), false, false).passed).toBe(true)
    expect(judge(run({ output: true }), true, false).passed).toBe(true)
    expect(judge(run({ output: true, functions: { title: { error: raised } } }), true, false).passed).toBe(true)
  })

  it('ignores a verdict the worker claims, and takes a malformed result as an error of the test', () => {
    expect(judge(run({ output: false, passed: true }), true, true).passed).toBe(false)
    for (const bad of [null, 'PASS', { output: 'yes', functions: {}, fields: [] }, { output: true, functions: [], fields: [] }, { output: true, functions: {} }]) {
      const r = judge(bad, true, true)
      expect(r.passed).toBe(false)
      expect(r.harnessError).toBe('the Python worker returned a malformed result')
    }
  })
})
