import check from '../../../src/lint/checks/sigma-unknown-modifier.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-unknown-modifier', check, {
  valid: [sigma('selection:\n    requestURI|contains|all:\n        - /bin\n        - sh\ncondition: selection')],
  invalid: [
    {
      code: sigma('selection:\n    requestURI|contain: /bin/sh\ncondition: selection'),
      errors: [{ messageId: 'unknown', data: { modifier: 'contain' }, line: 8, column: 20 }],
    },
    {
      code: sigma('selection:\n    requestURI|Contains: /bin/sh\ncondition: selection'),
      errors: [{ messageId: 'unknownCase', data: { modifier: 'Contains', lower: 'contains' }, line: 8, column: 20 }],
      output: sigma('selection:\n    requestURI|contains: /bin/sh\ncondition: selection'),
    },
  ],
})
