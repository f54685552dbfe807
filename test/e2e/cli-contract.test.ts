// One error contract for every command (README, "Exit codes"): an input file that is missing or
// cannot be read is exit 2 with `file:line:column: message` on stderr; bad usage is exit 3 with one
// plain line naming the command; neither ever prints a stack trace.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ruleproof } from './cli.js'
import { projectRoot } from './scratch.js'

const SIGMA = 'rules/sigma/kubernetes_audit_cronjob_modification.yml'
const event = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'create', objectRef: { resource: 'cronjobs', namespace: 'default', name: 'x', apiGroup: 'batch' } }
let dir: string
const outside = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-outside-'))

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-contract-'))
  cpSync(path.join(projectRoot, SIGMA), path.join(dir, 'rules/rule.yml'))
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify(event))
  writeFileSync(path.join(dir, 'events.ndjson'), JSON.stringify(event) + '\n')
  writeFileSync(path.join(dir, 'taken'), 'a file, not a folder\n')
  mkdirSync(path.join(dir, 'a-folder'))
  const ds = await ruleproof(['generate', '--out', 'ds', '--count', '5', '--variants', 'k8s', '--jobs', '1'], dir)
  expect(ds.code, ds.stderr).toBe(0)
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

const noTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)

// [command line, the file stderr must name]
const unreadable: [string[], string][] = [
  [['lint', 'nope.yml'], 'nope.yml'],
  [['lint', 'rules', '--config', 'nope.yml'], 'nope.yml'],
  [['lint', 'rules', '--config', 'a-folder'], 'a-folder'],
  [['explain', '--rule', 'nope.yml', '--event', 'event.json'], 'nope.yml'],
  [['explain', '--rule', 'rules/rule.yml', '--event', 'nope.json'], 'nope.json'],
  [['explain', '--rule', 'rules/rule.yml', '--event', 'a-folder'], 'a-folder'],
  [['explain', '--rule', 'rules/rule.yml', '--event', 'event.json', '--config', 'nope.yml'], 'nope.yml'],
  [['check', 'nope.yml'], 'nope.yml'],
  [['check', 'rules', '--config', 'nope.yml'], 'nope.yml'],
  [['test', 'nope.yml'], 'nope.yml'],
  [['test', 'rules', '--config', 'a-folder'], 'a-folder'],
  [['eval', '--rule', 'nope.yml', '--events', 'events.ndjson'], 'nope.yml'],
  [['eval', '--rule', 'a-folder', '--events', 'events.ndjson'], 'a-folder'],
  [['eval', '--rule', 'rules/rule.yml', '--events', 'nope.ndjson'], 'nope.ndjson'],
  [['eval', '--rule', 'rules/rule.yml', '--events', 'a-folder'], 'a-folder'],
  [['replay', '--dataset', 'nope'], 'nope'],
  [['replay', '--dataset', 'a-folder'], 'a-folder'],
  [['replay', '--dataset', 'ds', '--config', 'nope.yml'], 'nope.yml'],
  [['replay', '--dataset', 'ds', '--rules', 'nope.yml'], 'nope.yml'],
]

describe('a missing or unreadable input file: exit 2, `file:line:column: message` on stderr', () => {
  it.each(unreadable)('%j', async (argv, file) => {
    const r = await ruleproof(argv, dir)
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`^(\\S*/)?${file.replace('.', '\\.')}:\\d+:\\d+: \\S`, 'm'))
    noTrace(r.stderr)
  })

  it('covers every command that reads rules, events, datasets or a config', () => {
    const covered = new Set(unreadable.map(([argv]) => argv[0]))
    expect([...covered].sort()).toEqual(['check', 'eval', 'explain', 'lint', 'replay', 'test'])
  })
})

// [command line, what stderr says]
const usage: [string[], string | RegExp][] = [
  [['chek'], "ruleproof: unknown command 'chek'; did you mean `check`?"],
  [['help', 'lnt'], "ruleproof: unknown command 'lnt'; did you mean `lint`?"],
  [['check', '--varaints', 'eks'], "ruleproof check: unknown option '--varaints'; did you mean `--variants`?"],
  [['check', '--varients=eks'], "ruleproof check: unknown option '--varients'; did you mean `--variants`?"],
  [['lint', '--fail-levle', 'warning'], "ruleproof lint: unknown option '--fail-levle'; did you mean `--fail-level`?"],
  [['test', '--filer', 'level=high'], "ruleproof test: unknown option '--filer'; did you mean `--filter`?"],
  [['eval', '--rule', 'rules/rule.yml', '--evnets', 'events.ndjson'], "ruleproof eval: unknown option '--evnets'; did you mean `--events`?"],
  [['explain', '--rule', 'rules/rule.yml', '--evnt', 'event.json'], "ruleproof explain: unknown option '--evnt'; did you mean `--event`?"],
  [['replay', '--datset', 'x'], "ruleproof replay: unknown option '--datset'; did you mean `--dataset`?"],
  [['generate', '--out', 'ds', '--cuont', '5'], "ruleproof generate: unknown option '--cuont'; did you mean `--count`?"],
  [['check', '--frobnicate'], /^ruleproof check: unknown option '--frobnicate' \(check has --changed-since, /],
  [['check', 'rules', '--runs', '-1'], "ruleproof check: --runs must be a whole number between 1 and 1000000, got '-1'"],
  [['check', 'rules', '--runs', 'many'], "ruleproof check: --runs must be a whole number between 1 and 1000000, got 'many'"],
  [['check', 'rules', '--runs', '0'], "ruleproof check: --runs must be a whole number between 1 and 1000000, got '0'"],
  [['check', 'rules', '--seed', '1.5'], "ruleproof check: --seed must be a whole number between 0 and 4294967295, got '1.5'"],
  [['check', 'rules', '--runs'], 'ruleproof check: --runs needs a value'],
  [['check', 'rules', '--slowest', '-5'], "ruleproof check: --slowest must be a whole number between 0 and 1000000, got '-5'"],
  [['test', 'rules', '--slowest', 'ten'], "ruleproof test: --slowest must be a whole number between 0 and 1000000, got 'ten'"],
  [['test', 'rules', '--minimum-tests', '-3'], "ruleproof test: --minimum-tests must be a whole number 0 or more, got '-3'"],
  [['generate', '--out', 'ds', '--count', '-5'], "ruleproof generate: --count must be a whole number between 0 and 1000000000, got '-5'"],
  [['generate', '--out', 'ds', '--count', '1e3'], "ruleproof generate: --count must be a whole number between 0 and 1000000000, got '1e3'"],
  [['generate', '--out', 'ds', '--jobs', '0'], "ruleproof generate: --jobs must be a whole number between 1 and 256, got '0'"],
  [['generate', '--out', 'ds', '--attack-ratio', '-0.5'], "ruleproof generate: --attack-ratio must be a number between 0 and 1, got '-0.5'"],
  [['generate', '--out', 'ds', 'extra'], /^ruleproof generate: unexpected argument 'extra' \(generate takes no paths; usage: /],
  [['eval', '--rule', 'rules/rule.yml', '--events', 'events.ndjson', 'extra'], /^ruleproof eval: unexpected argument 'extra'/],
  [['explain', 'rules/rule.yml', '--event', 'event.json'], /^ruleproof explain: unexpected argument 'rules\/rule\.yml'/],
  [['replay', 'ds'], /^ruleproof replay: unexpected argument 'ds'/],
  [['lint', 'rules', '--format', 'xml'], /^ruleproof lint: --format must be/],
  [['check', 'rules', '--variants', 'eksx'], /^ruleproof check: unknown variant 'eksx'/],
  [['check', 'rules', '--fix'], /^ruleproof check: unknown option '--fix' \(check has /],
  [['check', 'rules', '--failures-only=yes'], /^ruleproof check: Option '--failures-only' does not take an argument/],
]

describe('bad usage: exit 3 and a plain message naming the command', () => {
  it.each(usage)('%j', async (argv, message) => {
    const r = await ruleproof(argv, dir)
    expect(r.code, r.stderr).toBe(3)
    const first = r.stderr.split('\n')[0]!
    if (typeof message === 'string') expect(first).toBe(message)
    else expect(first).toMatch(message)
    expect(r.stdout).toBe('')
    noTrace(r.stderr)
  })

  it('covers every command', () => {
    const covered = new Set(usage.map(([argv]) => argv[0]).filter((c) => c !== 'chek' && c !== 'help'))
    expect([...covered].sort()).toEqual(['check', 'eval', 'explain', 'generate', 'lint', 'replay', 'test'])
  })

  it('`ruleproof help check` prints what `ruleproof check --help` prints', async () => {
    const help = await ruleproof(['help', 'check'], dir)
    const flag = await ruleproof(['check', '--help'], dir)
    expect(help.code).toBe(0)
    expect(help.stdout).toBe(flag.stdout)
    expect(help.stdout).toMatch(/^Usage: ruleproof check /)
    expect(help.stdout).toContain('--changed-since GIT_REF')
  })
})

describe('--output', () => {
  it.each([
    ['taken/report.txt', /^ruleproof (check|test): --output taken\/report\.txt: .*taken is not a folder$/],
    ['a-folder', /^ruleproof (check|test): --output a-folder: is a folder; give a file name$/],
    [path.join(outside, 'new', 'deeper', 'report.txt'), /folder .*new\/deeper does not exist \(ruleproof creates missing folders only inside the current folder; create it first\)$/],
  ])('that cannot be written: one line and exit 3, before any work (%s)', async (output, message) => {
    for (const command of ['check', 'test']) {
      const r = await ruleproof([command, 'rules', '--output', output], dir)
      expect(r.code, r.stderr).toBe(3)
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(r.stderr.trimEnd()).toMatch(message)
      expect(r.stdout).toBe('')
    }
    expect(existsSync(path.join(outside, 'new'))).toBe(false)
  })

  it('creates missing folders inside the current folder and writes the whole report there', async () => {
    const r = await ruleproof(['test', 'rules', '--format', 'json', '--output', 'reports/ci/test.json'], dir)
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(readFileSync(path.join(dir, 'reports/ci/test.json'), 'utf8')) as { summary: { passed: number } }
    expect(report.summary.passed).toBeGreaterThan(0)
    expect(r.stdout).toMatch(/report: reports\/ci\/test\.json/)
  })
})

describe('--changed-since', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-git-'))
    git(repo, 'init', '-q')
    cpSync(path.join(projectRoot, SIGMA), path.join(repo, 'rules/rule.yml'))
    git(repo, 'add', '.')
    git(repo, 'commit', '-qm', 'one')
    writeFileSync(path.join(repo, 'rules/rule.yml'), readFileSync(path.join(repo, 'rules/rule.yml'), 'utf8') + '\n')
    git(repo, 'commit', '-qam', 'two')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('runs git in the repository that holds the rules, not the current folder', async () => {
    const r = await ruleproof(['check', path.join(repo, 'rules'), '--changed-since', 'HEAD~1', '--kinds', 'embedded', '--format', 'json'], outside)
    expect(r.stderr).not.toContain('--changed-since')
    const report = JSON.parse(r.stdout) as { results: { file: string }[] }
    expect(report.results.length).toBeGreaterThan(0)
    const unchanged = await ruleproof(['check', path.join(repo, 'rules'), '--changed-since', 'HEAD', '--kinds', 'embedded', '--format', 'json'], outside)
    expect((JSON.parse(unchanged.stdout) as { results: unknown[] }).results).toEqual([])
  })

  it('an unknown ref in a shallow clone: exit 3 with the fetch-depth: 0 hint', async () => {
    const shallow = path.join(outside, 'shallow')
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow], { stdio: 'ignore' })
    const r = await ruleproof(['check', 'rules', '--changed-since', 'HEAD~1'], shallow)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^ruleproof check: --changed-since HEAD~1: no such commit in .*shallow, a shallow clone\. /)
    expect(r.stderr).toContain('`fetch-depth: 0`')
    const branch = await ruleproof(['check', 'rules', '--changed-since', 'origin/nope'], shallow)
    expect(branch.stderr).toContain('git fetch origin nope')
    noTrace(r.stderr + branch.stderr)
  })

  it('a ref that looks like an option is refused before git sees it', async () => {
    const r = await ruleproof(['check', path.join(repo, 'rules'), '--changed-since=--output=x'], outside)
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('--changed-since needs a git ref')
  })
})
