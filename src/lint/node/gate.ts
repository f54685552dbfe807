import type { RuleproofConfig } from '../../config/types.js'
import type { Finding } from '../../model/result.js'
import type { Budget } from '../../shared/budget.js'
import { lintPaths } from './lint-paths.js'

export interface GateLintOptions {
  cwd: string
  config: RuleproofConfig
  /** Python that lint parses Panther bodies with: from the command line or RULEPROOF_PYTHON only, never the repository's config. */
  python?: string
  /** Lint only these files (the PR gate's changed files). @defaultValue every rule file */
  only?: (file: string) => boolean
  /** Largest rule file read (--max-file-size). @defaultValue the config's limits.ruleFileSize, else 1 MiB */
  maxFileBytes?: number
  /** The run's time budget (--max-duration). */
  budget?: Budget
}

/** Rule files among the files a rule set read: sidecars (<rule>.tests.yml, <rule>.ruleproof.yml) belong to their rule. */
export function ruleFilesOf(files: readonly string[]): string[] {
  return files.filter((f) => /\.ya?ml$/i.test(f) && !/\.(tests|ruleproof)\.ya?ml$/i.test(f))
}

/**
 * The lint step of the gate, the same in `ruleproof check` and `defineDetectionSuite`: the
 * rule files of a loaded set, linted with the config's lint settings, so a green `npm test`
 * and a green `check` mean the same thing.
 */
export async function lintForGate(files: readonly string[], o: GateLintOptions): Promise<{ findings: Finding[]; warnings: string[] }> {
  const targets = ruleFilesOf(files).filter((f) => !o.only || o.only(f))
  if (targets.length === 0) return { findings: [], warnings: [] }
  const lint = await lintPaths(targets, {
    cwd: o.cwd,
    configRoot: o.config.root,
    ...(o.budget ? { budget: o.budget } : {}),
    ...((o.maxFileBytes ?? o.config.limits?.ruleFileSize) ? { maxFileBytes: (o.maxFileBytes ?? o.config.limits?.ruleFileSize) as number } : {}),
    ...(o.config.lint ? { config: o.config.lint } : {}),
    ...(o.python ? { python: o.python } : {}),
    ...(o.config.panther?.logTypes ? { panther: { logTypes: o.config.panther.logTypes } } : {}),
  })
  return { findings: lint.findings, warnings: lint.warnings }
}

/** Load and lint findings often say the same thing at the same place: each once. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    // Loading says "not loaded: why" and linting "not linted: why" about the same file: one finding.
    const key = `${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.check}\u0000${f.message.replace(/^not (?:loaded|linted): /, '')}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
