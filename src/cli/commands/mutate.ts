import path from 'node:path'
import { mutateSpec } from './specs.js'
import { parseVariants } from './check.js'
import { minScore } from './min-score.js'
import type { Command, ParsedArgs } from '../command.js'
import { prepareOutput, writeOutput } from '../output.js'
import { booleanOption, stringListOption, stringOption } from '../command.js'
import { loadConfig } from '../../config/index.js'
import { attachedExpectations } from '../../harness/declarations.js'
import { defaultEnvironment } from '../../harness/environment.js'
import { harnessOptions } from '../../harness/options.js'
import type { Finding } from '../../model/result.js'
import { isMutationFormat, MUTATION_FORMATS, renderMutationRun, tallyLine } from '../../mutate/report/index.js'
import { mutateRules } from '../../mutate/run.js'
import { loadRuleSet, mergeByFile } from '../../rules/index.js'
import { EXIT, UsageError } from '../../shared/errors.js'

function wholeNumber(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got '${v}'`)
  return Number(v)
}

export const mutateCommand: Command = {
  ...mutateSpec,
  async run(args, io) {
    const format = stringOption(args, 'format') ?? 'text'
    if (!isMutationFormat(format)) throw new UsageError(`unknown format '${format}' (known: ${MUTATION_FORMATS.join(', ')})`)
    const gate = minScore(args)
    const output = stringOption(args, 'output')
    const outputFile = output === undefined ? undefined : prepareOutput(io.cwd, output)
    const config = loadConfig(io.cwd, stringOption(args, 'config'))
    const paths = args.positionals.length > 0 ? args.positionals : config.rules
    const overrides = { variants: parseVariants(stringListOption(args, 'variants')), runs: wholeNumber(args, 'runs'), seed: wholeNumber(args, 'seed') }
    const python = io.env['RULEPROOF_PYTHON'] ?? config.python
    const set = await loadRuleSet(paths, { cwd: io.cwd, config, ...(python ? { python } : {}) })
    try {
      const rules = mergeByFile(set.rules, set.unloaded)
      const declared: Finding[] = []
      const harness = harnessOptions(config, overrides, attachedExpectations(rules, declared))
      const findings = [...set.findings, ...declared]
      for (const f of findings) io.stderr(`${path.relative(io.cwd, f.file) || f.file}:${f.line}:${f.column}: ${f.severity === 'error' ? '' : `${f.severity}: `}${f.message}\n`)
      if (rules.length === 0) {
        io.stderr(`ruleproof mutate: no rules found in ${paths.join(', ')}\n`)
        return findings.some((f) => f.severity === 'error') ? EXIT.loadError : EXIT.failed
      }
      const run = await mutateRules(rules, { env: defaultEnvironment(), harness, suggest: !booleanOption(args, 'no-suggest'), ...(python ? { python } : {}) })
      const relative = (f: string): string => (path.isAbsolute(f) ? path.relative(io.cwd, f) || f : f)
      const report = renderMutationRun(format, run, relative)
      if (output !== undefined && outputFile !== undefined) {
        writeOutput(outputFile, output, report)
        io.stdout(`ruleproof mutate: ${tallyLine(run.summary)} (report: ${output})\n`)
      } else io.stdout(report)
      if (findings.some((f) => f.severity === 'error')) return EXIT.loadError
      if (gate !== undefined) {
        const score = run.summary.score
        // Nothing scored (no mutants, or none could be judged) cannot show the tests are strong.
        if (score === null || score < gate) {
          io.stderr(`ruleproof mutate: mutation score ${score === null ? 'unknown (nothing scored)' : `${score}%`} is below --min-score ${gate}\n`)
          return EXIT.failed
        }
      }
      return EXIT.ok
    } finally {
      await set.close()
    }
  },
}
