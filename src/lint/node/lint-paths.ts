import path from 'node:path'
import type { Finding } from '../../model/result.js'
import { classifyByName, classifyDocuments, classifyParsed, mayBePanther, type ClassifiedFile } from '../../rules/classify.js'
import { DISCOVERY_CHECKS, fileStart, finding } from '../../rules/findings.js'
import { DEFAULT_MAX_FILE_BYTES, readRuleFile } from '../../rules/read.js'
import { discoverFiles } from '../../rules/walk.js'
import type { Budget } from '../../shared/budget.js'
import { LoadError, UsageError } from '../../shared/errors.js'
import { registry } from '../checks/index.js'
import { resolveLintConfig, type LintConfigInput } from '../config.js'
import { lintSources, type LintResult, type LintSource } from '../engine.js'
import { createNodeHost } from './host.js'
import { writeFixes } from './write-fixes.js'

export interface LintPathsOptions {
  cwd: string
  config?: LintConfigInput
  /** Folder the config's globs are relative to (and the rules root for symbolic links). @defaultValue cwd */
  configRoot?: string
  /** The config's `exclude` globs (relative to configRoot): skipped as `test` and `check` skip them. */
  exclude?: readonly string[]
  /** Largest rule file read. @defaultValue 1 MiB */
  maxFileBytes?: number
  fix?: boolean
  python?: string
  panther?: { logTypes?: string[] }
  /** @defaultValue <cwd>/node_modules/.cache/ruleproof/redos-v2.json */
  redosCacheFile?: string | false
  /** The run's time budget (`--max-duration`). */
  budget?: Budget
}

/**
 * The rule files under `paths`, read and classified as `test` and `check` read them (one walker,
 * src/rules/walk.ts): each file parsed once, the parse handed to the engine. Files discovery
 * skipped and YAML files that are no rule come back as findings.
 */
// A Sentinel analytics rule's own keys (a cheap look; Sigma keys win, as in classifyDocuments).
const SENTINEL_TEXT = /^["']?(query|queryFrequency|requiredDataConnectors|triggerOperator)["']?\s*:/m
const SIGMA_TEXT = /^["']?(title|detection|logsource|correlation|filter|action)["']?\s*:/m

export function readLintSources(paths: readonly string[], options: Pick<LintPathsOptions, 'cwd' | 'configRoot' | 'exclude' | 'maxFileBytes'>): { sources: LintSource[]; findings: Finding[]; unloadable: string[] } {
  const walk = discoverFiles(paths, { cwd: options.cwd, root: options.configRoot ?? options.cwd, ...(options.exclude ? { exclude: options.exclude } : {}) })
  const missing = walk.findings.find((f) => f.check === DISCOVERY_CHECKS.path && f.message.startsWith('no such file or folder'))
  // A path that does not exist is an input that cannot be read: exit 2, `file:1:1: message`.
  if (missing) throw new LoadError(missing.message, { file: missing.file, line: missing.line, column: missing.column })
  const findings = [...walk.findings]
  const unloadable = new Set(walk.findings.filter((f) => f.severity === 'error').map((f) => f.file))
  const sources: LintSource[] = []
  for (const file of walk.files) {
    const read = readRuleFile(file, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)
    findings.push(...read.findings)
    if (!read.ok) {
      unloadable.add(file)
      continue
    }
    // Rule files only: sidecars (`.tests.yml`, `.ruleproof.yml`), configs and test data are not rules.
    const text = read.text
    const other = (c: ClassifiedFile): void => {
      if (c.kind === 'other' && c.reason !== undefined) findings.push(finding(DISCOVERY_CHECKS.unrecognized, 'note', fileStart(file), `not linted: ${c.reason}`))
      if (c.kind === 'panther') findings.push(finding(DISCOVERY_CHECKS.unrecognized, 'warning', fileStart(file), 'not linted: a Panther document whose AnalysisType key is written with escapes'))
    }
    const named = classifyByName(file, text)
    if (named?.kind === 'sentinel-kql' || (!named && !mayBePanther(text) && SENTINEL_TEXT.test(text) && !SIGMA_TEXT.test(text))) sources.push({ file, text, kind: 'sentinel-kql' })
    else if (named) other(named)
    else if (!mayBePanther(text)) {
      // Parsed and classified by the engine when it reaches the file, one tree alive at a time.
      sources.push({
        file,
        text,
        kind: 'sigma',
        accept: (yaml) => {
          const c = classifyDocuments(file, yaml)
          if (c.kind === 'sigma') return true
          other(c)
          return false
        },
      })
    } else {
      const c = classifyParsed(file, text)
      if (c.kind === 'sigma') sources.push({ file, text, kind: 'sigma', ...(c.yaml ? { yaml: c.yaml } : {}) })
      else if (c.kind === 'panther') sources.push({ file, text, kind: 'panther', ...(c.panther ? { panther: c.panther } : {}) })
      else other(c)
    }
  }
  return { sources, findings, unloadable: [...unloadable] }
}

/** Lints files and folders from disk; writes fixed files when `fix`. */
export async function lintPaths(paths: readonly string[], options: LintPathsOptions): Promise<LintResult & { warnings: string[] }> {
  const config = resolveLintConfig(options.config, registry, options.configRoot ?? options.cwd)
  const { sources, findings, unloadable } = readLintSources(paths, options)
  const cacheFile = options.redosCacheFile === false ? undefined : options.redosCacheFile ?? path.join(options.cwd, 'node_modules/.cache/ruleproof/redos-v2.json') // v2: lookaround bodies checked too
  const host = createNodeHost({ ...(options.python ? { python: options.python } : {}), ...(cacheFile ? { redosCacheFile: cacheFile } : {}) })
  // Absolute paths: Panther's loader resolves `Filename` next to each YAML file; reports show them relative.
  const lintOptions = { checks: registry, config, host, ...(options.fix ? { fix: true } : {}), ...(options.panther ? { panther: options.panther } : {}), ...(options.budget ? { budget: options.budget } : {}) }
  const linted = await lintSources(sources, lintOptions)
  const warnings = [...host.warnings]
  // Atomic replacement: a concurrent reader or a second `--fix` run sees the old text or the
  // fixed one, never a truncated file.
  const result = options.fix ? await writeFixes(sources, linted, lintOptions, options.cwd, warnings) : linted
  host.save()
  if (findings.length > 0) {
    result.findings.push(...findings)
    result.findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.check < b.check ? -1 : 1)))
    result.unloadable.push(...unloadable)
  }
  return { ...result, warnings }
}
