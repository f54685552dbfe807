import check from '../../../src/lint/checks/sigma-required-metadata.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (head: string) => sigma('selection:\n    verb: create\ncondition: selection', { head })

checkTester.run('sigma-required-metadata', check, {
  valid: [rule('description: Detects CronJob creation in any namespace.\n'), { code: rule(''), options: { keys: ['title'] } }],
  invalid: [
    { code: rule(''), errors: [{ messageId: 'missing', data: { key: 'description' }, line: 1, column: 1 }] },
    { code: rule("description: ''\n"), errors: [{ messageId: 'empty', data: { key: 'description' }, line: 3, column: 1 }] },
    { code: rule('description: x\n'), options: { keys: ['title', 'author'] }, errors: [{ messageId: 'missing', data: { key: 'author' } }] },
  ],
})
