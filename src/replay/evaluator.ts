/**
 * The rules of one variant evaluated together over a stream of records (`ruleproof replay`).
 * Sigma rules go into one `RuleGroup` (shared field reads, prefilter on needed values); rules of
 * other formats keep their own synchronous matcher, or `evaluate` when they have none. Each
 * record's verdicts are exactly those of evaluating each rule alone: a match, no match, or an
 * error (the rule could not evaluate that record; counted apart).
 */
import type { LoadedRule } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import { exceedsDepth } from '../shared/depth.js'
import { ERROR, MATCH, NO_MATCH, RuleGroup, SharedFields, type GroupMember } from '../sigma/group.js'
import type { SigmaLoadedRule } from '../sigma/rule.js'

export { ERROR, MATCH, NO_MATCH } from '../sigma/group.js'

function isSigma(rule: LoadedRule): rule is SigmaLoadedRule {
  return rule.format === 'sigma' && typeof (rule as Partial<SigmaLoadedRule>).compiledShared === 'function'
}

export interface EvaluatorOptions {
  /** Evaluate Sigma rules together (default); `false` evaluates every rule alone (for comparison). */
  group?: boolean
}

export class VariantEvaluator {
  /** Verdict of each rule (in the order given) on the last record evaluated. */
  readonly verdicts: Uint8Array
  private readonly group: RuleGroup | undefined
  private readonly groupOut: Uint8Array
  /** Rule index of each group member. */
  private readonly members: number[] = []
  private readonly alone: { index: number; match: (record: unknown) => boolean }[] = []
  /** Rules with no synchronous matcher: `evaluateRest` awaits their `evaluate`. */
  readonly rest: number[] = []

  constructor(
    private readonly rules: readonly LoadedRule[],
    private readonly variant: VariantId,
    options: EvaluatorOptions = {},
  ) {
    this.verdicts = new Uint8Array(rules.length)
    const shared = new SharedFields()
    const grouped: GroupMember[] = []
    rules.forEach((rule, index) => {
      if (options.group !== false && isSigma(rule)) {
        try {
          const c = rule.compiledShared(variant, shared.share)
          grouped.push({ match: c.match, needs: c.needs })
          this.members.push(index)
          return
        } catch {
          // Not evaluable on this variant: `evaluate` says why, record by record.
        }
      }
      let match: ((record: unknown) => boolean) | undefined
      try {
        match = rule.matcher?.(variant)
      } catch {
        match = undefined
      }
      if (match) this.alone.push({ index, match })
      else this.rest.push(index)
    })
    this.group = grouped.length ? new RuleGroup(grouped, shared) : undefined
    this.groupOut = new Uint8Array(grouped.length)
  }

  /** Rules evaluated in the group, and of those how many on every record (no indexable need). */
  get stats(): { grouped: number; unindexed: number; alone: number; rest: number } {
    return { grouped: this.members.length, unindexed: this.group?.unindexed ?? 0, alone: this.alone.length, rest: this.rest.length }
  }

  /**
   * The verdicts of every rule with a synchronous matcher; then, when `rest` is not empty,
   * `evaluateRest` must be awaited for the others (their own `evaluate` judges the record's depth).
   * A record nesting deeper than the depth limit is the error of every rule evaluated here
   * (checked once, not once per rule: the explanations and reports walk records recursively).
   */
  evaluate(record: unknown): void {
    const v = this.verdicts
    if (exceedsDepth(record)) {
      v.fill(ERROR)
      return
    }
    if (this.group) {
      const out = this.groupOut
      this.group.evaluate(record, out)
      for (let k = 0; k < out.length; k++) v[this.members[k] as number] = out[k] as number
    }
    for (const { index, match } of this.alone) {
      try {
        v[index] = match(record) ? MATCH : NO_MATCH
      } catch {
        v[index] = ERROR
      }
    }
  }

  /** The verdicts of the rules without a synchronous matcher (after `evaluate` on the same record). */
  async evaluateRest(record: unknown): Promise<void> {
    for (const i of this.rest) {
      try {
        this.verdicts[i] = (await (this.rules[i] as LoadedRule).evaluate(record, this.variant)).match ? MATCH : NO_MATCH
      } catch {
        this.verdicts[i] = ERROR
      }
    }
  }
}
