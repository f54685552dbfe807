import check from '../../../src/lint/checks/suppression-reason.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (comment: string) => sigma(`selection:\n    ${comment}\n    verb: create\ncondition: selection`)

checkTester.run('suppression-reason', check, {
  valid: [rule('# ruleproof-disable-next-line field-value-domain -- upstream rule kept verbatim'), rule('# an ordinary comment')],
  invalid: [
    { code: rule('# ruleproof-disable-next-line field-value-domain'), errors: [{ messageId: 'missingReason', line: 8, column: 9 }] },
    { code: rule('# ruleproof-disable-next-line no-such-check -- because'), errors: [{ messageId: 'unknownCheck', data: { check: 'no-such-check' } }] },
  ],
})
