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

describe('audit: discovery edge cases', () => {
  it('empty files and YAML without a top-level mapping are ignored; several documents are an invalid spec', async () => {
    const { loadPantherRules } = await import('../../../src/panther/index.js')
    const { repo } = await import('./probe.js')
    const dir = repo({ 'rules/empty.yml': '', 'rules/list.yml': '- a\n- b\n', 'rules/scalar.yaml': 'hello\n' })
    const l = await loadPantherRules([`${dir}/rules`], { cwd: dir })
    expect(l.findings).toEqual([])
    const multi = repo({ 'rules/m.yml': 'AnalysisType: global\nGlobalID: a\nFilename: a.py\n---\nAnalysisType: global\nGlobalID: b\nFilename: b.py\n', 'rules/a.py': '', 'rules/b.py': '' })
    const m = await loadPantherRules([`${multi}/rules`], { cwd: multi })
    expect(m.findings.map((f) => f.check)).toEqual(['panther-yaml'])
  })
})

describe.skipIf(!hasPython)('audit: modules per detection', () => {
  it('two detections sharing one .py get separate modules (named by their IDs), each with its own state', async () => {
    const py = 'N = []\n\ndef rule(event):\n    N.append(1)\n    return True\n\ndef title(event):\n    return __name__ + "=" + str(len(N))\n'
    const rule = (id: string) => ['AnalysisType: rule', `RuleID: ${id}`, 'Enabled: true', 'Filename: ../shared/body.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('t1', true, {}), testYaml('t2', true, {})].join('\n')
    const l = await loadRepo({ 'rules/a/a.yml': rule('Mod.A'), 'rules/b/b.yml': rule('Mod.B'), 'rules/shared/body.py': py })
    expect(l.findings).toEqual([])
    const titles = []
    for (const r of l.rules) for (const res of await runAll(r)) titles.push(res.outputs?.title)
    expect(titles).toEqual(['Mod.A=1', 'Mod.A=2', 'Mod.B=1', 'Mod.B=2'])
  })
})
