import check from '../../../src/lint/checks/sigma-empty-of-pattern.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-empty-of-pattern', check, {
  valid: [
    sigma('selection_a:\n    verb: create\nselection_b:\n    verb: patch\ncondition: 1 of selection_*'),
    sigma('selection:\n    verb: create\ncondition: all of them'),
  ],
  invalid: [
    {
      code: sigma('selection:\n    verb: create\ncondition: selection and 1 of filter_*'),
      errors: [{ messageId: 'empty', data: { quantifier: '1', pattern: 'filter_*' }, line: 9, column: 35 }],
    },
    {
      code: sigma('_hidden:\n    verb: create\ncondition: all of them'),
      errors: [{ messageId: 'empty', data: { quantifier: 'all', pattern: 'them' }, line: 9, column: 23 }],
    },
  ],
})
