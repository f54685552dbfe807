import check from '../../../src/lint/checks/spl-mitre-attack-id.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { detection } from '../../spl/detection.js'

checkTester.run('spl-mitre-attack-id', check, {
  valid: [detection('source=kubernetes', 'T1053.007'), detection('source=kubernetes', 'T1609')],
  invalid: [
    { code: detection('source=kubernetes', 'T1053.999'), errors: [{ messageId: 'unknown', data: { value: 'T1053.999' }, line: 20, column: 5 }] },
    { code: detection('source=kubernetes', 'TA0002'), errors: [{ messageId: 'malformed', data: { value: 'TA0002' } }] },
  ],
})
