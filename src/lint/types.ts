import type { Finding, Severity } from '../model/result.js'
import type { YamlPath } from '../shared/yaml/index.js'
import type { SigmaDetectionItem, SigmaRuleView, SigmaValue, SigmaCondition, SigmaSelection } from './sigma/view.js'
import type { PantherRuleView, PantherTestView } from './panther/view.js'
import type { LintHostData } from './host.js'
import type { KqlRuleView } from './kql/view.js'
import type { SplRuleView } from './spl/view.js'

export type CheckKind = 'problem' | 'suggestion' | 'style'
export type RuleFormatTarget = 'sigma' | 'panther' | 'sentinel-kql' | 'splunk-spl'

/** What a check is, declared once: docs, config, SARIF rule metadata and the tester read it. */
export interface CheckMeta<M extends string> {
  kind: CheckKind
  /** One sentence, shown in docs/checks.md and SARIF. */
  description: string
  defaultSeverity: Severity
  /** In the `recommended` set. */
  recommended: boolean
  appliesTo: readonly RuleFormatTarget[]
  /** The check offers a safe `--fix`. */
  fixable: boolean
  /** messageId → template with `{{placeholders}}`. The only place message text lives. */
  messages: Record<M, string>
  /** Checks that report the same problem more precisely: this check's finding is dropped when one of them reports the same line. */
  yieldsTo?: readonly string[]
  /** JSON schema (ajv, draft 2020-12) of the check's options object. */
  schema: Record<string, unknown>
}

/** A text edit on the file the finding is in: replace [start, end) with `text`. */
export interface TextEdit {
  start: number
  end: number
  text: string
}

/** A resolved place in a file (1-based). */
export interface Place {
  file: string
  line: number
  column: number
}

/** Where a finding points: a YAML path in the current document (its key or value), or a resolved place. */
/** `offset`/`token`: a position inside a single-line scalar, used only when `token` is found there. */
export type At = { path: YamlPath; key?: boolean; offset?: number; token?: string } | { place: Place }

export interface ReportDescriptor<M extends string> {
  at: At
  messageId: M
  data?: Record<string, string | number>
  /** Only for checks with meta.fixable; edits on the current file. */
  fix?: TextEdit | TextEdit[]
}

/** Hooks the engine calls while it walks each document; a check implements the ones it needs. */
export interface CheckHooks {
  /** A file that is not valid YAML (or that the YAML loader refused). */
  yamlError?(error: { message: string; place: Place }): void
  /** Each finding of the Sigma loader (schema, legacy syntax, collections, embedded tests). */
  loaderFinding?(finding: Finding): void
  /** Each Sigma document (rule, correlation or filter). */
  rule?(rule: SigmaRuleView): void
  /** Each search identifier of a Sigma detection/filter. */
  detection?(selection: SigmaSelection): void
  /** Each `field|modifiers: values` item (or keyword list) of a selection. */
  detectionItem?(item: SigmaDetectionItem): void
  /** Each value of a detection item. */
  value?(value: SigmaValue): void
  /** Each condition string of a Sigma detection or filter. */
  condition?(condition: SigmaCondition): void
  /** Each Panther analysis document. */
  pantherRule?(rule: PantherRuleView): void
  /** Each entry of a Panther rule's Tests. */
  pantherTest?(test: PantherTestView): void
  /** Each Sentinel KQL rule file (analytics rule YAML or `.kql`). */
  kqlRule?(rule: KqlRuleView): void
  /** Each Splunk security_content detection whose search parsed. */
  splRule?(rule: SplRuleView): void
  /** Each file, after all its documents; with the raw text (comments, suppressions). */
  fileEnd?(file: LintedFile): void
  /** After every file: cross-rule checks. */
  finalize?(): void
}

export interface LintedFile {
  file: string
  text: string
}

export interface CheckContext<M extends string, O> {
  readonly id: string
  readonly options: O
  /** Facts gathered by the caller's I/O edge (Python module info, ReDoS cache, known files). */
  readonly host: LintHostData
  /** Ids of every check ruleproof has (not only the enabled ones). */
  readonly knownChecks: ReadonlySet<string>
  /** The file being walked (undefined in finalize). */
  readonly file: string | undefined
  readonly text: string | undefined
  report(descriptor: ReportDescriptor<M>): void
  /** Resolves a path of the current document to a place (for findings reported later, in finalize). */
  locate(path: YamlPath, key?: boolean): Place
  /** 0-based offset of a 1-based place in the current file (for fixes). */
  offsetOf(place: Place): number
}

export interface CheckModule<M extends string = string, O = Record<string, unknown>> {
  id: string
  meta: CheckMeta<M>
  defaultOptions: O
  create(context: CheckContext<M, O>): CheckHooks
}
