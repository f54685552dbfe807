import check from '../../../src/lint/checks/sigma-undefined-selection.js'
import { checkTester } from '../../../src/lint/check-tester.js'

const rule = (condition: string) => `title: Test rule
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: create
    filter:
        verb: get
    condition: ${condition}
`

checkTester.run('sigma-undefined-selection', check, {
  valid: [rule('selection and not filter'), rule('1 of selection*'), rule("'selection or filter'")],
  invalid: [
    { code: rule('selection and not filters'), errors: [{ messageId: 'undefined', data: { name: 'filters' }, line: 10, column: 34 }] },
    { code: rule("'selection and not filters'"), errors: [{ messageId: 'undefined', data: { name: 'filters' }, line: 10, column: 35 }] },
    {
      code: rule('|\n        selection\n        and sel2'),
      errors: [{ messageId: 'undefined', data: { name: 'sel2' }, line: 11, column: 1 }],
    },
  ],
})
