import check from '../../../src/lint/checks/panther-log-type-untested.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

const test = (logType: string) => `  - Name: ${logType}\n    ExpectedResult: true\n    Log:\n      verb: create\n      p_log_type: ${logType}\n`

checkTester.run('panther-log-type-untested', check, {
  valid: [
    panther(`Tests:\n${test('Amazon.EKS.Audit')}${test('GCP.AuditLog')}`, { logTypes: ['Amazon.EKS.Audit', 'GCP.AuditLog'] }),
    panther('Tests:\n  - Name: create\n    ExpectedResult: true\n    Log:\n      verb: create'),
  ],
  invalid: [
    {
      code: panther(`Tests:\n${test('Amazon.EKS.Audit')}`, { logTypes: ['Amazon.EKS.Audit', 'GCP.AuditLog'] }),
      errors: [{ messageId: 'untested', data: { logType: 'GCP.AuditLog' }, line: 8, column: 5 }],
    },
  ],
})
