import { describe, expect, it } from 'vitest'
import { hasPython, loadRepo, loadRule, runAll, testYaml } from './probe.js'

describe.skipIf(!hasPython)('audit: edge cases', () => {
  it('alert_context with NaN is an error (panther_core serialises with allow_nan=False)', async () => {
    const l = await loadRule('def rule(event):\n    return True\n\ndef alert_context(event):\n    return {"x": float("nan")}\n', [testYaml('nan', true, {}), testYaml('after', true, {})])
    const [nan, after] = await runAll(l.rules[0])
    expect(nan?.status).toBe('fail')
    expect(nan?.message).toMatch(/alert_context\(\) raised/)
    expect(after?.status).toBe('fail')
  })

  it('a test log whose p_log_type is not among the rule\'s LogTypes still runs (PAT never checks)', async () => {
    const l = await loadRule('def rule(event):\n    return event.get("p_log_type") == "GCP.AuditLog"\n', [testYaml('gcp', true, { p_log_type: 'GCP.AuditLog' })])
    expect(l.findings).toEqual([])
    const [r] = await runAll(l.rules[0])
    expect([r?.status, r?.variant]).toEqual(['pass', 'gke'])
  })

  it('a YAML syntax error is an invalid spec at its line', async () => {
    const l = await loadRepo({ 'rules/bad.yml': 'AnalysisType: rule\nRuleID: [unclosed\n' })
    expect(l.findings.map((f) => [f.check, f.line])).toEqual([['panther-yaml', expect.any(Number)]])
    expect(l.rules).toEqual([])
  })

  it('rule() returning a bool subclass-free value: True/False only; numpy-like truthy objects are errors', async () => {
    const l = await loadRule('class B:\n    def __bool__(self):\n        return True\n\ndef rule(event):\n    return B()\n', [testYaml('obj', true, {})])
    const [r] = await runAll(l.rules[0])
    expect(r?.status).toBe('error')
    expect(r?.message).toMatch(/returned \[B\]/)
  })

  it('rule output that is not JSON-friendly (sets, bytes in alert_context) does not break the run', async () => {
    const py = 'def rule(event):\n    return True\n\ndef alert_context(event):\n    return {"s": {"a"}}\n\ndef title(event):\n    return "t\\u00e9\\ud800"\n'
    const l = await loadRule(py, [testYaml('odd', true, {}), testYaml('next', true, {})])
    const results = await runAll(l.rules[0])
    expect(results.map((r) => r.test)).toEqual(['odd', 'next'])
    expect(results[1]?.status).toBe(results[0]?.status)
  })
})
