/**
 * `defineDetectionSuite()` for a user's vitest test file: one vitest test per rule × case ×
 * variant and per property, named stably, failing at the rule file's line.
 *
 * ```ts
 * import { defineDetectionSuite } from 'ruleproof/vitest'
 * defineDetectionSuite({ rules: 'rules' })
 * ```
 */
export { defineDetectionSuite, type DetectionSuiteOptions } from './suite.js'
export { DetectionFailure } from './failure.js'
export type { RuleproofTaskMeta } from './meta.js'
// vitest tables for your own lint checks (see docs/lint.md).
export { checkTester } from '../lint/check-tester.js'
