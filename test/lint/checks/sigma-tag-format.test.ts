import check from '../../../src/lint/checks/sigma-tag-format.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const rule = (tag: string) => sigma('selection:\n    verb: create\ncondition: selection', { head: `tags:\n    - ${tag}\n` })

checkTester.run('sigma-tag-format', check, {
  valid: [rule('attack.t1053.007'), rule('cve.2021-44228'), rule('detection.threat-hunting'), rule('tlp.clear')],
  invalid: [
    { code: rule('attack.T1053.007'), errors: [{ messageId: 'format', data: { tag: 'attack.T1053.007' }, line: 4, column: 7 }], output: rule('attack.t1053.007') },
    { code: rule('mitre.t1053'), errors: [{ messageId: 'namespace', data: { tag: 'mitre.t1053', namespace: 'mitre' } }] },
    { code: rule('detection.hunting'), errors: [{ messageId: 'value', data: { tag: 'detection.hunting', namespace: 'detection' } }] },
    { code: rule('persistence'), errors: [{ messageId: 'format', data: { tag: 'persistence' } }], output: null },
  ],
})
