import check from '../../../src/lint/checks/kql-unsupported.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sentinel } from '../helpers.js'

checkTester.run('kql-unsupported', check, {
  valid: [sentinel('AzureDiagnostics\n| summarize n = count() by bin(TimeGenerated, 1h)')],
  invalid: [
    { code: sentinel('AzureDiagnostics\n| make-series n = count() on TimeGenerated step 1h'), errors: [{ messageId: 'unsupported', data: { message: "unsupported by ruleproof's KQL engine: `make-series`" }, line: 15, column: 5 }] },
    { code: sentinel('AzureDiagnostics\n| extend h = hash(log_s)'), errors: [{ messageId: 'unsupported', data: { message: "unsupported by ruleproof's KQL engine: `hash()`" }, line: 15, column: 16 }] },
  ],
})
