import check from '../../../src/lint/checks/yaml-syntax.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther, sigma } from '../helpers.js'

checkTester.run('yaml-syntax', check, {
  valid: [sigma('selection:\n    verb: create\ncondition: selection'), panther('Tests: []')],
  invalid: [
    { code: 'title: [a\n', errors: [{ messageId: 'syntax', data: { message: 'YAML syntax error: deficient indentation' }, line: 2, column: 1 }] },
    { code: 'title: a\ntitle: b\n', errors: [{ messageId: 'syntax', data: { message: "duplicate key 'title'" }, line: 2, column: 1 }] },
  ],
})
