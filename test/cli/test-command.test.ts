import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { JsonResultsReport } from '../../src/report/index.js'
import { findAll, parseXml } from '../report/xml.js'
import { CREATE, GET, ID_A, ID_B, repo, sigmaRule } from '../rules/fixtures.js'
import { runCli, type CliRun } from '../helpers/cli.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const cli = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, 'test', ...argv)

const tests = (...cases: [string, 'match' | 'no-match', unknown][]) =>
  `tests:\n${cases.map(([name, expect, event]) => `  - name: ${name}\n    expect: ${expect}\n    event: ${JSON.stringify(event)}\n`).join('')}`

const good = sigmaRule(ID_A, 'Good', tests(['create', 'match', CREATE], ['get', 'no-match', GET]))
const wrong = sigmaRule(ID_B, 'Wrong', tests(['get wrongly expected', 'match', GET])).replace('level: medium', 'level: high')

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('ruleproof test', () => {
  it('exit 0 when every test passes; text report with a summary line', async () => {
    const d = repo({ 'rules/good.yml': good })
    const r = await cli(d, 'rules')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(`PASS  Good › create [k8s] (embedded) rules/good.yml:`)
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 checks: 2 passed, 0 failed, 0 errors, 0 skipped')
  })

  it('--slowest N lists the N slowest tests before the summary; JSON results carry durationMs; a bad N is a usage error', async () => {
    const d = repo({ 'rules/good.yml': good })
    const r = await cli(d, 'rules', '--slowest', '1')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`\\nSlowest 1 of 2 checks \\([\\d.]+ ms in all, [\\d.]+ ms on average\\):\\n +[\\d.]+ ms  Good › (create|get) \\[k8s\\] \\(embedded\\) rules/good\\.yml:\\d+\\n\\n2 checks:`))
    const json = JSON.parse((await cli(d, 'rules', '--format', 'json')).stdout) as JsonResultsReport
    expect(json.results.every((x) => typeof x.durationMs === 'number' && x.durationMs >= 0)).toBe(true)
    expect((await cli(d, 'rules', '--slowest', 'many')).code).toBe(3)
  })

  it('PATHS default to the config rules, else ./rules', async () => {
    expect((await cli(repo({ 'rules/good.yml': good }))).code).toBe(0)
    const d = repo({ 'detections/good.yml': good, 'ruleproof.config.yml': 'rules: [detections]\n' })
    expect((await cli(d)).stdout).toContain('2 passed')
  })

  it('exit 1 on a failed test; JSON has the documented shape', async () => {
    const d = repo({ 'rules/good.yml': good, 'rules/wrong.yml': wrong })
    const r = await cli(d, 'rules', '--format', 'json')
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as JsonResultsReport
    expect(report.summary).toEqual({ passed: 2, failed: 1, errors: 0, skipped: 0, notLoaded: 0, blocked: 0 })
    expect(report.results.find((x) => x.status === 'fail')).toMatchObject({
      rule: ID_B,
      title: 'Wrong',
      file: 'rules/wrong.yml',
      test: 'get wrongly expected',
      variant: 'k8s',
      kind: 'embedded',
      expected: 'match',
      actual: 'no-match',
    })
  })

  it('exit 2 when a file does not load: file:line:column on stderr, everything else still runs', async () => {
    const d = repo({ 'rules/good.yml': good, 'rules/broken.yml': 'title: Broken\ndetection:\n  selection: [\n' })
    const r = await cli(d, 'rules')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^rules\/broken\.yml:\d+:\d+: .+\n$/)
    // …and the broken file is in the report too, as an error naming the cause.
    expect(r.stdout).toMatch(/ERROR broken\.yml › \(rule file\) \[k8s\] \(embedded\) rules\/broken\.yml:\d+\n {6}rule failed to load: rules\/broken\.yml:\d+:\d+: /)
    expect(r.stdout).toContain('3 checks: 2 passed, 0 failed, 1 errors, 0 skipped; 1 not run: rule failed to load')
  })

  it('exit 2 also wins over failed tests, and for a missing path', async () => {
    const d = repo({ 'rules/wrong.yml': wrong })
    const r = await cli(d, 'rules', 'missing')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('missing:1:1: no such file or folder: missing\n')
    expect(r.stdout).toContain('1 failed')
  })

  it('exit 1 with a message when no rule is found', async () => {
    const r = await cli(repo({ 'rules/readme.yml': 'just: data\n' }), 'rules')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      'rules/readme.yml:1:1: note: not loaded: neither a Sigma rule (no title, logsource or detection) nor a Panther file (no AnalysisType): top-level keys just\n' +
        'ruleproof test: no rules found in rules\n',
    )
  })

  it('--minimum-tests: PAT coverage semantics (N tests; N >= 2 also a positive and a negative)', async () => {
    const d = repo({ 'rules/good.yml': good, 'rules/one.yml': sigmaRule(ID_B, 'One', tests(['create', 'match', CREATE])) })
    expect((await cli(d, 'rules', '--minimum-tests', '1')).code).toBe(0)
    const r = await cli(d, 'rules', '--minimum-tests', '2', '--format', 'json')
    expect(r.code).toBe(1)
    const fail = (JSON.parse(r.stdout) as JsonResultsReport).results.filter((x) => x.status === 'fail')
    expect(fail).toHaveLength(1)
    expect(fail[0]).toMatchObject({ rule: ID_B, test: 'minimum tests', line: 1 })
    expect(fail[0]!.message).toBe(
      'Insufficient test coverage: 2 tests required but only 1 found; Insufficient test coverage: expected at least one positive and one negative test',
    )
    // From the config too.
    expect((await cli(repo({ 'rules/one.yml': sigmaRule(ID_B, 'One', tests(['create', 'match', CREATE])), 'ruleproof.config.json': '{"minimumTests": 3}' }), 'rules')).code).toBe(1)
  })

  it('--filter selects rules by their metadata (PAT semantics)', async () => {
    const d = repo({ 'rules/good.yml': good, 'rules/wrong.yml': wrong })
    expect((await cli(d, 'rules', '--filter', 'level=medium')).code).toBe(0)
    expect((await cli(d, 'rules', '--filter', 'level!=medium')).code).toBe(1)
    const none = await cli(d, 'rules', '--filter', 'level=critical')
    expect(none.stderr).toBe('ruleproof test: no rule matches the --filter options\n')
    expect(none.code).toBe(1)
    expect(none.stdout).toBe('')
  })

  it('--output writes the report and prints one summary line', async () => {
    const d = repo({ 'rules/good.yml': good, 'rules/wrong.yml': wrong })
    const r = await cli(d, 'rules', '--format', 'junit', '--output', 'out/junit.xml')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('ruleproof test: 2 passed, 1 failed, 0 errors, 0 skipped (report: out/junit.xml)\n')
    const xml = parseXml(readFileSync(path.join(d, 'out/junit.xml'), 'utf8'))
    expect(xml.attributes).toMatchObject({ tests: '3', failures: '1' })
    expect(findAll(xml, 'testsuite').map((s) => s.attributes['name'])).toEqual(['rules/good.yml', 'rules/wrong.yml'])
  })

  it('an --output that cannot be written is a usage error', async () => {
    const d = repo({ 'rules/good.yml': good, 'taken': 'a file, not a folder' })
    const r = await cli(d, 'rules', '--output', 'taken/report.txt')
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^ruleproof test: --output taken\/report\.txt: .*taken is not a folder\n$/)
  })

  it('--failures-only leaves passes out of the text report', async () => {
    const d = repo({ 'rules/good.yml': good, 'rules/wrong.yml': wrong })
    const r = await cli(d, 'rules', '--failures-only')
    expect(r.stdout).not.toContain('PASS')
    expect(r.stdout).toContain('FAIL')
  })

  it.each([
    [['--format', 'xml'], "ruleproof test: unknown format 'xml' (known: text, json, junit, sarif, github, markdown)\n"],
    [['--minimum-tests', 'two'], "ruleproof test: --minimum-tests must be a whole number 0 or more, got 'two'\n"],
    [['--minimum-tests', '-2'], "ruleproof test: --minimum-tests must be a whole number 0 or more, got '-2'\n"],
    [['--filter', 'level'], "ruleproof test: bad --filter 'level': expected KEY=VALUE[,VALUE…] or KEY!=VALUE\n"],
    [['--bogus'], /^ruleproof test: unknown option '--bogus' \(test has --format, /],
    [['--filer', 'x=y'], "ruleproof test: unknown option '--filer'; did you mean `--filter`?\n"],
  ] as [string[], string | RegExp][])('exit 3 on bad usage: %j', async (argv, message) => {
    const r = await cli(repo({ 'rules/good.yml': good }), 'rules', ...argv)
    expect(r.code).toBe(3)
    if (typeof message === 'string') expect(r.stderr).toBe(message)
    else expect(r.stderr).toMatch(message)
  })

  it('exit 3 on an invalid config file, naming the key', async () => {
    const r = await cli(repo({ 'rules/good.yml': good, 'ruleproof.config.yml': 'runs: 0\n' }), 'rules')
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/ruleproof\.config\.yml:1:7: runs: must be >= 1/)
  })

  it.skipIf(!hasPython())('--max-duration: a test running when the budget runs out and the ones after it are error results; exit 1', async () => {
    const slow = `AnalysisType: rule
RuleID: Slow.Rule
Enabled: true
Filename: slow.py
LogTypes: [Amazon.EKS.Audit]
Severity: Low
Tests:
  - Name: first
    ExpectedResult: true
    Log: {verb: create}
  - Name: second
    ExpectedResult: true
    Log: {verb: create}
`
    const d = repo({ 'rules/good.yml': good, 'rules/slow.yml': slow, 'rules/slow.py': 'import time\n\ndef rule(event):\n    time.sleep(3)\n    return True\n' })
    const r = await cli(d, 'rules', '--format', 'json', '--max-duration', '2500ms')
    const report = JSON.parse(r.stdout) as JsonResultsReport
    const cause = "the run's time budget (--max-duration 2500ms) was used up"
    const panther = report.results.filter((x) => x.rule === 'Slow.Rule')
    expect(panther.map((x) => [x.test, x.status])).toEqual([
      ['first', 'error'],
      ['second', 'error'],
    ])
    expect(panther[1]!.message).toBe(`not run: ${cause}`)
    expect(panther[0]!.message).toMatch(/^(stopped while running|not run): the run's time budget/)
    // The Sigma tests ran first (or, on a machine too slow to load in 2.5 s, are not run): all are there.
    expect(report.results.filter((x) => x.rule === ID_A)).toHaveLength(2)
    expect(r.stderr).toMatch(/^ruleproof test: --max-duration 2500ms reached: [2-4] of 4 results not run \(reported as errors\)\n$/)
    expect(r.code).toBe(1)
  }, 20_000)

  it.skipIf(!hasPython())("runs Sigma and Panther rules alike on the project's own rules", async () => {
    const r = await cli(projectRoot, 'rules', '--format', 'json')
    const report = JSON.parse(r.stdout) as JsonResultsReport
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const variants = new Set(report.results.map((x) => x.variant))
    for (const v of ['k8s', 'azure-activity', 'eks', 'aks', 'gke']) expect(variants).toContain(v)
    expect(report.results.every((x) => x.kind === 'embedded')).toBe(true)
  })
})
