import type { Finding } from '../../model/result.js'
import type { TestCase } from '../../model/rule.js'
import type { SourceLocation } from '../../model/source.js'
import type { SourceMap } from '../../shared/yaml/index.js'
import type { SigmaScenarioItem } from '../tests/parse.js'

export type SigmaKind = 'rule' | 'correlation' | 'filter'

export interface SigmaLogsource {
  category?: string
  product?: string
  service?: string
  definition?: string
}

interface SigmaDocumentBase {
  kind: SigmaKind
  file: string
  /** 0-based index of the YAML document this entry comes from (for collections: the rule's own document). */
  index: number
  /** The document's value after collection merging (`action: global` / `repeat`). */
  value: Record<string, unknown>
  /** Positions of every key and value of `value`, in whichever YAML document they were written. */
  map: SourceMap
  /** Where the document starts (its first key). */
  location: SourceLocation
  /** `title`, or a placeholder naming the document when it has none. */
  title: string
  id?: string
  name?: string
  status?: string
  level?: string
  author?: string
  /** Schema, legacy-syntax and test-section findings of this document. */
  findings: Finding[]
  /** No error-level finding: safe to compile. */
  valid: boolean
  /** The whole file's text (shared, not copied): lets callers place errors inside a scalar. */
  text?: string
}

export interface SigmaRuleDocument extends SigmaDocumentBase {
  kind: 'rule'
  logsource: SigmaLogsource
  /** Search identifiers and `condition`, as written. */
  detection: Record<string, unknown>
  /** Embedded tests of the top-level `tests:` list. */
  tests: TestCase[]
  /** Scenario declarations of the `tests:` list (items naming a `family`). */
  scenarios?: SigmaScenarioItem[]
  /** SigmaHQ's regression data convention: repo-relative path of an `info.yml`. */
  regressionTestsPath?: string
}

export interface SigmaCorrelation {
  type: string
  rules: string[]
  groupBy: string[]
  timespan: string
  condition?: Record<string, unknown>
  aliases?: Record<string, Record<string, string>>
  generate?: boolean
}

export interface SigmaCorrelationDocument extends SigmaDocumentBase {
  kind: 'correlation'
  correlation: SigmaCorrelation
}

export interface SigmaFilterDocument extends SigmaDocumentBase {
  kind: 'filter'
  logsource: SigmaLogsource
  /** Rule ids or names the filter applies to (`any` or empty: every rule of the logsource). */
  rules: string[]
  /** The filter's selections and `condition` (the `filter:` map without `rules`). */
  detection: Record<string, unknown>
}

export type SigmaDocument = SigmaRuleDocument | SigmaCorrelationDocument | SigmaFilterDocument

/** Check ids of the findings the loader produces (lint reports them under these ids). */
export const LOAD_CHECKS = {
  yaml: 'yaml-syntax',
  schema: 'sigma-schema',
  legacy: 'sigma-legacy',
  collection: 'sigma-collection',
  tests: 'sigma-tests',
  correlation: 'sigma-correlation',
  compile: 'sigma-compile',
} as const
