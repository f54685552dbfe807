import check from '../../../src/lint/checks/field-not-in-logsource.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('field-not-in-logsource', check, {
  valid: [
    sigma("selection:\n    verb: create\n    objectRef.resource: pods\n    requestObject.spec.volumes.hostPath.path|startswith: '/etc'\ncondition: selection"),
    sigma('selection:\n    hostPath: "*"\ncondition: selection', { logsource: 'product: linux\n    category: process_creation' }),
    sigma('selection:\n    hostPath|exists: false\ncondition: selection'),
  ],
  invalid: [
    {
      code: sigma("selection:\n    verb: create\n    hostPath: '*'\ncondition: selection"),
      errors: [{ messageId: 'unknownHint', data: { field: 'hostPath', logsource: 'kubernetes/audit', hint: 'requestObject.spec.volumes[].hostPath' }, line: 9, column: 9 }],
    },
    {
      code: sigma('selection:\n    objectRef.kind: CronJob\ncondition: selection'),
      errors: [{ messageId: 'unknown', data: { field: 'objectRef.kind', logsource: 'kubernetes/audit' } }],
    },
  ],
})
