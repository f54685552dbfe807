import check from '../../../src/lint/checks/panther-duplicate-test-name.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

const test = (name: string, expected: boolean) => `  - Name: ${name}\n    ExpectedResult: ${expected}\n    Log:\n      verb: create\n`

checkTester.run('panther-duplicate-test-name', check, {
  valid: [panther(`Tests:\n${test('create', true)}${test('get', false)}`)],
  invalid: [
    {
      code: panther(`Tests:\n${test('create', true)}${test('create', false)}`),
      errors: [{ messageId: 'duplicate', data: { name: 'create', first: 1 }, line: 13, column: 11 }],
    },
  ],
})
