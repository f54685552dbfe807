import check from '../../../src/lint/checks/sigma-escaped-wildcard.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-escaped-wildcard', check, {
  valid: [
    sigma("selection:\n    requestURI|startswith: '/api/v1/'\ncondition: selection"),
    sigma("selection:\n    requestURI: 'C:\\\\Windows\\\\*'\ncondition: selection"),
    sigma("selection:\n    requestURI|re: 'a\\*b'\ncondition: selection"),
  ],
  invalid: [
    {
      code: sigma("selection:\n    requestURI: 'C:\\Windows\\*'\ncondition: selection"),
      errors: [{ messageId: 'escaped', data: { value: 'C:\\Windows\\*', char: '*' }, line: 8, column: 21 }],
    },
  ],
})
