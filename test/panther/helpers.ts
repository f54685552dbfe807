import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'

/** True when a Python >= 3.9 interpreter is available for the worker tests. */
export const hasPython = (() => {
  const r = spawnSync(process.env.RULEPROOF_PYTHON ?? 'python3', ['-c', 'import sys; print(sys.version_info >= (3, 9))'], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim() === 'True'
})()

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** Writes `files` (relative path → text) into a fresh temporary folder and returns it. */
export function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-panther-'))
  made.push(dir)
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  return dir
}

/** A minimal valid rule YAML; `extra` is appended verbatim (more keys, Tests, …). */
export function ruleYaml(id: string, file: string, extra = '', logTypes = ['Amazon.EKS.Audit']): string {
  return [
    'AnalysisType: rule',
    `RuleID: ${id}`,
    'Enabled: true',
    `Filename: ${file}`,
    'Severity: Medium',
    'LogTypes:',
    ...logTypes.map((l) => `  - ${l}`),
    extra,
  ].join('\n')
}

/** One test entry for `Tests:` with a JSON log. */
export function testYaml(name: string, expected: boolean, log: unknown, more = ''): string {
  return [`  - Name: ${JSON.stringify(name)}`, `    ExpectedResult: ${expected}`, `    Log: ${JSON.stringify(log)}`, more].filter(Boolean).join('\n')
}
