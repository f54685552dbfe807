import path from 'node:path'
import { coverageSpec } from './specs.js'
import { parseVariants } from './check.js'
import { scorePart } from './replay.js'
import { DatasetError, openDataset, scoresOnPart } from '../../dataset/index.js'
import { LoadError } from '../../shared/errors.js'
import type { Command, ParsedArgs } from '../command.js'
import { booleanOption, stringListOption, stringOption } from '../command.js'
import { budgetOption, reportBudget } from '../limits.js'
import { prepareOutput, writeOutput } from '../output.js'
import { loadConfig } from '../../config/index.js'
import { buildCoverage } from '../../coverage/build.js'
import { coverageRules } from '../../coverage/rules.js'
import { COVERAGE_FORMATS, renderCoverage, type CoverageFormat } from '../../coverage/render.js'
import { displayPath } from '../../report/paths.js'
import { coverageHtml } from '../../report/html/coverage.js'
import { attachedExpectations } from '../../harness/declarations.js'
import { defaultEnvironment } from '../../harness/environment.js'
import { harnessOptions } from '../../harness/options.js'
import { runHarness } from '../../harness/run.js'
import type { Score } from '../../harness/score.js'
import { ATTACK_VERSION } from '../../lint/attack.js'
import type { Finding } from '../../model/result.js'
import { loadRuleSet, mergeByFile } from '../../rules/index.js'
import { EXIT, UsageError } from '../../shared/errors.js'

function intOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got '${v}'`)
  return Number(v)
}

/** A dataset problem as the command's error: a file unreadable is exit 2, one not the manifest's exit 3. */
async function datasetChecked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (e instanceof DatasetError) throw e.unreadable ? new LoadError(e.unreadable.reason, { file: e.unreadable.file, line: 1, column: 1 }) : new UsageError(e.message)
    throw e
  }
}

export const coverageCommand: Command = {
  ...coverageSpec,
  async run(args, io) {
    const budget = budgetOption(args)
    const format = (stringOption(args, 'format') ?? 'markdown') as CoverageFormat
    if (!COVERAGE_FORMATS.includes(format)) throw new UsageError(`unknown format '${format}' (known: ${COVERAGE_FORMATS.join(', ')})`)
    const output = stringOption(args, 'output')
    if (format === 'html' && output === undefined) throw new UsageError('--format html needs --output FILE')
    const outputFile = output === undefined ? undefined : prepareOutput(io.cwd, output)
    const config = loadConfig(io.cwd, stringOption(args, 'config'))
    const paths = args.positionals.length > 0 ? args.positionals.map((p) => path.resolve(io.cwd, p)) : config.rules
    const dir = stringOption(args, 'dataset')
    // A dataset that cannot be read is refused before the checks run.
    const dataset = dir === undefined ? undefined : await datasetChecked(() => openDataset(path.resolve(io.cwd, dir)))
    const python = stringOption(args, 'python') ?? io.env['RULEPROOF_PYTHON'] ?? config.python
    const set = await loadRuleSet(paths, { cwd: io.cwd, config, ...(python ? { python } : {}), ...(booleanOption(args, 'isolate') ? { isolate: true } : {}) })
    try {
      const all = mergeByFile(set.rules, set.unloaded)
      const declared: Finding[] = []
      const overrides = { variants: parseVariants(stringListOption(args, 'variants')), runs: intOption(args, 'runs'), seed: intOption(args, 'seed') }
      const options = harnessOptions(config, overrides, attachedExpectations(all, declared))
      const loadErrors = [...set.findings, ...declared].filter((f) => f.severity === 'error')
      for (const f of loadErrors) io.stderr(`${f.file}:${f.line}:${f.column}: ${f.message}\n`)
      const results = await runHarness(all, defaultEnvironment(), { ...options, budget })
      reportBudget(budget, results, io, 'coverage')

      const rules = coverageRules(all, options.expectations, options.variants)

      let scored: { dir: string; scores: Score[] } | undefined
      if (dataset && dir !== undefined) {
        scored = { dir, scores: [] }
        for (const part of dataset.parts) {
          // As replay: a sentinel dataset's table files only for the KQL rules that read the table.
          const claimed = set.rules.filter((r) => r.variants.includes(part.variant) && scoresOnPart(r, part, dataset.parts))
          // As replay: each file is checked against the manifest while it is scored.
          if (claimed.length && !budget.expired()) scored.scores.push(...(await datasetChecked(() => scorePart(dataset, part, claimed, budget))).scores.map((x) => (part.rows ? { ...x, table: part.table! } : x)))
        }
      }
      const report = buildCoverage(rules, results, ATTACK_VERSION, scored)
      // Files as the user named them: relative to where the command runs.
      for (const t of report.techniques) for (const r of t.rules) r.file = displayPath(r.file, io.cwd)
      for (const r of report.untagged) r.file = displayPath(r.file, io.cwd)
      const text = format === 'html' ? coverageHtml(report, { rules: rules.length }) : renderCoverage(format, report)
      if (output !== undefined && outputFile !== undefined) {
        writeOutput(outputFile, output, text)
        io.stdout(`ruleproof coverage: ${report.techniques.length} techniques claimed by ${report.rules} rules (${report.untagged.length} claim none); report in ${output}\n`)
      } else io.stdout(text)
      if (loadErrors.length) return EXIT.loadError
      return EXIT.ok
    } finally {
      await set.close()
    }
  },
}
