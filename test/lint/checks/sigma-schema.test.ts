import check from '../../../src/lint/checks/sigma-schema.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const correlation = (extra: string) =>
  `title: Many creates\nid: 1f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d\ncorrelation:\n    type: event_count\n    rules:\n        - 9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d\n    timespan: 5m\n${extra}`

checkTester.run('sigma-schema', check, {
  valid: [sigma('selection:\n    verb: create\ncondition: selection'), correlation('    group-by:\n        - user.username\n    condition:\n        gte: 10\n')],
  invalid: [
    {
      code: correlation(''),
      errors: [
        { messageId: 'loader', data: { message: "correlation: missing required key 'condition'" }, line: 3, column: 1 },
        { messageId: 'loader', data: { message: "correlation: missing required key 'group-by'" }, line: 3, column: 1 },
      ],
    },
  ],
})
