import check from '../../../src/lint/checks/panther-dedup-period.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

checkTester.run('panther-dedup-period', check, {
  valid: [panther('DedupPeriodMinutes: 60\nTests: []')],
  invalid: [
    {
      code: panther('DedupPeriodMinutes: 0\nTests: []'),
      errors: [{ messageId: 'loader', data: { message: 'DedupPeriodMinutes 0 is ignored by the backend; return p_row_id from dedup() to disable deduplication' }, line: 8, column: 21 }],
    },
    { code: panther('DedupPeriodMinutes: 3\nTests: []'), errors: [{ messageId: 'loader', data: { message: 'DedupPeriodMinutes 3 is treated as 5 upon upload' } }] },
  ],
})
