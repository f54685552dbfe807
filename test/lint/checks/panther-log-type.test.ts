import check from '../../../src/lint/checks/panther-log-type.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

checkTester.run('panther-log-type', check, {
  valid: [panther('Tests: []'), panther('Tests: []', { logTypes: ['Custom.MyAudit'] })],
  invalid: [
    {
      code: panther('Tests: []', { logTypes: ['Amazon.EKS.Audits'] }),
      errors: [
        {
          messageId: 'loader',
          data: { message: "unknown log type 'Amazon.EKS.Audits' (not a Panther-managed log type or Custom.* name; add it to panther.logTypes in the config if your instance has it)" },
          line: 7,
          column: 5,
        },
      ],
    },
  ],
})
