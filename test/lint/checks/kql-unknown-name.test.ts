import check from '../../../src/lint/checks/kql-unknown-name.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sentinel } from '../helpers.js'

checkTester.run('kql-unknown-name', check, {
  // AzureDiagnostics is wide: every Azure service adds its own *_s columns.
  valid: [sentinel('AKSAudit\n| where Verb == "create"'), sentinel('AzureDiagnostics\n| where action_s == "Block"')],
  invalid: [
    { code: sentinel('AKSAudit\n| where Verbs == "create"'), errors: [{ messageId: 'column', data: { message: "unknown column or name 'Verbs'" }, line: 15, column: 11 }] },
    { code: sentinel('SigninLogs\n| take 1'), errors: [{ messageId: 'table', data: { name: 'SigninLogs', known: 'AzureDiagnostics, AKSAudit, AKSAuditAdmin, AzureActivity' }, line: 14, column: 3 }] },
  ],
})
