// Nothing vanishes: a rule that cannot be loaded still reports each test its file declares, as
// an error naming the cause and its file:line:column, in `test`, `check` and every format.
import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/model/result.js'
import type { LoadedRule, TestCase } from '../../src/model/rule.js'
import { loadRuleSet, mergeByFile } from '../../src/rules/index.js'
import { scanTestList, scanTopLevel } from '../../src/rules/scan.js'
import { unloadedRules, type DeclaredTests } from '../../src/rules/unloaded.js'
import { ruleproof } from '../e2e/cli.js'
import { projectRoot } from '../e2e/scratch.js'

const BROKEN = 'fixtures/examples/broken-rules'

interface JsonResult {
  rule: string
  title?: string
  file: string
  line: number
  test: string
  kind: string
  status: string
  message: string | null
  notRun?: { reason: string; check: string; file: string; line: number; column: number; message: string }
}
interface JsonReport {
  summary: { passed: number; failed: number; errors: number; skipped: number; notLoaded: number; blocked: number }
  results: JsonResult[]
}

const at = (r: JsonResult) => `${r.file}:${r.line} ${r.test} ${r.status}`

describe('tests of rules that do not load', () => {
  it('every test a broken file declares is an error result naming the load finding and its place', async () => {
    const r = await ruleproof(['test', BROKEN, '--format', 'json'])
    expect(r.code).toBe(2)
    const report = JSON.parse(r.stdout) as JsonReport
    expect(report.results.map(at)).toEqual([
      `${BROKEN}/panther/bad_schema.yml:13 kubectl get secret error`,
      `${BROKEN}/panther/bad_schema.yml:16 kubectl list pods error`,
      `${BROKEN}/panther/good.yml:16 kubectl exec pass`,
      `${BROKEN}/panther/good.yml:19 kubectl get pod pass`,
      // The YAML does not parse, but its test list can still be read line by line.
      `${BROKEN}/panther/yaml_error.yml:7 anything error`,
      `${BROKEN}/sigma/bad_condition.yml:14 kubectl get secret error`,
      `${BROKEN}/sigma/bad_condition.yml:17 kubectl get configmap error`,
      `${BROKEN}/sigma/bad_schema.yml:12 kubectl delete namespace error`,
      // The sidecar's test belongs to the rule that failed to load.
      `${BROKEN}/sigma/bad_schema.tests.yml:2 kubectl get namespace error`,
      `${BROKEN}/sigma/good.yml:15 kubectl exec pass`,
      `${BROKEN}/sigma/good.yml:18 kubectl get pod pass`,
      // No test list to read at all: one result for the file.
      `${BROKEN}/sigma/unreadable.yml:3 (rule file) error`,
      `${BROKEN}/sigma/yaml_error.yml:11 kubectl create rolebinding error`,
    ])
    const condition = report.results.find((x) => x.test === 'kubectl get secret' && x.file.endsWith('bad_condition.yml'))!
    expect(condition.message).toBe(
      `rule failed to load: ${BROKEN}/sigma/bad_condition.yml:11:16: condition: the condition ends where a selection name was expected (column 14) [sigma-compile]`,
    )
    expect(condition.notRun).toEqual({
      reason: 'load',
      check: 'sigma-compile',
      file: `${BROKEN}/sigma/bad_condition.yml`,
      line: 11,
      column: 16,
      message: 'condition: the condition ends where a selection name was expected (column 14)',
    })
    const panther = report.results.find((x) => x.file.endsWith('panther/bad_schema.yml'))!
    expect(panther.message).toMatch(/^rule failed to load: .*panther\/bad_schema\.yml:7:11: Severity: 'Urgent' is not one of .* \[panther-schema\]$/)
    expect(report.summary).toEqual({ passed: 4, failed: 0, errors: 9, skipped: 0, notLoaded: 9, blocked: 0 })
  })

  it('the text summary says how many tests did not run because their rule failed to load', async () => {
    const r = await ruleproof(['test', BROKEN])
    expect(r.stdout).toMatch(/\n13 checks: 4 passed, 0 failed, 9 errors, 0 skipped; 9 not run: rule failed to load\n$/)
    // The load findings still go to stderr as file:line:column lines, and the exit code stays 2.
    expect(r.stderr).toContain(`${BROKEN}/sigma/bad_condition.yml:11:16: condition:`)
    // The sidecar of an invalid rule is not blamed for it: the rule's own finding says why.
    expect(r.stderr).not.toContain('bad_schema.tests.yml')
  })

  it('`check` reports the same tests with the same counts as `test`', async () => {
    const t = JSON.parse((await ruleproof(['test', BROKEN, '--format', 'json'])).stdout) as JsonReport
    const c = await ruleproof(['check', BROKEN, '--format', 'json', '--kinds', 'embedded'])
    expect(c.code).toBe(2)
    const report = JSON.parse(c.stdout) as JsonReport
    expect(report.summary).toEqual(t.summary)
    expect(report.results.map(at)).toEqual(t.results.map(at))
  })

  it('a --filter selects stand-ins by the facts their file still gives', async () => {
    const r = await ruleproof(['test', BROKEN, '--format', 'json', '--filter', 'Severity=Urgent'])
    const report = JSON.parse(r.stdout) as JsonReport
    expect(report.results.map((x) => x.test)).toEqual(['kubectl get secret', 'kubectl list pods'])
  })

  it('loadRuleSet keeps loaded rules and stand-ins apart, and mergeByFile orders them by file', async () => {
    const set = await loadRuleSet([BROKEN], { cwd: projectRoot })
    try {
      expect(set.rules.map((r) => r.title).sort()).toEqual(['Pod exec', 'Pod exec (simple detection)'])
      expect(set.unloaded.map((r) => r.title).sort()).toEqual([
        'Namespace deleted, logsource written as a string',
        'Role binding created',
        'Secret read (severity misspelt)',
        'Secret read with a broken condition',
        'Broken.Example.Yaml',
        'unreadable.yml',
      ].sort())
      const merged = mergeByFile(set.rules, set.unloaded).map((r) => r.file)
      expect(merged).toEqual([...merged].sort())
      // Nothing to replay or generate for a rule that is not there.
      expect(set.unloaded.every((r) => r.variants.length === 0)).toBe(true)
    } finally {
      await set.close()
    }
  })
})

describe('unloadedRules', () => {
  const test = (name: string, file: string, line: number): TestCase => ({ name, expect: true, variant: 'k8s', event: {}, location: { file, line, column: 7 } })
  const declared = (tests: TestCase[], over: Partial<DeclaredTests> = {}): DeclaredTests => ({
    format: 'panther',
    id: 'R.1',
    title: 'Rule one',
    file: '/repo/r.yml',
    location: { file: '/repo/r.yml', line: 2, column: 1 },
    tests,
    refs: ['R.1'],
    files: ['/repo/r.yml', '/repo/r.py'],
    ...over,
  })
  const loaded = (tests: TestCase[]): LoadedRule =>
    ({ format: 'panther', id: 'R.1', title: 'Rule one', file: '/repo/r.yml', location: { file: '/repo/r.yml', line: 2, column: 1 }, variants: ['eks'], tests }) as unknown as LoadedRule
  const options = { cwd: '/repo', formatOf: () => 'panther' as const }

  it('reports only the tests no loaded rule carries, each once', async () => {
    const a = test('a', '/repo/r.yml', 10)
    const b = test('b', '/repo/r.yml', 20)
    const out = unloadedRules([declared([a, b]), declared([b])], [loaded([a])], [{ check: 'panther-schema', severity: 'error', file: '/repo/r.yml', line: 5, column: 3, message: 'bad' }], options)
    expect(out).toHaveLength(1)
    expect(out[0]!.tests.map((t) => t.name)).toEqual(['b'])
    expect(await out[0]!.runTest(b)).toMatchObject({ rule: 'R.1', title: 'Rule one', status: 'error', line: 20, message: 'rule failed to load: r.yml:5:3: bad [panther-schema]' })
  })

  it("names the rule's own finding first, even in another file (a Python module that does not import)", async () => {
    const a = test('a', '/repo/r.yml', 10)
    const findings: Finding[] = [
      { check: 'panther-yaml', severity: 'warning', file: '/repo/r.yml', line: 1, column: 1, message: 'duplicate key' },
      { check: 'panther-setup', severity: 'error', file: '/repo/r.py', line: 3, column: 1, message: 'R.1: cannot set up the rule module: ImportError', rule: 'R.1' },
    ]
    const [rule] = unloadedRules([declared([a])], [], findings, options)
    expect((await rule!.runTest(a)).message).toBe('rule failed to load: r.py:3:1: R.1: cannot set up the rule module: ImportError [panther-setup]')
  })

  it('skips, naming it, when only a warning stopped the rule (PAT skips it too)', async () => {
    const a = test('a', '/repo/r.yml', 10)
    const [rule] = unloadedRules([declared([a])], [], [{ check: 'panther-setup', severity: 'warning', file: '/repo/r.yml', line: 4, column: 3, message: "base detection 'X' is not in the loaded files", rule: 'R.1' }], options)
    const r = await rule!.runTest(a)
    expect(r).toMatchObject({ status: 'skip', notRun: { reason: 'load', check: 'panther-setup' } })
    expect(r.message).toBe("not run: r.yml:4:3: base detection 'X' is not in the loaded files [panther-setup]")
  })

  it('never drops a test silently: with no finding to name, it is an error that says so', async () => {
    const a = test('a', '/repo/r.yml', 10)
    const [rule] = unloadedRules([declared([a])], [], [], options)
    expect((await rule!.runTest(a)).message).toMatch(/no load finding says why \(a ruleproof bug: please report it\)/)
  })

  it('one result for a file with a load error and no test to stand for it; none for a file already reported', async () => {
    const a = test('a', '/repo/r.yml', 10)
    const findings: Finding[] = [
      { check: 'panther-schema', severity: 'error', file: '/repo/r.yml', line: 5, column: 3, message: 'bad' },
      { check: 'panther-schema', severity: 'error', file: '/repo/r.yml', line: 6, column: 3, message: 'worse' },
      { check: 'panther-pack-reference', severity: 'error', file: '/repo/packs/p.yml', line: 7, column: 9, message: "pack P names 'Y', which is not among the loaded analysis items" },
      { check: 'panther-log-type', severity: 'warning', file: '/repo/w.yml', line: 1, column: 1, message: 'only a warning' },
    ]
    const out = unloadedRules([declared([a])], [], findings, options)
    expect(out.map((r) => `${r.title}: ${r.tests.map((t) => t.name).join(', ')}`)).toEqual(['Rule one: a', 'p.yml: (rule file)'])
    expect((await out[1]!.runTest(out[1]!.tests[0]!)).message).toBe("rule failed to load: packs/p.yml:7:9: pack P names 'Y', which is not among the loaded analysis items [panther-pack-reference]")
  })
})

describe('scanTestList (the test list of a file whose YAML does not parse)', () => {
  const text = [
    'RuleID: "Odd.Rule"',
    'Tests:',
    '  - Name: "quoted: name"',
    '    ExpectedResult: true',
    '    Log:',
    '      {',
    '        "a": [1, 2]',
    '    }',
    '    Mocks:',
    '      - objectName: x',
    "  - Name: 'it''s plain'",
    '  - ExpectedResult: false',
    '    Name: second key',
    '  # a comment',
    'Severity: Low',
    '  - Name: not a test (after the list)',
  ].join('\n')

  it('counts each item at the list indentation, with its name and line, and nothing after the list', () => {
    const tests = scanTestList(text, '/r.yml', 'Tests', 'Name', 'k8s')
    expect(tests.map((t) => `${t.location.line}:${t.location.column} ${t.name}`)).toEqual(['3:3 quoted: name', "11:3 it's plain", '12:3 second key'])
    expect(scanTopLevel(text, 'RuleID')).toBe('Odd.Rule')
    expect(scanTestList('title: x\n', '/r.yml', 'tests', 'name', 'k8s')).toEqual([])
  })
})
