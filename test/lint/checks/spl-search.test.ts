import check from '../../../src/lint/checks/spl-search.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { detection } from '../../spl/detection.js'

checkTester.run('spl-search', check, {
  valid: [detection('source=kubernetes verb=create | stats count by user.username')],
  invalid: [
    { code: detection('source=kubernetes | `no_such_macro`'), errors: [{ messageId: 'loader', data: { message: 'unknown macro `no_such_macro`' }, line: 11, column: 30 }] },
    { code: detection('| tstats count from datamodel=Endpoint'), errors: [{ messageId: 'loader', data: { message: "unsupported command 'tstats': tstats reads accelerated data models, not the events of one source: ruleproof cannot evaluate it" }, line: 11, column: 12 }] },
    { code: detection('source=kubernetes').replace('version: 1', 'version: one'), errors: [{ messageId: 'loader', data: { message: 'version must be integer' }, line: 3, column: 10 }] },
  ],
})
