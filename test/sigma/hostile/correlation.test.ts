import { describe, expect, it } from 'vitest'
import { cli, scratch } from './helpers.js'

const base = (n: string, image: string) => `title: base ${n}
id: 5e0ae6a6-0000-4000-8000-00000000000${n}
name: rule_${n}
logsource:
    product: windows
detection:
    selection:
        Image: ${image}
    condition: selection
`
const corr = (name: string, id: string, rules: string[], extra = '') => `title: ${name}
id: 5e0ae6a6-0000-4000-8000-0000000000${id}
name: ${name}
correlation:
    type: event_count
    rules:
${rules.map((r) => `        - ${r}`).join('\n')}
    group-by: [User]
    timespan: 5m
    condition:
        gte: 2
${extra}`
const events = ['{"Image":"foo","User":"x","UserA":"x","@timestamp":"2024-01-01T00:00:00Z"}', '{"Image":"bar","User":"x","UserB":"x","@timestamp":"2024-01-01T00:00:01Z"}'].join('\n') + '\n'

describe('eval on correlation reference cycles', () => {
  it('a self-reference is a load error at its rules: item, not an uncaught exception', async () => {
    const d = scratch({ 'r.yml': base('1', 'foo') + '---\n' + corr('self', 'c1', ['rule_1', 'self']), 'e.ndjson': events })
    const r = await cli(d, 'eval', '--rule', 'r.yml', '--events', 'e.ndjson')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("r.yml:18:11: correlation 'self' references itself\n")
  })

  it('a cycle A → B → A is a load error naming the cycle', async () => {
    const text = base('1', 'foo') + '---\n' + corr('corr_a', 'ca', ['corr_b']) + '---\n' + corr('corr_b', 'cb', ['rule_1', 'corr_a'])
    const d = scratch({ 'r.yml': text, 'e.ndjson': events })
    const r = await cli(d, 'eval', '--rule', 'r.yml', '--events', 'e.ndjson')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("r.yml:17:11: correlation references form a cycle: 'corr_a' → 'corr_b' → 'corr_a'\n")
  })

  it('lint reports both, at the rules: items', async () => {
    const text = base('1', 'foo') + '---\n' + corr('corr_a', 'ca', ['corr_b']) + '---\n' + corr('corr_b', 'cb', ['rule_1', 'corr_a', 'rule_2'])
    const d = scratch({ 'r.yml': text })
    const r = await cli(d, 'lint', 'r.yml')
    expect(r.stdout).toContain("r.yml:17:11: error: correlation references form a cycle: 'corr_a' → 'corr_b' → 'corr_a': a correlation cannot be evaluated before itself [sigma-correlation-reference]")
    expect(r.stdout).toContain("r.yml:30:11: error: correlation references form a cycle: 'corr_b' → 'corr_a' → 'corr_b'")
    expect(r.stdout).toContain("r.yml:31:11: error: 'rule_2' is neither the id nor the name of a rule or correlation in the linted files [sigma-correlation-reference]")
  })
})

describe('eval with aliases keyed by rule name while rules: lists ids', () => {
  const temporal = (aliases: string, rules: string[]) => `title: T
id: 5e0ae6a6-0000-4000-8000-0000000000cc
name: corr_t
correlation:
    type: temporal
    rules:
${rules.map((r) => `        - ${r}`).join('\n')}
    aliases:
${aliases}
    group-by: [who]
    timespan: 5m
`
  const ids = ['5e0ae6a6-0000-4000-8000-000000000001', '5e0ae6a6-0000-4000-8000-000000000002']

  it('resolves alias keys by name against rules by id', async () => {
    const text = base('1', 'foo') + '---\n' + base('2', 'bar') + '---\n' + temporal('        who:\n            rule_1: UserA\n            rule_2: UserB', ids)
    const d = scratch({ 'r.yml': text, 'e.ndjson': events })
    const r = await cli(d, 'eval', '--rule', 'r.yml', '--events', 'e.ndjson')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('{"line":1,"match":false,"rule":"5e0ae6a6-0000-4000-8000-0000000000cc"}\n{"line":2,"match":true,"rule":"5e0ae6a6-0000-4000-8000-0000000000cc"}\n')
  })

  it('resolves alias keys by id against rules by name', async () => {
    const text = base('1', 'foo') + '---\n' + base('2', 'bar') + '---\n' + temporal(`        who:\n            ${ids[0]}: UserA\n            rule_2: UserB`, ['rule_1', 'rule_2'])
    const d = scratch({ 'r.yml': text, 'e.ndjson': events })
    const r = await cli(d, 'eval', '--rule', 'r.yml', '--events', 'e.ndjson')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('{"line":2,"match":true')
  })

  it('an alias key naming another rule is a load error at that key', async () => {
    const text = base('1', 'foo') + '---\n' + base('2', 'bar') + '---\n' + base('3', 'baz') + '---\n' + temporal('        who:\n            rule_1: UserA\n            rule_3: UserB', ids)
    const d = scratch({ 'r.yml': text, 'e.ndjson': events })
    const r = await cli(d, 'eval', '--rule', 'r.yml', '--events', 'e.ndjson')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^r\.yml:42:13: correlation 5e0ae6a6-0000-4000-8000-0000000000cc: alias 'who' names 'rule_3', which is none of the rules in 'rules'/)
  })
})

describe('eval with correlations on deep events', () => {
  it("an event nested past the limit is that line's error; the others are counted", async () => {
    const deep = '{"Image":"foo","User":' + '['.repeat(8000) + '"x"' + ']'.repeat(8000) + ',"@timestamp":"2024-01-01T00:00:00Z"}'
    const ok = (s: number) => `{"Image":"foo","User":"x","@timestamp":"2024-01-01T00:00:0${s}Z"}`
    const d = scratch({ 'r.yml': base('1', 'foo') + '---\n' + corr('c', 'c1', ['rule_1']), 'e.ndjson': [deep, ok(1), ok(2)].join('\n') + '\n' })
    const r = await cli(d, 'eval', '--rule', 'r.yml', '--events', 'e.ndjson')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('e.ndjson:1:1: the event nests objects and arrays more than 512 levels deep\n')
    expect(r.stdout).toBe('{"line":2,"match":false,"rule":"5e0ae6a6-0000-4000-8000-0000000000c1"}\n{"line":3,"match":true,"rule":"5e0ae6a6-0000-4000-8000-0000000000c1"}\n')
  })
})
