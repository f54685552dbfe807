import check from '../../../src/lint/checks/azure-activity-data-action.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sigma } from '../helpers.js'

const azure = (detection: string) => sigma(detection, { logsource: 'product: azure\n    service: activitylogs' })

checkTester.run('azure-activity-data-action', check, {
  valid: [
    azure('selection:\n    operationName:\n        - MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/WRITE\n        - MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/LISTCLUSTERADMINCREDENTIAL/ACTION\ncondition: selection'),
    sigma('selection:\n    operationName: MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE\ncondition: selection', { logsource: 'product: azure\n    service: signinlogs' }),
  ],
  invalid: [
    {
      code: azure(
        'selection:\n    operationName|startswith: MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH\n    operationName|endswith:\n        - /CRONJOBS/WRITE\n        - /JOBS/WRITE\ncondition: selection',
      ),
      errors: [{ messageId: 'dataAction', data: { value: '/CRONJOBS/WRITE', more: ' (and 1 more)' }, line: 10, column: 15 }],
    },
  ],
})
