import check from '../../../src/lint/checks/sigma-level.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (head: string) => sigma('selection:\n    verb: create\ncondition: selection', { head })

checkTester.run('sigma-level', check, {
  valid: [rule('level: high\n'), rule('')],
  invalid: [
    { code: rule('level: severe\n'), errors: [{ messageId: 'invalid', data: { value: 'severe', allowed: 'informational, low, medium, high, critical' }, line: 3, column: 8 }] },
    { code: rule('level: High\n'), errors: [{ messageId: 'invalid', data: { value: 'High', allowed: 'informational, low, medium, high, critical' } }], output: rule('level: high\n') },
  ],
})
