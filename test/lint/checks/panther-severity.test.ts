import check from '../../../src/lint/checks/panther-severity.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

const rule = (severity: string) => panther('Tests: []').replace('Severity: Medium', `Severity: ${severity}`)

checkTester.run('panther-severity', check, {
  valid: [rule('High'), rule('Info')],
  invalid: [
    { code: rule('HIGH'), errors: [{ messageId: 'case', data: { value: 'HIGH', fixed: 'High' }, line: 5, column: 11 }], output: rule('High') },
    { code: rule('Severe'), errors: [{ messageId: 'invalid', data: { value: 'Severe', allowed: 'Info, Low, Medium, High, Critical' } }] },
  ],
})
