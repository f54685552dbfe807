import check from '../../../src/lint/checks/sigma-duplicate-tag.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (tags: string) => sigma('selection:\n    verb: create\ncondition: selection', { head: `tags:\n${tags}` })

checkTester.run('sigma-duplicate-tag', check, {
  valid: [rule('    - attack.execution\n    - attack.t1053.007\n')],
  invalid: [
    {
      code: rule('    - attack.execution\n    - attack.t1053.007\n    - attack.Execution\n'),
      errors: [{ messageId: 'duplicate', data: { tag: 'attack.Execution' }, line: 6, column: 7 }],
      output: rule('    - attack.execution\n    - attack.t1053.007\n'),
    },
  ],
})
