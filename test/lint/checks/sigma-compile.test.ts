import check from '../../../src/lint/checks/sigma-compile.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-compile', check, {
  valid: [sigma('selection:\n    verb: create\ncondition: selection'), sigma('selection:\n    user.username|expand: "%admins%"\ncondition: selection')],
  invalid: [
    {
      code: sigma('selection:\n    verb: create\ncondition: selection and ('),
      errors: [{ messageId: 'compile', data: { message: 'condition: the condition ends where a selection name was expected (column 16)' }, line: 9, column: 31 }],
    },
    {
      code: sigma('selection:\n    verb|cidr: create\ncondition: selection'),
      errors: [{ messageId: 'compile', data: { message: "cidr: 'create' is not an IPv4 or IPv6 network" }, line: 8, column: 20 }],
    },
  ],
})
