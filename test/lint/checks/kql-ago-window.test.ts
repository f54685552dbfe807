import check from '../../../src/lint/checks/kql-ago-window.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sentinel } from '../helpers.js'

checkTester.run('kql-ago-window', check, {
  valid: [sentinel('AzureDiagnostics\n| where TimeGenerated > ago(1d)', { queryPeriod: '1d' }), sentinel('AzureDiagnostics\n| where TimeGenerated > ago(2h)', { queryPeriod: '1h' })],
  invalid: [
    { code: sentinel('AzureDiagnostics\n| where TimeGenerated > ago(24h)', { queryPeriod: '14d' }), errors: [{ messageId: 'short', data: { window: '1d', period: '14d' }, line: 15, column: 31 }] },
  ],
})
