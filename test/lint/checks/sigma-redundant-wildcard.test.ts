import check from '../../../src/lint/checks/sigma-redundant-wildcard.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-redundant-wildcard', check, {
  valid: [
    sigma("selection:\n    requestURI|contains: '/bin/sh'\ncondition: selection"),
    sigma("selection:\n    requestURI|startswith: '*/bin/sh'\ncondition: selection"),
    sigma("selection:\n    requestURI|contains: '*'\ncondition: selection"),
  ],
  invalid: [
    {
      code: sigma("selection:\n    requestURI|contains: '*/bin/sh*'\ncondition: selection"),
      errors: [{ messageId: 'redundant', data: { value: '*/bin/sh*', modifier: 'contains' }, line: 8, column: 30 }],
      output: sigma("selection:\n    requestURI|contains: '/bin/sh'\ncondition: selection"),
    },
    {
      code: sigma('selection:\n    requestURI|endswith:\n        - "*/cronjobs"\n        - /jobs\ncondition: selection'),
      errors: [{ messageId: 'redundant', data: { value: '*/cronjobs', modifier: 'endswith' } }],
      output: sigma('selection:\n    requestURI|endswith:\n        - "/cronjobs"\n        - /jobs\ncondition: selection'),
    },
  ],
})
