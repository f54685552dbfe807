import check from '../../../src/lint/checks/kql-syntax.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sentinel } from '../helpers.js'

// The query starts on line 15 of the helper's rule, indented by two spaces.
checkTester.run('kql-syntax', check, {
  valid: [sentinel('AzureDiagnostics\n| where Category == "kube-audit"'), sentinel('AzureDiagnostics | make-series n = count() on TimeGenerated step 1h')],
  invalid: [
    { code: sentinel('AzureDiagnostics\n| where Category == "kube-audit" and'), errors: [{ messageId: 'syntax', data: { code: 'KS006', message: 'Missing expression' }, line: 15, column: 39 }] },
    { code: sentinel('AzureDiagnostics\n| where Category =~ ""kube-audit"'), errors: [{ messageId: 'syntax', data: { code: 'KS005', message: 'Expected: ;' }, line: 15, column: 25 }, { messageId: 'syntax', data: { code: 'KS005', message: 'Expected: ;' } }, { messageId: 'syntax', data: { code: 'KS001', message: 'Missing: "' } }] },
  ],
})
