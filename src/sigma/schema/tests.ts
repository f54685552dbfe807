import { VARIANT_IDS } from '../../model/variant.js'

const expectation = {
  type: 'string',
  enum: ['match', 'no-match'],
  'x-message': 'must be match or no-match',
} as const

/** One embedded test case: `tests:` items in a rule, or in a sibling `<rule>.tests.yml`. */
export const testCaseSchema = {
  type: 'object',
  required: ['name', 'expect', 'event'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    expect: expectation,
    variant: { type: 'string', enum: VARIANT_IDS, 'x-message': `must be one of ${VARIANT_IDS.join(', ')}` },
    event: { type: 'object', 'x-message': 'must be a map: the raw log record' },
    /** Sidecar files holding tests for several rules name the rule by id, name or title. */
    rule: { type: 'string', minLength: 1 },
    overrides: {
      type: 'object',
      propertyNames: { enum: VARIANT_IDS, 'x-message': `must be a variant: ${VARIANT_IDS.join(', ')}` },
      additionalProperties: {
        type: 'object',
        required: ['expect', 'reason'],
        additionalProperties: false,
        properties: { expect: expectation, reason: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const

/**
 * A scenario declaration among the tests: generated events of the family (a name or a glob like
 * `atomic.*`) must match / must not, on every variant the rule claims. `variants` + `reason`
 * declare a gap: there the family's events may differ (the sidecar's `scenarios.gaps` entry).
 */
export const scenarioItemSchema = {
  type: 'object',
  required: ['family', 'expect'],
  additionalProperties: false,
  dependentRequired: { variants: ['reason'], reason: ['variants'] },
  properties: {
    family: {
      type: 'string',
      pattern: '^[a-z0-9*][a-z0-9.*-]*$',
      'x-message': 'must be one scenario family name or glob (lowercase letters, digits, ., -, *), e.g. atomic.*',
    },
    expect: expectation,
    variants: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: VARIANT_IDS, 'x-message': `must be one of ${VARIANT_IDS.join(', ')}` },
    },
    reason: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    rule: { type: 'string', minLength: 1 },
  },
} as const

/** The top-level `tests:` key of a Sigma rule: test cases, and scenario declarations (items with `family`). */
export const testListSchema = {
  $id: 'https://ruleproof.dev/schema/sigma-tests.json',
  type: 'array',
  items: { if: { type: 'object', required: ['family'] }, then: scenarioItemSchema, else: testCaseSchema },
  'x-message': 'must be a list of tests (name, expect, event) and scenario declarations (family, expect)',
} as const

/** A sidecar `<rule>.tests.yml`: a map with a `tests:` list. */
export const testSidecarSchema = {
  $id: 'https://ruleproof.dev/schema/sigma-tests-sidecar.json',
  type: 'object',
  required: ['tests'],
  additionalProperties: false,
  properties: { tests: testListSchema },
} as const
