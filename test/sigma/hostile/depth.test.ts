import { describe, expect, it } from 'vitest'
import { compileDetection, defaultAccessor, defaultKeywords, pathAccessor } from '../../../src/sigma/compile/index.js'
import { someLeaf } from '../../../src/sigma/fields.js'
import { loadSigmaText, sigmaRulesFromDocuments } from '../../../src/sigma/index.js'
import { MAX_EVENT_DEPTH, exceedsDepth } from '../../../src/shared/depth.js'
import { cli, nested, nestedArrays, rule, scratch } from './helpers.js'

// Deep nesting used to end every command with `RangeError: Maximum call stack size exceeded`.
describe('events nested thousands of levels deep', () => {
  const deep = nested(100_000)

  it('keyword search and field access walk them without recursion', () => {
    expect(someLeaf(deep, (t) => t === 'foo')).toBe(true)
    expect(someLeaf(deep, (t) => t === 'bar')).toBe(false)
    expect(defaultKeywords({ x: nestedArrays(100_000, 'k'), y: 'z' })).toEqual(['k', 'z'])
    const arrays = nestedArrays(100_000, 'foo')
    expect(defaultAccessor('Image')({ Image: arrays })).toBe(arrays)
    expect(pathAccessor(['a', 'a'])(nestedArrays(100_000, { a: { a: 1 } }))).toBe(1)
    expect(pathAccessor(['x', 'a'])({ x: nestedArrays(100_000, { a: 1 }) })).toBe(1)
    const deepName = Array.from({ length: 5000 }, () => 'a').join('.')
    let at = deep as { a: unknown }
    for (let i = 0; i < 5000; i++) at = at.a as { a: unknown }
    expect(defaultAccessor(deepName)(deep)).toBe(at)
  })

  it('keeps the document order of keyword leaves', () => {
    expect(defaultKeywords({ a: 'x', b: [1, { c: true, d: null }, [['n']]], e: { f: 'y' } })).toEqual(['x', '1', 'true', 'n', 'y'])
  })

  it('compiled rules match through nested arrays and objects of any depth', () => {
    const keywords = compileDetection({ keywords: ['foo'], condition: 'keywords' })
    expect(keywords.match(deep)).toBe(true)
    const field = compileDetection({ selection: { 'Image|endswith': 'oo' }, condition: 'selection' })
    expect(field.match({ Image: nestedArrays(100_000, 'foo') })).toBe(true)
    expect(field.match({ Image: nestedArrays(100_000, 'bar') })).toBe(false)
  })

  it('measures depth without recursion and stops at the limit', () => {
    expect(exceedsDepth(nested(MAX_EVENT_DEPTH))).toBe(false)
    expect(exceedsDepth(nested(MAX_EVENT_DEPTH + 1))).toBe(true)
    expect(exceedsDepth(nestedArrays(1_000_000))).toBe(true)
    expect(exceedsDepth('scalar')).toBe(false)
  })

  it("an embedded test with an event over the limit is that test's error", async () => {
    const text = rule({ id: '11111111-1111-4111-8111-111111110001', detection: '    keywords: [foo]\n    condition: keywords' })
    const [r] = sigmaRulesFromDocuments(loadSigmaText(text, 'r.yml').documents)
    const base = { name: 'deep', expect: true, variant: 'k8s' as const, location: { file: 'r.yml', line: 1, column: 1 } }
    const deepResult = await r!.runTest({ ...base, event: nested(6000) })
    expect(deepResult.status).toBe('error')
    expect(deepResult.message).toMatch(/more than 512 levels deep/)
    expect((await r!.runTest({ ...base, event: nested(50) })).status).toBe('pass')
  })
})

describe('commands on deep conditions and deep events', () => {
  const ok = rule({ id: '11111111-1111-4111-8111-111111110010', title: 'ok', detection: '    selection:\n        Image: foo\n    condition: selection' })
  const parens = rule({
    id: '11111111-1111-4111-8111-111111110011',
    title: 'parens',
    detection: `    selection:\n        Image: foo\n    condition: '${'('.repeat(2000)}selection${')'.repeat(2000)}'`,
  })
  const nots = rule({
    id: '11111111-1111-4111-8111-111111110012',
    title: 'nots',
    detection: `    selection:\n        Image: foo\n    condition: '${'not '.repeat(100_000)}selection'`,
  })
  const withTest = ok.replace('title: ok', 'title: ok with test') + 'tests:\n    - name: matches\n      expect: match\n      event: {Image: foo}\n'
  const dir = scratch({ 'rules/ok.yml': withTest, 'rules/parens.yml': parens, 'rules/nots.yml': nots, 'only-ok.yml': ok })

  it('lint reports each deep condition at its position and lints the other rules', async () => {
    const r = await cli(dir, 'lint', 'rules', '--format', 'json')
    const findings = (JSON.parse(r.stdout) as { findings: { file: string; line: number; column: number; message: string }[] }).findings
    const deep = findings.filter((f) => /levels deep/.test(f.message))
    expect(deep.map((f) => [f.file.split('/').pop(), f.line])).toEqual([
      ['nots.yml', 14],
      ['parens.yml', 14],
    ])
    expect(deep.every((f) => f.column > 100)).toBe(true)
  })

  it('test and check report the deep rules as load errors and still run the other rule', async () => {
    for (const command of ['test', 'check']) {
      const r = await cli(dir, command, 'rules')
      expect(r.stdout + r.stderr).toMatch(/parens\.yml:14:\d+: .*condition: the condition nests parentheses and 'not' more than 128 levels deep/)
      expect(r.stdout + r.stderr).toMatch(/nots\.yml:14:\d+/)
      expect(r.stdout).toMatch(/1 passed/)
    }
  })

  it('eval evaluates events nested thousands of levels deep like any other (its walks are iterative)', async () => {
    const events = ['{"Image":"foo"}', '{"a":'.repeat(6000) + '1' + '}'.repeat(6000), '{"Image":' + '['.repeat(6000) + '"foo"' + ']'.repeat(6000) + '}', '{"Image":"foo"}']
    const d = scratch({ 'ok.yml': ok, 'events.ndjson': events.join('\n') + '\n' })
    const r = await cli(d, 'eval', '--rule', 'ok.yml', '--events', 'events.ndjson')
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { match: boolean }).match)).toEqual([true, false, true, true])
  })

  it('eval and explain stop at a deep condition with a located error', async () => {
    const d = scratch({ 'nots.yml': nots, 'events.ndjson': '{"Image":"foo"}\n' })
    const r = await cli(d, 'eval', '--rule', 'nots.yml', '--events', 'events.ndjson')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^nots\.yml:14:\d+: condition: the condition nests/)
    const x = await cli(d, 'explain', '--rule', 'nots.yml', '--event', 'events.ndjson')
    expect(x.code).toBe(2)
    expect(x.stderr).toMatch(/nots\.yml:14:\d+: condition: the condition nests/)
  })

  it("explain reports a deep event as that event's error and explains the others", async () => {
    const d = scratch({ 'ok.yml': ok, 'events.ndjson': ['{"Image":"foo"}', '{"a":'.repeat(6000) + '1' + '}'.repeat(6000)].join('\n') + '\n' })
    const r = await cli(d, 'explain', '--rule', 'ok.yml', '--event', 'events.ndjson')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('events.ndjson:2:1: the event nests objects and arrays more than 512 levels deep\n')
    expect(r.stdout).toMatch(/event 1 on .*\n {2}verdict: MATCH/)
  })
})
