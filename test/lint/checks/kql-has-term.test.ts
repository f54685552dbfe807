import check from '../../../src/lint/checks/kql-has-term.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sentinel } from '../helpers.js'

checkTester.run('kql-has-term', check, {
  valid: [sentinel('AzureDiagnostics\n| where log_s has "nc" or log_s has "bash -i" or log_s contains "nc "')],
  invalid: [
    { code: sentinel('AzureDiagnostics\n| where log_s has "nc "'), errors: [{ messageId: 'notTerm', data: { op: 'has', value: 'nc ', why: 'a leading or trailing space is not part of any term' }, line: 15, column: 21 }] },
    { code: sentinel('let C = dynamic(["curl", " wget"]);\nAzureDiagnostics\n| where log_s has_any (C)'), errors: [{ messageId: 'notTerm', data: { op: 'has_any', value: ' wget', why: 'a leading or trailing space is not part of any term' }, line: 14, column: 28 }] },
    { code: sentinel('AzureDiagnostics\n| where log_s has_any ("--", "x")'), errors: [{ messageId: 'notTerm', data: { op: 'has_any', value: '--', why: 'the value has no letter or digit' } }] },
  ],
})
