import check from '../../../src/lint/checks/panther-correlation.js'
import { checkTester } from '../../../src/lint/check-tester.js'

const corr = (detection: string, tests = '') =>
  ['AnalysisType: correlation_rule', 'RuleID: Test.Corr', 'Enabled: true', 'Severity: High', 'Detection:', detection, tests].filter(Boolean).join('\n') + '\n'

const GROUP = [
  '  - Group:',
  '      - ID: Login',
  '        RuleID: Okta.Login',
  '      - ID: Change',
  '        RuleID: Okta.Change',
  '    MatchCriteria:',
  '      user:',
  '        - GroupID: Login',
  '          Match: actor',
  '        - GroupID: Change',
  '          Match: actor',
  '    LookbackWindowMinutes: 60',
  '    Schedule:',
  '      RateMinutes: 30',
  '      TimeoutMinutes: 5',
].join('\n')

checkTester.run('panther-correlation', check, {
  valid: [
    corr(GROUP, 'Tests:\n  - Name: t\n    ExpectedResult: true\n    RuleOutputs:\n      - ID: Login\n        Matches: {actor: {alice: [0]}}\n'),
    // Valid for Panther, not evaluated offline (a skip in `test`): not a lint error.
    corr(`${GROUP}\n${GROUP}`),
    // Not a correlation rule.
    'AnalysisType: rule\nRuleID: R\nEnabled: true\nFilename: r.py\nSeverity: Low\nLogTypes: [Okta.SystemLog]\n',
  ],
  invalid: [
    { code: corr(GROUP.replace('GroupID: Change', 'GroupID: Chnage')), errors: [{ messageId: 'detection', data: { message: 'GroupID "Chnage" is not an ID of the Group (Login, Change)' }, line: 15, column: 20 }] },
    { code: corr(GROUP.replace('        RuleID: Okta.Change', '        RuleID: Okta.Change\n        MinMatchCount: 0')), errors: [{ messageId: 'detection', data: { message: 'MinMatchCount must be a whole number of at least 1, got 0' }, line: 11, column: 24 }] },
    {
      code: corr(GROUP, 'Tests:\n  - Name: t\n    ExpectedResult: true\n    RuleOutputs:\n      - ID: Logon\n        Matches: {actor: {alice: [0]}}\n'),
      errors: [{ messageId: 'test', data: { name: '"t"', message: 'ID "Logon" is not an ID of the Detection (Login, Change)' }, line: 25, column: 13 }],
    },
    {
      code: corr(GROUP, 'Tests:\n  - Name: t\n    ExpectedResult: true\n    RuleOutputs:\n      - ID: Login\n        Matches: {actor: {alice: [yesterday]}}\n'),
      errors: [{ messageId: 'test', data: { name: '"t"', message: '"yesterday" is neither a number of minutes nor a timestamp (2024-06-01T10:00:00Z)' }, line: 26, column: 35 }],
    },
  ],
})
