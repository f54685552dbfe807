import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main.js'

const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-eval-'))
const RULE = `title: CronJob created
id: 0c9b3bda-41a6-4442-9345-356ae86343dc
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: create
        objectRef.resource: cronjobs
    condition: selection
`
const SECOND = `title: Any delete
id: 5638f7c0-ac70-491d-8465-2a65075e0d86
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: delete
    condition: selection
`
function file(name: string, text: string): string {
  const p = path.join(dir, name)
  writeFileSync(p, text)
  return p
}
const rule = file('rule.yml', RULE)
const multi = file('multi.yml', RULE + '---\n' + SECOND)
const events = file(
  'events.ndjson',
  [
    '{"verb":"create","objectRef":{"resource":"cronjobs"}}',
    '{"verb":"delete","objectRef":{"resource":"cronjobs"}}',
    '',
    '{"verb":"create","objectRef":{"resource":"pods"}}',
  ].join('\n') + '\n',
)

async function cli(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {} })
  return { code, stdout, stderr, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) }
}

describe('ruleproof eval', () => {
  it('prints one verdict per event line, in order, numbered by physical line (blank lines skipped)', async () => {
    const r = await cli('eval', '--rule', rule, '--events', events)
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const id = '0c9b3bda-41a6-4442-9345-356ae86343dc'
    expect(r.lines).toEqual([
      { line: 1, match: true, rule: id },
      { line: 2, match: false, rule: id },
      { line: 4, match: false, rule: id },
    ])
    expect(r.stdout.split('\n')[0]).toBe(`{"line":1,"match":true,"rule":"${id}"}`)
  })

  it('--count prints a single {"events", "matches"} line', async () => {
    const r = await cli('eval', '--rule', rule, '--events', events, '--count')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('{"events":3,"matches":1}\n')
  })

  it('evaluates every rule of a multi-document file; --count counts events matched by any rule', async () => {
    const r = await cli('eval', '--rule', multi, '--events', events)
    expect(r.lines).toHaveLength(6)
    expect(r.lines.filter((l) => (l as { match: boolean }).match)).toEqual([
      { line: 1, match: true, rule: '0c9b3bda-41a6-4442-9345-356ae86343dc' },
      { line: 2, match: true, rule: '5638f7c0-ac70-491d-8465-2a65075e0d86' },
    ])
    expect((await cli('eval', '--rule', multi, '--events', events, '--count')).stdout).toBe('{"events":3,"matches":2}\n')
  })

  it('reports bad event lines on stderr as FILE:LINE:1, evaluates the rest, and exits 2', async () => {
    file('bad.ndjson', '{"verb":"create","objectRef":{"resource":"cronjobs"}}\n{not json\n[1,2]\n{"verb":"create","objectRef":{"resource":"cronjobs"}}\n')
    const r = await cli('eval', '--rule', 'rule.yml', '--events', 'bad.ndjson')
    expect(r.code).toBe(2)
    expect(r.lines.map((l) => (l as { line: number }).line)).toEqual([1, 4])
    const err = r.stderr.trim().split('\n')
    expect(err).toHaveLength(2)
    expect(err[0]).toMatch(/^bad\.ndjson:2:1: not valid JSON/)
    expect(err[1]).toBe('bad.ndjson:3:1: an event must be a JSON object, got an array')
  })

  it('a rule that does not load exits 2 with file:line:column', async () => {
    file('broken.yml', RULE.replace('condition: selection', 'condition: selection | count() > 5'))
    const r = await cli('eval', '--rule', 'broken.yml', '--events', events)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^broken\.yml:10:16: condition uses the Sigma 1\.x '\| count' aggregation/)
    file('nocompile.yml', RULE.replace('verb: create', 'verb|bogus: create'))
    expect((await cli('eval', '--rule', 'nocompile.yml', '--events', events)).stderr).toMatch(/^nocompile\.yml:8:\d+: .*bogus/)
    expect((await cli('eval', '--rule', 'missing.yml', '--events', events)).stderr).toBe('missing.yml:1:1: cannot read rule file: ENOENT\n')
    expect((await cli('eval', '--rule', rule, '--events', 'missing.ndjson')).code).toBe(2)
  })

  it('bad usage exits 3', async () => {
    expect((await cli('eval', '--events', events)).code).toBe(3)
    expect((await cli('eval', '--rule', rule)).code).toBe(3)
    const r = await cli('eval', '--rule', rule, '--events', events, '--variant', 'openshift')
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/unknown variant 'openshift'/)
    expect((await cli('eval', '--rule', rule, '--events', events, '--bogus')).code).toBe(3)
  })

  it('--variant reads the events through that variant; a variant the rule is not read on exits 2', async () => {
    const r = await cli('eval', '--rule', rule, '--events', events, '--variant', 'k8s', '--count')
    expect(r.stdout).toBe('{"events":3,"matches":1}\n')
    const other = await cli('eval', '--rule', 'rule.yml', '--events', events, '--variant', 'azure-activity')
    expect(other.code).toBe(2)
    expect(other.stderr).toBe("rule.yml:3:1: rule 0c9b3bda-41a6-4442-9345-356ae86343dc: not evaluable on azure-activity: the rule's logsource is read on k8s, eks, aks, gke only\n")
  })
})
