import check from '../../../src/lint/checks/sigma-correlation-reference.js'
import { checkTester } from '../../../src/lint/check-tester.js'

const base = `title: Failed login
id: 5e0ae6a6-0000-4000-8000-000000000001
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
`
const corr = (name: string, rules: string[], id = '5e0ae6a6-0000-4000-8000-0000000000' + name.slice(-2).padStart(2, '0').replace(/[^0-9a-f]/g, 'a')) => `title: ${name}
id: ${id}
name: ${name}
correlation:
    type: event_count
    rules:
${rules.map((r) => `        - ${r}`).join('\n')}
    group-by:
        - User
    timespan: 5m
    condition:
        gte: 2
`

checkTester.run('sigma-correlation-reference', check, {
  valid: [
    base + '---\n' + corr('many_failed_c1', ['failed_login']),
    // By id, and a chain of correlations in another file.
    base + '---\n' + corr('many_failed_c1', ['5e0ae6a6-0000-4000-8000-000000000001']),
    { code: corr('outer_c2', ['inner_c3']), files: [{ file: 'inner.yml', text: base + '---\n' + corr('inner_c3', ['failed_login']) }] },
  ],
  invalid: [
    {
      code: base + '---\n' + corr('self_c1', ['self_c1']),
      errors: [{ messageId: 'cycle', data: { message: "correlation 'self_c1' references itself" }, line: 18, column: 11 }],
    },
    {
      // A → B → A: both rules: items are on the cycle; the item pointing at the base rule is fine.
      code: base + '---\n' + corr('corr_a1', ['corr_b2']) + '---\n' + corr('corr_b2', ['failed_login', 'corr_a1']),
      errors: [
        { messageId: 'cycle', data: { message: "correlation references form a cycle: 'corr_a1' → 'corr_b2' → 'corr_a1'" }, line: 18, column: 11 },
        { messageId: 'cycle', data: { message: "correlation references form a cycle: 'corr_b2' → 'corr_a1' → 'corr_b2'" }, line: 32, column: 11 },
      ],
    },
    {
      code: base + '---\n' + corr('typo_c1', ['failed_login', 'failed_logon']),
      errors: [{ messageId: 'missing', data: { ref: 'failed_logon' }, line: 19, column: 11 }],
    },
    {
      // Prototype names are names like any other.
      code: corr('proto_c1', ['constructor', '__proto__']),
      errors: [
        { messageId: 'missing', data: { ref: 'constructor' } },
        { messageId: 'missing', data: { ref: '__proto__' } },
      ],
    },
  ],
})
