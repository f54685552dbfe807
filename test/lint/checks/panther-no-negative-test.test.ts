import check from '../../../src/lint/checks/panther-no-negative-test.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

const test = (name: string, expected: boolean) => `  - Name: ${name}\n    ExpectedResult: ${expected}\n    Log:\n      verb: create\n`

checkTester.run('panther-no-negative-test', check, {
  valid: [panther(`Tests:\n${test('create', true)}${test('get', false)}`)],
  invalid: [
    { code: panther(`Tests:\n${test('create', true)}`), errors: [{ messageId: 'noNegative', line: 8, column: 1 }] },
    { code: panther('Tests: []'), errors: [{ messageId: 'noTests', line: 2, column: 9 }] },
  ],
})
