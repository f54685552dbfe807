import check from '../../../src/lint/checks/spl-where-case.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { detection } from '../../spl/detection.js'

checkTester.run('spl-where-case', check, {
  valid: [detection('source=kubernetes | where lower(verb)="create"'), detection('source=kubernetes | where code=403'), detection('source=kubernetes verb=Create')],
  invalid: [
    { code: detection('source=kubernetes | where verb="Create"'), errors: [{ messageId: 'caseSensitive', data: { field: 'verb', op: '=', value: 'Create', lower: 'create' }, line: 11, column: 36 }] },
    { code: detection('source=kubernetes | where a=1 AND NOT user!="Bob"'), errors: [{ messageId: 'caseSensitive', data: { field: 'user', op: '!=', value: 'Bob', lower: 'bob' } }] },
  ],
})
