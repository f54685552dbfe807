import { execFileSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { repo } from '../rules/fixtures.js'
import { runCli, type CliRun } from '../helpers/cli.js'

const cli = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, ...argv)

const mutate = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, 'mutate', ...argv)

interface Json {
  summary: { mutants: number; killed: number; survived: number; equivalent: number; errors: number; score: number | null }
  rules: { rule: string; score: number | null }[]
  mutants: { rule: string; file: string; line: number; column: number; operator: string; diff: string; status: string; killedBy: string[]; suggestion: string | null }[]
}

const event = (verb: string, resource: string, username: string) => ({ verb, objectRef: { resource, namespace: 'default' }, user: { username } })

const rule = (id: string, title: string, tests: [string, 'match' | 'no-match', unknown][]) => `title: ${title}
id: ${id}
status: test
description: CronJob created by someone other than a system account
author: ruleproof tests
date: 2026-11-23
logsource:
  product: kubernetes
  service: audit
detection:
  selection:
    verb: create
    objectRef.resource: cronjobs
  filter:
    user.username|startswith: 'system:'
  condition: selection and not filter
level: medium
tests:
${tests.map(([name, expect, e]) => `  - name: ${JSON.stringify(name)}\n    expect: ${expect}\n    event: ${JSON.stringify(e)}\n`).join('')}`

// Its `not filter` is never tested: no test has a system: user.
const weak = rule('6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d', 'Weak', [
  ['create', 'match', event('create', 'cronjobs', 'jdoe')],
  ['get', 'no-match', event('get', 'cronjobs', 'jdoe')],
])

const strong = rule('7f4d7a1b-2b8f-4b64-8d2f-1b7d2a3c4d5e', 'Strong', [
  ['create', 'match', event('create', 'cronjobs', 'jdoe')],
  ['get', 'no-match', event('get', 'cronjobs', 'jdoe')],
  ['a Job', 'no-match', event('create', 'jobs', 'jdoe')],
  ['a system account', 'no-match', event('create', 'cronjobs', 'system:kube-scheduler')],
  ['system: inside a name is not a system account', 'match', event('create', 'cronjobs', 'xsystem:')],
  ['verb with a prefix', 'no-match', event('xcreate', 'cronjobs', 'jdoe')],
  ['verb with a suffix', 'no-match', event('createx', 'cronjobs', 'jdoe')],
  ['resource with a prefix', 'no-match', event('create', 'xcronjobs', 'jdoe')],
  ['resource with a suffix', 'no-match', event('create', 'cronjobsx', 'jdoe')],
])

describe('ruleproof mutate', () => {
  it("reports the weak rule's dropped filter as surviving, at the filter's key, with a test that kills it", async () => {
    const d = repo({ 'rules/weak.yml': weak })
    const r = await mutate(d, 'rules', '--format', 'json')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout) as Json
    const dropped = json.mutants.find((m) => m.operator === 'drop-filter')!
    expect(dropped).toMatchObject({ rule: '6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d', file: 'rules/weak.yml', line: 14, column: 3, status: 'survived', killedBy: [] })
    expect(dropped.diff).toContain('-    condition: selection and not filter\n+    condition: selection')
    // The suggestion is a ready-to-paste tests: item, and it does tell the mutant from the rule.
    const [item] = load(dropped.suggestion!) as [{ name: string; expect: string; event: { user: { username: string } } }]
    expect(item.expect).toBe('no-match')
    expect(item.event.user.username).toBe('system:')
    const fixed = weak + dropped.suggestion!.split('\n').filter((l) => !l.startsWith('#')).map((l) => `  ${l}`).join('\n') + '\n'
    const again = JSON.parse((await mutate(repo({ 'rules/weak.yml': fixed }), 'rules', '--format', 'json')).stdout) as Json
    expect(again.mutants.find((m) => m.operator === 'drop-filter')).toMatchObject({ status: 'killed', killedBy: [expect.stringContaining('kills mutant: drop filter')] })
    expect(again.summary.score!).toBeGreaterThan(json.summary.score!)
    // Every mutant is accounted for.
    const s = json.summary
    expect(s.killed + s.survived + s.equivalent + s.errors).toBe(s.mutants)
    expect(json.mutants).toHaveLength(s.mutants)
  })

  it('a rule whose tests pin every part of its logic scores 100%', async () => {
    const d = repo({ 'rules/strong.yml': strong })
    const json = JSON.parse((await mutate(d, 'rules', '--format', 'json')).stdout) as Json
    expect(json.mutants.filter((m) => m.status === 'survived').map((m) => m.diff)).toEqual([])
    expect(json.summary.score).toBe(100)
    expect(json.summary.killed).toBeGreaterThanOrEqual(10)
    for (const m of json.mutants.filter((x) => x.status === 'killed')) expect(m.killedBy.length).toBeGreaterThan(0)
  })

  it('--min-score gates on the total score: exit 1 below it, 0 at or above it; a bad value is a usage error', async () => {
    const d = repo({ 'rules/weak.yml': weak, 'rules/strong.yml': strong })
    const below = await mutate(d, 'rules', '--min-score', '99')
    expect(below.code).toBe(1)
    expect(below.stderr).toMatch(/mutation score [\d.]+% is below --min-score 99/)
    expect((await mutate(d, 'rules', '--min-score', '10', '--no-suggest')).code).toBe(0)
    expect((await mutate(d, 'rules', '--min-score', 'high')).code).toBe(3)
    expect((await mutate(d, 'rules', '--format', 'sarif')).code).toBe(3)
    expect((await mutate(d, 'rules', '--min-score', '101')).code).toBe(3)
    const written = await mutate(d, 'rules', '--format', 'json', '--output', 'reports/mutate.json', '--no-suggest')
    expect(written.stdout).toMatch(/^ruleproof mutate: \d+ mutants: .* \(report: reports\/mutate\.json\)\n$/)
    expect((JSON.parse(readFileSync(path.join(d, 'reports/mutate.json'), 'utf8')) as Json).summary.mutants).toBeGreaterThan(10)
  })

  it('text, markdown and html show the surviving mutant with its location, diff and suggested test', async () => {
    const d = repo({ 'rules/weak.yml': weak })
    const text = (await mutate(d, 'rules')).stdout
    expect(text).toMatch(/SURVIVED rules\/weak\.yml:14:3 drop-filter: drop filter 'not filter'/)
    expect(text).toContain('a test that kills it (paste under tests:)')
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^\d+ mutants: \d+ killed, \d+ survived, \d+ equivalent, 0 errors; mutation score [\d.]+%$/)
    const md = (await mutate(d, 'rules', '--format', 'markdown')).stdout
    expect(md).toContain('| Weak | ')
    expect(md).toContain('```diff')
    const html = (await mutate(d, 'rules', '--format', 'html')).stdout
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toMatch(/<script|<link|src=/)
    expect(html).toContain('drop filter &#39;not filter&#39;'.replace(/&#39;/g, "'"))
  })

  it('a rule that does not compile is named, and a file that is not a rule fails the run (nothing silently dropped)', async () => {
    const broken = weak.replace('condition: selection and not filter', 'condition: selection and not missing')
    const r = await mutate(repo({ 'rules/broken.yml': broken }), 'rules', '--format', 'json')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('rules/broken.yml')
    const json = JSON.parse(r.stdout) as Json & { rules: { note?: string }[] }
    expect(json.rules[0]!.note).toMatch(/did not load/)
  })

  it('check --mutate --changed-since mutates only the changed rules and gates on --min-score', async () => {
    const d = repo({ 'rules/weak.yml': weak, 'rules/strong.yml': strong })
    const git = (...a: string[]) => execFileSync('git', a, { cwd: d, stdio: 'ignore' })
    git('init', '-q')
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'rules', '--allow-empty')
    git('add', '.')
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'rules')
    appendFileSync(path.join(d, 'rules/strong.yml'), '# touched\n')
    const r = await cli(d, 'check', 'rules', '--changed-since', 'HEAD', '--kinds', 'embedded', '--mutate', '--min-score', '100')
    expect(r.stdout).toContain('Mutation testing\nStrong (rules/strong.yml): ')
    expect(r.stdout).not.toContain('Weak (rules/weak.yml)')
    expect(r.code).toBe(0)
    appendFileSync(path.join(d, 'rules/weak.yml'), '# touched\n')
    const both = await cli(d, 'check', 'rules', '--changed-since', 'HEAD', '--kinds', 'embedded', '--mutate', '--min-score', '100')
    expect(both.code).toBe(1)
    expect(both.stderr).toMatch(/mutation score [\d.]+% is below --min-score 100/)
    expect((await cli(d, 'check', 'rules', '--min-score', '50')).code).toBe(3)
  })

  it("a filter from another file of the rule set applies to the rule's mutants too", async () => {
    const id = '8a5e8b2c-3c9a-4c75-9e3a-2c8e3b4d5f6a'
    const onlyVerb = rule(id, 'Filtered elsewhere', [
      ['create', 'match', event('create', 'cronjobs', 'jdoe')],
      ['get', 'no-match', event('get', 'cronjobs', 'jdoe')],
      ['a system account is filtered out by filters/system.yml', 'no-match', event('create', 'cronjobs', 'system:kube')],
    ])
      .replace("  filter:\n    user.username|startswith: 'system:'\n  condition: selection and not filter", '  condition: selection')
    const filter = `title: not system accounts\nlogsource:\n  product: kubernetes\nfilter:\n  rules: [${id}]\n  selection:\n    user.username|startswith: 'system:'\n  condition: not selection\n`
    const json = JSON.parse((await mutate(repo({ 'rules/rule.yml': onlyVerb, 'rules/filters/system.yml': filter }), 'rules', '--format', 'json', '--no-suggest')).stdout) as Json
    // Were the filter lost, the system-account test would fail on every mutant and kill it.
    expect(json.mutants.find((m) => m.operator === 'change-match' && m.diff.includes('verb|contains'))).toMatchObject({ status: 'survived' })
  })
})
