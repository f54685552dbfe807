import check from '../../../src/lint/checks/panther-duplicate-id.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

checkTester.run('panther-duplicate-id', check, {
  valid: [{ code: panther('Tests: []'), files: [{ file: 'other.yml', text: panther('Tests: []', { id: 'Other.Rule' }) }] }],
  invalid: [
    {
      code: panther('Tests: []'),
      filename: 'b.yml',
      files: [{ file: 'a.yml', text: panther('Tests: []') }],
      errors: [{ messageId: 'loader', data: { message: 'Conflicting AnalysisID: [Test.Rule] is also defined at a.yml:2' }, line: 2, column: 9 }],
    },
  ],
})
