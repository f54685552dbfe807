import path from 'node:path'
import { loadConfig } from '../../config/index.js'
import { registry } from '../../lint/checks/index.js'
import { DISCOVERY_DESCRIPTIONS } from '../../rules/findings.js'
import type { LintConfigInput } from '../../lint/config.js'
import { lintPaths } from '../../lint/node/lint-paths.js'
import type { Severity } from '../../model/result.js'
import { isFindingReporterName, renderFindings, summarizeFindings, type CheckDescription } from '../../report/index.js'
import { EXIT, UsageError } from '../../shared/errors.js'
import { lintSpec } from './specs.js'
import { budgetOption, maxFileBytes as maxFileBytesOption } from '../limits.js'
import { BUDGET_CHECK } from '../../lint/engine.js'
import type { Command } from '../command.js'

const RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 }

/** SARIF rule metadata from each check's meta. */
function checkDescriptions(): Record<string, CheckDescription> {
  const out: Record<string, CheckDescription> = {}
  for (const [id, d] of Object.entries(DISCOVERY_DESCRIPTIONS)) out[id] = { description: d.description, severity: d.severity, help: `${d.description} See docs/config.md#rule-discovery.` }
  for (const [id, c] of Object.entries(registry)) {
    out[id] = { description: c.meta.description, severity: c.meta.defaultSeverity, help: `${c.meta.description} See docs/checks/${id}.md.` }
  }
  return out
}

export const lintCommand: Command = {
  ...lintSpec,
  async run(args, io) {
    const budget = budgetOption(args)
    const format = (args.values.format as string | undefined) ?? 'text'
    if (!isFindingReporterName(format)) throw new UsageError(`--format must be text, json, sarif or github (got '${format}')`)
    const failLevel = (args.values['fail-level'] as string | undefined) ?? 'error'
    if (failLevel !== 'error' && failLevel !== 'warning') throw new UsageError(`--fail-level must be error or warning (got '${failLevel}')`)
    const config = loadConfig(io.cwd, args.values.config as string | undefined)
    const paths = args.positionals.length > 0 ? args.positionals : config.rules.map((r) => path.relative(io.cwd, r) || '.')
    const lint = config.lint as LintConfigInput | undefined
    const maxFileBytes = maxFileBytesOption(args, config)
    // Not config.python: a config in the repository under review must not pick what lint executes.
    const python = (args.values.python as string | undefined) ?? io.env.RULEPROOF_PYTHON
    if (config.python !== undefined && python === undefined) {
      io.stderr(`ruleproof lint: note: 'python' in ${path.relative(io.cwd, config.file ?? '') || 'the config'} is not used by lint (it runs python3; --python or RULEPROOF_PYTHON choose another)\n`)
    }
    const result = await lintPaths(paths, {
      cwd: io.cwd,
      configRoot: config.root,
      ...(config.exclude ? { exclude: config.exclude } : {}),
      ...(maxFileBytes ? { maxFileBytes } : {}),
      budget,
      ...(lint ? { config: lint } : {}),
      ...(args.values.fix ? { fix: true } : {}),
      ...(python ? { python } : {}),
      ...(config.panther?.logTypes ? { panther: { logTypes: config.panther.logTypes } } : {}),
    })
    for (const w of result.warnings) io.stderr(`ruleproof lint: warning: ${w}\n`)
    const summary = summarizeFindings(result.findings, { files: result.files, rules: result.rules })
    // The JSON shape of `lint` is fixed (check, severity, file, line, column, message): no rule key there.
    const shown = format === 'json' ? result.findings.map(({ rule: _rule, ...f }) => f) : result.findings
    io.stdout(renderFindings(format, shown, summary, { root: io.cwd, color: io.isTty === true, checks: checkDescriptions() }))
    if (args.values.fix && result.fixed.size > 0) io.stderr(`ruleproof lint: fixed ${result.fixed.size} file(s)\n`)
    if (result.unloadable.length > 0) {
      for (const f of result.findings.filter((x) => x.check === 'yaml-syntax')) io.stderr(`${path.relative(io.cwd, f.file)}:${f.line}:${f.column}: ${f.message}\n`)
      return EXIT.loadError
    }
    const unlinted = result.findings.filter((f) => f.check === BUDGET_CHECK).length
    if (unlinted > 0) {
      io.stderr(`ruleproof lint: ${budget.label} reached: ${unlinted} of ${result.files} files not linted\n`)
      return EXIT.failed
    }
    const threshold = RANK[failLevel]
    return result.findings.some((f) => RANK[f.severity] >= threshold) ? EXIT.failed : EXIT.ok
  },
}
