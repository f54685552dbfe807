import check from '../../../src/lint/checks/tests-cover-no-claimed-variant.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther, sigma } from '../helpers.js'

const rule = (variant: string) =>
  sigma('selection:\n    verb: create\ncondition: selection', { tail: `tests:\n    - name: create matches\n      expect: match\n      variant: ${variant}\n      event: {verb: create}\n` })
const pantherRule = (logType: string) =>
  panther(`Tests:\n  - Name: create\n    ExpectedResult: true\n    Log:\n      verb: create\n      p_log_type: ${logType}`, { logTypes: ['Amazon.EKS.Audit'] })

checkTester.run('tests-cover-no-claimed-variant', check, {
  valid: [rule('eks'), pantherRule('Amazon.EKS.Audit')],
  invalid: [
    {
      code: rule('azure-activity'),
      errors: [{ messageId: 'uncovered', data: { tested: 'azure-activity', claimed: 'k8s, eks, aks, gke' }, line: 10, column: 1 }],
    },
    {
      code: pantherRule('GCP.AuditLog'),
      errors: [{ messageId: 'uncovered', data: { tested: 'GCP.AuditLog (gke)', claimed: 'Amazon.EKS.Audit (eks)' } }],
    },
  ],
})
