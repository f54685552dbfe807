import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { MUTANTS_SCRIPT } from '../../panther/worker/client.js'
import { lineDiff } from '../diff.js'

/** One mutant of a Panther rule module, as ruleproof_mutants.py writes it. */
export interface PythonMutant {
  operator: string
  line: number
  column: number
  change: string
  /** Constants of the mutated node (the search for a distinguishing event tries them in test events). */
  values?: (string | number)[]
  /** The whole mutated module (unparsed by ast: comments and formatting are not kept). */
  source: string
}

/** Every mutant of a rule module and the module as ast prints it (for diffs). */
export function pythonMutants(file: string, python: string): { mutants: PythonMutant[]; original: string } {
  const source = readFileSync(file, 'utf8')
  const run = (args: string[], input: string): string => {
    // -I: no PYTHON* variables, no user site; only PATH in the environment (the script reads no secrets and needs none).
    const r = spawnSync(python, ['-I', ...args], { input, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, maxBuffer: 256 << 20, timeout: 60_000 })
    if (r.error) throw new Error(`cannot run ${python}: ${r.error.message}`)
    if (r.status !== 0) throw new Error(`${file}: the mutant generator failed: ${(r.stderr || '').trim().split('\n').at(-1) ?? `exit ${r.status}`}`)
    return r.stdout
  }
  const mutants = JSON.parse(run([MUTANTS_SCRIPT], source)) as PythonMutant[]
  const original = run(['-c', 'import ast,sys; print(ast.unparse(ast.parse(sys.stdin.read())))'], source)
  return { mutants, original }
}

export function pythonDiff(original: string, mutant: string): string {
  return lineDiff(original, mutant.endsWith('\n') ? mutant : mutant + '\n')
}
