import type { Expectation, Result, ResultStatus } from '../model/result.js'
import type { PlannedCheck } from './types.js'

export function expectation(match: boolean): Expectation {
  return match ? 'match' : 'no-match'
}

/** A result for a planned check, with the check's identity filled in. */
export function resultOf(check: PlannedCheck, status: ResultStatus, fields: Partial<Result> = {}): Result {
  return {
    rule: check.rule.id,
    ...titleOf(check.rule),
    file: check.location.file,
    line: check.location.line,
    test: testLabel(check),
    variant: check.test?.variantLabel ?? (check.variants ? check.variants.join(',') : check.variant),
    ...(check.view ? { view: check.view } : {}),
    kind: check.kind,
    status,
    ...fields,
  }
}

/**
 * The `test` column: the test case's name, or for generated checks the family (reports build
 * their families × rules matrix from it; `expected` says match or ignore).
 */
export function testLabel(check: Pick<PlannedCheck, 'test' | 'family'>): string {
  return check.test?.name ?? check.family ?? '?'
}

/** `{ title }` when the rule has a title besides its id (results name rules by it). */
export function titleOf(rule: { id: string; title: string }): { title?: string } {
  return rule.title && rule.title !== rule.id ? { title: rule.title } : {}
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message
  return String(e)
}

/** Thrown inside a property when the rule itself failed: reported as an error, not a verdict. */
export class EvaluationError extends Error {}
