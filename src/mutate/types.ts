import type { YamlPath } from '../shared/yaml/index.js'

/** What a mutant's run concluded (Stryker's vocabulary). */
export type MutantStatus = 'killed' | 'survived' | 'equivalent' | 'error'

/**
 * One small change to a Sigma detection, before it is placed and run. `path` is the mutated
 * element from the document root (`['detection', selection, key, index]`); `at` says whether the
 * report points at its key (a removed selection, item or filter, a changed modifier) or its value.
 */
export interface SigmaMutation {
  detection: Record<string, unknown>
  path: YamlPath
  at: 'key' | 'value'
  /** What changed, in a few words (`remove 'patch' from verb`). */
  change: string
  /** Logically identical to the original: reported as equivalent, not run. */
  equivalent?: string
  /** Field and value a distinguishing event likely needs (the suggestion search tries them first). */
  probe?: { field: string; values: unknown[] }
  /** Values to try in every string leaf of the test events (Python mutants: where they are read is unknown). */
  leafValues?: (string | number)[]
  /** Fields to set together (a dropped filter's own values): one event edit the search tries first. */
  assign?: Record<string, unknown>
}

/** A mutation operator: one module per operator, like a lint check (id, docs, the pure function). */
export interface SigmaOperator {
  id: string
  format: 'sigma'
  /** One line for docs/mutate.md and `--help`. */
  description: string
  mutate(detection: Readonly<Record<string, unknown>>): SigmaMutation[]
}

/** One mutant as reported (the JSON shape of issue #16, plus `change` and `rule` title). */
export interface MutantReport {
  rule: string
  title?: string
  file: string
  line: number
  column: number
  operator: string
  change: string
  diff: string
  status: MutantStatus
  /** Names of the checks that failed on the mutant (passing on the original); empty when none did. */
  killedBy: string[]
  /** A ready-to-paste test that would kill a surviving mutant, when the search found one. */
  suggestion?: string
  /** Why the mutant is equivalent or errored. */
  message?: string
}

export interface MutationTally {
  mutants: number
  killed: number
  survived: number
  equivalent: number
  errors: number
  /** killed / (killed + survived), in percent to one decimal; null when nothing was scored. */
  score: number | null
}

export interface RuleMutationReport extends MutationTally {
  rule: string
  title?: string
  file: string
  format: string
  /** Why the rule was not mutated (a format without operators yet, a load error, failing checks). */
  note?: string
}

export interface MutationRun {
  summary: MutationTally
  rules: RuleMutationReport[]
  mutants: MutantReport[]
}
