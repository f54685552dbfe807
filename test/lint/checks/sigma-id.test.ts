import check from '../../../src/lint/checks/sigma-id.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = sigma('selection:\n    verb: create\ncondition: selection')

checkTester.run('sigma-id', check, {
  valid: [rule],
  invalid: [
    { code: rule.replace('9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d', 'K8S-007'), errors: [{ messageId: 'invalid', data: { id: 'K8S-007' }, line: 2, column: 5 }] },
    { code: rule.replace('id: 9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d\n', ''), errors: [{ messageId: 'missing', line: 1, column: 1 }] },
  ],
})
