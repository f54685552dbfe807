import check from '../../../src/lint/checks/panther-schema.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

checkTester.run('panther-schema', check, {
  valid: [panther('Tests: []')],
  invalid: [
    {
      code: panther('Tests: []').replace('Enabled: true', 'Enabled: yes-please'),
      errors: [{ messageId: 'loader', data: { message: 'Enabled: expected a boolean (true or false), got str ("yes-please")' }, line: 3, column: 10 }],
    },
    {
      code: panther('Tests: []', { logTypes: ['Amazon.EKS.Audit', 'Amazon.EKS.Audit'] }),
      errors: [{ messageId: 'loader', data: { message: "LogTypes lists 'Amazon.EKS.Audit' twice (first at item 1)" }, line: 8, column: 5 }],
    },
  ],
})
