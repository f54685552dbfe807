import { describe, expect, it } from 'vitest'
import { cli, rule, scratch } from './helpers.js'

// A rule in a pull request must not stall the gate: wildcards are linear, |re runs on RE2 or under a budget.
describe('time limits on hostile patterns', () => {
  const wildcard = rule({ id: '44444444-4444-4444-8444-444444444401', title: 'wildcards', detection: "    selection:\n        CommandLine: '*a*a*a*a*a*a*a*a*b'\n    condition: selection" })
  const redos = rule({ id: '44444444-4444-4444-8444-444444444402', title: 'redos', detection: "    selection:\n        CommandLine|re: '(a+)+$'\n    condition: selection" })
  const lookahead = rule({ id: '44444444-4444-4444-8444-444444444403', title: 'lookahead', detection: "    selection:\n        CommandLine|re: '^(?=(a+)+$)b'\n    condition: selection" })
  const long = JSON.stringify({ CommandLine: 'a'.repeat(400) + '!' })
  const events = [long, JSON.stringify({ CommandLine: 'xb' }), long].join('\n') + '\n'

  it('eval answers every line for a wildcard value and a catastrophic regex that RE2 runs', async () => {
    const d = scratch({ 'w.yml': wildcard + '---\n' + redos, 'e.ndjson': events })
    const r = await cli(d, 'eval', '--rule', 'w.yml', '--events', 'e.ndjson')
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n')).toHaveLength(6)
  })

  it("a pattern only the backtracking engine runs is that event's error past the budget, naming rule and pattern", async () => {
    const d = scratch({ 'l.yml': lookahead, 'e.ndjson': events })
    const r = await cli(d, 'eval', '--rule', 'l.yml', '--events', 'e.ndjson')
    expect(r.code).toBe(2)
    const message = "rule 44444444-4444-4444-8444-444444444403: regex '^(?=(a+)+$)b' did not finish within 1000 ms on this event"
    expect(r.stderr).toContain(`e.ndjson:1:1: ${message}`)
    expect(r.stderr).toContain(`e.ndjson:3:1: ${message}`)
    expect(r.stdout).toBe('{"line":2,"match":false,"rule":"44444444-4444-4444-8444-444444444403"}\n')
  })

  it("test reports the test whose event exceeds the budget as an error, and runs the others", async () => {
    const withTests =
      lookahead +
      `tests:\n    - name: hostile\n      expect: no-match\n      event: {CommandLine: '${'a'.repeat(40)}!'}\n    - name: fine\n      expect: no-match\n      event: {CommandLine: b}\n`
    const d = scratch({ 'rules/l.yml': withTests })
    const r = await cli(d, 'test', 'rules')
    expect(r.stdout).toMatch(/ERROR .*hostile.*\n\s+regex '\^\(\?=\(a\+\)\+\$\)b' did not finish within 1000 ms/)
    expect(r.stdout).toMatch(/1 passed/)
  })
})
