import { describe, expect, it } from 'vitest'
import { loadPantherRules, validatePantherText } from '../../../src/panther/index.js'
import { hasPython, loadRepo, loadRule, probe, repo, runAll, testYaml } from './probe.js'

const schema = (text: string) => validatePantherText(text, 'x.yml').findings.filter((f) => f.check === 'panther-schema')

// panther.md §2.1.3: the other analysis types
describe('audit §2.1.3 other analysis types', () => {
  it('global: GlobalID and Filename required; unknown keys rejected', () => {
    expect(schema('AnalysisType: global\nGlobalID: g\nFilename: g.py\n')).toEqual([])
    expect(schema('AnalysisType: global\nFilename: g.py\n')).toHaveLength(1)
    expect(schema('AnalysisType: global\nGlobalID: g\n')).toHaveLength(1)
    expect(schema('AnalysisType: global\nGlobalID: g\nFilename: g.py\nEnabled: true\n')).toHaveLength(1)
  })

  it('datamodel: DataModelID, Enabled, LogTypes and Mappings required', () => {
    const ok = 'AnalysisType: datamodel\nDataModelID: D\nEnabled: true\nLogTypes: [Amazon.EKS.Audit]\nMappings:\n  - Name: a\n    Path: $.a\n'
    expect(schema(ok)).toEqual([])
    for (const key of ['DataModelID', 'Enabled', 'LogTypes', 'Mappings']) {
      const without = ok.split('\n').filter((l) => !l.startsWith(`${key}:`) && !(key === 'Mappings' && l.startsWith('  '))).join('\n')
      expect(schema(without).length, key).toBeGreaterThan(0)
    }
  })

  it('pack: PackID and PackDefinition.IDs', () => {
    expect(schema('AnalysisType: pack\nPackID: P\nPackDefinition:\n  IDs: []\n')).toEqual([])
    expect(schema('AnalysisType: pack\nPackID: P\n')).toHaveLength(1)
  })

  it('saved_query needs at least one query key; scheduled_query a schedule with exactly one of CronExpression / RateMinutes', () => {
    expect(schema('AnalysisType: saved_query\nQueryName: Q\nQuery: select 1\n')).toEqual([])
    expect(schema('AnalysisType: saved_query\nQueryName: Q\nQuery: select 1\nSnowflakeQuery: select 2\n')).toEqual([])
    expect(schema('AnalysisType: saved_query\nQueryName: Q\n').length).toBeGreaterThan(0)
    const sq = (schedule: string) => `AnalysisType: scheduled_query\nQueryName: Q\nEnabled: true\nQuery: select 1\nSchedule:\n${schedule}`
    expect(schema(sq('  RateMinutes: 60\n  TimeoutMinutes: 5\n'))).toEqual([])
    expect(schema(sq('  CronExpression: "0 * * * *"\n  TimeoutMinutes: 5\n'))).toEqual([])
    expect(schema(sq('  CronExpression: "0 * * * *"\n  RateMinutes: 60\n  TimeoutMinutes: 5\n')).length).toBeGreaterThan(0)
    expect(schema(sq('  RateMinutes: 60\n')).length).toBeGreaterThan(0)
    expect(schema(sq('  RateMinutes: 1\n  TimeoutMinutes: 1\n')).length).toBeGreaterThan(0)
    expect(schema(sq('  RateMinutes: 5\n  TimeoutMinutes: 10\n')).length).toBeGreaterThan(0)
  })

  it('correlation rule tests take RuleOutputs', () => {
    const c = 'AnalysisType: correlation_rule\nRuleID: C\nEnabled: true\nSeverity: Low\nDetection: [{Sequence: []}]\nTests:\n  - Name: t\n    ExpectedResult: true\n'
    expect(schema(`${c}    RuleOutputs: [{ID: A}]\n`)).toEqual([])
    expect(schema(c).length).toBeGreaterThan(0)
  })

  it('derived detections: RuleID and BaseDetection; no Filename or LogTypes', () => {
    expect(schema('AnalysisType: rule\nRuleID: D\nBaseDetection: B\n')).toEqual([])
    expect(schema('AnalysisType: rule\nRuleID: D\nBaseDetection: B\nFilename: x.py\n').length).toBeGreaterThan(0)
  })
})

describe.skipIf(!hasPython)('audit §2.2.3 udm results and errors', () => {
  it('udm() results are immutable and case-insensitive', async () => {
    const model = 'AnalysisType: datamodel\nDataModelID: M\nEnabled: true\nLogTypes: [Amazon.EKS.Audit]\nMappings:\n  - Name: obj\n    Path: $.requestObject\n'
    const out = await probe(
      `obj = event.udm("obj")
out["folded"] = obj["SPEC"]["Containers"][0]["NAME"]
def assign():
    obj["spec"] = {}
out["assign"] = err(assign)[0]`,
      { p_log_type: 'Amazon.EKS.Audit', requestObject: { spec: { containers: [{ name: 'c' }] } } },
      { 'data_models/m.yml': model },
    )
    expect(out).toEqual({ folded: 'c', assign: 'TypeError' })
  })
})

describe.skipIf(!hasPython)('audit: beyond PAT (issue 4)', () => {
  it('exceptions name the rule file and line', async () => {
    const l = await loadRule('def rule(event):\n    x = 1\n    return event["nope"] == x\n', [testYaml('t', false, {})])
    const [r] = await runAll(l.rules[0])
    expect(r?.status).toBe('error')
    expect(r?.message).toMatch(/rule\.py:3: KeyError: 'nope'/)
  })

  it('a test that runs longer than the time limit is reported and the run goes on', async () => {
    const py = 'import time\n\ndef rule(event):\n    if event.get("slow"):\n        time.sleep(30)\n    return True\n'
    const dir = repo({ 'rules/r.yml': ['AnalysisType: rule', 'RuleID: Slow', 'Enabled: true', 'Filename: r.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('slow', true, { slow: true }), testYaml('fast', true, {})].join('\n'), 'rules/r.py': py })
    const l = await loadPantherRules([`${dir}/rules`], { cwd: dir, timeoutMs: 1500 })
    try {
      const [slow, fast] = await runAll(l.rules[0])
      expect(slow?.status).toBe('error')
      expect(slow?.message).toMatch(/timed out after 1500 ms/)
      expect(fast?.status).toBe('pass')
    } finally {
      await l.close()
    }
  })

  it('sidecar expectations: title, dedup, severity (DEFAULT = YAML Severity), alert context (key order ignored)', async () => {
    const py = 'def rule(event):\n    return True\n\ndef title(event):\n    return "T"\n\ndef alert_context(event):\n    return {"a": 1, "b": [1, 2]}\n'
    const sidecar = `tests:
  good:
    expected_title: T
    expected_dedup: T
    expected_severity: default
    expected_alert_context: {b: [1, 2], a: 1}
  bad:
    expected_title: Other
    expected_severity: HIGH
`
    const l = await loadRepo({
      'rules/rule.yml': ['AnalysisType: rule', 'RuleID: Side', 'Enabled: true', 'Filename: rule.py', 'Severity: Medium', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('good', true, {}), testYaml('bad', true, {})].join('\n'),
      'rules/rule.py': py,
      'rules/rule.ruleproof.yml': sidecar,
    })
    expect(l.findings).toEqual([])
    const [good, bad] = await runAll(l.rules[0])
    expect(good?.status).toBe('pass')
    expect(bad?.status).toBe('fail')
    expect(bad?.message).toMatch(/title: expected "Other", got "T"/)
    expect(bad?.message).toMatch(/severity: expected HIGH, got "MEDIUM"/)
  })

  it('a sidecar naming a test the rule does not have is reported', async () => {
    const l = await loadRepo({
      'rules/rule.yml': ['AnalysisType: rule', 'RuleID: Side', 'Enabled: true', 'Filename: rule.py', 'Severity: Medium', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('t', true, {})].join('\n'),
      'rules/rule.py': 'def rule(e):\n    return True\n',
      'rules/rule.ruleproof.yml': 'tests:\n  no such test:\n    expected_title: x\n',
    })
    expect(l.findings.map((f) => f.check)).toEqual(['panther-sidecar'])
  })
})

describe('audit §2.4 enrichment key specifier', () => {
  it('Enrichment: {Table, Selector, FieldPath} reads p_enrichment', async () => {
    const yaml = [
      'AnalysisType: rule', 'RuleID: Enr', 'Enabled: true', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]',
      'Detection: [{Enrichment: {Table: ipinfo_asn, Selector: sourceIPs, FieldPath: asn}, Condition: Equals, Value: AS1}]',
      'Tests:',
      testYaml('hit', true, { p_enrichment: { ipinfo_asn: { sourceIPs: { asn: 'AS1' } } } }),
      testYaml('miss', false, { p_enrichment: { ipinfo_asn: { sourceIPs: { asn: 'AS2' } } } }),
    ].join('\n')
    const dir = repo({ 'rules/e.yml': yaml })
    const l = await loadPantherRules([`${dir}/rules`], { cwd: dir })
    expect(l.findings).toEqual([])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass', 'pass'])
  })
})

describe.skipIf(!hasPython)('audit: worker robustness and interpreter choice', () => {
  it('a rule that kills the interpreter costs only its own test', async () => {
    const py = 'import os\n\ndef rule(event):\n    if event.get("die"):\n        os._exit(3)\n    return True\n'
    const l = await loadRule(py, [testYaml('before', true, {}), testYaml('dies', true, { die: true }), testYaml('after', true, {})])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass', 'error', 'pass'])
  })

  it('RULEPROOF_PYTHON names the interpreter when --python is not given', async () => {
    const { run } = await import('../../../src/cli/main.js')
    const dir = repo({ 'rules/r.yml': ['AnalysisType: rule', 'RuleID: R', 'Enabled: true', 'Filename: r.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('t', true, {})].join('\n'), 'rules/r.py': 'def rule(e):\n    return True\n' })
    let stderr = ''
    const code = await run(['test', 'rules'], { stdout: () => {}, stderr: (t) => void (stderr += t), cwd: dir, env: { RULEPROOF_PYTHON: '/no/such/interpreter' }, isTty: false })
    expect(code).not.toBe(0)
    expect(stderr).toContain('/no/such/interpreter')
  })

  it('global_helpers of the working directory are loaded too', async () => {
    const dir = repo({
      'global_helpers/h.yml': 'AnalysisType: global\nGlobalID: cwd_helper\nFilename: h.py\n',
      'global_helpers/h.py': 'OK = True\n',
      'elsewhere/deep/rules/r.yml': ['AnalysisType: rule', 'RuleID: R', 'Enabled: true', 'Filename: r.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('t', true, {})].join('\n'),
      'elsewhere/deep/rules/r.py': 'import cwd_helper\n\ndef rule(e):\n    return cwd_helper.OK\n',
    })
    const l = await loadPantherRules(['elsewhere/deep/rules'], { cwd: dir })
    try {
      expect(l.findings).toEqual([])
      expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass'])
    } finally {
      await l.close()
    }
  })
})

describe.skipIf(!hasPython)('audit: fields a rule read (issue 4)', () => {
  it('records keys read directly, through deep_get, list elements and data-model paths, per variant', async () => {
    const model = 'AnalysisType: datamodel\nDataModelID: M\nEnabled: true\nLogTypes: [Amazon.EKS.Audit]\nMappings:\n  - Name: actor\n    Path: $.user.username\n'
    const py = 'def rule(event):\n    event.get("verb")\n    event.deep_get("objectRef", "resource")\n    event.udm("actor")\n    [c.get("image") for c in event.deep_get("spec", "containers", default=[])]\n    return False\n'
    const l = await loadRule(py, [testYaml('t', false, { p_log_type: 'Amazon.EKS.Audit', verb: 'create', objectRef: { resource: 'pods' }, user: { username: 'u' }, spec: { containers: [{ image: 'i' }] } })], { 'data_models/m.yml': model })
    await runAll(l.rules[0])
    const fields = l.rules[0]!.fieldsRead?.('eks') ?? []
    expect(fields).toEqual(expect.arrayContaining(['verb', 'objectRef.resource', 'user.username', 'spec.containers[].image']))
    expect(l.rules[0]!.fieldsRead?.('gke')).toBeUndefined()
  })

  it('the default time limit is 5 s', async () => {
    const { DEFAULT_TIMEOUT_MS } = await import('../../../src/panther/index.js')
    expect(DEFAULT_TIMEOUT_MS).toBe(5000)
  })
})
