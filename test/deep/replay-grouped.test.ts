// The grouped-evaluation property of test/replay/grouped.test.ts at a larger scale: groups of up
// to 60 random rules (many sharing fields and needed values), more records, many more runs.
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { event, groupedEqualsAlone, rule } from '../replay/arbitraries.js'

it('RuleGroup gives each rule its verdict alone, for large groups of random rules over random records', () => {
  let matches = 0
  fc.assert(
    fc.property(fc.array(rule, { minLength: 10, maxLength: 60 }), fc.array(event, { minLength: 1, maxLength: 40 }), (rules, events) => {
      matches += groupedEqualsAlone(rules, events).matches
    }),
    { numRuns: 4000 },
  )
  expect(matches).toBeGreaterThan(1000)
})
