import check from '../../../src/lint/checks/sigma-null-in-list.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('sigma-null-in-list', check, {
  valid: [
    sigma("selection:\n    objectRef.name: ''\nfilter:\n    objectRef.name: null\ncondition: selection and not filter"),
    sigma('selection:\n    objectRef.name:\n        - null\ncondition: selection'),
    sigma("selection:\n    objectRef.name:\n        - ''\n        - x\ncondition: selection"),
    // A keyword list is not a field's value list.
    sigma('keywords:\n    - a\n    - b\ncondition: keywords'),
  ],
  invalid: [
    {
      // The spec's own invalid example.
      code: sigma("selection:\n    FieldB: ['', null]\ncondition: selection", { logsource: 'product: windows' }),
      errors: [{ messageId: 'mixed', data: { count: 2, field: 'FieldB' }, line: 7, column: 22 }],
    },
    {
      code: sigma('selection:\n    objectRef.name:\n        - a\n        - null\n        - b\ncondition: selection'),
      errors: [{ messageId: 'mixed', data: { count: 3, field: 'objectRef.name' }, line: 10, column: 15 }],
    },
  ],
})
