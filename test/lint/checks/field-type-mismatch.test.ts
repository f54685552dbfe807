import check from '../../../src/lint/checks/field-type-mismatch.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('field-type-mismatch', check, {
  valid: [
    sigma('selection:\n    responseStatus.code:\n        - 401\n        - 403\ncondition: selection'),
    sigma("selection:\n    responseStatus.code: '40*'\ncondition: selection"),
    sigma("selection:\n    annotations.authorization.k8s.io/decision: allow\ncondition: selection"),
  ],
  invalid: [
    {
      code: sigma("selection:\n    responseStatus.code: 'ALLOW'\ncondition: selection"),
      errors: [{ messageId: 'notInteger', data: { field: 'responseStatus.code', value: 'ALLOW' }, line: 8, column: 30 }],
    },
    {
      code: sigma('selection:\n    objectRef: cronjobs\ncondition: selection'),
      errors: [{ messageId: 'object', data: { field: 'objectRef', value: 'cronjobs' } }],
    },
  ],
})
