import check from '../../../src/lint/checks/sigma-legacy.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-legacy', check, {
  valid: [sigma('selection:\n    verb: create\ncondition: selection')],
  invalid: [
    {
      code: sigma('selection:\n    verb: create\ncondition: selection | count() by user.username > 5'),
      errors: [{ messageId: 'loader', data: { message: "condition uses the Sigma 1.x '| count' aggregation, removed in Sigma 2; write a correlation rule (event_count / value_count) instead" }, line: 9, column: 16 }],
    },
    {
      code: sigma('selection:\n    verb: create\ntimeframe: 5m\ncondition: selection'),
      errors: [{ messageId: 'loader', data: { message: 'detection.timeframe is Sigma 1.x aggregation syntax; Sigma 2 expresses it as a correlation rule with a timespan' } }],
    },
  ],
})
