import check from '../../../src/lint/checks/sigma-date.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (head: string) => sigma('selection:\n    verb: create\ncondition: selection', { head })

checkTester.run('sigma-date', check, {
  valid: [rule('date: 2024-07-11\nmodified: 2024-08-01\n'), rule('date: 2024-07-11\n')],
  invalid: [
    {
      code: rule('date: 2024/7/11\n'),
      errors: [{ messageId: 'format', data: { key: 'date', value: '2024/7/11' }, line: 3, column: 7 }],
      output: rule('date: 2024-07-11\n'),
    },
    { code: rule('date: 2024-02-30\n'), errors: [{ messageId: 'invalid', data: { key: 'date', value: '2024-02-30' } }] },
    { code: rule('date: 2024-07-11\nmodified: 2024-01-01\n'), errors: [{ messageId: 'modifiedBeforeDate', data: { modified: '2024-01-01', date: '2024-07-11' }, line: 4, column: 11 }] },
    { code: rule('modified: 2024-01-01\n'), errors: [{ messageId: 'modifiedWithoutDate', line: 3, column: 1 }] },
  ],
})
