import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pythonMutants } from '../../src/mutate/panther/mutants.js'
import { hasPython } from '../panther/helpers.js'

const SOURCE = `"""Docstring: left alone."""
import os

NAMES = {"admin", "root"}


def is_admin(user):
    return user in NAMES


def rule(event):
    if event.get("code") >= 400 and event.get("verb") == "delete":
        return False
    return is_admin(event.get("user")) or event.get("x") is None


def title(event):
    return "not detection logic"
`

const mutantsOf = (source: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-pymut-'))
  const file = path.join(dir, 'rule.py')
  writeFileSync(file, source)
  return pythonMutants(file, process.env['RULEPROOF_PYTHON'] ?? 'python3')
}

describe.skipIf(!hasPython)('Panther Python mutation operators (ast)', () => {
  const { mutants, original } = mutantsOf(SOURCE)
  const by = (op: string) => mutants.filter((m) => m.operator === op)

  it('negate-condition: each if/while test, at its line', () => {
    expect(by('negate-condition').map((m) => [m.line, m.source.includes('if not (event.get(\'code\') >= 400 and'), m.source.includes('if not event.get(')])).toEqual([[12, true, false]])
  })

  it('swap-and-or and remove-clause: every boolean operator and each of its operands', () => {
    expect(by('swap-and-or').map((m) => [m.line, m.change])).toEqual([
      [12, "'and' → 'or'"],
      [14, "'or' → 'and'"],
    ])
    expect(by('remove-clause').map((m) => m.line)).toEqual([12, 12, 14, 14])
    expect(by('remove-clause')[0]!.source).toContain("if event.get('verb') == 'delete':")
  })

  it('change-comparison: == ↔ !=, >= ↔ >, in ↔ not in, is ↔ is not, in rule() and the helpers it calls', () => {
    expect(by('change-comparison').map((m) => m.change).sort()).toEqual(["'==' → '!='", "'>=' → '>'", "'in' → 'not in'", "'is' → 'is not'"].sort())
  })

  it('replace-string: string constants of the detection and module-level constants; not docstrings, imports or title()', () => {
    const changed = by('replace-string').map((m) => m.change)
    expect(changed).toEqual(expect.arrayContaining(["'admin' → 'ruleproof-mutant'", "'root' → 'ruleproof-mutant'", "'delete' → 'ruleproof-mutant'"]))
    expect(changed.join(' ')).not.toMatch(/Docstring|not detection logic/)
    expect(by('replace-string').find((m) => m.change.startsWith("'delete'"))!.values).toEqual(['delete'])
  })

  it('return-early: rule() returns True, and False, before its body', () => {
    expect(by('return-early').map((m) => m.change)).toEqual(['rule() returns True at once', 'rule() returns False at once'])
  })

  it('every mutant is a whole module that compiles and differs from the original', () => {
    expect(new Set(mutants.map((m) => m.source)).size).toBe(mutants.length)
    for (const m of mutants) expect(m.source.trim()).not.toBe(original.trim())
  })

  it('a module that does not parse is an error naming the file, not a crash', () => {
    expect(() => mutantsOf('def rule(event:\n')).toThrow(/rule\.py: the mutant generator failed: SyntaxError/)
  })
})
