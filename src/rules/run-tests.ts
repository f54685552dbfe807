import type { Result } from '../model/result.js'
import type { LoadedRule, TestCase } from '../model/rule.js'
import { budgetMessage, UNLIMITED, withinBudget, type Budget } from '../shared/budget.js'

/** Tests that only name a scenario family carry no event: they are declarations, not runnable here. */
function runnable(t: TestCase): boolean {
  return !(typeof t.extra?.['family'] === 'string' && (t.event === undefined || t.event === null))
}

export function runnableTests(rule: LoadedRule): TestCase[] {
  return rule.tests.filter(runnable)
}

/** Milliseconds since `start`, to the microsecond. */
export function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 1000) / 1000
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

function errorResult(rule: LoadedRule, test: TestCase, message: string): Result {
  return {
    rule: rule.id,
    file: test.location.file,
    line: test.location.line,
    test: test.name,
    variant: test.variant,
    kind: 'embedded',
    status: 'error',
    expected: test.expect ? 'match' : 'no-match',
    message,
  }
}

/**
 * Runs every embedded test of every rule with its format's own pass/fail rule (`runTest`), in
 * rule order. A test that throws is an `error` result, never a crash of the run. Once `budget`
 * is used up, the test running is given up and every test left is an `error` result saying so.
 */
export async function runEmbeddedTests(rules: readonly LoadedRule[], onResult?: (r: Result) => void, budget: Budget = UNLIMITED): Promise<Result[]> {
  const results: Result[] = []
  for (const rule of rules) {
    for (const test of runnableTests(rule)) {
      let r: Result
      const start = performance.now()
      if (budget.expired()) r = errorResult(rule, test, budgetMessage(budget))
      else {
        try {
          r = (await withinBudget(rule.runTest(test), budget)) ?? errorResult(rule, test, budgetMessage(budget, 'stopped while running'))
        } catch (e) {
          r = errorResult(rule, test, errorText(e))
        }
      }
      if (rule.title && rule.title !== rule.id) r = { ...r, title: rule.title }
      r = { ...r, durationMs: elapsed(start) }
      results.push(r)
      onResult?.(r)
    }
  }
  return results
}

/**
 * panther_analysis_tool's `--minimum-tests N`: a rule with fewer than N tests fails, and with
 * N ≥ 2 it also needs at least one positive and one negative test. One failed result per rule
 * that falls short, at the rule's own line.
 */
export function coverageResults(rules: readonly LoadedRule[], minimum: number): Result[] {
  if (minimum <= 0) return []
  const out: Result[] = []
  for (const rule of rules) {
    const tests = runnableTests(rule)
    const problems: string[] = []
    if (tests.length < minimum) problems.push(`Insufficient test coverage: ${minimum} tests required but only ${tests.length} found`)
    if (minimum >= 2 && (!tests.some((t) => t.expect) || !tests.some((t) => !t.expect))) {
      problems.push('Insufficient test coverage: expected at least one positive and one negative test')
    }
    if (problems.length === 0) continue
    out.push({
      rule: rule.id,
      ...(rule.title && rule.title !== rule.id ? { title: rule.title } : {}),
      file: rule.file,
      line: rule.location.line,
      test: 'minimum tests',
      variant: rule.variants[0] ?? '-',
      kind: 'embedded',
      status: 'fail',
      expected: `>= ${minimum} tests`,
      actual: `${tests.length} tests (${tests.filter((t) => t.expect).length} positive, ${tests.filter((t) => !t.expect).length} negative)`,
      message: problems.join('; '),
    })
  }
  return out
}
