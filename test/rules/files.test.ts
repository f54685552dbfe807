// The one walk of `test`, `lint` and `check`, and what it makes of each file: regular files
// only, symbolic links only inside the rules root, a size limit per rule file, documents
// classified once parsed, invalid UTF-8 reported where it is. Nothing is dropped unsaid.
import { execFileSync } from 'node:child_process'
import { realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyFile, discoverFiles, loadRuleSet, readRuleFile } from '../../src/rules/index.js'
import { CREATE, GET, ID_A, ID_B, repo, sigmaRule } from './fixtures.js'
import { runCli, type CliRun } from '../helpers/cli.js'

const tests = `tests:
  - name: create matches
    expect: match
    event: ${JSON.stringify(CREATE)}
  - name: get does not
    expect: no-match
    event: ${JSON.stringify(GET)}
`
const GOOD = sigmaRule(ID_A, 'Good', tests)

const cli = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, ...argv)

/** What each command says about the files under rules/: the findings' (check, severity, file, line) and the rules loaded. */
async function seen(cwd: string, ...extra: string[]) {
  const lint = await cli(cwd, 'lint', 'rules', '--format', 'json', ...extra)
  const lintReport = JSON.parse(lint.stdout) as { summary: { rules: number }; findings: { check: string; severity: string; file: string; line: number; column: number; message: string }[] }
  const test = await cli(cwd, 'test', 'rules', '--format', 'json', ...extra)
  const check = await cli(cwd, 'check', 'rules', '--format', 'json', '--kinds', 'embedded', ...extra)
  const checkReport = JSON.parse(check.stdout) as { lint: { findings: { check: string; severity: string; file: string; line: number }[] }; results: { rule: string }[] }
  return { lint, lintReport, test, check, checkReport }
}

const mkfifo = (p: string): void => void execFileSync('mkfifo', [p])
const posix = process.platform !== 'win32'

describe('one walker for test, lint and check', () => {
  it.runIf(posix)('a FIFO, and links to /dev/zero or outside the rules root, are warnings naming them; nothing hangs or reads without end', async () => {
    const outside = repo({ 'secret.yml': sigmaRule(ID_B, 'Outside') })
    const d = repo({ 'rules/good.yml': GOOD })
    mkfifo(path.join(d, 'rules/pipe.yml'))
    symlinkSync('/dev/zero', path.join(d, 'rules/zero.yml'))
    symlinkSync(path.join(outside, 'secret.yml'), path.join(d, 'rules/outside.yml'))
    symlinkSync(outside, path.join(d, 'rules/outside-folder'))
    const { lint, lintReport, test, check, checkReport } = await seen(d)
    const expected = [
      ['rules/outside-folder', `not read: a symbolic link to ${outside}, outside the rules root: not followed`],
      ['rules/outside.yml', `not read: a symbolic link to ${path.join(outside, 'secret.yml')}, outside the rules root: not followed`],
      ['rules/pipe.yml', 'not read: a FIFO, not a regular file'],
      ['rules/zero.yml', 'not read: a symbolic link to /dev/zero, outside the rules root: not followed'],
    ]
    expect(lintReport.findings.map((f) => [f.file, f.message])).toEqual(expected)
    expect(lintReport.findings.every((f) => f.check === 'load-skipped' && f.severity === 'warning')).toBe(true)
    expect(lintReport.summary.rules).toBe(1)
    expect(lint.code).toBe(0)
    for (const [file, message] of expected) expect(test.stderr).toContain(`${file}:1:1: warning: ${message}\n`)
    expect(test.code).toBe(0)
    expect(checkReport.lint.findings.filter((f) => f.check === 'load-skipped').map((f) => f.file)).toEqual(expected.map(([f]) => f))
    expect(new Set(checkReport.results.map((r) => r.rule))).toEqual(new Set([ID_A]))
    expect(check.code).toBe(0)
  })

  it('a symbolic link inside the rules root is followed, the same by every command', async () => {
    const d = repo({ 'shared/b.yml': sigmaRule(ID_B, 'B', tests), 'rules/a.yml': GOOD })
    symlinkSync(path.join(d, 'shared/b.yml'), path.join(d, 'rules/b.yml'))
    symlinkSync(path.join(d, 'shared'), path.join(d, 'rules/shared'))
    // A link back up the tree is not walked round and round.
    symlinkSync(d, path.join(d, 'rules/loop'))
    const walk = discoverFiles(['rules'], { cwd: d })
    expect(walk.files.map((f) => path.relative(d, f))).toEqual(['rules/a.yml', 'rules/b.yml', 'rules/shared/b.yml'])
    expect(walk.findings.map((f) => [path.relative(d, f.file), f.severity, f.message])).toEqual([
      ['rules/loop', 'warning', `not read: a symbolic link to ${realpathSync(d)}, a folder that holds it: not followed`],
    ])
    const { lintReport, test } = await seen(d)
    expect(lintReport.summary.rules).toBe(3)
    expect(JSON.parse(test.stdout).summary.passed).toBe(6)
  })

  it.runIf(posix)('a FIFO named on the command line is an error, not a hang', async () => {
    const d = repo({ 'rules/good.yml': GOOD })
    mkfifo(path.join(d, 'rules/pipe.yml'))
    const lint = await cli(d, 'lint', 'rules/pipe.yml', '--format', 'json')
    expect(JSON.parse(lint.stdout).findings).toEqual([
      { check: 'load-skipped', severity: 'error', file: 'rules/pipe.yml', line: 1, column: 1, message: 'not read: a FIFO, not a regular file' },
    ])
    expect(lint.code).toBe(2)
    const test = await cli(d, 'test', 'rules/pipe.yml')
    expect(test.stderr).toContain('rules/pipe.yml:1:1: not read: a FIFO, not a regular file\n')
    expect(test.code).toBe(2)
  })

  it('a rule file over the size limit is a load error in every command; the limit is set in the config or by option', async () => {
    const big = GOOD + `description2: '${'x'.repeat(2 << 20)}'\n`
    const d = repo({ 'rules/good.yml': sigmaRule(ID_B, 'Small', tests), 'rules/big.yml': big })
    const { lint, lintReport, test, check, checkReport } = await seen(d)
    const message = 'not read: 2 MiB is over the 1 MiB limit for a rule file (raise limits.ruleFileSize in the config or --max-file-size, or exclude the file)'
    expect(lintReport.findings).toEqual([{ check: 'load-skipped', severity: 'error', file: 'rules/big.yml', line: 1, column: 1, message: expect.stringMatching(/^not read: 2(\.0)? MiB is over the 1 MiB limit/) }])
    expect(lint.code).toBe(2)
    expect(test.stderr).toContain('rules/big.yml:1:1: not read: 2')
    expect(test.code).toBe(2)
    expect(checkReport.lint.findings.map((f) => [f.file, f.check])).toContainEqual(['rules/big.yml', 'load-skipped'])
    expect(check.code).toBe(2)
    expect(message).toContain('--max-file-size')

    const option = await cli(d, 'lint', 'rules', '--format', 'json', '--max-file-size', '3MiB')
    expect(JSON.parse(option.stdout).summary.rules).toBe(2)
    writeFileSync(path.join(d, 'ruleproof.config.yml'), 'limits:\n  ruleFileSize: 3MiB\n')
    const configured = await cli(d, 'test', 'rules', '--format', 'json')
    expect(configured.stderr).not.toContain('not read')
    expect(JSON.parse(configured.stdout).summary.errors).toBe(0)
    expect((await cli(d, 'test', 'rules', '--max-file-size', 'lots')).code).toBe(3)
  })
})

describe('classification of parsed documents', () => {
  const quoted = `"title": Quoted keys
"id": ${ID_A}
"status": test
"description": a rule whose keys are quoted
"author": ruleproof tests
"date": 2026-11-23
"logsource": {"product": kubernetes, "service": audit}
"detection":
  "selection": {"verb": create, "objectRef.resource": cronjobs}
  "condition": selection
"level": medium
${tests}`

  it('a rule written with quoted keys is a rule for test, lint and check', async () => {
    const d = repo({ 'rules/quoted.yml': quoted })
    const { lint, lintReport, test, check, checkReport } = await seen(d)
    expect(lintReport.summary.rules).toBe(1)
    expect(lint.code).toBe(0)
    expect(JSON.parse(test.stdout).summary).toMatchObject({ passed: 2, failed: 0, errors: 0, skipped: 0 })
    expect(test.code).toBe(0)
    expect(checkReport.results.filter((r) => r.rule === ID_A).length).toBeGreaterThan(0)
    expect(check.code).toBe(0)
  })

  it('an empty file, a YAML list and YAML of another kind are notes naming the file, never silently skipped', async () => {
    const d = repo({ 'rules/good.yml': GOOD, 'rules/empty.yml': '', 'rules/list.yml': '- title: x\n  detection: {}\n', 'rules/other.yml': 'name: deploy\nsteps: []\n' })
    const { lint, lintReport, test, checkReport } = await seen(d)
    const notes = [
      ['rules/empty.yml', 'not linted: empty file: no Sigma or Panther document'],
      ['rules/list.yml', 'not linted: a YAML list, not a Sigma or Panther document (a rule is a mapping)'],
      ['rules/other.yml', 'not linted: neither a Sigma rule (no title, logsource or detection) nor a Panther file (no AnalysisType): top-level keys name, steps'],
    ]
    expect(lintReport.findings.map((f) => [f.file, f.message])).toEqual(notes)
    expect(lintReport.findings.every((f) => f.check === 'load-unrecognized' && f.severity === 'note')).toBe(true)
    expect(lint.code).toBe(0)
    for (const [file, message] of notes) expect(test.stderr).toContain(`${file}:1:1: note: ${message!.replace('not linted', 'not loaded')}\n`)
    expect(test.code).toBe(0)
    // check loads and lints: each file is one note there, not one per step.
    expect(checkReport.lint.findings.map((f) => f.file)).toEqual(notes.map(([file]) => file))
  })

  it('YAML that does not parse is an error whatever its keys', async () => {
    const d = repo({ 'rules/good.yml': GOOD, 'rules/broken.yml': 'just: [unclosed\n' })
    const { lint, test } = await seen(d)
    expect(lint.code).toBe(2)
    expect(test.stderr).toMatch(/^rules\/broken\.yml:\d+:\d+: YAML syntax error/m)
    expect(test.code).toBe(2)
  })

  it.each([
    ['rules/a.yml', quoted, 'sigma'],
    ['rules/a.yml', '{title: x, logsource: {}, detection: {}}\n', 'sigma'],
    ['rules/a.yml', '---\nfoo: 1\n---\ntitle: second document\n', 'sigma'],
    ['rules/a.yml', 'description: "AnalysisType: rule"\ntitle: x\n', 'sigma'],
    ['rules/a.yml', '{"AnalysisType": rule, "RuleID": X}\n', 'panther'],
    ['rules/a.yml', 'x: |\n  title: not a key\n', 'other'],
    ['rules/a_test.yml', '"match": true\n"event": {a: 1}\n', 'sigma-test'],
    ['rules/a.yml', '- title: x\n', 'other'],
    ['rules/a.yml', '', 'other'],
  ])('%s: %j is %s', (file, text, kind) => {
    expect(classifyFile(file, text)).toBe(kind)
  })
})

describe('invalid UTF-8', () => {
  it('a UTF-16 file is one error saying so', async () => {
    const d = repo({ 'rules/good.yml': GOOD })
    writeFileSync(path.join(d, 'rules/utf16.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sigmaRule(ID_B, 'Wide'), 'utf16le')]))
    const { lintReport, test } = await seen(d)
    const message = 'not read: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8'
    expect(lintReport.findings).toEqual([{ check: 'load-encoding', severity: 'error', file: 'rules/utf16.yml', line: 1, column: 1, message }])
    expect(test.stderr).toContain(`rules/utf16.yml:1:1: ${message}\n`)
    expect(test.code).toBe(2)
  })

  it('a rule value with invalid bytes is an error at its position in test, lint and check', async () => {
    const d = repo({ 'rules/good.yml': GOOD })
    // `verb: cre\xff\xfeate`: two invalid bytes in a value, line 13 (after the `title:` line).
    const [head, tail] = sigmaRule(ID_B, 'Bad bytes').split('verb: create')
    writeFileSync(path.join(d, 'rules/bad.yml'), Buffer.concat([Buffer.from(`${head}verb: cre`), Buffer.from([0xff, 0xfe]), Buffer.from(`ate${tail}`)]))
    const line = `${head}verb: cre`.split('\n').length
    const column = `${head}verb: cre`.split('\n').pop()!.length + 1
    const { lint, lintReport, test, checkReport } = await seen(d)
    const at = lintReport.findings.filter((f) => f.check === 'load-encoding')
    expect(at).toEqual([
      {
        check: 'load-encoding',
        severity: 'error',
        file: 'rules/bad.yml',
        line,
        column,
        message: 'invalid UTF-8 (byte 0xff): read as U+FFFD, so the text here is not what was written (2 invalid sequences in the file)',
      },
      expect.objectContaining({ line, column: column + 1 }),
    ])
    expect(lint.code).toBe(1)
    expect(test.stderr).toContain(`rules/bad.yml:${line}:${column}: invalid UTF-8 (byte 0xff)`)
    expect(test.code).toBe(2)
    expect(checkReport.lint.findings.filter((f) => f.check === 'load-encoding').map((f) => [f.file, f.line])).toContainEqual(['rules/bad.yml', line])
  })
  it('reads valid UTF-8 as written: a literal U+FFFD, a BOM and multi-byte text are no finding', () => {
    const dir = realpathSync(repo({}))
    const file = path.join(dir, 'text.yml')
    const text = '\uFEFFtitle: r\u00e9gle \uFFFD \u{1F600}\n'
    writeFileSync(file, text)
    expect(readRuleFile(file)).toEqual({ ok: true, text, findings: [] })
    writeFileSync(file, Buffer.concat([Buffer.from('a: '), Buffer.from([0xc3]), Buffer.from(' \uFFFD\n')]))
    const bad = readRuleFile(file)
    expect(bad.ok && bad.text).toBe('a: \uFFFD \uFFFD\n')
    expect(bad.findings.map((f) => [f.line, f.column])).toEqual([[1, 4]])
  })
})
