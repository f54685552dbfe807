// `ruleproof check` end to end on the failing example and on this repository's own rules:
// exit codes, every report format (SARIF validated against a schema, JUnit parsed), --output,
// --failures-only and --changed-since.
import { Ajv2020 } from 'ajv/dist/2020.js'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { githubSarifSchema, githubUploadProblems } from '../report/sarif-github-schema.js'
import { findAll, parseXml } from '../report/xml.js'
import { ruleproof } from './cli.js'
import { projectRoot } from './scratch.js'

const EXAMPLE = 'fixtures/examples/eks-only-rule'
// Fewer generated events keep the format tests quick; the checks are the same.
const quick = ['--runs', '5']
const temps: string[] = []
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })))

interface JsonReport {
  summary: { passed: number; failed: number; errors: number; skipped: number }
  results: { rule: string; file: string; line: number; test: string; variant: string; kind: string; status: string; expected: unknown; actual: unknown; message: string | null; seed?: number; path?: string; event?: unknown }[]
  lint: { summary: Record<string, number>; findings: { check: string; severity: string; file: string; line: number }[] }
}

describe('ruleproof check', () => {
  it('passes every seed rule on every variant it claims (exit 0), gaps declared', async () => {
    const r = await ruleproof(['check', 'rules', '--format', 'json'])
    const report = JSON.parse(r.stdout) as JsonReport
    expect(r.code, r.stderr).toBe(0)
    expect(report.summary.failed + report.summary.errors).toBe(0)
    const kinds = new Set(report.results.map((x) => x.kind))
    expect([...kinds].sort()).toEqual(['consistency', 'embedded', 'property', 'replay', 'scenario'])
    expect(report.results.filter((x) => x.message?.startsWith('declared gap: ')).length).toBeGreaterThan(0)
  }, 180_000)

  it('fails the rule that reads EKS field names on aks and gke, with the record on each (exit 1, JSON)', async () => {
    const r = await ruleproof(['check', EXAMPLE, '--format', 'json', ...quick])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as JsonReport
    const failed = report.results.filter((x) => x.status === 'fail' && x.kind === 'replay')
    expect(failed.map((x) => `${x.test} [${x.variant}]`)).toEqual(['kubectl creates a CronJob [aks]', 'kubectl creates a CronJob [gke]'])
    expect(failed[0]).toMatchObject({ file: `${EXAMPLE}/eks_only_cronjob_created.yml`, line: 16, expected: 'match', actual: 'no-match' })
    expect(failed[0]!.event).toHaveProperty('properties.log')
    const consistency = report.results.find((x) => x.kind === 'consistency' && x.status === 'fail')!
    expect(consistency.seed).toBe(42)
    expect(consistency.path).toMatch(/^\d+(:\d+)*$/)
    expect(Object.keys(consistency.event as object)).toEqual(['eks', 'aks', 'gke'])
    expect(report.lint.findings.map((f) => f.check)).toContain('panther-log-type-untested')
  }, 120_000)

  it('writes SARIF that validates against the schema, with results at the rule lines', async () => {
    const r = await ruleproof(['check', EXAMPLE, '--format', 'sarif', ...quick])
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(githubSarifSchema)
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    // One run: GitHub rejects two runs of one tool and category in a file.
    expect(log.runs).toHaveLength(1)
    expect(githubUploadProblems(log as never, r.stdout)).toEqual([])
    expect(log.runs[0]!.results.some((x) => x.ruleId === 'panther-log-type-untested')).toBe(true)
    const replay = log.runs[0]!.results.find((x) => x.ruleId === 'ruleproof/replay')!
    expect(replay.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: `${EXAMPLE}/eks_only_cronjob_created.yml` }, region: { startLine: 16 } })
  }, 120_000)

  it('writes JUnit that parses, with totals that add up and a lint suite', async () => {
    // A folder outside the current one must exist: --output creates missing folders only inside it.
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'ruleproof-junit-')), 'junit.xml')
    temps.push(path.dirname(out))
    const r = await ruleproof(['check', EXAMPLE, '--format', 'junit', '--output', out, ...quick])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^ruleproof check: 1 rules: \d+ passed, \d+ failed, 0 errors, \d+ skipped; report in /)
    const root = parseXml(readFileSync(out, 'utf8'))
    expect(root.name).toBe('testsuites')
    const cases = findAll(root, 'testcase')
    expect(Number(root.attributes['tests'])).toBe(cases.length)
    expect(Number(root.attributes['failures'])).toBe(cases.filter((c) => c.children.some((x) => x.name === 'failure')).length)
    const gke = cases.find((c) => c.attributes['name'] === 'kubectl creates a CronJob [gke] (replay)')!
    expect(gke.attributes['line']).toBe('16')
    expect(findAll(root, 'testsuite').map((s) => s.attributes['name'])).toContain('lint')
  }, 120_000)

  it('writes GitHub annotations at the rule file line, and a Markdown summary with the matrix', async () => {
    const gh = await ruleproof(['check', EXAMPLE, '--format', 'github', '--kinds', 'embedded,replay'])
    expect(gh.stdout).toContain(`::error file=${EXAMPLE}/eks_only_cronjob_created.yml,line=16`)
    const md = await ruleproof(['check', EXAMPLE, '--format', 'markdown', '--kinds', 'embedded,replay'])
    expect(md.stdout).toContain('### Rules × variants')
    // Rules are named by title, with the id beneath.
    expect(md.stdout).toMatch(/\| Example: CronJob created \(reads EKS field names only\)<br><sub>Example\.EKSOnly\.CronJobCreated<\/sub> \| ✅ 2 \| ❌ 1\/2 \| ❌ 1\/2 \|/)
  }, 120_000)

  it('prints failures first and only failures with --failures-only', async () => {
    const r = await ruleproof(['check', EXAMPLE, '--failures-only', '--kinds', 'embedded,replay'])
    expect(r.stdout).toContain('FAIL  Example: CronJob created (reads EKS field names only) › kubectl creates a CronJob [aks] (replay)')
    expect(r.stdout).not.toMatch(/^PASS /m)
    expect(r.stdout).toMatch(/6 checks: 4 passed, 2 failed, 0 errors, 0 skipped\n$/)
  }, 120_000)

  it('is deterministic for a given seed', async () => {
    const a = await ruleproof(['check', EXAMPLE, '--format', 'json', '--seed', '7', '--kinds', 'property,consistency', ...quick])
    const b = await ruleproof(['check', EXAMPLE, '--format', 'json', '--seed', '7', '--kinds', 'property,consistency', ...quick])
    // Byte for byte, once the measured durations are set aside.
    const timeless = (out: string) => out.replace(/"durationMs": [\d.]+/g, '"durationMs": 0')
    expect(a.stdout).toMatch(/"durationMs": [\d.]+/)
    expect(timeless(a.stdout)).toBe(timeless(b.stdout))
  }, 120_000)

  it('exits 2 when a rule cannot be loaded, naming file and line, and still runs the others', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-bad-'))
    temps.push(repo)
    cpSync(path.join(projectRoot, 'rules/sigma/kubernetes_audit_cronjob_modification.yml'), path.join(repo, 'good.yml'))
    writeFileSync(path.join(repo, 'bad.yml'), 'title: broken\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  sel: {verb: create}\n  condition: sel and\n')
    const r = await ruleproof(['check', '.', '--format', 'json', '--kinds', 'embedded'], repo)
    expect(r.code).toBe(2)
    const report = JSON.parse(r.stdout) as JsonReport
    expect(report.results.length).toBeGreaterThan(0)
    expect(report.lint.findings.some((f) => f.file === 'bad.yml' && f.severity === 'error' && f.line === 5)).toBe(true)
  }, 120_000)

  it('rejects bad options with exit 3', async () => {
    expect((await ruleproof(['check', EXAMPLE, '--variants', 'openshift'])).code).toBe(3)
    expect((await ruleproof(['check', EXAMPLE, '--format', 'pdf'])).code).toBe(3)
    expect((await ruleproof(['check', EXAMPLE, '--runs', 'many'])).code).toBe(3)
  })

  it('--changed-since limits the work to rules changed since a git ref', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-pr-'))
    temps.push(repo)
    cpSync(path.join(projectRoot, EXAMPLE), path.join(repo, 'rules', 'panther'), { recursive: true })
    cpSync(path.join(projectRoot, 'rules/sigma/kubernetes_audit_cronjob_modification.yml'), path.join(repo, 'rules', 'sigma', 'cronjob.yml'))
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' })
    git('init', '-q')
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'base')
    git('add', '.')
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'rules')
    const none = await ruleproof(['check', 'rules', '--changed-since', 'HEAD', '--format', 'json'], repo)
    expect((JSON.parse(none.stdout) as JsonReport).results).toEqual([])
    expect(none.code).toBe(0)
    const sigma = path.join(repo, 'rules', 'sigma', 'cronjob.yml')
    writeFileSync(sigma, readFileSync(sigma, 'utf8').replace('level: medium', 'level: high'))
    const changed = await ruleproof(['check', 'rules', '--changed-since', 'HEAD', '--format', 'json', '--kinds', 'embedded'], repo)
    const rules = new Set((JSON.parse(changed.stdout) as JsonReport).results.map((x) => x.rule))
    expect([...rules]).toEqual(['0c9b3bda-41a6-4442-9345-356ae86343dc'])
    const all = await ruleproof(['check', 'rules', '--changed-since', 'HEAD~1', '--format', 'json', '--kinds', 'embedded'], repo)
    expect(new Set((JSON.parse(all.stdout) as JsonReport).results.map((x) => x.rule)).size).toBe(2)
    expect((await ruleproof(['check', 'rules', '--changed-since', 'no-such-ref'], repo)).code).toBe(3)
  }, 120_000)
})
