import check from '../../../src/lint/checks/attack-mapping-contradiction.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { RULE_PY, panther, sigma } from '../helpers.js'

const rule = (tag: string) =>
  sigma('selection:\n    objectRef.apiGroup: batch\n    objectRef.resource: cronjobs\ncondition: selection', { head: `tags:\n    - ${tag}\n` })
const pantherRule = (entry: string) =>
  panther(`DisplayName: Kubernetes CronJob Created\nReports:\n  MITRE ATT&CK:\n    - ${entry}\nTests: []`, { id: 'Kubernetes.CronJob.Created' })

checkTester.run('attack-mapping-contradiction', check, {
  valid: [rule('attack.t1053.007'), { code: pantherRule('TA0003:T1053.007'), python: RULE_PY }, sigma('selection:\n    Image|endswith: /crontab\ncondition: selection', { logsource: 'product: linux\n    category: process_creation', head: 'tags:\n    - attack.t1053.003\n' })],
  invalid: [
    {
      code: rule('attack.t1053.003'),
      errors: [{ messageId: 'contradiction', data: { tag: 'attack.t1053.003', name: 'Cron', what: 'a Kubernetes CronJob/Job', right: 'T1053.007', rightName: 'Container Orchestration Job' }, line: 4, column: 7 }],
    },
    {
      code: pantherRule('TA0003:T1053.003'),
      errors: [{ messageId: 'contradiction', data: { tag: 'TA0003:T1053.003', name: 'Cron', what: 'a Kubernetes CronJob/Job', right: 'T1053.007', rightName: 'Container Orchestration Job' } }],
    },
  ],
})
