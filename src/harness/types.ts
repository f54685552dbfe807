import type { Arbitrary } from 'fast-check'
import type { AuditEvent, ClusterContext } from '../model/audit-event.js'
import type { ResultKind } from '../model/result.js'
import type { LoadedRule, TestCase } from '../model/rule.js'
import type { SourceLocation } from '../model/source.js'
import type { ScenarioExpectation } from '../model/scenario.js'
import type { Variant, VariantId } from '../model/variant.js'
import type { Budget } from '../shared/budget.js'

/** One canonical action: what every variant encodes and every family generates. */
export interface Scenario {
  event: AuditEvent
  context: ClusterContext
  /**
   * The same action as `variant`'s provider logs it (generated actions render identities per
   * provider). Without it the event is re-encoded as is, on a cluster of that provider.
   */
  render?(variant: VariantId): { event: AuditEvent; context: ClusterContext }
}

/** Named scenario families (H4's generators), seen through the only two things the harness needs. */
export interface FamilySource {
  /** Every name a scenario declaration may use, sorted: families and their steps (`<family>.job`). */
  names: readonly string[]
  /**
   * The families consistency is checked on (every rule, every family: keep it to the families
   * themselves, not their cascade steps). @defaultValue `names`
   */
  families?: readonly string[]
  arbitrary(name: string): Arbitrary<Scenario>
}

/**
 * What the harness runs against: the codecs and the families. Injected so the core stays pure
 * and its tests can use small fake variants; `defaultEnvironment()` wires the real ones.
 */
export interface HarnessEnvironment {
  variant(id: VariantId): Variant
  families: FamilySource
}

export type { GeneratedGap, ScenarioExpectation } from '../model/scenario.js'

export interface HarnessOptions {
  /** Only these variants take part (each rule still only runs on the variants it claims). */
  variants?: readonly VariantId[]
  /** @defaultValue every kind */
  kinds?: readonly ResultKind[]
  /** Generated events per property, per family and variant. @defaultValue 20 */
  runs?: number
  /** fast-check seed; the same seed gives the same results. @defaultValue 42 */
  seed?: number
  /**
   * Scenario declarations of a rule. The default reads what the rule's loader attached
   * (`rule.scenarios`, or tests with `extra.family`); the CLI adds config defaults.
   */
  expectations?: (rule: LoadedRule) => ScenarioExpectation | undefined
  /**
   * azure-activity: write the hypothetical ARM record Sigma's azure/activitylogs rules assume
   * for generated actions. Tests written in that form are always re-encoded with it.
   * @defaultValue false
   */
  assumeDataActions?: boolean
  /** Checks in flight at once (results keep plan order). @defaultValue 8 */
  concurrency?: number
  /** The run's time budget (`--max-duration`); checks not done in it are error results. */
  budget?: Budget
}

/** One check the harness will run: rule × (test | family) × variant × kind. */
export interface PlannedCheck {
  /** Stable, human-readable: `<rule> › <test> [<variant>] (<kind>)`. */
  name: string
  kind: ResultKind
  rule: LoadedRule
  /** The variant checked; consistency checks span `variants`. */
  variant: VariantId
  variants?: VariantId[]
  test?: TestCase
  family?: string
  /** Scenario checks: what the family must give; consistency checks: what it should give, when known. */
  expect?: boolean
  /** A declared gap that covers this family (and, for scenario checks, this variant). */
  gap?: { variants: VariantId[]; reason: string }
  /** The view of the variant's records checked (`rule.views`: a KQL rule's Log Analytics table). */
  view?: string
  location: SourceLocation
}
