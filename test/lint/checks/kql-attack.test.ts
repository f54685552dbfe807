import check from '../../../src/lint/checks/kql-attack.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { sentinel } from '../helpers.js'

checkTester.run('kql-attack', check, {
  valid: [sentinel('AzureDiagnostics'), sentinel('AzureDiagnostics', { tactics: ['Execution', 'Persistence', 'PrivilegeEscalation'], techniques: ['T1053.007', 'T1610'] })],
  invalid: [
    { code: sentinel('AzureDiagnostics', { tactics: ['Persistance'] }), errors: [{ messageId: 'tactic', data: { value: 'Persistance', known: 'Reconnaissance, ResourceDevelopment, InitialAccess, Execution, Persistence, PrivilegeEscalation, DefenseEvasion, CredentialAccess, Discovery, LateralMovement, Collection, Exfiltration, CommandAndControl, Impact, PreAttack, ImpairProcessControl, InhibitResponseFunction' }, line: 10, column: 5 }] },
    { code: sentinel('AzureDiagnostics', { techniques: ['T9999'] }), errors: [{ messageId: 'technique', data: { value: 'T9999' }, line: 12, column: 5 }] },
    { code: sentinel('AzureDiagnostics', { tactics: ['Exfiltration'] }), errors: [{ messageId: 'tacticMismatch', data: { value: 'T1053.007', name: 'Container Orchestration Job', its: 'execution, persistence, privilege-escalation' } }] },
  ],
})
