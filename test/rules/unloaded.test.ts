// Nothing vanishes: a rule that cannot be loaded still reports each test its file declares, as
// an error naming the cause and its file:line:column, in `test`, `check` and every format.
import { describe, expect, it } from 'vitest'
import { loadRuleSet, mergeByFile } from '../../src/rules/index.js'
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
      // No test list can be read from a YAML error: one result for the file.
      `${BROKEN}/panther/yaml_error.yml:5 (rule file) error`,
      `${BROKEN}/sigma/bad_condition.yml:14 kubectl get secret error`,
      `${BROKEN}/sigma/bad_condition.yml:17 kubectl get configmap error`,
      `${BROKEN}/sigma/bad_schema.yml:12 kubectl delete namespace error`,
      // The sidecar's test belongs to the rule that failed to load.
      `${BROKEN}/sigma/bad_schema.tests.yml:2 kubectl get namespace error`,
      `${BROKEN}/sigma/good.yml:15 kubectl exec pass`,
      `${BROKEN}/sigma/good.yml:18 kubectl get pod pass`,
      `${BROKEN}/sigma/yaml_error.yml:8 (rule file) error`,
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
    expect(report.summary).toEqual({ passed: 4, failed: 0, errors: 8, skipped: 0, notLoaded: 8, blocked: 0 })
  })

  it('the text summary says how many tests did not run because their rule failed to load', async () => {
    const r = await ruleproof(['test', BROKEN])
    expect(r.stdout).toMatch(/\n12 checks: 4 passed, 0 failed, 8 errors, 0 skipped; 8 not run: rule failed to load\n$/)
    // The load findings still go to stderr as file:line:column lines, and the exit code stays 2.
    expect(r.stderr).toContain(`${BROKEN}/sigma/bad_condition.yml:11:16: condition:`)
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
        'Secret read (severity misspelt)',
        'Secret read with a broken condition',
        'yaml_error.yml',
        'yaml_error.yml',
      ])
      const merged = mergeByFile(set.rules, set.unloaded).map((r) => r.file)
      expect(merged).toEqual([...merged].sort())
      // Nothing to replay or generate for a rule that is not there.
      expect(set.unloaded.every((r) => r.variants.length === 0)).toBe(true)
    } finally {
      await set.close()
    }
  })
})
