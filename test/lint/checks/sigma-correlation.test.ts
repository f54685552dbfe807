import check from '../../../src/lint/checks/sigma-correlation.js'
import { checkTester } from '../../../src/lint/check-tester.js'

const correlation = (condition: string) =>
  `title: Many creates\nid: 1f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d\ncorrelation:\n    type: value_count\n    rules:\n        - 9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d\n    group-by:\n        - user.username\n    timespan: 5m\n    condition:\n${condition}`

checkTester.run('sigma-correlation', check, {
  valid: [correlation('        field: objectRef.name\n        gte: 10\n')],
  invalid: [{ code: correlation('        gte: 10\n'), errors: [{ messageId: 'loader', data: { message: "correlation.condition: a value_count correlation needs 'field'" } }] }],
})
