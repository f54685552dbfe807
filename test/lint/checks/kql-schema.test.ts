import check from '../../../src/lint/checks/kql-schema.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sentinel } from '../helpers.js'

checkTester.run('kql-schema', check, {
  valid: [sentinel('AzureDiagnostics'), `id: 0b7a5a4e-3f1c-4c2e-9d7b-6a5e4d3c2b1a\nname: moved (a stub)\ndescription: moved\nversion: 1.0.0\n`],
  invalid: [
    { code: sentinel('AzureDiagnostics', { severity: 'Urgent' }), errors: [{ messageId: 'load', data: { message: 'severity must match pattern "^\\s*(Informational|Low|Medium|High)\\s*$"' }, line: 4, column: 11 }] },
    { code: sentinel('AzureDiagnostics', { queryPeriod: '1 week' }), errors: [{ messageId: 'load', data: { message: 'queryPeriod must match pattern "^\\s*[0-9]+\\s*[mhd]\\s*$"' }, line: 6, column: 14 }] },
    { code: sentinel('AzureDiagnostics') + 'colour: red\n', errors: [{ messageId: 'load', data: { message: "'colour' is not a key of a Sentinel analytics rule" }, line: 17, column: 1 }] },
  ],
})
