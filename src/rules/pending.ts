import type { SourceLocation } from '../model/source.js'
import type { TestCase } from '../model/rule.js'

/** Which tool's convention a test came from; kept on `TestCase.extra.source` so reports can tell. */
export type TestSource = 'sidecar' | 'sigma-test' | 'rsigma' | 'zircolite' | 'sigmahq-regression'

/**
 * Tests read outside a rule document, waiting to be attached to the Sigma rule(s) they name.
 * A target is a rule file (every rule of it, or the one named by `rule`), or a rule id/title
 * anywhere in the run.
 */
export interface PendingTests {
  source: TestSource
  ruleFile?: string
  rule?: { id?: string; title?: string; name?: string }
  tests: TestCase[]
  /** Where the target is declared, for a "names no loaded rule" finding. */
  location: SourceLocation
  /**
   * The events are written in the rule's own log format (other tools have no notion of variants):
   * the test's variant is taken from the rule it is attached to.
   */
  variantFromRule?: boolean
  /** Severity when the target is not found (a Zircolite file may cover rules of other sets). @defaultValue 'error' */
  missingSeverity?: 'error' | 'warning'
}

/** A test case whose variant is settled at attach time. */
export function interopTest(name: string, expect: boolean, event: unknown, location: SourceLocation, source: TestSource): TestCase {
  // 'k8s' is provisional: attach() replaces it with the rule's own format.
  return { name, expect, variant: 'k8s', event, location, extra: { source } }
}
