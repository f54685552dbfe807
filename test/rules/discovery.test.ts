import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LoadedRule } from '../../src/model/rule.js'
import { discoverFiles, loadRuleSet, matchesFilters, parseFilter } from '../../src/rules/index.js'
import type { PantherLoader } from '../../src/rules/panther.js'
import { UsageError } from '../../src/shared/errors.js'
import { CREATE, GET, ID_A, ID_B, repo, sigmaRule } from './fixtures.js'

const embedded = `tests:
  - name: create matches
    expect: match
    event: ${JSON.stringify(CREATE)}
  - name: get does not
    expect: no-match
    event: ${JSON.stringify(GET)}
`

async function load(d: string, paths = ['.'], extra: Partial<Parameters<typeof loadRuleSet>[1]> = {}) {
  return loadRuleSet(paths.map((p) => path.join(d, p)), { cwd: d, ...extra })
}

async function statuses(rule: LoadedRule): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const t of rule.tests) out[t.name] = (await rule.runTest(t)).status
  return out
}

describe('discoverFiles', () => {
  it('walks folders, skips hidden entries, node_modules and __pycache__, keeps explicit files', () => {
    const d = repo({ 'rules/a.yml': '', 'rules/sub/b.yaml': '', 'rules/.hidden/c.yml': '', 'rules/.d.yml': '', 'rules/node_modules/e.yml': '', 'rules/__pycache__/f.yml': '', 'rules/g.py': '', 'rules/t.json': '', 'package.json': '{}' })
    expect(discoverFiles(['rules', 'package.json', 'rules/.d.yml'], { cwd: d }).files.map((f) => path.relative(d, f))).toEqual([
      'package.json',
      'rules/.d.yml',
      'rules/a.yml',
      'rules/sub/b.yaml',
      'rules/t.json',
    ])
  })

  it('a missing path is a finding, the rest still loads', () => {
    const d = repo({ 'rules/a.yml': '' })
    const r = discoverFiles(['rules', 'nope'], { cwd: d })
    expect(r.files).toHaveLength(1)
    expect(r.findings).toEqual([{ check: 'load-path', severity: 'error', file: 'nope', line: 1, column: 1, message: 'no such file or folder: nope' }])
  })

  it('config exclude globs are relative to the config root', () => {
    const d = repo({ 'rules/a.yml': '', 'rules/deprecated/b.yml': '', 'rules/c.yml': '' })
    const files = discoverFiles(['rules'], { cwd: d, root: d, exclude: ['rules/deprecated', '**/c.yml'] }).files
    expect(files.map((f) => path.relative(d, f))).toEqual(['rules/a.yml'])
  })
})

describe('loadRuleSet: Sigma', () => {
  it('loads rules with embedded tests that run', async () => {
    const d = repo({ 'rules/a.yml': sigmaRule(ID_A, 'A', embedded) })
    const set = await load(d)
    expect(set.findings).toEqual([])
    expect(set.rules.map((r) => r.id)).toEqual([ID_A])
    expect(await statuses(set.rules[0]!)).toEqual({ 'create matches': 'pass', 'get does not': 'pass' })
  })

  it('a broken file is a finding at its line and does not stop the others', async () => {
    const d = repo({ 'rules/a.yml': sigmaRule(ID_A, 'A'), 'rules/b.yml': 'title: B\ndetection:\n  sel: [\n' })
    const set = await load(d)
    expect(set.rules.map((r) => r.id)).toEqual([ID_A])
    expect(set.findings).toHaveLength(1)
    expect(set.findings[0]).toMatchObject({ severity: 'error', file: path.join(d, 'rules/b.yml') })
    expect(set.findings[0]!.line).toBeGreaterThan(1)
  })

  it('reads <rule>.tests.yml sidecars; a sidecar without its rule is an error', async () => {
    const sidecar = `tests:\n  - name: sidecar create\n    expect: match\n    event: ${JSON.stringify(CREATE)}\n`
    const d = repo({ 'rules/a.yml': sigmaRule(ID_A, 'A'), 'rules/a.tests.yml': sidecar, 'rules/orphan.tests.yml': sidecar })
    const set = await load(d)
    expect(set.rules[0]!.tests.map((t) => t.name)).toEqual(['sidecar create'])
    expect(set.rules[0]!.tests[0]!.location.file).toBe(path.join(d, 'rules/a.tests.yml'))
    expect(set.findings.map((f) => [f.check, f.severity, path.basename(f.file)])).toEqual([['test-target', 'error', 'orphan.tests.yml']])
  })

  it('config pipeline documents override the shipped field mappings', async () => {
    const d = repo({ 'rules/a.yml': sigmaRule(ID_A, 'A') })
    const override = {
      name: 'verb-elsewhere',
      variant: 'k8s' as const,
      logsources: [{ product: 'kubernetes', service: 'audit' }],
      items: [{ id: 'verb', type: 'path', fields: ['verb'], to: 'annotations.verb' }],
    }
    const moved = { ...CREATE, verb: 'get', annotations: { verb: 'create' } }
    const plain = (await load(d)).rules[0]!
    expect((await plain.evaluate(moved, 'k8s')).match).toBe(false)
    const custom = (await load(d, ['.'], { config: { root: d, rules: [], pipelines: [override] } })).rules[0]!
    expect((await custom.evaluate(moved, 'k8s')).match).toBe(true)
    expect((await custom.evaluate(CREATE, 'k8s')).match).toBe(false)
  })

  it('YAML that is not a rule (CI workflows, pipelines) is not loaded, and said so in a note', async () => {
    const d = repo({ 'rules/a.yml': sigmaRule(ID_A, 'A'), 'rules/ci.yml': 'on: push\njobs: {}\n' })
    const set = await load(d)
    expect(set.findings).toEqual([
      {
        check: 'load-unrecognized',
        severity: 'note',
        file: path.join(d, 'rules/ci.yml'),
        line: 1,
        column: 1,
        message: 'not loaded: neither a Sigma rule (no title, logsource or detection) nor a Panther file (no AnalysisType): top-level keys on, jobs',
      },
    ])
    expect(set.files.map((f) => path.basename(f))).toEqual(['a.yml', 'ci.yml'])
  })
})

describe('loadRuleSet: tests of other tools', () => {
  it('sigma-test: testcases match / dont-match in the rule', async () => {
    const extra = `testcases:\n  match:\n    - ${JSON.stringify(CREATE)}\n  dont-match:\n    - ${JSON.stringify(GET)}\n    - { verb: create, objectRef.resource: jobs }\n`
    const set = await load(repo({ 'a.yml': sigmaRule(ID_A, 'A', extra) }))
    const rule = set.rules[0]!
    expect(rule.tests.map((t) => [t.name, t.expect, t.variant, t.extra?.['source']])).toEqual([
      ['testcases.match[0]', true, 'k8s', 'sigma-test'],
      ['testcases.dont-match[0]', false, 'k8s', 'sigma-test'],
      ['testcases.dont-match[1]', false, 'k8s', 'sigma-test'],
    ])
    expect(rule.tests[1]!.location.line).toBe(20)
    expect(Object.values(await statuses(rule))).toEqual(['pass', 'pass', 'pass'])
  })

  it('sigma-test: a <rule>_test.yml beside the rule, one case per document, match defaults to true', async () => {
    const cases = `event: ${JSON.stringify(CREATE)}\n---\nmatch: false\nevent: ${JSON.stringify(GET)}\n---\nmatch: false\nevent: ${JSON.stringify(CREATE)}\n`
    const set = await load(repo({ 'a.yml': sigmaRule(ID_A, 'A'), 'a_test.yml': cases }))
    const rule = set.rules[0]!
    expect(rule.tests.map((t) => [t.name, t.expect])).toEqual([
      ['a_test.yml[0]', true],
      ['a_test.yml[1]', false],
      ['a_test.yml[2]', false],
    ])
    expect(await statuses(rule)).toEqual({ 'a_test.yml[0]': 'pass', 'a_test.yml[1]': 'pass', 'a_test.yml[2]': 'fail' })
  })

  it('sigma-test: malformed cases are findings at their line', async () => {
    const set = await load(repo({ 'a.yml': sigmaRule(ID_A, 'A', 'testcases:\n  match: {verb: create}\n  maybe: []\n'), 'a_test.yml': 'match: perhaps\nevent: {}\n' }))
    expect(set.findings.map((f) => [f.check, f.line, f.message])).toEqual([
      ['test-interop', 17, 'sigma-test `testcases.match` must be a list of events'],
      ['test-interop', 18, 'sigma-test `testcases` has an unknown key `maybe` (match, dont-match)'],
      ['test-interop', 1, 'sigma-test `match` must be true or false'],
    ])
  })

  it('rsigma exemplars under custom_attributes (which wins) or top level', async () => {
    const custom = `custom_attributes:\n  rsigma.exemplars:\n    - name: fires\n      expect: match\n      event: ${JSON.stringify(CREATE)}\n    - expect: no-match\n      event: ${JSON.stringify(GET)}\nrsigma.exemplars:\n  - { name: ignored, expect: match, event: {} }\n`
    const top = `rsigma.exemplars:\n  - { name: top, expect: no-match, event: ${JSON.stringify(GET)} }\n  - { name: corr, expect: match, events: [{ offset: 0s, event: {} }] }\n  - { name: bad, expect: yes, event: {} }\n`
    const set = await load(repo({ 'a.yml': sigmaRule(ID_A, 'A', custom), 'b.yml': sigmaRule(ID_B, 'B', top) }))
    const [a, b] = set.rules
    expect(a!.tests.map((t) => [t.name, t.expect])).toEqual([
      ['fires', true],
      ['rsigma.exemplars[1]', false],
    ])
    expect(Object.values(await statuses(a!))).toEqual(['pass', 'pass'])
    expect(b!.tests.map((t) => t.name)).toEqual(['top'])
    expect(set.findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', "rsigma exemplar 'corr': correlation exemplars (events with offsets) are not run by ruleproof yet"],
      ['error', "rsigma exemplar 'bad': expect must be match or no-match"],
    ])
  })

  it('Zircolite --test-rules JSON, matched by id or title; each event is checked', async () => {
    const zircolite = JSON.stringify(
      [
        { id: ID_A, true_positive: [CREATE], true_negative: [GET, CREATE] },
        { title: 'B', true_positive: [CREATE] },
        { title: 'Not loaded here', true_positive: [CREATE] },
        { true_negative: [] },
      ],
      null,
      2,
    )
    const set = await load(repo({ 'rules/a.yml': sigmaRule(ID_A, 'A'), 'rules/b.yml': sigmaRule(ID_B, 'B'), 'tests/zircolite.json': zircolite }))
    const [a, b] = set.rules
    expect(await statuses(a!)).toEqual({ 'zircolite true_positive[0]': 'pass', 'zircolite true_negative[0]': 'pass', 'zircolite true_negative[1]': 'fail' })
    expect(b!.tests.map((t) => t.name)).toEqual(['zircolite true_positive[0]'])
    expect(a!.tests[2]!.location).toMatchObject({ line: 21 })
    expect(set.findings.map((f) => [f.check, f.severity, f.line, f.message])).toEqual([
      ['test-interop', 'error', 54, 'Zircolite test entry 3 needs a `title` or an `id`'],
      ['test-target', 'warning', 42, "1 zircolite test(s) name rule titled 'Not loaded here', which was not loaded"],
    ])
  })

  it('SigmaHQ regression data: info.yml found by walking, or through regression_tests_path', async () => {
    const winRule = `title: W\nid: ${ID_B}\nstatus: test\nlogsource:\n  product: windows\n  category: image_load\ndetection:\n  selection:\n    EventID: 7\n    ImageLoaded|endswith: '\\dbgcore.dll'\n  condition: selection\nlevel: high\nregression_tests_path: regression_data/rules/windows/w/info.yml\n`
    const event = (image: string) => ({ Event: { System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 7 }, EventData: { ImageLoaded: image } } })
    const info = `id: 1\nrule_metadata:\n  - id: ${ID_B}\n    title: W\nregression_tests_info:\n  - name: Positive Detection Test\n    type: evtx\n    provider: Microsoft-Windows-Sysmon\n    path: regression_data/rules/windows/w/${ID_B}.evtx\n`
    const d = repo({
      'rules/windows/w.yml': winRule,
      'regression_data/rules/windows/w/info.yml': info,
      [`regression_data/rules/windows/w/${ID_B}.json`]: JSON.stringify(event('C:\\Windows\\System32\\dbgcore.dll'), null, 2),
    })
    for (const paths of [['rules'], ['rules', 'regression_data']]) {
      const set = await load(d, paths)
      expect(set.findings).toEqual([])
      const rule = set.rules[0]!
      expect(rule.tests.map((t) => t.name)).toEqual([`Positive Detection Test [${ID_B}.json]`])
      expect(rule.tests[0]!.event).toMatchObject({ EventID: 7, Provider_Name: 'Microsoft-Windows-Sysmon', ImageLoaded: 'C:\\Windows\\System32\\dbgcore.dll' })
      expect(await statuses(rule)).toEqual({ [`Positive Detection Test [${ID_B}.json]`]: 'pass' })
    }
  })
})

describe('loadRuleSet: Panther', () => {
  it('hands every Panther file of the run to the Panther loader at once, with python and config', async () => {
    const d = repo({
      'rules/panther/a.yml': 'AnalysisType: rule\nRuleID: A\n',
      'rules/panther/helpers/g.yml': 'AnalysisType: global\nGlobalID: g\n',
      'rules/sigma/s.yml': sigmaRule(ID_A, 'S'),
    })
    const calls: unknown[] = []
    let closed = 0
    const panther: PantherLoader = async (files, options) => {
      calls.push([files.map((f) => path.relative(d, f)), options])
      return { rules: [], findings: [{ check: 'panther-schema', severity: 'error', file: files[0]!, line: 2, column: 1, message: 'bad' }], close: async () => void closed++ }
    }
    const set = await load(d, ['rules'], { panther, python: '/usr/bin/python3.11', config: { root: d, rules: [], panther: { timeoutMs: 900, logTypes: ['Custom.X'] } } })
    expect(calls).toEqual([[['rules/panther/a.yml', 'rules/panther/helpers/g.yml'], { cwd: d, python: '/usr/bin/python3.11', timeoutMs: 900, logTypes: ['Custom.X'] }]])
    expect(set.findings.map((f) => f.message)).toEqual(['bad'])
    expect(set.rules.map((r) => r.id)).toEqual([ID_A])
    await set.close()
    expect(closed).toBe(1)
  })

  it('a Sigma-only run never calls the Panther loader', async () => {
    const panther: PantherLoader = async () => {
      throw new Error('must not be called')
    }
    const set = await load(repo({ 'a.yml': sigmaRule(ID_A, 'A') }), ['.'], { panther })
    expect(set.rules).toHaveLength(1)
    await set.close()
  })
})

describe('--filter', () => {
  it('parses KEY=V1,V2 and KEY!=V; rejects the rest', () => {
    expect(parseFilter('Severity=High, Critical')).toEqual({ key: 'Severity', values: ['High', 'Critical'], negate: false })
    expect(parseFilter('level!=low')).toEqual({ key: 'level', values: ['low'], negate: true })
    expect(() => parseFilter('level')).toThrow(UsageError)
    expect(() => parseFilter('level=')).toThrow(/no value/)
  })

  it('matches case-insensitively, lists by intersection, filters AND together', () => {
    const facts = { RuleID: 'K8S.X', Severity: 'High', LogTypes: ['Amazon.EKS.Audit', 'GCP.AuditLog'], Enabled: true }
    expect(matchesFilters(facts, [parseFilter('severity=high,critical')])).toBe(true)
    expect(matchesFilters(facts, [parseFilter('LogTypes=gcp.auditlog')])).toBe(true)
    expect(matchesFilters(facts, [parseFilter('LogTypes!=gcp.auditlog')])).toBe(false)
    expect(matchesFilters(facts, [parseFilter('Enabled=true'), parseFilter('Severity=Low')])).toBe(false)
    expect(matchesFilters(facts, [parseFilter('Missing=x')])).toBe(false)
  })

  it('Sigma rules expose their metadata as facts', async () => {
    const set = await load(repo({ 'a.yml': sigmaRule(ID_A, 'A') }))
    expect(set.facts(set.rules[0]!)).toMatchObject({ id: ID_A, title: 'A', format: 'sigma', level: 'medium', status: 'test', product: 'kubernetes', service: 'audit' })
  })
})
