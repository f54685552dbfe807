import check from '../../../src/lint/checks/sigma-duplicate-reference.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (refs: string) => sigma('selection:\n    verb: create\ncondition: selection', { head: `references:\n${refs}` })

checkTester.run('sigma-duplicate-reference', check, {
  valid: [rule('    - https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/\n')],
  invalid: [
    {
      code: rule('    - https://example.com/a\n    - https://example.com/b\n    - https://example.com/a\n'),
      errors: [{ messageId: 'duplicate', data: { reference: 'https://example.com/a' }, line: 6, column: 7 }],
      output: rule('    - https://example.com/a\n    - https://example.com/b\n'),
    },
  ],
})
