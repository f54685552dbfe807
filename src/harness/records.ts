/**
 * The records a replay or property check evaluates: every record of the test (a multi-event
 * test's `events:`, not just the first), decoded to canonical actions, re-encoded on the
 * checked variant and shown in the check's view (a KQL rule's Log Analytics table).
 */
import type { LoadedRule, TestCase } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import { decodeTest, encodeOn } from './codec.js'
import type { HarnessEnvironment, Scenario } from './types.js'

/** The test's records: `events:` when it has several, else its one `event`. */
export function testRecords(test: TestCase): readonly unknown[] {
  const events = test.extra?.['events']
  return Array.isArray(events) && events.length > 0 ? events : [test.event]
}

const decodedAll = new WeakMap<TestCase, Scenario[]>()

/** Every record of the test as a canonical action (once per test; the first is `decodeTest`'s). */
export function decodeTestRecords(env: HarnessEnvironment, test: TestCase): Scenario[] {
  let all = decodedAll.get(test)
  if (!all) {
    const records = testRecords(test)
    all = records.map((record, i) => {
      if (i === 0) return decodeTest(env, test)
      const d = env.variant(test.variant).decode(record)
      return { event: d.event, context: d.context }
    })
    decodedAll.set(test, all)
  }
  return all
}

/**
 * The actions as `variant` writes them, in `view` when given: records the variant (or view)
 * has none of are left out; empty when it has none at all.
 */
export function recordsOn(
  env: HarnessEnvironment,
  rule: LoadedRule,
  variant: VariantId,
  scenarios: readonly Scenario[],
  assumeDataActions: boolean,
  view?: string,
): unknown[] {
  const out: unknown[] = []
  for (const s of scenarios) {
    const raw = encodeOn(env, variant, s, assumeDataActions)
    if (raw === null) continue
    const shown = view !== undefined && rule.inView ? rule.inView(view, variant, raw) : raw
    if (shown !== undefined && shown !== null) out.push(shown)
  }
  return out
}

/** The rule's verdict on the records (the first as the record, all of them for formats that aggregate). */
export async function matchesRecords(rule: LoadedRule, records: readonly unknown[], variant: VariantId, test?: TestCase): Promise<boolean> {
  const verdict = await rule.evaluate(records[0], variant, { ...(test ? { test } : {}), ...(records.length > 1 ? { records } : {}) })
  return verdict.match
}
