import check from '../../../src/lint/checks/sigma-duplicate-value.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-duplicate-value', check, {
  valid: [
    sigma('selection:\n    verb:\n        - create\n        - patch\ncondition: selection'),
    sigma("selection:\n    requestURI|re:\n        - 'A'\n        - 'a'\ncondition: selection"),
  ],
  invalid: [
    {
      code: sigma('selection:\n    verb:\n        - create\n        - patch\n        - Create\ncondition: selection'),
      errors: [{ messageId: 'duplicate', data: { value: 'Create', first: 9 }, line: 11, column: 15 }],
      output: sigma('selection:\n    verb:\n        - create\n        - patch\ncondition: selection'),
    },
    {
      code: sigma('selection:\n    verb: [create, create]\ncondition: selection'),
      errors: [{ messageId: 'duplicate', data: { value: 'create', first: 8 } }],
      output: null,
    },
  ],
})
