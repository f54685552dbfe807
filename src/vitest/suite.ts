import path from 'node:path'
import { afterAll, describe, test } from 'vitest'
import { loadConfig } from '../config/index.js'
import { attachedExpectations } from '../harness/declarations.js'
import { defaultEnvironment } from '../harness/environment.js'
import { harnessOptions } from '../harness/options.js'
import { planChecks } from '../harness/plan.js'
import { EmbeddedOutcomes } from '../harness/embedded.js'
import { runCheck } from '../harness/run.js'
import type { Finding, ResultKind } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import { dedupeFindings, lintForGate } from '../lint/node/gate.js'
import { displayPath } from '../report/paths.js'
import { loadRuleSet, mergeByFile } from '../rules/index.js'
import { DetectionFailure, LintFailure, findingLine } from './failure.js'
import './meta.js'

export interface DetectionSuiteOptions {
  /** Rule files and folders, relative to `cwd`. @defaultValue the config's `rules` (else `rules`) */
  rules?: string | string[]
  /** @defaultValue process.cwd() */
  cwd?: string
  /** A ruleproof config file; else `ruleproof.config.{json,yml,yaml}` is looked up in `cwd`. */
  config?: string
  variants?: VariantId[]
  kinds?: ResultKind[]
  /** Generated events per property, family and variant. @defaultValue 20 */
  runs?: number
  /** fast-check seed: fixed, so test names and results are the same on every run. @defaultValue 42 */
  seed?: number
  /** Python interpreter for Panther rules. */
  python?: string
  /** Name of the outer describe block. @defaultValue 'ruleproof' */
  name?: string
  /** Per-test time limit in milliseconds. @defaultValue 60000 */
  timeout?: number
}

/**
 * Registers the rules' checks as vitest tests while the test file is collected. Load errors and
 * an empty rule set become failing placeholder tests (vitest would otherwise report "no tests").
 */
export function defineDetectionSuite(options: DetectionSuiteOptions = {}): void {
  const cwd = path.resolve(options.cwd ?? process.cwd())
  describe(options.name ?? 'ruleproof', async () => {
    let config
    try {
      config = loadConfig(cwd, options.config)
    } catch (e) {
      test('configuration', () => {
        throw e
      })
      return
    }
    const paths = options.rules === undefined ? config.rules : ([] as string[]).concat(options.rules).map((p) => path.resolve(cwd, p))
    const python = options.python ?? process.env['RULEPROOF_PYTHON'] ?? config.python
    const set = await loadRuleSet(paths, { cwd, config, ...(python ? { python } : {}) })
    afterAll(() => set.close())
    // Rules that did not load run too, each of their tests an error naming the cause.
    const rules = mergeByFile(set.rules, set.unloaded)
    if (rules.length === 0 && !set.findings.some((f) => f.severity === 'error')) {
      test('no rules found', () => {
        throw new Error(`no detection rules found in ${paths.map((p) => displayPath(p, cwd)).join(', ')}`)
      })
      return
    }
    const declarationFindings: Finding[] = []
    const attached = attachedExpectations(rules, declarationFindings)
    // The gate's lint step, as `ruleproof check` runs it: a green npm test is a green gate.
    let lintFindings: Finding[] = []
    try {
      // lint parses Python with an interpreter the repository's config does not choose (as `check`).
      const lintPython = options.python ?? process.env['RULEPROOF_PYTHON']
      lintFindings = (await lintForGate(set.files, { cwd, config, ...(lintPython ? { python: lintPython } : {}) })).findings
    } catch (e) {
      // The gate could not lint: a failing test says why, the checks below still run.
      test('lint', () => {
        throw e
      })
    }
    const findings = dedupeFindings([...set.findings, ...declarationFindings, ...lintFindings])
    const byFinding = new Map<string, Finding[]>()
    for (const f of findings) byFinding.set(f.file, [...(byFinding.get(f.file) ?? []), f])
    if (byFinding.size > 0) {
      describe('lint', () => {
        for (const [file, list] of [...byFinding].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const meta = { ruleproof: { rule: list.find((f) => f.rule !== undefined)?.rule ?? '', file: displayPath(file, cwd), line: list[0]!.line, variant: '', kind: 'lint' as const } }
          test(displayPath(file, cwd), { meta }, async (ctx) => {
            if (list.some((f) => f.severity === 'error')) throw new LintFailure(list, cwd)
            // Warnings and notes do not fail the gate; they still show next to the test.
            await Promise.all(list.map((f) => ctx.annotate(findingLine(f, cwd), f.severity === 'warning' ? 'warning' : 'notice')))
          })
        }
      })
    }
    const harness = harnessOptions(
      config,
      { variants: options.variants, kinds: options.kinds, runs: options.runs, seed: options.seed },
      attached,
    )
    const env = defaultEnvironment()
    const { checks, problems } = planChecks(rules, env.families, harness)
    for (const p of problems) {
      test(`${p.rule.title} › scenario declaration`, () => {
        throw new Error(`${displayPath(p.rule.file, cwd)}:${p.rule.location.line}: ${p.message}`)
      })
    }
    // One run: a test's replays wait for its outcome on its own variant.
    const outcomes = new EmbeddedOutcomes()
    const byFile = new Map<string, typeof checks>()
    for (const c of checks) {
      const list = byFile.get(c.rule.file) ?? []
      list.push(c)
      byFile.set(c.rule.file, list)
    }
    for (const [file, list] of byFile) {
      describe(displayPath(file, cwd), () => {
        for (const check of list) {
          const meta = {
            ruleproof: { rule: check.rule.id, file: displayPath(check.location.file, cwd), line: check.location.line, variant: check.variants?.join(',') ?? check.variant, kind: check.kind },
          }
          test(check.name, { meta, timeout: options.timeout ?? 60_000 }, async (ctx) => {
            const r = await runCheck(check, env, harness, outcomes)
            if (r.status === 'skip') ctx.skip(r.message ?? 'skipped')
            if (r.status === 'fail' || r.status === 'error') throw new DetectionFailure(r, { root: cwd, ...(harness.runs ? { runs: harness.runs } : {}) })
          })
        }
      })
    }
  })
}
