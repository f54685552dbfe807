import check from '../../../src/lint/checks/sigma-status.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (head: string) => sigma('selection:\n    verb: create\ncondition: selection', { head })

checkTester.run('sigma-status', check, {
  valid: [rule('status: test\n'), rule('')],
  invalid: [
    { code: rule('status: production\n'), errors: [{ messageId: 'invalid', data: { value: 'production', allowed: 'stable, test, experimental, deprecated, unsupported' }, line: 3, column: 9 }] },
    { code: rule('status: Stable\n'), errors: [{ messageId: 'invalid', data: { value: 'Stable', allowed: 'stable, test, experimental, deprecated, unsupported' } }], output: rule('status: stable\n') },
  ],
})
