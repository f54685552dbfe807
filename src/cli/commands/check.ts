import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { checkSpec } from './specs.js'
import { budgetOption, maxFileBytes as maxFileBytesOption, reportBudget } from '../limits.js'
import type { Command, ParsedArgs } from '../command.js'
import { booleanOption, stringListOption, stringOption } from '../command.js'
import type { CliIo } from '../io.js'
import { prepareOutput, writeOutput } from '../output.js'
import { loadConfig } from '../../config/index.js'
import { rulesTouchedBy } from '../../harness/changed.js'
import { attachedExpectations } from '../../harness/declarations.js'
import { defaultEnvironment } from '../../harness/environment.js'
import { harnessOptions } from '../../harness/options.js'
import { ALL_KINDS } from '../../harness/plan.js'
import { runHarness } from '../../harness/run.js'
import { summarizeResults, resultsFailed } from '../../harness/summary.js'
import type { Finding, Result, ResultKind, ResultSummary } from '../../model/result.js'
import type { LoadedRule } from '../../model/rule.js'
import type { HarnessOptions } from '../../harness/types.js'
import { buildCoverage } from '../../coverage/build.js'
import { coverageRules } from '../../coverage/rules.js'
import { ATTACK_VERSION } from '../../lint/attack.js'
import { checkHtml, testEventKey } from '../../report/html/checks.js'
import { isVariantId, type VariantId } from '../../model/variant.js'
import { isReporterName, REPORTER_NAMES, type CheckDescription } from '../../report/index.js'
import { registry } from '../../lint/checks/index.js'
import { DISCOVERY_DESCRIPTIONS } from '../../rules/findings.js'
import { dedupeFindings, lintForGate } from '../../lint/node/gate.js'
import { loadRuleSet, mergeByFile } from '../../rules/index.js'
import { EXIT, UsageError } from '../../shared/errors.js'
import { parseShard, shardSlice } from '../../shared/shard.js'
import { createProgress } from '../progress.js'
import { renderCheckReport } from '../../harness/check-report.js'
import { summaryLine } from '../../report/text.js'
import { renderMutationRun, tallyLine } from '../../mutate/report/index.js'
import { mutateRules } from '../../mutate/run.js'
import type { MutationRun } from '../../mutate/types.js'
import { minScore } from './min-score.js'

function intOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, got '${v}'`)
  return Number(v)
}

export function parseVariants(list: string[]): VariantId[] | undefined {
  if (list.length === 0) return undefined
  for (const v of list) if (!isVariantId(v)) throw new UsageError(`unknown variant '${v}' (known: k8s, eks, aks, gke, azure-activity)`)
  return list as VariantId[]
}

function parseKinds(list: string[]): ResultKind[] | undefined {
  if (list.length === 0) return undefined
  for (const k of list) if (!(ALL_KINDS as readonly string[]).includes(k)) throw new UsageError(`unknown check kind '${k}' (known: ${ALL_KINDS.join(', ')})`)
  return list as ResultKind[]
}

/** The folder git runs in for --changed-since: the one holding the first rule path, not the current one. */
export function gitFolder(paths: readonly string[], cwd: string): string {
  let p = paths[0] === undefined ? cwd : path.resolve(cwd, paths[0])
  while (!existsSync(p) && path.dirname(p) !== p) p = path.dirname(p)
  return existsSync(p) && !statSync(p).isDirectory() ? path.dirname(p) : p
}

/**
 * Files changed since a git ref (committed, staged, unstaged and untracked), as absolute paths,
 * from the git repository that holds `folder`.
 */
export function changedSince(ref: string, folder: string): string[] {
  const git = (args: string[], cwd: string): string => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (e) {
      const err = e as { stderr?: string; message: string; code?: string }
      if (err.code === 'ENOENT') throw new UsageError(`--changed-since ${ref}: git is not installed (or not on PATH)`)
      throw new UsageError(`--changed-since ${ref}: git ${args.join(' ')} failed in ${cwd}: ${(err.stderr || err.message).trim()}`)
    }
  }
  if (ref.startsWith('-') || ref.trim() === '') throw new UsageError(`--changed-since needs a git ref (a branch, tag or commit), got '${ref}'`)
  let top: string
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  } catch {
    throw new UsageError(`--changed-since ${ref}: ${folder} is not in a git repository (the rules must be in one)`)
  }
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: top, stdio: 'ignore' })
  } catch {
    const shallow = git(['rev-parse', '--is-shallow-repository'], top).trim() === 'true'
    throw new UsageError(
      `--changed-since ${ref}: no such commit in ${top}${shallow ? ', a shallow clone' : ''}. ` +
        'In CI, check out the history the ref needs: actions/checkout with `fetch-depth: 0` ' +
        `(or \`git fetch --unshallow\`, or \`git fetch origin ${ref.replace(/^origin\//, '')}\` for a branch)`,
    )
  }
  const names = [...git(['diff', '--name-only', ref, '--'], top).split('\n'), ...git(['ls-files', '--others', '--exclude-standard'], top).split('\n')]
  return names.filter(Boolean).map((n) => path.resolve(top, n))
}

export const checkCommand: Command = {
  ...checkSpec,
  async run(args, io) {
    const budget = budgetOption(args)
    const format = stringOption(args, 'format') ?? 'text'
    if (format === 'html' && stringOption(args, 'output') === undefined) throw new UsageError('--format html needs --output FILE')
    if (format !== 'html' && !isReporterName(format)) throw new UsageError(`unknown format '${format}' (known: ${REPORTER_NAMES.join(', ')}, html)`)
    const output = stringOption(args, 'output')
    const outputFile = output === undefined ? undefined : prepareOutput(io.cwd, output)
    const config = loadConfig(io.cwd, stringOption(args, 'config'))
    const paths = args.positionals.length > 0 ? args.positionals.map((p) => path.resolve(io.cwd, p)) : config.rules
    const overrides = {
      variants: parseVariants(stringListOption(args, 'variants')),
      kinds: parseKinds(stringListOption(args, 'kinds')),
      runs: intOption(args, 'runs'),
      seed: intOption(args, 'seed'),
      assumeDataActions: booleanOption(args, 'assume-data-actions') || undefined,
    }
    const shard = parseShard(stringOption(args, 'shard'))
    const ref = stringOption(args, 'changed-since')
    const changed = ref === undefined ? undefined : changedSince(ref, gitFolder(paths, io.cwd))
    const python = stringOption(args, 'python') ?? io.env['RULEPROOF_PYTHON'] ?? config.python
    const maxFileBytes = maxFileBytesOption(args, config)
    const set = await loadRuleSet(paths, { cwd: io.cwd, config, ...(python ? { python } : {}), ...(booleanOption(args, 'isolate') ? { isolate: true } : {}), ...(maxFileBytes ? { maxFileBytes } : {}), ...(stringOption(args, 'attack-data') ? { attackData: stringOption(args, 'attack-data')! } : {}) })
    // lint parses Python with an interpreter the repository's config does not choose.
    const lintPython = stringOption(args, 'python') ?? io.env['RULEPROOF_PYTHON']
    try {
      // Rules that did not load run too, as errors naming the cause: no test vanishes.
      const all = mergeByFile(set.rules, set.unloaded)
      // --shard i/N: this run's slice of the sorted rule files; findings outside every file go to shard 1.
      const files = [...new Set([...set.files, ...all.map((r) => r.file)].map((f) => path.resolve(f)))].sort()
      const shardFiles = shard ? new Set(shardSlice(files, shard)) : undefined
      const inShard = (file: string): boolean => !shardFiles || shardFiles.has(path.resolve(file)) || (shard!.index === 1 && !files.includes(path.resolve(file)))
      const rules = (changed ? rulesTouchedBy(all, changed, config.file) : all).filter((r) => inShard(r.file))
      const inScope = (f: Finding): boolean => (!changed || changed.includes(path.resolve(f.file))) && inShard(f.file)
      const declared: Finding[] = []
      const options = harnessOptions(config, overrides, attachedExpectations(rules, declared))
      const loadFindings = [...set.findings, ...declared].filter(inScope)
      // Load errors reach stderr whatever the format (a SARIF or JSON report on stdout hides them).
      for (const f of loadFindings) if (f.severity === 'error') io.stderr(`${path.isAbsolute(f.file) ? path.relative(io.cwd, f.file) : f.file}:${f.line}:${f.column}: ${f.message}\n`)
      const lint = await lintForGate(set.files, { cwd: io.cwd, config, ...(lintPython ? { python: lintPython } : {}), ...(changed || shardFiles ? { only: (f: string) => (!changed || changed.includes(f)) && inShard(f) } : {}), ...(maxFileBytes ? { maxFileBytes } : {}), budget })
      for (const w of lint.warnings) io.stderr(`ruleproof check: ${w}\n`)
      const lintFindings = lint.findings.filter(inScope)
      const env = defaultEnvironment()
      const gate = booleanOption(args, 'mutate') ? minScore(args) : undefined
      if (!booleanOption(args, 'mutate') && stringOption(args, 'min-score') !== undefined) throw new UsageError('--min-score needs --mutate')
      const progress = createProgress(io, { label: 'ruleproof check', unit: 'checks' })
      let planned = 0
      let done = 0
      const results = await runHarness(rules, env, { ...options, budget }, { onPlanned: (n) => (planned = n), onResult: () => progress.update(++done, planned) })
      progress.end()
      reportBudget(budget, results, io, 'check')
      // Mutation testing of the same rules (the changed ones in a PR): its report follows the checks'.
      const mutation = booleanOption(args, 'mutate') ? await mutateRules(rules, { env, harness: options, ...(python ? { python } : {}) }) : undefined
      const summary = summarizeResults(results)
      const findings = dedupeFindings([...loadFindings, ...lintFindings])
      const report = format === 'html' ? checkPage(rules, options, results, summary, findings, io.cwd) : renderCheckReport(format, results, summary, findings, {
        root: io.cwd,
        failuresOnly: booleanOption(args, 'failures-only'),
        slowest: intOption(args, 'slowest') ?? 0,
        color: Boolean(io.isTty) && stringOption(args, 'output') === undefined,
        files: set.files.length,
        rules: set.rules.length,
        checks: lintCheckDescriptions(),
        ruleTitles: Object.fromEntries(rules.map((r) => [r.id, r.title])),
      })
      const mutationReport = mutation ? mutationSection(format, mutation, io.cwd) : ''
      if (output !== undefined && outputFile !== undefined) {
        writeOutput(outputFile, output, report + mutationReport)
        const scope = changed ? `${rules.length} of ${set.rules.length} rules changed since ${ref}` : `${rules.length} rules`
        io.stdout(`ruleproof check: ${scope}: ${summaryLine(summary)}; report in ${output}\n`)
      } else {
        io.stdout(report + mutationReport)
      }
      if (mutation) io.stderr(`ruleproof check: mutate: ${tallyLine(mutation.summary)}\n`)
      if (loadFindings.some((f) => f.severity === 'error')) return EXIT.loadError
      if (resultsFailed(summary) || findings.some((f) => f.severity === 'error')) return EXIT.failed
      if (mutation && gate !== undefined && (mutation.summary.score ?? 0) < gate && mutation.summary.mutants > 0) {
        io.stderr(`ruleproof check: mutation score ${mutation.summary.score ?? 'unknown'}% is below --min-score ${gate}\n`)
        return EXIT.failed
      }
      return EXIT.ok
    } finally {
      await set.close()
    }
  },
}

/** The mutation report after the checks' own, where the format has room for a second section. */
function mutationSection(format: string, run: MutationRun, cwd: string): string {
  const relative = (f: string): string => (path.isAbsolute(f) ? path.relative(cwd, f) || f : f)
  if (format === 'text') return `\nMutation testing\n${renderMutationRun('text', run, relative)}`
  if (format === 'markdown') return `\n${renderMutationRun('markdown', run, relative)}`
  return '' // machine formats keep their one document; the tally goes to stderr
}

/** `--format html`: the matrix, the failures with their events, lint findings and the ATT&CK heat map. */
function checkPage(rules: readonly LoadedRule[], options: HarnessOptions, results: Result[], summary: ResultSummary, findings: Finding[], root: string): string {
  const testEvents = new Map<string, unknown>()
  for (const r of rules) for (const t of r.tests) testEvents.set(testEventKey(r.id, t.name), t.event)
  const coverage = buildCoverage(coverageRules(rules, options.expectations, options.variants), results, ATTACK_VERSION)
  return checkHtml(results, summary, findings, { root, testEvents, coverage })
}

/** SARIF rule metadata for lint findings, from each check's meta. */
function lintCheckDescriptions(): Record<string, CheckDescription> {
  const out: Record<string, CheckDescription> = {}
  for (const [id, d] of Object.entries(DISCOVERY_DESCRIPTIONS)) out[id] = { description: d.description, severity: d.severity, help: `${d.description} See docs/config.md#rule-discovery.` }
  for (const [id, c] of Object.entries(registry)) {
    out[id] = { description: c.meta.description, severity: c.meta.defaultSeverity, help: `${c.meta.description} See docs/checks/${id}.md.` }
  }
  return out
}
