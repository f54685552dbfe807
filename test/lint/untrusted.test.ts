import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'
import { createNodeHost } from '../../src/lint/node/host.js'
import { hasPython } from '../panther/helpers.js'
import { RULE_PY, panther } from './helpers.js'

// lint reads rules, it never runs them: nothing of the repository under review may execute.

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-lint-untrusted-'))
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

/** Python that leaves a file named `mark` in the repository when it is imported. */
const TRAP = (mark: string) => `import os\nopen(os.path.join(${JSON.stringify(path.sep)}.join(__file__.split(${JSON.stringify(path.sep)})[:-1]), ${JSON.stringify(mark)}), "w").close()\nfrom _ast import *\n`

describe.skipIf(!hasPython)('ruleproof lint and untrusted repositories', () => {
  it('imports no module of the repository: an ast.py at its root or beside the rules is never run', async () => {
    const cwd = project({
      'ast.py': TRAP('ran-root-ast'),
      'json.py': TRAP('ran-root-json'),
      'rules/ast.py': TRAP('ran-rules-ast'),
      'rules/r.yml': panther('Tests: []'),
      'rules/test_rule.py': 'def rule(event)\n    return True\n',
    })
    // As in CI: ruleproof runs from the repository root.
    const before = process.cwd()
    process.chdir(cwd)
    let result: Awaited<ReturnType<typeof lint>>
    try {
      result = await lint(cwd, 'rules', '--format', 'json')
    } finally {
      process.chdir(before)
    }
    const { code, stdout } = result
    expect(['ran-root-ast', 'ran-root-json', 'rules/ran-rules-ast'].filter((m) => existsSync(path.join(cwd, m)))).toEqual([])
    expect(code).toBe(1)
    expect(JSON.parse(stdout).findings).toContainEqual(expect.objectContaining({ check: 'panther-python', message: "Python syntax error: expected ':'" }))
  })

  it('does not run the interpreter a repository config names, and says so', async () => {
    const cwd = project({
      'ruleproof.config.yml': 'rules: rules\npython: ./evil.sh\n',
      'evil.sh': '#!/bin/sh\ntouch "$(dirname "$0")/ran-evil"\nexec python3 "$@"\n',
      'rules/r.yml': panther('Tests: []'),
      'rules/test_rule.py': RULE_PY,
    })
    chmodSync(path.join(cwd, 'evil.sh'), 0o755)
    const { code, stderr } = await lint(cwd)
    expect(existsSync(path.join(cwd, 'ran-evil'))).toBe(false)
    expect(stderr).toContain("note: 'python' in ruleproof.config.yml is not used by lint")
    expect(code).toBe(0)
  })

  it('a Python helper that cannot run is an error finding on each module, not "0 errors"', async () => {
    const cwd = project({ 'rules/r.yml': panther('Tests: []'), 'rules/test_rule.py': RULE_PY })
    const { code, stdout, stderr } = await lint(cwd, 'rules', '--python', '/no/such/python3', '--format', 'json')
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.summary.error).toBe(1)
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([
      { check: 'panther-python', severity: 'error', file: 'rules/r.yml', line: 4, column: 11, message: "test_rule.py was not checked: the Python interpreter '/no/such/python3' was not found" },
    ])
    expect(stderr).toContain('Python modules were not checked')
  })

  it.skipIf(process.platform === 'win32')('a Filename that is a FIFO or a link to /dev/zero is an error on the rule, never a hang', async () => {
    const cwd = project({
      'rules/fifo.yml': panther('Tests: []', { id: 'Fifo' }).replace('test_rule.py', 'fifo.py'),
      'rules/zero.yml': panther('Tests: []', { id: 'Zero' }).replace('test_rule.py', 'zero.py'),
    })
    execFileSync('mkfifo', [path.join(cwd, 'rules/fifo.py')])
    symlinkSync('/dev/zero', path.join(cwd, 'rules/zero.py'))
    const { code, stdout } = await lint(cwd, 'rules', '--format', 'json')
    expect(code).toBe(1)
    const errors = JSON.parse(stdout).findings.filter((f: { severity: string }) => f.severity === 'error')
    expect(errors.map((f: { file: string; check: string; message: string }) => [f.file, f.check, f.message.replace(/ \(.*\)$/, '')])).toEqual([
      ['rules/fifo.yml', 'panther-missing-file', "Filename 'fifo.py' is a FIFO, not a regular file"],
      ['rules/zero.yml', 'panther-missing-file', "Filename 'zero.py' is a device, not a regular file"],
    ])
    // A module swapped for a FIFO after loading is still not read by the parser.
    const modules = await createNodeHost().pythonModules!([path.join(cwd, 'rules/fifo.py'), path.join(cwd, 'rules/zero.py')])
    expect([...modules.values()].map((m) => m.exists)).toEqual([false, false])
  }, 20_000)
})
