import type { Result } from './result.js'
import type { ScenarioExpectation } from './scenario.js'
import type { SourceLocation } from './source.js'
import type { VariantId } from './variant.js'
import type { Verdict } from './verdict.js'

export type RuleFormat = 'sigma' | 'panther' | 'sentinel-kql' | 'splunk-spl'

/** A declared, visible gap: on this variant the test expects another verdict, for a reason. */
export interface VariantOverride {
  expect: boolean
  reason: string
}

/** One embedded (or sidecar) example: a raw record of `variant` and the verdict the rule promises. */
export interface TestCase {
  name: string
  /** true: must match; false: must not. */
  expect: boolean
  /** The format `event` is written in. */
  variant: VariantId
  event: unknown
  overrides?: Partial<Record<VariantId, VariantOverride>>
  location: SourceLocation
  /** Format-specific extras (Panther mocks, expected title, …), opaque to the harness. */
  extra?: Record<string, unknown>
  /** What reports show as the variant of a test that has none of its own (a Panther correlation test: `correlation`). */
  variantLabel?: string
}

export interface EvaluateOptions {
  /** The test case the record comes from (Panther needs its mocks). */
  test?: TestCase
  /**
   * Every record of a multi-event test (`events:`) as this variant writes them, `record` the
   * first: formats whose queries aggregate (KQL) run over all of them.
   */
  records?: readonly unknown[]
}

/** A loaded detection rule of any format, ready to evaluate. */
export interface LoadedRule {
  format: RuleFormat
  id: string
  title: string
  file: string
  location: SourceLocation
  /** Variants the rule claims (Sigma: from logsource via pipelines; Panther: from LogTypes). */
  variants: VariantId[]
  tests: TestCase[]
  /**
   * Scenario families the rule declares it must match / ignore, when its loader read them with
   * the rule (Sigma: `tests:` items naming a `family`). Sidecars and the config are read by the harness.
   */
  scenarios?: ScenarioExpectation
  /**
   * MITRE ATT&CK technique ids the rule claims (`T1609`, `T1053.007`): Sigma `attack.tNNNN` tags,
   * Panther `Reports: MITRE ATT&CK`. Replay scores a rule on the records of these techniques.
   */
  techniques?: string[]
  /**
   * Log Analytics tables the rule's query reads (KQL rules). A dataset that holds a variant in
   * several tables (sentinel aks) scores the rule on the files of these tables.
   */
  tables?: readonly string[]
  evaluate(record: unknown, variant: VariantId, options?: EvaluateOptions): Promise<Verdict>
  /**
   * A synchronous match-only verdict for bulk scoring (replay), when the format has one: no
   * explanation, no per-call depth check (the caller checks each record once). Throws where
   * `evaluate` would reject.
   */
  matcher?(variant: VariantId): (record: unknown) => boolean
  /** Runs one embedded test on its own variant with the format's own pass/fail rule. */
  runTest(test: TestCase): Promise<Result>
  /**
   * Canonical/raw field paths the rule looks at, when known (Sigma: detection fields;
   * Panther: keys the worker saw it read). The harness perturbs everything else.
   */
  fieldsRead?(variant: VariantId, view?: string): string[] | undefined
  /**
   * The views of a variant's records the rule's property checks run on, when it reads them in
   * several shapes (KQL: the Log Analytics tables its query reads, and the one `test`'s event is
   * written in, so a table the query does not read shows as blind). Undefined: the records as they are.
   */
  views?(variant: VariantId, test?: TestCase): string[] | undefined
  /** A native record of `variant` as it appears in `view`; undefined when the view holds none of it. */
  inView?(view: string, variant: VariantId, raw: unknown): unknown
}
