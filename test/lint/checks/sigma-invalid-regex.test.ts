import check from '../../../src/lint/checks/sigma-invalid-regex.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-invalid-regex', check, {
  valid: [sigma("selection:\n    requestURI|re: '(?i)/api/v1/namespaces/[a-z-]+/pods'\ncondition: selection"), sigma("selection:\n    requestURI|re: '(?P<ns>kube-system)'\ncondition: selection")],
  invalid: [
    {
      code: sigma("selection:\n    requestURI|re: '/api/(v1'\ncondition: selection"),
      errors: [{ messageId: 'invalid', data: { reason: 'Unterminated group' }, line: 8, column: 24 }],
    },
    { code: sigma('selection:\n    requestURI|re: 5\ncondition: selection'), errors: [{ messageId: 'notString' }] },
  ],
})
