import { describe, expect, it } from 'vitest'
import { resolveLintConfig } from './config.js'
import { lintSources, type LintSource } from './engine.js'
import type { LintHost, PythonModuleInfo } from './host.js'
import { placeholders } from './interpolate.js'
import { analyzePythonSources } from './node/python.js'
import { createRedosChecker } from './redos.js'
import type { CheckModule } from './types.js'
import { registry as allChecks } from './checks/index.js'

export interface ValidCase {
  /** The rule file's text. */
  code: string
  /** @defaultValue 'rule.yml' */
  filename?: string
  options?: Record<string, unknown>
  /** Python module text for a Panther rule's `Filename` (written next to the file). */
  python?: string
  /** Other files linted in the same run (cross-rule checks). */
  files?: LintSource[]
  name?: string
}

export interface ExpectedFinding {
  messageId: string
  data?: Record<string, string | number>
  line?: number
  column?: number
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[]
  /** Text after `--fix`; null asserts no fix. Required when the check fixes the case. */
  output?: string | null
}

export interface CheckTestTable {
  valid: (string | ValidCase)[]
  invalid: InvalidCase[]
}

const norm = (c: string | ValidCase): ValidCase => (typeof c === 'string' ? { code: c } : c)

/** Runs one case through the real engine with only `check` enabled. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any check, whatever its message ids and options
type AnyCheck = CheckModule<any, any>

export async function runCase(check: AnyCheck, c: ValidCase, fix = false) {
  const registry: Record<string, CheckModule> = { [check.id]: check as CheckModule }
  const config = resolveLintConfig({ checks: [check.id], ...(c.options ? { options: { [check.id]: c.options } } : {}) }, registry)
  const file = c.filename ?? 'rule.yml'
  // Context files first: cross-file checks report the later occurrence, the case's own file.
  const sources: LintSource[] = [...(c.files ?? []), { file, text: c.code }]
  const host: LintHost = { redos: createRedosChecker(new Map()), fileExists: (p) => c.python !== undefined && p.endsWith('.py') }
  if (c.python !== undefined) {
    const py = c.python
    host.pythonModules = async (paths): Promise<Map<string, PythonModuleInfo>> => analyzePythonSources(new Map(paths.map((p) => [p, py])))
  }
  return lintSources(sources, { checks: registry, config, host, fix, knownChecks: Object.keys(allChecks) })
}

/**
 * ESLint-style strict tester: rejects duplicate cases, invalid cases with no finding, unknown
 * message ids, unsubstituted placeholders, options the schema rejects, and fixes not asserted.
 */
export const checkTester = {
  run(id: string, check: AnyCheck, table: CheckTestTable): void {
    describe(id, () => {
      it('declares consistent meta', () => {
        expect(check.id).toBe(id)
        expect(check.meta.description.length).toBeGreaterThan(10)
        expect(Object.keys(check.meta.messages).length).toBeGreaterThan(0)
        expect(table.invalid.length, 'at least one invalid case').toBeGreaterThan(0)
        expect(table.valid.length, 'at least one valid case').toBeGreaterThan(0)
        const seen = new Set<string>()
        for (const c of [...table.valid.map(norm), ...table.invalid]) {
          const key = JSON.stringify([c.code, c.filename, c.options, c.python, c.files])
          expect(seen.has(key), `duplicate case:\n${c.code}`).toBe(false)
          seen.add(key)
        }
        if (check.meta.fixable) expect(table.invalid.some((c) => typeof c.output === 'string'), 'a fixable check tests a fix').toBe(true)
      })
      table.valid.map(norm).forEach((c, n) => {
        it(`valid #${n + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
          const result = await runCase(check, c)
          expect(result.findings.filter((f) => f.check === id && f.file === (c.filename ?? 'rule.yml')).map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([])
        })
      })
      table.invalid.forEach((c, n) => {
        it(`invalid #${n + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
          expect(c.errors.length, 'an invalid case lists its findings').toBeGreaterThan(0)
          for (const e of c.errors) {
            const template = (check.meta.messages as Record<string, string>)[e.messageId]
            expect(template, `unknown messageId '${e.messageId}'`).toBeDefined()
            const needed = placeholders(template as string)
            if (needed.length > 0) expect(Object.keys(e.data ?? {}).sort(), `data for '${e.messageId}'`).toEqual([...new Set(needed)].sort())
          }
          const result = await runCase(check, c)
          // Only the case's own file: other files of the case are context (cross-rule checks).
          const got = result.findings.filter((f) => f.check === id && (f.file === (c.filename ?? 'rule.yml') || f.file.endsWith('.py')))
          for (const f of got) expect(f.message, 'placeholder left in message').not.toMatch(/\{\{/)
          expect(got.length, `findings: ${got.map((f) => `${f.line}:${f.column} ${f.message}`).join(' | ')}`).toBe(c.errors.length)
          c.errors.forEach((e, i) => {
            const f = got[i]!
            const template = (check.meta.messages as Record<string, string>)[e.messageId] as string
            const expected = template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_m, k: string) => String(e.data?.[k]))
            expect(f.message).toBe(expected)
            if (e.line !== undefined) expect(f.line, 'line').toBe(e.line)
            if (e.column !== undefined) expect(f.column, 'column').toBe(e.column)
          })
          const fixed = await runCase(check, c, true)
          const out = fixed.fixed.get(c.filename ?? 'rule.yml')
          if (c.output === undefined) expect(out, 'the check fixed this case: state `output`').toBeUndefined()
          else if (c.output === null) expect(out).toBeUndefined()
          else expect(out).toBe(c.output)
        })
      })
    })
  },
}

