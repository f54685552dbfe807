import type { LoadedRule, TestCase } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import { contextFor } from './context.js'
import type { HarnessEnvironment, Scenario } from './types.js'

const decodedTests = new WeakMap<TestCase, Scenario>()

/**
 * A test's raw record lifted to the canonical action, with the test's own variant's codec
 * (once per test: every replay and perturbation of it starts from the same action; callers copy
 * before they change it).
 */
export function decodeTest(env: HarnessEnvironment, test: TestCase): Scenario {
  let s = decodedTests.get(test)
  if (!s) {
    const decoded = env.variant(test.variant).decode(test.event)
    decodedTests.set(test, (s = { event: decoded.event, context: decoded.context }))
  }
  return s
}

/** The raw record `variant` writes for the action, or null when it writes none. */
export function encodeOn(
  env: HarnessEnvironment,
  variant: VariantId,
  scenario: Scenario,
  assumeDataActions: boolean,
): unknown {
  const { event, context } = scenario.render?.(variant) ?? { event: scenario.event, context: contextFor(variant, scenario.context) }
  const raw = env.variant(variant).encode(event, context, assumeDataActions ? { assumeDataActions: true } : undefined)
  return raw ?? null
}

export async function matches(rule: LoadedRule, raw: unknown, variant: VariantId, test?: TestCase): Promise<boolean> {
  const verdict = await rule.evaluate(raw, variant, test ? { test } : undefined)
  return verdict.match
}

/** What a variant writes nothing for: the skip reason the reports show. */
export function notRecorded(variant: VariantId): string {
  return variant === 'azure-activity'
    ? 'azure-activity records nothing for this action (Kubernetes object writes never reach the Activity log; see --assume-data-actions)'
    : `${variant} records nothing for this action`
}
