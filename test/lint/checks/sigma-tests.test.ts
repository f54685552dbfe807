import check from '../../../src/lint/checks/sigma-tests.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (tests: string) => sigma('selection:\n    verb: create\ncondition: selection', { tail: tests })

checkTester.run('sigma-tests', check, {
  valid: [rule('tests:\n    - name: create matches\n      expect: match\n      event: {verb: create}\n')],
  invalid: [
    {
      code: rule('tests:\n    - name: t1\n      expect: maybe\n      event: {verb: create}\n'),
      errors: [{ messageId: 'loader', data: { message: 'tests[0].expect: must be match or no-match' }, line: 12, column: 15 }],
    },
  ],
})
