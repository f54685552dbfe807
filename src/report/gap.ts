import type { Result } from '../model/result.js'

/**
 * A declared gap is a passing result whose verdict differs from the test's default expectation
 * because the test declares a per-variant override with a reason. The harness marks it by the
 * message prefix below (the Result model has no field for it); reporters show it distinctly.
 */
export const DECLARED_GAP_PREFIX = 'declared gap: '

export function declaredGapMessage(reason: string): string {
  return DECLARED_GAP_PREFIX + reason
}

/** Also accepts the older `declared gap on <variant>: <reason>` (every writer now uses `declaredGapMessage`). */
const GAP = /^declared gap(?: on [^:]+)?: /

/** The reason of a declared gap, or undefined when the result is not one. */
export function declaredGap(result: Pick<Result, 'status' | 'message'>): string | undefined {
  if (result.status !== 'pass' || typeof result.message !== 'string') return undefined
  const m = GAP.exec(result.message)
  return m ? result.message.slice(m[0].length) : undefined
}
