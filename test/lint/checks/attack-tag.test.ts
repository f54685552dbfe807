import check from '../../../src/lint/checks/attack-tag.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { RULE_PY, panther, sigma } from '../helpers.js'

const rule = (tag: string) => sigma('selection:\n    verb: create\ncondition: selection', { head: `tags:\n    - ${tag}\n` })
const reports = (entry: string) => panther(`Reports:\n  MITRE ATT&CK:\n    - ${entry}\nTests: []`)

checkTester.run('attack-tag', check, {
  valid: [rule('attack.t1053.007'), rule('attack.persistence'), rule('attack.stealth'), rule('attack.g0007'), { code: reports('TA0003:T1053.007'), python: RULE_PY }],
  invalid: [
    { code: rule('attack.t1053.099'), errors: [{ messageId: 'unknownTechnique', data: { tag: 'attack.t1053.099', id: 'T1053.099' }, line: 4, column: 7 }] },
    { code: rule('attack.t1004'), errors: [{ messageId: 'revoked', data: { tag: 'attack.t1004', id: 'T1004', name: 'Winlogon Helper DLL', by: ' (use T1547.004 Winlogon Helper DLL)' } }] },
    { code: rule('attack.defense-evasion'), errors: [{ messageId: 'renamedTactic', data: { tag: 'attack.defense-evasion', tactic: 'defense-evasion', current: 'stealth or defense-impairment' } }] },
    { code: rule('attack.hacking'), errors: [{ messageId: 'unknownTactic', data: { tag: 'attack.hacking', tactic: 'hacking' } }] },
    {
      code: reports('TA0040:T1053.007'),
      errors: [{ messageId: 'tacticMismatch', data: { tag: 'TA0040:T1053.007', id: 'T1053.007', name: 'Container Orchestration Job', tactic: 'TA0040 Impact' }, line: 10, column: 7 }],
    },
    {
      code: reports('TA0005:T1222'),
      errors: [{ messageId: 'tacticMoved', data: { tag: 'TA0005:T1222', tactic: 'TA0005', id: 'T1222', name: 'File and Directory Permissions Modification', current: 'TA0112 Defense Impairment' } }],
    },
  ],
})
