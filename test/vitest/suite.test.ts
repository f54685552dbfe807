// `defineDetectionSuite` is the same gate as `ruleproof check`: every test of every rule file
// (rules that do not load included, as errors naming the cause) and the lint findings, one
// vitest test per file. Runs vitest itself on a scratch folder that imports the suite from src.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ruleproof } from '../e2e/cli.js'
import { projectRoot, type VitestJson } from '../e2e/scratch.js'

let dir: string
let report: VitestJson

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-suite-'))
  cpSync(path.join(projectRoot, 'fixtures/examples/broken-rules'), path.join(dir, 'rules'), { recursive: true })
  // A rule whose tests pass but which can never match what it means to: only lint sees it.
  const sigma = readFileSync(path.join(projectRoot, 'rules/sigma/kubernetes_audit_cronjob_modification.yml'), 'utf8')
  writeFileSync(path.join(dir, 'rules/sigma/connect.yml'), sigma.replace("- 'delete'", '- connect'))
  // Passes its tests too; reads a field the audit log does not have.
  const good = readFileSync(path.join(dir, 'rules/sigma/good.yml'), 'utf8')
  writeFileSync(
    path.join(dir, 'rules/sigma/group.yml'),
    good
      .replace('id: 6f1f6a4c-2f8e-4a57-9b4e-0c1d2e3f4a5b', 'id: 7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')
      .replace('title: Pod exec', 'title: Pod exec outside apps')
      .replace('    condition: selection\n', '    filter:\n        objectRef.group: apps\n    condition: selection and not filter\n'),
  )
  // Lint warnings only (no description): passes.
  writeFileSync(path.join(dir, 'rules/sigma/warned.yml'), good.replace('description: A shell opened in a running pod.\n', '').replace('id: 6f1f6a4c-2f8e-4a57-9b4e-0c1d2e3f4a5b', 'id: 1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e').replace('title: Pod exec', 'title: Pod exec, undescribed'))
  const suite = path.join(projectRoot, 'src/vitest/index.ts')
  writeFileSync(path.join(dir, 'rules.test.ts'), `import { defineDetectionSuite } from ${JSON.stringify(suite)}\ndefineDetectionSuite({ rules: 'rules', kinds: ['embedded'] })\n`)
  const outFile = path.join(dir, 'vitest.json')
  try {
    execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--reporter=json', `--outputFile=${outFile}`], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '' },
    })
  } catch (e) {
    // vitest exits 1 on failing tests; the JSON report says which.
    void e
  }
  report = JSON.parse(readFileSync(outFile, 'utf8')) as VitestJson
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const tests = () => report.testResults.flatMap((t) => t.assertionResults)
const STATUS: Record<string, string> = { pass: 'passed', fail: 'failed', error: 'failed', skip: 'skipped' }

describe('defineDetectionSuite', () => {
  it('has a test for every result `ruleproof test` reports, with the same outcome', async () => {
    const cli = JSON.parse((await ruleproof(['test', 'rules', '--format', 'json'], dir)).stdout) as {
      results: { rule: string; title?: string; test: string; variant: string; status: string }[]
    }
    const byName = new Map(tests().map((t) => [t.title, t.status]))
    const expected = cli.results.map((r) => `${r.title ?? r.rule} › ${r.test} [${r.variant}] (embedded) ${STATUS[r.status]}`)
    const got = cli.results.map((r) => {
      const name = `${r.title ?? r.rule} › ${r.test} [${r.variant}] (embedded)`
      return `${name} ${byName.get(name) ?? 'missing'}`
    })
    expect(got).toEqual(expected)
    expect(cli.results.filter((r) => r.status === 'error')).toHaveLength(9)
  })

  it('runs lint as `check` does: one test per file with findings, failing on errors, listing file:line:column and the check', () => {
    const lint = tests().filter((t) => t.fullName.includes(' lint '))
    const connect = lint.find((t) => t.title === 'rules/sigma/connect.yml')!
    expect(connect.status).toBe('failed')
    const message = connect.failureMessages.join('\n')
    expect(message).toContain("rules/sigma/connect.yml:36:15: error: 'connect' can never be a value of 'verb'")
    expect(message).toContain('[field-value-domain]')
    // Load errors are lint findings of their file too.
    expect(lint.find((t) => t.title === 'rules/sigma/bad_condition.yml')!.failureMessages.join('\n')).toContain('rules/sigma/bad_condition.yml:11:16: error: condition:')
    expect(lint.map((t) => t.title)).not.toContain('rules/sigma/good.yml')
    // Warnings alone do not fail the gate (as in `check`).
    const warned = lint.find((t) => t.title === 'rules/sigma/warned.yml')!
    expect(warned.status).toBe('passed')
    // The root cause of a rule that passes its tests but can never work reaches the output.
    const group = lint.find((t) => t.title === 'rules/sigma/group.yml')!
    expect(group.status).toBe('failed')
    expect(group.failureMessages.join('\n')).toContain("rules/sigma/group.yml:13:9: error: 'objectRef.group' is not a field of a kubernetes/audit event, so this item never matches [field-not-in-logsource]")
    const groupTests = tests().filter((t) => t.title.startsWith('Pod exec outside apps › '))
    expect(groupTests.map((t) => t.status)).toEqual(['passed', 'passed'])
  })

  it('puts the cause of a rule that did not load into the output of each of its tests', () => {
    const t = tests().find((x) => x.title.endsWith('› kubectl get secret [k8s] (embedded)'))!
    expect(t.status).toBe('failed')
    expect(t.failureMessages.join('\n')).toContain('rule failed to load: rules/sigma/bad_condition.yml:11:16: condition: the condition ends where a selection name was expected')
  })
})
