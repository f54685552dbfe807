import path from 'node:path'
import { testSpec } from './specs.js'
import { budgetOption, maxFileBytes as maxFileBytesOption, reportBudget } from '../limits.js'
import type { Command, ParsedArgs } from '../command.js'
import { booleanOption, stringOption } from '../command.js'
import type { CliIo } from '../io.js'
import { prepareOutput, writeOutput } from '../output.js'
import { loadConfig } from '../../config/index.js'
import type { Finding } from '../../model/result.js'
import { isReporterName, renderResults, REPORTER_NAMES, resultsFailed, summarizeResults } from '../../report/index.js'
import { summaryLine } from '../../report/text.js'
import { isUnloadedRule, loadRuleSet, matchesFilters, mergeByFile, parseFilter } from '../../rules/index.js'
import { coverageResults, runEmbeddedTests } from '../../rules/run-tests.js'
import { EXIT, UsageError } from '../../shared/errors.js'

function wholeNumber(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got '${v}'`)
  return Number(v)
}

function filterOption(args: ParsedArgs): string[] {
  const v = args.values['filter']
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String)
}

/** `file:line:column: message` (errors) and `…: warning: message` lines, the form editors parse. */
function findingLine(f: Finding, cwd: string): string {
  const file = path.isAbsolute(f.file) ? path.relative(cwd, f.file) || f.file : f.file
  const tag = f.severity === 'error' ? '' : `${f.severity}: `
  return `${file}:${f.line}:${f.column}: ${tag}${f.message}\n`
}

function useColor(io: CliIo): boolean {
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false
  const force = io.env['FORCE_COLOR']
  if (force !== undefined) return force !== '0' && force !== 'false'
  return io.isTty === true
}

export const testCommand: Command = {
  ...testSpec,
  async run(args, io) {
    const budget = budgetOption(args)
    const format = stringOption(args, 'format') ?? 'text'
    if (!isReporterName(format)) throw new UsageError(`unknown format '${format}' (known: ${REPORTER_NAMES.join(', ')})`)
    const filters = filterOption(args).map(parseFilter)
    const minimumFlag = wholeNumber(args, 'minimum-tests')
    const output = stringOption(args, 'output')
    const outputFile = output === undefined ? undefined : prepareOutput(io.cwd, output)
    const config = loadConfig(io.cwd, stringOption(args, 'config'))
    const minimum = minimumFlag ?? config.minimumTests ?? 0
    // Positionals stay as typed (loadRuleSet resolves them against cwd) so messages name them as the user did.
    const paths = args.positionals.length > 0 ? args.positionals : config.rules
    const python = stringOption(args, 'python') ?? io.env['RULEPROOF_PYTHON'] ?? config.python

    const maxFileBytes = maxFileBytesOption(args, config)
    const set = await loadRuleSet(paths, { cwd: io.cwd, config, ...(python ? { python } : {}), ...(booleanOption(args, 'isolate') ? { isolate: true } : {}), ...(maxFileBytes ? { maxFileBytes } : {}), ...(stringOption(args, 'attack-data') ? { attackData: stringOption(args, 'attack-data')! } : {}) })
    try {
      for (const f of set.findings) io.stderr(findingLine(f, io.cwd))
      const loadFailed = set.findings.some((f) => f.severity === 'error')
      // Rules that did not load run too, as errors naming the cause: no test vanishes.
      const all = mergeByFile(set.rules, set.unloaded)
      const rules = filters.length ? all.filter((r) => matchesFilters(set.facts(r), filters)) : all
      if (all.length === 0 && !loadFailed) {
        io.stderr(`ruleproof test: no rules found in ${args.positionals.length ? args.positionals.join(', ') : paths.map((p) => path.relative(io.cwd, p) || '.').join(', ')}\n`)
        return EXIT.failed
      }
      // PAT fails a run in which nothing matched: a filter that selects nothing is most likely a typo.
      if (filters.length && rules.length === 0 && all.length > 0) {
        io.stderr('ruleproof test: no rule matches the --filter options\n')
        return loadFailed ? EXIT.loadError : EXIT.failed
      }

      const results = [...(await runEmbeddedTests(rules, undefined, budget)), ...coverageResults(rules.filter((r) => !isUnloadedRule(r)), minimum)]
      reportBudget(budget, results, io, 'test')
      const summary = summarizeResults(results)
      const report = renderResults(format, results, {
        summary,
        root: io.cwd,
        failuresOnly: booleanOption(args, 'failures-only'),
        slowest: wholeNumber(args, 'slowest') ?? 0,
        color: output === undefined && format === 'text' && useColor(io),
        ruleTitles: Object.fromEntries(rules.map((r) => [r.id, r.title])),
      })
      if (output !== undefined && outputFile !== undefined) {
        writeOutput(outputFile, output, report)
        io.stdout(`ruleproof test: ${summaryLine(summary)} (report: ${output})\n`)
      } else io.stdout(report)

      if (loadFailed) return EXIT.loadError
      return resultsFailed(summary) ? EXIT.failed : EXIT.ok
    } finally {
      await set.close()
    }
  },
}
