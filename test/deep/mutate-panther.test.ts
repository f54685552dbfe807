import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { hasPython, repo, ruleYaml, testYaml } from '../panther/helpers.js'
import { runCli, type CliRun } from '../helpers/cli.js'

const mutate = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, 'mutate', ...argv)

interface Json {
  summary: { mutants: number; killed: number; survived: number; score: number | null }
  mutants: { file: string; line: number; column: number; operator: string; diff: string; status: string; killedBy: string[]; suggestion: string | null }[]
}

// Its system-user exclusion is never tested: no test has a system: user.
const PY = `def rule(event):
    if event.get("verb") != "create":
        return False
    return not event.deep_get("user", "username", default="").startswith("system:")
`
const log = (verb: string, username: string) => ({ verb, user: { username }, objectRef: { resource: 'cronjobs' } })

describe.skipIf(!hasPython)('ruleproof mutate: Panther Python rules', () => {
  it('mutates the module through ast, runs each mutant in the worker, and suggests a Tests: entry for a survivor', async () => {
    const d = repo({
      'rules/weak.yml': ruleYaml('Weak.Rule', 'weak.py', `Tests:\n${testYaml('create', true, log('create', 'jdoe'))}\n${testYaml('get', false, log('get', 'jdoe'))}\n`),
      'rules/weak.py': PY,
    })
    const r = await mutate(d, 'rules', '--format', 'json')
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout) as Json
    expect(json.summary.mutants).toBeGreaterThanOrEqual(6)
    expect(new Set(json.mutants.map((m) => m.operator))).toEqual(new Set(['negate-condition', 'change-comparison', 'replace-string', 'return-early']))
    // The comparison mutant is killed by the get test; the startswith string is pinned by nothing.
    expect(json.mutants.find((m) => m.operator === 'change-comparison')).toMatchObject({ file: 'rules/weak.py', line: 2, status: 'killed', killedBy: expect.arrayContaining([expect.stringContaining('› get [eks]')]) })
    const survivor = json.mutants.find((m) => m.operator === 'replace-string' && m.diff.includes('system:'))!
    expect(survivor).toMatchObject({ line: 4, status: 'survived' })
    expect(survivor.diff).toMatch(/-.*'system:'[\s\S]*\+.*'ruleproof-mutant'/)
    const [entry] = load(survivor.suggestion!) as [{ Name: string; ExpectedResult: boolean; Log: { user: { username: string } } }]
    expect(entry.ExpectedResult).toBe(false)
    expect(entry.Log.user.username.startsWith('system:')).toBe(true)
  })

  it('the seed Panther rule is mutated too (its tests kill every mutant)', async () => {
    const r = await mutate(process.cwd(), 'rules/panther', '--format', 'json', '--no-suggest')
    const json = JSON.parse(r.stdout) as Json
    expect(json.summary.mutants).toBeGreaterThan(10)
    expect(json.summary.score).toBe(100)
  }, 120_000) // 18 Python mutants, each through every test and declared family: slow when the machine is loaded
})

describe('ruleproof mutate: Panther Simple Detections', () => {
  const simple = (tests: string) =>
    ruleYaml(
      'Simple.Rule',
      'unused',
      `Detection:
  - Key: verb
    Condition: IsIn
    Values: [create, patch]
  - DeepKey: [objectRef, resource]
    Condition: Equals
    Value: cronjobs
  - None:
      - DeepKey: [user, username]
        Condition: StartsWith
        Value: 'system:'
Tests:
${tests}
`,
    ).replace('Filename: unused\n', '')

  it('mutates the Detection list like a Sigma detection; the untested None filter survives, with a Tests: entry that kills it', async () => {
    const weak = simple([testYaml('create', true, log('create', 'jdoe')), testYaml('get', false, log('get', 'jdoe'))].join('\n'))
    const d = repo({ 'rules/simple.yml': weak })
    const r = await mutate(d, 'rules', '--format', 'json')
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout) as Json
    const ops = new Set(json.mutants.map((m) => m.operator))
    for (const op of ['remove-selection', 'drop-filter', 'remove-value', 'change-match', 'negate-condition', 'widen-value']) expect(ops).toContain(op)
    const filter = json.mutants.find((m) => m.operator === 'drop-filter')!
    expect(filter).toMatchObject({ file: 'rules/simple.yml', line: 14, column: 5, status: 'survived' })
    const [entry] = load(filter.suggestion!) as [{ ExpectedResult: boolean; Log: { user: { username: string } } }]
    expect(entry.ExpectedResult).toBe(false)
    expect(entry.Log.user.username.startsWith('system:')).toBe(true)
    // Removing the verb check is killed by the get test.
    expect(json.mutants.find((m) => m.operator === 'remove-selection' && m.line === 8)).toMatchObject({ status: 'killed' })
  })
})
