import check from '../../../src/lint/checks/panther-python.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { RULE_PY, panther } from '../helpers.js'

checkTester.run('panther-python', check, {
  valid: [{ code: panther('Tests: []'), python: RULE_PY }],
  invalid: [
    {
      code: panther('Tests: []'),
      python: 'def rule(event)\n    return True\n',
      errors: [{ messageId: 'syntax', data: { message: "expected ':'" }, line: 1, column: 16 }],
    },
    {
      code: panther('Tests: []'),
      python: 'def title(event):\n    return "x"\n',
      errors: [{ messageId: 'missingFunction', data: { file: 'test_rule.py', function: 'rule' }, line: 4, column: 11 }],
    },
  ],
})
