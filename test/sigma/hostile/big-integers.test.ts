import { describe, expect, it } from 'vitest'
import { cli, rule, scratch } from './helpers.js'

describe('integers beyond 2^53', () => {
  const r = rule({ id: '55555555-5555-4555-8555-555555555501', detection: '    selection:\n        EventRecordID: 9007199254740993\n    condition: selection' })
  const events = ['{"EventRecordID":9007199254740993}', '{"EventRecordID":9007199254740992}', '{"EventRecordID":"9007199254740993"}', '{"EventRecordID":9007199254740993.0}'].join('\n') + '\n'

  it('eval compares them exactly: only the same digits match', async () => {
    const d = scratch({ 'r.yml': r, 'e.ndjson': events })
    const out = await cli(d, 'eval', '--rule', 'r.yml', '--events', 'e.ndjson')
    expect(out.stderr).toBe('')
    expect(out.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { match: boolean }).match)).toEqual([true, false, true, false])
  })

  it('explain shows the exact value the rule read', async () => {
    const d = scratch({ 'r.yml': r, 'e.ndjson': events })
    const out = await cli(d, 'explain', '--rule', 'r.yml', '--event', 'e.ndjson', '--format', 'json')
    const explained = JSON.parse(out.stdout) as { match: boolean; fields: { value: unknown }[] }[]
    expect(explained.map((e) => e.match)).toEqual([true, false, true, false])
    expect(explained[0]?.fields[0]?.value).toBe('9007199254740993')
  })
})
