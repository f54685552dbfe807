import check from '../../../src/lint/checks/sigma-all-single-value.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-all-single-value', check, {
  valid: [sigma('selection:\n    requestURI|contains|all:\n        - /bin\n        - sh\ncondition: selection')],
  invalid: [
    {
      code: sigma('selection:\n    requestURI|contains|all: /bin/sh\ncondition: selection'),
      errors: [{ messageId: 'single', line: 8, column: 29 }],
      output: sigma('selection:\n    requestURI|contains: /bin/sh\ncondition: selection'),
    },
    {
      code: sigma('selection:\n    requestURI|contains|all:\n        - /bin/sh\ncondition: selection'),
      errors: [{ messageId: 'single' }],
      output: sigma('selection:\n    requestURI|contains:\n        - /bin/sh\ncondition: selection'),
    },
  ],
})
