import type { Finding } from '../model/result.js'
import type { TestCase } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import { getVariant, variantForPantherLogType } from '../variants/index.js'
import type { PantherSpec } from './load/specs.js'
import { CHECKS } from './load/specs.js'
import type { Sidecar, TestExpectations } from './sidecar.js'
import type { Mock } from './worker/protocol.js'

/** What a Panther test carries besides the record, in `TestCase.extra`. */
export interface PantherTestExtra {
  mocks: Mock[]
  /** The log's own p_log_type (what picks the data model), or the rule's single LogType. */
  logType?: string
  expectations?: TestExpectations
  /** Sidecar keys ruleproof's Panther runner does not use (scenario expectations, …). */
  sidecar?: Record<string, unknown>
}

/** Variants a rule claims, from its LogTypes (Amazon.EKS.Audit → eks, …). */
export function claimedVariants(logTypes: readonly unknown[]): VariantId[] {
  const out: VariantId[] = []
  for (const lt of logTypes) {
    const v = typeof lt === 'string' ? variantForPantherLogType(lt) : undefined
    if (v && !out.includes(v)) out.push(v)
  }
  return out
}

export function logTypeOfVariant(variant: VariantId): string | undefined {
  return getVariant(variant).pantherLogType
}

/**
 * The tests of a detection: variant from the log's `p_log_type`, else from the rule's single
 * LogType; a log type ruleproof has no variant for keeps the rule's first variant (or k8s) as a
 * label and its own name in `extra.logType`.
 */
export function testCases(spec: PantherSpec, testsValue: unknown, sidecar: Sidecar | undefined, findings: Finding[]): TestCase[] {
  const tests = Array.isArray(testsValue) ? testsValue : []
  const logTypes = Array.isArray(spec.value.LogTypes) ? (spec.value.LogTypes as unknown[]) : []
  const variants = claimedVariants(logTypes)
  const payloadKey = spec.type === 'policy' ? 'Resource' : 'Log'
  const cases: TestCase[] = []
  const names = new Set<string>()
  tests.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object') return
    const t = raw as Record<string, unknown>
    const name = typeof t.Name === 'string' ? t.Name : `test ${i + 1}`
    names.add(name)
    const event = t[payloadKey] ?? t.Log ?? t.Resource
    const own = event !== null && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>).p_log_type : undefined
    const logType = typeof own === 'string' && own ? own : logTypes.length === 1 && typeof logTypes[0] === 'string' ? logTypes[0] : undefined
    const variant = (logType ? variantForPantherLogType(logType) : undefined) ?? variants[0] ?? 'k8s'
    const mocks = Array.isArray(t.Mocks)
      ? (t.Mocks as Record<string, unknown>[]).filter((m) => m && 'objectName' in m && 'returnValue' in m).map((m) => ({
          objectName: String(m.objectName),
          returnValue: m.returnValue as string | boolean,
        }))
      : []
    const extra: PantherTestExtra = { mocks }
    if (logType) extra.logType = logType
    const expectations = sidecar?.tests.get(name)
    if (expectations) {
      extra.expectations = expectations
      if (Object.keys(expectations.extra).length) extra.sidecar = expectations.extra
    }
    const test: TestCase = {
      name,
      expect: t.ExpectedResult === true,
      variant,
      event,
      location: spec.map.key(['Tests', i]),
      extra: extra as unknown as Record<string, unknown>,
    }
    if (expectations?.overrides) test.overrides = expectations.overrides
    cases.push(test)
  })
  if (sidecar) {
    for (const [name, exp] of sidecar.tests) {
      if (!names.has(name)) {
        findings.push({
          check: CHECKS.sidecar,
          severity: 'error',
          ...exp.location,
          message: `${spec.id ?? 'rule'} has no test named '${name}'`,
          ...(spec.id ? { rule: spec.id } : {}),
        })
      }
    }
  }
  return cases
}

export function extraOf(test: TestCase): PantherTestExtra {
  return (test.extra as unknown as PantherTestExtra | undefined) ?? { mocks: [] }
}
