import check from '../../../src/lint/checks/panther-missing-file.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

const detection = panther('Tests: []').replace('Filename: test_rule.py\n', 'Detection:\n  - KeyPath: verb\n    Condition: Equals\n    Value: create\n')

checkTester.run('panther-missing-file', check, {
  valid: [detection],
  invalid: [
    {
      code: panther('Tests: []'),
      filename: '/nonexistent/rules/rule.yml',
      errors: [{ messageId: 'loader', data: { message: "Filename 'test_rule.py' does not exist (looked for /nonexistent/rules/test_rule.py)" }, line: 4, column: 11 }],
    },
  ],
})
