import path from 'node:path'
import { afterAll, describe, test } from 'vitest'
import { loadConfig } from '../config/index.js'
import { attachedExpectations } from '../harness/declarations.js'
import { defaultEnvironment } from '../harness/environment.js'
import { harnessOptions } from '../harness/options.js'
import { planChecks } from '../harness/plan.js'
import { runCheck } from '../harness/run.js'
import type { Finding, ResultKind } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import { displayPath } from '../report/paths.js'
import { loadRuleSet } from '../rules/index.js'
import { DetectionFailure } from './failure.js'
import './meta.js'

/** A load or declaration problem as an error whose stack points at its file and line. */
function locatedError(f: Finding, cwd: string): Error {
  const e = new Error(`${displayPath(f.file, cwd)}:${f.line}:${f.column}: ${f.message} [${f.check}]`)
  e.stack = `${e.name}: ${e.message}\n    at ${f.check} (${f.file}:${f.line}:${f.column})`
  return e
}

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
    for (const f of set.findings.filter((x) => x.severity === 'error')) {
      test(`${displayPath(f.file, cwd)}:${f.line}:${f.column}: ${f.message}`, () => {
        throw locatedError(f, cwd)
      })
    }
    if (set.rules.length === 0) {
      test('no rules found', () => {
        throw new Error(`no detection rules found in ${paths.map((p) => displayPath(p, cwd)).join(', ')}`)
      })
      return
    }
    const declarationFindings: Finding[] = []
    const attached = attachedExpectations(set.rules, declarationFindings)
    for (const f of declarationFindings) {
      test(`${displayPath(f.file, cwd)}:${f.line}:${f.column}: ${f.message}`, () => {
        throw locatedError(f, cwd)
      })
    }
    const harness = harnessOptions(
      config,
      { variants: options.variants, kinds: options.kinds, runs: options.runs, seed: options.seed },
      attached,
    )
    const env = defaultEnvironment()
    const { checks, problems } = planChecks(set.rules, env.families, harness)
    for (const p of problems) {
      test(`${p.rule.id} › scenario declaration`, () => {
        throw new Error(`${displayPath(p.rule.file, cwd)}:${p.rule.location.line}: ${p.message}`)
      })
    }
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
            const r = await runCheck(check, env, harness)
            if (r.status === 'skip') ctx.skip(r.message ?? 'skipped')
            if (r.status === 'fail' || r.status === 'error') throw new DetectionFailure(r, { root: cwd, ...(harness.runs ? { runs: harness.runs } : {}) })
          })
        }
      })
    }
  })
}
