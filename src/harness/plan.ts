import type { ResultKind } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import { checkName } from '../report/describe.js'
import { declaredExpectation, isFamilyTest, matchFamilies } from './expectations.js'
import { resultOf } from './results.js'
import type { FamilySource, HarnessOptions, PlannedCheck } from './types.js'

export const ALL_KINDS: readonly ResultKind[] = ['embedded', 'replay', 'property', 'scenario', 'consistency']

function named(c: Omit<PlannedCheck, 'name'>): PlannedCheck {
  const withName = c as PlannedCheck
  // The same words reports use for a result, so a vitest test and a report line share a name.
  withName.name = checkName(resultOf({ ...withName, name: '' }, 'pass'))
  return withName
}

/**
 * What a family should give for a rule, when that is known: what the rule declares for it, else
 * no match for benign and noise families (ordinary operations no detection should flag). An
 * attack family the rule says nothing about may or may not be its business: unknown.
 */
export function familyExpectation(family: string, declared: { match: readonly string[]; ignore: readonly string[] } | undefined): boolean | undefined {
  if (declared && matchFamilies(declared.match, [family]).length > 0) return true
  if (declared && matchFamilies(declared.ignore, [family]).length > 0) return false
  if (family.startsWith('benign.') || family.startsWith('noise.')) return false
  return undefined
}

export interface PlanProblem {
  rule: LoadedRule
  message: string
}

/**
 * Every check for the rules, in a stable order: per rule (as given), its tests in file order,
 * each embedded then replayed and perturbed on the rule's variants in the rule's order; then
 * declared families per variant; then consistency per family.
 */
export function planChecks(
  rules: readonly LoadedRule[],
  families: FamilySource,
  options: HarnessOptions = {},
): { checks: PlannedCheck[]; problems: PlanProblem[] } {
  const kinds = new Set(options.kinds ?? ALL_KINDS)
  const allowed = (v: VariantId): boolean => !options.variants || options.variants.includes(v)
  const checks: PlannedCheck[] = []
  const problems: PlanProblem[] = []
  for (const rule of rules) {
    const variants = rule.variants.filter(allowed)
    for (const test of rule.tests) {
      if (isFamilyTest(test)) continue
      const location = test.location
      if (kinds.has('embedded') && allowed(test.variant)) {
        checks.push(named({ kind: 'embedded', rule, test, variant: test.variant, location }))
      }
      // Tests over recorded datasets (security_content attack_data) have no one event to replay.
      const replayable = test.extra?.['replay'] !== false
      for (const variant of replayable ? variants : []) {
        if (kinds.has('replay') && variant !== test.variant) {
          checks.push(named({ kind: 'replay', rule, test, variant, location }))
        }
      }
      for (const variant of replayable ? variants : []) {
        if (!kinds.has('property')) continue
        // One per view the rule reads the variant in (a KQL rule's tables), and the test's own.
        const views = rule.views?.(variant, test)
        if (!views) checks.push(named({ kind: 'property', rule, test, variant, location }))
        else for (const view of views) checks.push(named({ kind: 'property', rule, test, variant, view, location }))
      }
    }
    const declared = (options.expectations ?? declaredExpectation)(rule)
    const gapFor = (family: string, variant?: VariantId): PlannedCheck['gap'] => {
      const g = declared?.gaps?.find((x) => matchFamilies(x.families, [family]).length > 0 && (variant === undefined || x.variants.includes(variant)))
      return g ? { variants: g.variants, reason: g.reason } : undefined
    }
    if (declared && kinds.has('scenario')) {
      // Results point at the line declaring the family: its own item where declared one by one.
      const locationOf = (family: string, globs: readonly string[]) => {
        const glob = globs.find((g) => matchFamilies([g], [family]).length > 0)
        return (glob !== undefined ? declared.locations?.[glob] : undefined) ?? declared.location ?? rule.location
      }
      for (const [globs, expect] of [
        [declared.match, true],
        [declared.ignore, false],
      ] as const) {
        for (const glob of globs) {
          if (matchFamilies([glob], families.names).length === 0) {
            problems.push({ rule, message: `family pattern '${glob}' matches no scenario family` })
          }
        }
        for (const family of matchFamilies(globs, families.names)) {
          const location = locationOf(family, globs)
          for (const variant of variants) {
            const gap = gapFor(family, variant)
            checks.push(named({ kind: 'scenario', rule, variant, family, expect, location, ...(gap ? { gap } : {}) }))
          }
        }
      }
    }
    if (kinds.has('consistency')) {
      // Known differences are declared per family (scenario gaps), not inferred from tests.
      const compared = variants
      if (compared.length > 1) {
        for (const family of families.families ?? families.names) {
          const gap = gapFor(family)
          const expect = familyExpectation(family, declared)
          checks.push(named({ kind: 'consistency', rule, variant: compared[0]!, variants: compared, family, location: rule.location, ...(gap ? { gap } : {}), ...(expect !== undefined ? { expect } : {}) }))
        }
      }
    }
  }
  return { checks, problems }
}
