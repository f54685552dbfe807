import check from '../../../src/lint/checks/sigma-number-as-string.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-number-as-string', check, {
  valid: [sigma('selection:\n    responseStatus.code: 403\ncondition: selection'), sigma("selection:\n    objectRef.name|contains: '403'\ncondition: selection")],
  invalid: [
    {
      code: sigma("selection:\n    responseStatus.code: '403'\ncondition: selection"),
      errors: [{ messageId: 'number', data: { value: '403' }, line: 8, column: 30 }],
    },
  ],
})
