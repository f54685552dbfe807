import type { VariantId } from '../model/variant.js'
import type { PipelineDocument } from '../sigma/pipeline/types.js'

/** Scenario families a rule must match and must ignore (names or globs such as `atomic.*`). */
export interface FamilyExpectation {
  match?: string[]
  ignore?: string[]
}

/** Lint settings: which checks run, per-rule exclusions, per-check options (validated by the linter). */
export interface LintSettings {
  /** `recommended`, `all`, check ids, and `-<id>` to turn one off. */
  checks?: string[]
  /** Check id → rule ids (or globs) it does not apply to. */
  exclude?: Record<string, string[]>
  /** Check id → its options, validated against the check's schema. */
  options?: Record<string, unknown>
  /** Check id → error | warning | note | off. */
  severity?: Record<string, 'error' | 'warning' | 'note' | 'off'>
  /** Per-path settings: `{ files: glob | glob[], checks?, severity? }`, later entries win. */
  overrides?: { files: string | string[]; checks?: string[]; severity?: Record<string, 'error' | 'warning' | 'note' | 'off'> }[]
}

/**
 * `ruleproof.config.{json,yml,yaml}`. Paths are resolved against the folder of the config file
 * when it is loaded, so consumers always see absolute paths.
 */
export interface RuleproofConfig {
  /** The config file, when one was found. */
  file?: string
  /** Folder relative paths are resolved against (the config file's folder, else the cwd). */
  root: string
  /** Rule files and folders used when a command gets no PATHS. @defaultValue ['rules'] (resolved) */
  rules: string[]
  /** Globs (relative to `root`) of files and folders discovery skips. */
  exclude?: string[]
  /** Variants that take part in replay and generated checks. @defaultValue every variant */
  variants?: VariantId[]
  /** Generated events per property, family and variant. */
  runs?: number
  /** fast-check seed. */
  seed?: number
  /** Python interpreter for Panther rules (`--python` and RULEPROOF_PYTHON win). */
  python?: string
  /** Fewer tests than this on a rule fails it (PAT's `--minimum-tests`). */
  minimumTests?: number
  /**
   * Sigma field-mapping pipeline documents that override the shipped ones field by field
   * (same shape as `src/variants/<id>/pipeline.json`); files named in the config are read and
   * checked when the config is loaded.
   */
  pipelines?: PipelineDocument[]
  /** Scenario expectations: `*` applies to every rule, other keys are rule ids (or globs). */
  expectations?: Record<string, FamilyExpectation>
  lint?: LintSettings
  panther?: {
    /** Extra log types accepted by validation (custom schemas). */
    logTypes?: string[]
    /** Per-test time limit of the Python worker, in milliseconds. */
    timeoutMs?: number
    /** Environment variables rule code gets besides PATH, HOME (a temporary folder), LANG… */
    env?: string[]
    /** Resource limits of the Python worker (MiB, counts); 0 turns one off. Defaults: DEFAULT_LIMITS. */
    limits?: { memoryMb?: number; fileSizeMb?: number; openFiles?: number; processes?: number }
    /** One fresh worker per rule file, without network where the platform allows (`--isolate`). */
    isolate?: boolean
  }
  sigma?: {
    /** Values of `%placeholders%` for the `expand` modifier. */
    placeholders?: Record<string, string[]>
  }
  /** Splunk SPL detections (docs/spl.md). */
  splunk?: {
    /** A local mirror of splunk/attack_data for security_content tests (`--attack-data` wins). */
    attackData?: string
    /** Macros below those of macros/*.yml folders: a definition, or `{ definition, arguments }`. */
    macros?: Record<string, string | { definition: string; arguments?: string[] }>
  }
  /** Input limits, in bytes (the file may write `1MiB`, `512KiB`, …). */
  limits?: {
    /** Largest rule or test file read; a larger one is a load error. @defaultValue 1 MiB */
    ruleFileSize?: number
    /** Longest NDJSON event line `eval` reads; a longer line is that line's error. @defaultValue 16 MiB */
    eventLineSize?: number
  }
  /** azure-activity: generate the hypothetical ARM-style records Sigma's Azure rules assume. */
  assumeDataActions?: boolean
}
