import path from 'node:path'
import type { LoadedRule, TestCase } from '../../model/rule.js'
import type { SourceMap } from '../../shared/yaml/index.js'
import type { PantherResult } from '../results.js'
import { readDetection } from './detection.js'
import { BudgetExceeded, evaluateCorrelation } from './evaluate.js'
import { readSignals } from './signals.js'
import type { Issue } from './types.js'

export interface CorrelationSpec {
  id: string
  file: string
  value: Record<string, unknown>
  map: SourceMap
}

/** Correlation tests have no log type or variant; reports show this in the variant column. */
export const CORRELATION_VARIANT = 'correlation'

function where(map: SourceMap, issue: Issue): string {
  const at = map.value(issue.path)
  return `${path.relative(process.cwd(), at.file) || at.file}:${at.line}:${at.column}: ${issue.message}`
}

/**
 * A Panther correlation rule whose tests run offline: each test's `RuleOutputs` (the signals its
 * rules would produce) go through the evaluator with the rule's `Detection`. An invalid Detection
 * or test is an error result naming the place; what ruleproof cannot reproduce offline is a skip
 * naming why. PAT skips all of these tests without an API token.
 */
export function correlationRule(spec: CorrelationSpec): LoadedRule {
  const { detection, issues } = readDetection(spec.value.Detection)
  const invalid = issues.filter((i) => i.kind === 'invalid')
  const ruleProblem = invalid.length
    ? { status: 'error' as const, message: `the correlation Detection is invalid: ${invalid.map((i) => where(spec.map, i)).join('; ')}` }
    : issues.length
      ? { status: 'skip' as const, message: `not evaluated offline: ${issues.map((i) => where(spec.map, i)).join('; ')}` }
      : undefined

  const rawTests = Array.isArray(spec.value.Tests) ? spec.value.Tests : []
  const tests: TestCase[] = []
  rawTests.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return
    const t = raw as Record<string, unknown>
    tests.push({
      name: typeof t.Name === 'string' ? t.Name : `test ${i + 1}`,
      expect: t.ExpectedResult === true,
      // TestCase needs a variant; correlation tests have none (reports and check names say 'correlation').
      variant: 'k8s',
      variantLabel: CORRELATION_VARIANT,
      event: t.RuleOutputs,
      location: spec.map.key(['Tests', i]),
      extra: { index: i },
    })
  })

  const base = (test: TestCase): PantherResult => ({
    rule: spec.id,
    file: spec.file,
    line: test.location.line,
    test: test.name,
    variant: CORRELATION_VARIANT,
    kind: 'embedded',
    status: 'error',
    expected: test.expect ? 'match' : 'no-match',
  })

  return {
    format: 'panther',
    id: spec.id,
    title: typeof spec.value.DisplayName === 'string' ? spec.value.DisplayName : spec.id,
    file: spec.file,
    location: spec.map.key(['RuleID']),
    variants: [],
    tests,
    async evaluate() {
      throw new Error(`${spec.id}: a correlation rule correlates other rules' signals; it has no verdict on a single event`)
    },
    async runTest(test: TestCase): Promise<PantherResult> {
      const result = base(test)
      if (ruleProblem) return { ...result, ...ruleProblem }
      if (!detection) return { ...result, message: 'the correlation Detection could not be read' }
      const index = typeof test.extra?.['index'] === 'number' ? test.extra['index'] : 0
      const { signals, issues: testIssues, offsets } = readSignals(detection, test.event, ['Tests', index])
      if (testIssues.length) return { ...result, message: `the test's RuleOutputs are invalid: ${testIssues.map((i) => where(spec.map, i)).join('; ')}` }
      let verdict
      try {
        verdict = evaluateCorrelation(detection, signals, { offsets })
      } catch (e) {
        if (e instanceof BudgetExceeded) return { ...result, message: e.message }
        throw e
      }
      const actual = verdict.match ? 'match' : 'no-match'
      const passed = verdict.match === test.expect
      return {
        ...result,
        status: passed ? 'pass' : 'fail',
        actual,
        // The reports prefix failures with "expected …, got …"; the reason says where and why.
        message: verdict.reason,
      }
    },
  }
}
