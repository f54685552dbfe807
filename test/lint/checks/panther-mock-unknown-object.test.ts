import check from '../../../src/lint/checks/panther-mock-unknown-object.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { panther } from '../helpers.js'

const PY = 'from panther_base_helpers import deep_get\n\ndef rule(event):\n    return is_admin(deep_get(event, "user", "username"))\n'
const rule = (name: string) =>
  panther(`Tests:\n  - Name: admin\n    ExpectedResult: true\n    Mocks:\n      - objectName: ${name}\n        returnValue: true\n    Log:\n      verb: create`)

checkTester.run('panther-mock-unknown-object', check, {
  valid: [{ code: rule('is_admin'), python: PY }, { code: rule('deep_get'), python: PY }],
  invalid: [
    { code: rule('is_admn'), python: PY, errors: [{ messageId: 'unknown', data: { name: 'is_admn', file: 'test_rule.py' }, line: 12, column: 21 }] },
  ],
})
