import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { githubSarifSchema } from '../report/sarif-github-schema.js'
import { sigma } from './helpers.js'

const GOOD = sigma('selection:\n    verb: create\ncondition: selection', { head: 'description: Detects creates.\n' }).replace('9f1c7a52', '1f1c7a52')
const BAD = sigma("selection:\n    verb: replace\n    hostPath: '*'\ncondition: selection", { head: 'description: Detects replaces.\n' })
const WARN = sigma("selection:\n    requestURI|contains: '*/bin/sh*'\ncondition: selection", { head: 'description: Detects shells.\n' })

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-lint-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  return dir
}

async function lint(cwd: string, ...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await run(['lint', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} })
  return { code, stdout, stderr }
}

describe('ruleproof lint', () => {
  it('prints the JSON shape of the Sigma issue and exits 1 on error findings', async () => {
    const cwd = project({ 'rules/good.yml': GOOD, 'rules/bad.yml': BAD })
    const { code, stdout } = await lint(cwd, 'rules', '--format', 'json')
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(Object.keys(report)).toEqual(['summary', 'findings'])
    for (const f of report.findings) expect(Object.keys(f)).toEqual(['check', 'severity', 'file', 'line', 'column', 'message'])
    expect(report.summary).toEqual({ files: 2, rules: 2, error: 2, warning: 0, note: 0 })
    expect(report.findings).toEqual([
      { check: 'field-value-domain', severity: 'error', file: 'rules/bad.yml', line: 9, column: 15, message: expect.stringContaining("'replace' can never be a value of 'verb'") },
      { check: 'field-not-in-logsource', severity: 'error', file: 'rules/bad.yml', line: 10, column: 9, message: expect.stringContaining("'hostPath' is not a field") },
    ])
  })

  it('lints rule files only: sidecars and configs in a folder are not rules', async () => {
    const cwd = project({ 'rules/good.yml': GOOD, 'rules/good.tests.yml': 'tests:\n  - name: x\n', 'rules/p.ruleproof.yml': 'tests: {}\n' })
    const { code, stdout } = await lint(cwd, 'rules', '--format', 'json')
    expect(JSON.parse(stdout).summary).toEqual({ files: 1, rules: 1, error: 0, warning: 0, note: 0 })
    expect(code).toBe(0)
  })

  it('exits 0 when only warnings are found, 1 with --fail-level warning', async () => {
    const cwd = project({ 'rules/warn.yml': WARN })
    expect((await lint(cwd, 'rules')).code).toBe(0)
    expect((await lint(cwd, 'rules', '--fail-level', 'warning')).code).toBe(1)
  })

  it('exits 2 when a file is not YAML, naming file:line:column on stderr', async () => {
    const cwd = project({ 'rules/broken.yml': 'title: [a\n' })
    const { code, stderr } = await lint(cwd, 'rules')
    expect(code).toBe(2)
    expect(stderr).toContain('rules/broken.yml:2:1: YAML syntax error')
  })

  it('exits 3 on bad usage and bad configuration', async () => {
    const cwd = project({ 'rules/good.yml': GOOD, 'ruleproof.config.json': JSON.stringify({ lint: { checks: ['recommended', '-no-such-check'] } }) })
    expect((await lint(cwd, 'rules', '--format', 'xml')).code).toBe(3)
    const bad = await lint(cwd, 'rules')
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain("unknown check 'no-such-check'")
  })

  it('applies configuration: checks off, per-rule exclusions, check options', async () => {
    const cwd = project({
      'rules/bad.yml': BAD,
      'ruleproof.config.json': JSON.stringify({ lint: { checks: ['recommended', '-field-value-domain'], exclude: { 'field-not-in-logsource': ['9f1c7a52-*'] } } }),
    })
    const { code, stdout } = await lint(cwd, 'rules', '--format', 'json')
    expect(JSON.parse(stdout).findings).toEqual([])
    expect(code).toBe(0)
  })

  it('--fix rewrites the file and reports what is left', async () => {
    const cwd = project({ 'rules/warn.yml': WARN })
    const { stdout, stderr } = await lint(cwd, 'rules', '--fix', '--format', 'json')
    expect(JSON.parse(stdout).findings).toEqual([])
    expect(stderr).toContain('fixed 1 file')
    expect(readFileSync(path.join(cwd, 'rules/warn.yml'), 'utf8')).toBe(WARN.replace("'*/bin/sh*'", "'/bin/sh'"))
  })

  it('--fix reports what is left at its place in the fixed text, not in the text it read', async () => {
    // The duplicate tag's line is removed: the error below it moves up one line.
    const rule = sigma("selection:\n    verb: replace\ncondition: selection", { head: 'description: Detects replaces.\ntags:\n    - attack.t1053\n    - attack.t1053\n' })
    const before = await lint(project({ 'rules/r.yml': rule }), 'rules', '--format', 'json')
    const cwd = project({ 'rules/r.yml': rule })
    const after = await lint(cwd, 'rules', '--fix', '--format', 'json')
    const fixedText = readFileSync(path.join(cwd, 'rules/r.yml'), 'utf8')
    expect(fixedText).toBe(rule.replace('    - attack.t1053\n', ''))
    const line = (r: { stdout: string }, check: string) => JSON.parse(r.stdout).findings.find((f: { check: string }) => f.check === check)?.line
    expect(line(before, 'sigma-duplicate-tag')).toBe(6)
    expect(line(after, 'sigma-duplicate-tag')).toBeUndefined()
    expect(line(after, 'field-value-domain')).toBe(line(before, 'field-value-domain') - 1)
    expect(fixedText.split('\n')[line(after, 'field-value-domain') - 1]).toContain('verb: replace')
    expect(after.code).toBe(1)
  })

  it('--fix keeps the mode of the file, replaces a symlink\'s target (not the link), and leaves no temporary file', async () => {
    const cwd = project({ 'rules/warn.yml': WARN, 'elsewhere/real.yml': WARN })
    chmodSync(path.join(cwd, 'rules/warn.yml'), 0o640)
    symlinkSync(path.join(cwd, 'elsewhere/real.yml'), path.join(cwd, 'rules/link.yml'))
    await lint(cwd, 'rules/warn.yml', 'rules/link.yml', '--fix')
    const fixed = WARN.replace("'*/bin/sh*'", "'/bin/sh'")
    expect(readFileSync(path.join(cwd, 'rules/warn.yml'), 'utf8')).toBe(fixed)
    expect(statSync(path.join(cwd, 'rules/warn.yml')).mode & 0o777).toBe(0o640)
    expect(lstatSync(path.join(cwd, 'rules/link.yml')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(cwd, 'elsewhere/real.yml'), 'utf8')).toBe(fixed)
    expect([...readdirSync(path.join(cwd, 'rules')), ...readdirSync(path.join(cwd, 'elsewhere'))].sort()).toEqual(['link.yml', 'real.yml', 'warn.yml'])
  })

  it('--fix lints the fixed text again without reporting a file that is no rule twice', async () => {
    const cwd = project({ 'rules/warn.yml': WARN, 'rules/notes.yml': 'owner: team-a\nreviewed: true\n' })
    const before = JSON.parse((await lint(cwd, 'rules', '--format', 'json')).stdout).findings.filter((f: { file: string }) => f.file === 'rules/notes.yml')
    const { stdout } = await lint(cwd, 'rules', '--fix', '--format', 'json')
    const after = JSON.parse(stdout).findings
    expect(before).toHaveLength(1)
    expect(after).toEqual(before)
    expect(readFileSync(path.join(cwd, 'rules/warn.yml'), 'utf8')).toBe(WARN.replace("'*/bin/sh*'", "'/bin/sh'"))
  })

  it('--fix leaves a read-only file alone, says so, and reports its findings as they are on disk', async () => {
    const cwd = project({ 'rules/warn.yml': WARN, 'rules/other.yml': WARN.replace('9f1c7a52', '2f1c7a52') })
    chmodSync(path.join(cwd, 'rules/warn.yml'), 0o444)
    const { stdout, stderr } = await lint(cwd, 'rules', '--fix', '--format', 'json')
    expect(readFileSync(path.join(cwd, 'rules/warn.yml'), 'utf8')).toBe(WARN)
    expect(readFileSync(path.join(cwd, 'rules/other.yml'), 'utf8')).not.toContain("'*/bin/sh*'")
    expect(stderr).toContain('rules/warn.yml is read-only: not fixed')
    expect(stderr).toContain('fixed 1 file')
    expect(JSON.parse(stdout).findings.map((f: { check: string; file: string }) => `${f.file} ${f.check}`)).toEqual(['rules/warn.yml sigma-redundant-wildcard'])
  })

  it('writes SARIF 2.1.0 that GitHub code scanning accepts, with the exact region', async () => {
    const cwd = project({ 'rules/bad.yml': BAD })
    const { stdout } = await lint(cwd, 'rules', '--format', 'sarif')
    const sarif = JSON.parse(stdout)
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    const validate = ajv.compile(githubSarifSchema)
    expect(validate(sarif), ajv.errorsText(validate.errors)).toBe(true)
    const run0 = sarif.runs[0]
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['field-not-in-logsource', 'field-value-domain'])
    expect(run0.tool.driver.rules[0].fullDescription.text).toContain('hostPath')
    const result = run0.results.find((r: { ruleId: string }) => r.ruleId === 'field-value-domain')
    expect(result.level).toBe('error')
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('rules/bad.yml')
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 9, startColumn: 15 })
  })

  it('writes GitHub annotations', async () => {
    const cwd = project({ 'rules/bad.yml': BAD })
    const { stdout } = await lint(cwd, 'rules', '--format', 'github')
    expect(stdout).toMatch(/::error file=rules\/bad\.yml,line=9,col=15/)
  })
})
