import type { Finding } from '../../model/result.js'
import type { TestCase, VariantOverride } from '../../model/rule.js'
import type { VariantId } from '../../model/variant.js'
import type { SourceMap, YamlPath } from '../../shared/yaml/index.js'
import { schemaFindings, schemaIssues } from '../schema/validate.js'
import { LOAD_CHECKS } from '../load/types.js'

/** The variant a test's `event` is written in when the test does not say. */
export const DEFAULT_TEST_VARIANT: VariantId = 'k8s'

interface RawTest {
  name: string
  description?: string
  expect: 'match' | 'no-match'
  variant?: VariantId
  event: Record<string, unknown>
  rule?: string
  overrides?: Partial<Record<VariantId, { expect: 'match' | 'no-match'; reason: string }>>
}

export interface ParsedTests {
  tests: TestCase[]
  findings: Finding[]
}

/**
 * Reads a `tests:` list (at `base` in a YAML document) into test cases. Items that break the
 * tests schema become findings at their line and are left out; the others are kept.
 */
export function parseTestList(list: unknown, map: SourceMap, base: YamlPath, rule?: string): ParsedTests {
  const findings = schemaFindings('tests', list, map, { base, check: LOAD_CHECKS.tests, ...(rule ? { rule } : {}) })
  if (!Array.isArray(list)) return { tests: [], findings }
  const bad = new Set(schemaIssues('tests', list).map((i) => i.path[0]))
  const tests: TestCase[] = []
  list.forEach((item, i) => {
    if (bad.has(i)) return
    const raw = item as RawTest
    const test: TestCase = {
      name: raw.name,
      expect: raw.expect === 'match',
      variant: raw.variant ?? DEFAULT_TEST_VARIANT,
      event: raw.event,
      location: map.value([...base, i]),
    }
    if (raw.overrides) {
      const overrides: Partial<Record<VariantId, VariantOverride>> = {}
      for (const [v, o] of Object.entries(raw.overrides) as [VariantId, { expect: string; reason: string }][]) {
        overrides[v] = { expect: o.expect === 'match', reason: o.reason }
      }
      test.overrides = overrides
    }
    const extra: Record<string, unknown> = {}
    if (raw.description !== undefined) extra.description = raw.description
    if (raw.rule !== undefined) extra.rule = raw.rule
    if (Object.keys(extra).length) test.extra = extra
    tests.push(test)
  })
  return { tests, findings }
}
