import check from '../../../src/lint/checks/panther-test-log-type.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

const rule = (logType: string) => panther(`Tests:\n  - Name: create\n    ExpectedResult: true\n    Log:\n      verb: create\n      p_log_type: ${logType}`)

checkTester.run('panther-test-log-type', check, {
  valid: [rule('Amazon.EKS.Audit'), panther('Tests:\n  - Name: create\n    ExpectedResult: true\n    Log:\n      verb: create')],
  invalid: [
    {
      code: rule('GCP.AuditLog'),
      errors: [{ messageId: 'notInLogTypes', data: { test: 'create', logType: 'GCP.AuditLog', logTypes: 'Amazon.EKS.Audit' }, line: 13, column: 19 }],
    },
  ],
})
