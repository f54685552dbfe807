import type { YamlPath } from '../../shared/yaml/index.js'

/** One entry of a `Group` or `Sequence`: the signals of one rule. */
export interface Member {
  /** `ID`, or the `RuleID` when the entry has no ID (what `RuleOutputs` name). */
  id: string
  ruleId: string
  /** The rule must produce at least this many signals. @defaultValue 1 */
  minMatchCount: number
  maxMatchCount?: number
  /** The correlation needs this rule's signals to be missing. */
  absence: boolean
  path: YamlPath
}

/** A `Sequence` transition, always between consecutive steps once validated. */
export interface Transition {
  id?: string
  /** Index of the `From` step in the sequence. */
  from: number
  to: number
  /** The `To` step must come at most this long after the `From` step. */
  withinMinutes: number
  /** Fields whose values must be equal (`On`, or `From`/`To` for different names). */
  fromField?: string
  toField?: string
}

interface Common {
  members: Member[]
  /** Each scheduled run looks at signals of the last LookbackWindowMinutes. @defaultValue 15 */
  lookbackMinutes: number
  /** Runs are RateMinutes apart; undefined with a CronExpression (one run is evaluated). */
  rateMinutes?: number
  order: 'Chronological' | 'ReverseChronological'
}

export interface GroupDetection extends Common {
  kind: 'group'
  /** Member ID → the fields its value is matched on (one per MatchCriteria entry naming it). */
  fields: Map<string, string[]>
  /** How many present members must be satisfied. @defaultValue all of them */
  minMatchCount?: number
}

export interface SequenceDetection extends Common {
  kind: 'sequence'
  transitions: Transition[]
  fields: Map<string, string[]>
}

export type CorrelationDetection = GroupDetection | SequenceDetection

/** One signal of a test's `RuleOutputs`: a rule's alert at a time with its matched values. */
export interface Signal {
  member: string
  /** ms since the epoch, or minutes offsets × 60 000 when the test writes offsets. */
  time: number
  fields: Map<string, Set<string>>
}

/** A problem in the YAML, at a path of the document. */
export interface Issue {
  path: YamlPath
  message: string
  /** 'invalid': the author's mistake (error). 'unsupported': valid, not reproducible offline (skip). */
  kind: 'invalid' | 'unsupported'
}

/** What the evaluator concludes for one test. */
export interface Verdict {
  match: boolean
  /** Why: the key, window and counts of the match, or why the closest candidate failed. */
  reason: string
}
