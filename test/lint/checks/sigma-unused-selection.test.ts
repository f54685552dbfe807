import check from '../../../src/lint/checks/sigma-unused-selection.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-unused-selection', check, {
  valid: [
    sigma('selection:\n    verb: create\nfilter:\n    user.username: admin\ncondition: selection and not filter'),
    sigma('sel_a:\n    verb: create\nsel_b:\n    verb: patch\ncondition: 1 of sel_*'),
  ],
  invalid: [
    {
      code: sigma('selection:\n    verb: create\nfilter:\n    user.username: admin\ncondition: selection'),
      errors: [{ messageId: 'unused', data: { name: 'filter' }, line: 9, column: 5 }],
    },
  ],
})
