import { describe, expect, it } from 'vitest'
import type { JsonResultsReport } from '../../../src/report/index.js'
import { hasPython, repo, testYaml } from './probe.js'
import { runCli, type CliRun } from '../../helpers/cli.js'

const cli = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, 'test', ...argv)

const RULE_PY = 'def rule(event):\n    return event.get("verb") == "create"\n'
const EKS = (verb: string) => ({ p_log_type: 'Amazon.EKS.Audit', verb })

function ruleFile(id: string, opts: { severity?: string; tags?: string[]; enabled?: boolean; logTypes?: string[]; tests?: string[] } = {}): string {
  return [
    'AnalysisType: rule',
    `RuleID: ${id}`,
    `Enabled: ${opts.enabled ?? true}`,
    'Filename: rule.py',
    `Severity: ${opts.severity ?? 'Medium'}`,
    `LogTypes: [${(opts.logTypes ?? ['Amazon.EKS.Audit']).join(', ')}]`,
    ...(opts.tags ? [`Tags: [${opts.tags.join(', ')}]`] : []),
    ...(opts.tests?.length ? ['Tests:', ...opts.tests] : []),
  ].join('\n')
}

const both = [testYaml('hit', true, EKS('create')), testYaml('miss', false, EKS('get'))]

describe.skipIf(!hasPython)('audit: ruleproof test on Panther rules', () => {
  it('exit 0 when every test passes; JSON results have kind "embedded" and the variant of the log\'s p_log_type', async () => {
    const gke = { p_log_type: 'GCP.AuditLog', verb: 'create' }
    const aks = { p_log_type: 'Azure.MonitorActivity', verb: 'get' }
    const d = repo({
      'rules/a.yml': ruleFile('A.Rule', { logTypes: ['Amazon.EKS.Audit', 'GCP.AuditLog', 'Azure.MonitorActivity'], tests: [...both, testYaml('gke', true, gke), testYaml('aks', false, aks)] }),
      'rules/rule.py': RULE_PY,
    })
    const r = await cli(d, 'rules', '--format', 'json')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as JsonResultsReport
    expect(report.results.map((x) => [x.test, x.variant, x.kind, x.status])).toEqual([
      ['hit', 'eks', 'embedded', 'pass'],
      ['miss', 'eks', 'embedded', 'pass'],
      ['gke', 'gke', 'embedded', 'pass'],
      ['aks', 'aks', 'embedded', 'pass'],
    ])
    expect(report.summary).toEqual({ passed: 4, failed: 0, errors: 0, skipped: 0, notLoaded: 0, blocked: 0 })
  })

  it('exit 1 when a test fails; an invalid spec makes the run fail even if --filter leaves it out', async () => {
    const d = repo({
      'rules/a.yml': ruleFile('A.Rule', { tests: [testYaml('wrong', true, EKS('get'))] }),
      'rules/rule.py': RULE_PY,
    })
    expect((await cli(d, 'rules')).code).toBe(1)
    const bad = repo({
      'rules/a.yml': ruleFile('A.Rule', { tests: both }),
      'rules/b.yml': ruleFile('B.Rule', { severity: 'HIGH', tests: both }),
      'rules/rule.py': RULE_PY,
    })
    const r = await cli(bad, 'rules', '--filter', 'RuleID=A.Rule')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/b\.yml:\d+:\d+: .*Severity/)
  })

  it('--filter: AND across filters, OR within values, case-insensitive, list fields on intersection, != excludes', async () => {
    const d = repo({
      'rules/a.yml': ruleFile('A.Rule', { severity: 'High', tags: ['Kubernetes', 'Persistence'], tests: both }),
      'rules/b.yml': ruleFile('B.Rule', { severity: 'Low', tags: ['Kubernetes'], tests: both }),
      'rules/c.yml': ruleFile('C.Rule', { severity: 'High', tags: ['AWS'], enabled: false, tests: both }),
      'rules/rule.py': RULE_PY,
    })
    const rules = async (...filters: string[]) => {
      const r = await cli(d, 'rules', '--format', 'json', ...filters.flatMap((f) => ['--filter', f]))
      if (r.code !== 0) return r.code
      return [...new Set((JSON.parse(r.stdout) as JsonResultsReport).results.map((x) => x.rule))]
    }
    expect(await rules('Severity=high')).toEqual(['A.Rule', 'C.Rule'])
    expect(await rules('Severity=High,Low')).toEqual(['A.Rule', 'B.Rule', 'C.Rule'])
    expect(await rules('Severity=High', 'Tags=kubernetes')).toEqual(['A.Rule'])
    expect(await rules('Tags=persistence,aws')).toEqual(['A.Rule', 'C.Rule'])
    expect(await rules('Severity!=High')).toEqual(['B.Rule'])
    expect(await rules('Enabled=false')).toEqual(['C.Rule'])
    expect(await rules('Enabled=true')).toEqual(['A.Rule', 'B.Rule'])
    // nothing matched → failure (PAT returns 1)
    expect(await rules('Severity=Critical')).toBe(1)
  })

  it('--minimum-tests N: fewer tests fail; N >= 2 also needs one positive and one negative test', async () => {
    const d = repo({
      'rules/one.yml': ruleFile('One.Test', { tests: [testYaml('hit', true, EKS('create'))] }),
      'rules/two.yml': ruleFile('Two.Positive', { tests: [testYaml('hit', true, EKS('create')), testYaml('hit2', true, EKS('create'))] }),
      'rules/ok.yml': ruleFile('Good.Coverage', { tests: both }),
      'rules/rule.py': RULE_PY,
    })
    expect((await cli(d, 'rules', '--minimum-tests', '1')).code).toBe(0)
    const r = await cli(d, 'rules', '--minimum-tests', '2', '--format', 'json')
    expect(r.code).toBe(1)
    const failing = (JSON.parse(r.stdout) as JsonResultsReport).results.filter((x) => x.status !== 'pass')
    expect(failing.map((x) => [x.rule, x.message])).toEqual([
      ['One.Test', expect.stringMatching(/Insufficient test coverage: 2 tests required but only 1 found.*expected at least one positive and one negative test/)],
      ['Two.Positive', expect.stringMatching(/^Insufficient test coverage: expected at least one positive and one negative test$/)],
    ])
    const three = await cli(d, 'rules', '--minimum-tests', '3', '--format', 'json')
    expect((JSON.parse(three.stdout) as JsonResultsReport).results.filter((x) => x.status !== 'pass').map((x) => x.rule).sort()).toEqual(['Good.Coverage', 'One.Test', 'Two.Positive'])
  })

  it('a rule without tests is not a failure unless --minimum-tests asks for some', async () => {
    const d = repo({ 'rules/a.yml': ruleFile('No.Tests'), 'rules/rule.py': RULE_PY })
    expect((await cli(d, 'rules')).code).toBe(0)
    expect((await cli(d, 'rules', '--minimum-tests', '1')).code).toBe(1)
  })

  it('a missing interpreter is one clear usage error', async () => {
    const d = repo({ 'rules/a.yml': ruleFile('A.Rule', { tests: both }), 'rules/rule.py': RULE_PY })
    const r = await cli(d, 'rules', '--python', '/no/such/python3')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/python/i)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe.skipIf(!hasPython)('audit: exit codes for errors', () => {
  it('a rule that raises fails the run; a rule module that cannot be imported is an invalid spec (non-zero, reported at its line)', async () => {
    const raising = repo({ 'rules/a.yml': ruleFile('A.Rule', { tests: [testYaml('t', false, EKS('get'))] }), 'rules/rule.py': 'def rule(event):\n    return event["nope"]\n' })
    expect((await cli(raising, 'rules')).code).toBe(1)
    const broken = repo({ 'rules/a.yml': ruleFile('A.Rule', { tests: both }), 'rules/rule.py': 'import no_such_module_here\n\ndef rule(event):\n    return True\n' })
    const r = await cli(broken, 'rules')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/rule\.py:1:\d+: .*no_such_module_here/)
  })
})
