import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPantherRules, validatePantherText } from '../../../src/panther/index.js'
import { hasPython, loadRepo, runAll, testYaml } from './probe.js'

const schema = (text: string) => validatePantherText(text, 'p.yml').findings.filter((f) => f.check === 'panther-schema')
const policy = (resourceTypes: string) =>
  ['AnalysisType: policy', 'PolicyID: Audit.Policy', 'Enabled: true', 'Filename: p.py', 'Severity: Low', `ResourceTypes: ${resourceTypes}`].join('\n')

// panther.md §2.1.3 policy keys
describe('audit §2.1.3 policies', () => {
  it('ResourceTypes must be AWS resource types', () => {
    expect(schema(policy('[AWS.S3.Bucket, AWS.IAM.Role, AWS.EC2.SecurityGroup]'))).toEqual([])
    expect(schema(policy('[Kubernetes.Pod]'))).toHaveLength(1)
    expect(schema(policy('[aws.s3.bucket]'))).toHaveLength(1)
  })

  it('policy tests use Resource, not Log, and Filename is required', () => {
    const withLog = `${policy('[AWS.S3.Bucket]')}\nTests:\n  - Name: t\n    ExpectedResult: true\n    Log: {}\n`
    expect(validatePantherText(withLog, 'p.yml').findings.map((f) => f.check)).toContain('panther-schema')
    const noFile = policy('[AWS.S3.Bucket]').replace('Filename: p.py\n', '')
    expect(validatePantherText(noFile, 'p.yml').findings.map((f) => f.check)).toContain('panther-schema')
  })
})

// panther.md §2.5 other detection kinds
describe.skipIf(!hasPython)('audit §2.5 other detection kinds', () => {
  const baseRule = ['AnalysisType: rule', 'RuleID: Audit.Base', 'Enabled: true', 'Filename: base.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('base hit', true, { verb: 'create' })].join('\n')
  const basePy = 'def rule(event):\n    return event.get("verb") == "create"\n'

  it('a derived detection runs its base body and inherits the base tests when it has none', async () => {
    const derived = 'AnalysisType: rule\nRuleID: Audit.Derived\nBaseDetection: Audit.Base\nSeverity: High\n'
    const l = await loadRepo({ 'rules/base.yml': baseRule, 'rules/base.py': basePy, 'rules/derived.yml': derived })
    expect(l.findings).toEqual([])
    const d = l.rules.find((r) => r.id === 'Audit.Derived')
    expect(d?.tests.map((t) => t.name)).toEqual(['base hit'])
    expect((await runAll(d)).map((r) => r.status)).toEqual(['pass'])
  })

  it('a derived detection whose base is not loaded is not run (warning only)', async () => {
    const l = await loadRepo({ 'rules/derived.yml': 'AnalysisType: rule\nRuleID: Audit.Orphan\nBaseDetection: Remote.Base\n' })
    expect(l.rules).toEqual([])
    expect(l.findings.map((f) => f.severity)).toEqual(['warning'])
  })

  it('correlation rule tests run offline; an invalid Detection makes each test an error naming the place (test/panther/correlation covers the semantics)', async () => {
    const corr = [
      'AnalysisType: correlation_rule',
      'RuleID: Audit.Corr',
      'Enabled: true',
      'Severity: High',
      'Detection:',
      '  - Sequence: []',
      'Tests:',
      '  - Name: seq',
      '    ExpectedResult: true',
      '    RuleOutputs: [{ID: A, Matches: {}}]',
    ].join('\n')
    const l = await loadRepo({ 'rules/c.yml': corr })
    expect(l.findings).toEqual([])
    // A sidecar beside a correlation rule is not silently dropped: a warning says it is not read.
    const withSidecar = await loadRepo({ 'rules/c.yml': corr, 'rules/c.ruleproof.yml': 'tests: {}\n' })
    expect(withSidecar.findings.map((f) => [f.severity, path.basename(f.file), f.message])).toEqual([
      ['warning', 'c.ruleproof.yml', 'Audit.Corr is a correlation rule: its sidecar is not read (correlation tests have no alert outputs to check)'],
    ])
    const results = await runAll(l.rules[0])
    expect(results.map((r) => r.status)).toEqual(['error'])
    expect(results[0]?.message).toMatch(/c\.yml:6:15: Sequence must be a non-empty list/)
  })

  it('scheduled rules are tested like rules (ScheduledQueries instead of LogTypes)', async () => {
    const sched = ['AnalysisType: scheduled_rule', 'RuleID: Audit.Sched', 'Enabled: true', 'Filename: s.py', 'Severity: Low', 'ScheduledQueries: [My Query]', 'Tests:', testYaml('row', true, { n: 5 }), testYaml('small', false, { n: 1 })].join('\n')
    const l = await loadRepo({ 'rules/s.yml': sched, 'rules/s.py': 'def rule(event):\n    return event.get("N") > 3\n' })
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass', 'pass'])
  })

  it('a Simple Detection runs without Python; InlineFilters on a Python rule exclude events before rule()', async () => {
    const l = await loadRepo({
      'rules/f.yml': [
        'AnalysisType: rule', 'RuleID: Audit.Filtered', 'Enabled: true', 'Filename: f.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]',
        'InlineFilters: [{Key: ns, Condition: DoesNotEqual, Value: kube-system}]',
        'Tests:', testYaml('kept', true, { ns: 'default' }), testYaml('filtered', false, { ns: 'kube-system' }),
      ].join('\n'),
      'rules/f.py': 'def rule(event):\n    return True\n',
    })
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass', 'pass'])
  })
})

describe('audit: loading without Python', () => {
  it('a repository of Simple Detections loads and runs without starting the worker', async () => {
    const { repo } = await import('./probe.js')
    const dir = repo({ 'rules/s.yml': ['AnalysisType: rule', 'RuleID: S', 'Enabled: true', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Detection: [{Condition: AlwaysTrue}]', 'Tests:', testYaml('t', true, {})].join('\n') })
    const l = await loadPantherRules([`${dir}/rules`], { cwd: dir, python: '/no/such/python' })
    expect(l.findings).toEqual([])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass'])
    await l.close()
  })
})
