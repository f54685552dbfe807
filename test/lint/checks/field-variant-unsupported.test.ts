import check from '../../../src/lint/checks/field-variant-unsupported.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

checkTester.run('field-variant-unsupported', check, {
  valid: [
    sigma('selection:\n    verb: create\n    objectRef.resource: cronjobs\ncondition: selection'),
    sigma('selection:\n    stage: ResponseComplete\ncondition: selection', { logsource: 'product: linux\n    category: process_creation' }),
  ],
  invalid: [
    {
      code: sigma('selection:\n    verb: create\n    stage: ResponseComplete\ncondition: selection'),
      errors: [
        {
          messageId: 'unsupported',
          data: { field: 'stage', variant: 'gke', reason: 'GKE writes one LogEntry per request and no stage (pipeline gke-kubernetes-audit, item no-stage)' },
          line: 9,
          column: 9,
        },
      ],
    },
  ],
})
