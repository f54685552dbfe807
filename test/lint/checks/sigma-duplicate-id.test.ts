import check from '../../../src/lint/checks/sigma-duplicate-id.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = sigma('selection:\n    verb: create\ncondition: selection')
const other = rule.replace('Test rule', 'Other rule')

checkTester.run('sigma-duplicate-id', check, {
  valid: [rule, { code: rule, files: [{ file: 'other.yml', text: other.replace('9f1c7a52', '0f1c7a52') }] }],
  invalid: [
    {
      code: rule,
      files: [{ file: 'other.yml', text: other }],
      errors: [{ messageId: 'duplicate', data: { id: '9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d', other: 'other.yml:2' }, line: 2, column: 5 }],
    },
  ],
})
