import check from '../../../src/lint/checks/field-value-domain.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const VERBS = 'get, list, watch, create, update, patch, delete, deletecollection, post, put, head, options'

checkTester.run('field-value-domain', check, {
  valid: [
    sigma('selection:\n    verb:\n        - create\n        - Update\ncondition: selection'),
    sigma("selection:\n    verb|startswith: 'delete'\ncondition: selection"),
    sigma("selection:\n    stage|re: 'Response.*'\ncondition: selection"),
  ],
  invalid: [
    {
      code: sigma('selection:\n    verb:\n        - create\n        - replace\ncondition: selection'),
      errors: [{ messageId: 'outside', data: { value: 'replace', field: 'verb', values: VERBS }, line: 10, column: 15 }],
    },
    {
      code: sigma("selection:\n    level|contains: 'Full'\ncondition: selection"),
      errors: [{ messageId: 'outside', data: { value: 'Full', field: 'level', values: 'Metadata, Request, RequestResponse' } }],
    },
  ],
})
