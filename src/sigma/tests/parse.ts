// The name table only: loading the generators themselves (fast-check, faker) costs every lint run.
import { FAMILY_STEPS, selectNames } from '../../../generators/families/names.js'
import type { Finding } from '../../model/result.js'
import type { TestCase, VariantOverride } from '../../model/rule.js'
import type { SourceLocation } from '../../model/source.js'
import type { VariantId } from '../../model/variant.js'
import type { SourceMap, YamlPath } from '../../shared/yaml/index.js'
import { renderPath, schemaFindings, schemaIssues } from '../schema/validate.js'
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

interface RawScenario {
  family: string
  expect: 'match' | 'no-match'
  variants?: VariantId[]
  reason?: string
  description?: string
  rule?: string
}

/**
 * A `tests:` item naming a scenario family instead of carrying an event: generated events of
 * the family must match (or not) on every variant the rule claims; on `variants` they may
 * differ, for `reason` (a declared gap).
 */
export interface SigmaScenarioItem {
  family: string
  expect: boolean
  variants?: VariantId[]
  reason?: string
  /** Sidecar files holding declarations for several rules name the rule by id, name or title. */
  rule?: string
  location: SourceLocation
}

export interface ParsedTests {
  tests: TestCase[]
  scenarios: SigmaScenarioItem[]
  findings: Finding[]
}

const isScenario = (item: unknown): item is RawScenario => typeof item === 'object' && item !== null && 'family' in item

/** Why a family glob names nothing the generators know, or undefined when it names something. */
function unknownFamily(glob: string): string | undefined {
  const families = Object.keys(FAMILY_STEPS)
  try {
    selectNames(glob, families)
    return undefined
  } catch {
    // Not a family: it may still name a family's cascade step (`atomic.reverse-shell-cronjob.job`).
  }
  const re = new RegExp(`^${glob.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`)
  if (Object.values(FAMILY_STEPS).some((steps) => steps.some((n) => re.test(n)))) return undefined
  return `'${glob}' matches no scenario family (known: ${families.join(', ')})`
}

/**
 * Reads a `tests:` list (at `base` in a YAML document) into test cases and scenario
 * declarations. Items that break the tests schema, or name no scenario family, become findings
 * at their line and are left out; the others are kept.
 */
export function parseTestList(list: unknown, map: SourceMap, base: YamlPath, rule?: string): ParsedTests {
  const findings = schemaFindings('tests', list, map, { base, check: LOAD_CHECKS.tests, ...(rule ? { rule } : {}) })
  if (!Array.isArray(list)) return { tests: [], scenarios: [], findings }
  const bad = new Set(schemaIssues('tests', list).map((i) => i.path[0]))
  const tests: TestCase[] = []
  const scenarios: SigmaScenarioItem[] = []
  const declared = new Map<string, boolean>()
  list.forEach((item, i) => {
    if (bad.has(i)) return
    if (isScenario(item)) {
      const declaration = scenarioItem(item, i)
      if (declaration) scenarios.push(declaration)
      return
    }
    tests.push(testCase(item as RawTest, map.value([...base, i])))
  })
  return { tests, scenarios, findings }

  function scenarioItem(raw: RawScenario, i: number): SigmaScenarioItem | undefined {
    const path = [...base, i, 'family']
    const at = map.value(path)
    const problem = (message: string): undefined => {
      findings.push({ check: LOAD_CHECKS.tests, severity: 'error', file: at.file, line: at.line, column: at.column, message: `${renderPath(path)}: ${message}`, ...(rule ? { rule } : {}) })
      return undefined
    }
    const unknown = unknownFamily(raw.family)
    if (unknown) return problem(unknown)
    const expect = raw.expect === 'match'
    // Keyed by the item's rule too: a sidecar may hold several rules' declarations.
    const key = `${raw.rule ?? ''}\u0000${raw.family}`
    if (declared.has(key) && declared.get(key) !== expect) return problem(`'${raw.family}' is declared both match and no-match`)
    declared.set(key, expect)
    const out: SigmaScenarioItem = { family: raw.family, expect, location: map.value([...base, i]) }
    if (raw.variants) out.variants = raw.variants
    if (raw.reason !== undefined) out.reason = raw.reason
    if (raw.rule !== undefined) out.rule = raw.rule
    return out
  }
}

function testCase(raw: RawTest, location: SourceLocation): TestCase {
  const test: TestCase = {
    name: raw.name,
    expect: raw.expect === 'match',
    variant: raw.variant ?? DEFAULT_TEST_VARIANT,
    event: raw.event,
    location,
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
  return test
}
