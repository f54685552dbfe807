import { describe, expect, it } from 'vitest'
import { loadSigmaText, type SigmaRuleDocument } from '../../../src/sigma/index.js'

const RULE = `title: CronJob created
id: 0c9b3bda-41a6-4442-9345-356ae86343dc
status: test
date: 2024-07-11
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: create
        objectRef.resource: cronjobs
        code: 00000429
        octal: 0755
        flag: yes
    condition: selection
level: medium
`

function only(text: string) {
  const r = loadSigmaText(text, 'r.yml')
  expect(r.documents).toHaveLength(1)
  return { doc: r.documents[0]!, findings: r.findings }
}

describe('loadSigmaText: detection rules', () => {
  it('reads a valid rule into a typed document with no findings', () => {
    const { doc, findings } = only(RULE)
    expect(findings).toEqual([])
    expect(doc.kind).toBe('rule')
    const rule = doc as SigmaRuleDocument
    expect(rule.id).toBe('0c9b3bda-41a6-4442-9345-356ae86343dc')
    expect(rule.title).toBe('CronJob created')
    expect(rule.logsource).toEqual({ product: 'kubernetes', service: 'audit' })
    expect(rule.valid).toBe(true)
    expect(rule.location).toEqual({ file: 'r.yml', line: 1, column: 1 })
  })

  it('resolves scalars as PyYAML does: dates stay strings, 00000429 stays a string, 0755 is octal, yes is true', () => {
    const { doc } = only(RULE)
    expect(doc.value.date).toBe('2024-07-11')
    const sel = (doc as SigmaRuleDocument).detection.selection as Record<string, unknown>
    expect(sel.code).toBe('00000429')
    expect(sel.octal).toBe(493)
    expect(sel.flag).toBe(true)
  })

  it('reports a schema error at the offending value, with the path in the message', () => {
    const { doc, findings } = only(RULE.replace('level: medium', 'level: severe'))
    expect(findings).toEqual([
      expect.objectContaining({ check: 'sigma-schema', severity: 'error', file: 'r.yml', line: 16, column: 8 }),
    ])
    expect(findings[0]!.message).toMatch(/^level: must be one of informational, low, medium, high, critical$/)
    expect(doc.valid).toBe(false)
  })

  it('reports a missing required key at the key of the map that lacks it', () => {
    const { findings } = only(RULE.replace('    condition: selection\n', ''))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ line: 8, column: 1, message: "detection: missing required key 'condition'" })
  })

  it('reports a bad search identifier and a bad tag at their own lines', () => {
    const text = RULE.replace('    condition: selection', '    bad: 5\n    condition: selection') + 'tags:\n    - Attack.T1053\n'
    const { findings } = only(text)
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [15, 10, 'detection.bad: must be a list (keywords or maps) or a map of field: value'],
      [19, 7, 'tags[0]: must be a lower-case namespaced tag such as attack.t1053.007'],
    ])
  })

  it('points a repeated list item at the repeat', () => {
    const { findings } = only(RULE + 'falsepositives:\n    - Admins\n    - Backups\n    - Admins\n')
    expect(findings).toEqual([expect.objectContaining({ line: 20, column: 7, message: 'falsepositives[2]: repeats item 1 of the list' })])
  })

  it('rejects an id that is not a UUID', () => {
    const { findings } = only(RULE.replace('id: 0c9b3bda-41a6-4442-9345-356ae86343dc', 'id: cronjob-1'))
    expect(findings[0]).toMatchObject({ line: 2, column: 5 })
    expect(findings[0]!.message).toMatch(/^id: must be a UUID/)
  })

  it('keeps custom top-level attributes and the regression path', () => {
    const { doc, findings } = only(RULE + 'regression_tests_path: regression_data/rules/x/info.yml\nsimulation: []\n')
    expect(findings).toEqual([])
    expect((doc as SigmaRuleDocument).regressionTestsPath).toBe('regression_data/rules/x/info.yml')
  })
})

describe('loadSigmaText: legacy Sigma 1.x syntax gets a message that says what to write instead', () => {
  it('slash dates', () => {
    const { findings } = only(RULE.replace('date: 2024-07-11', 'date: 2019/01/31'))
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'sigma-legacy',
        line: 4,
        column: 7,
        message: "date: '2019/01/31' is the Sigma 1.x YYYY/MM/DD form; Sigma 2 requires YYYY-MM-DD (2019-01-31)",
      }),
    ])
  })

  it('timeframe', () => {
    const { findings } = only(RULE.replace('    condition: selection', '    timeframe: 5m\n    condition: selection'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ check: 'sigma-legacy', line: 15, column: 16 })
    expect(findings[0]!.message).toMatch(/timeframe is Sigma 1\.x .*correlation rule/)
  })

  it('pipe aggregations in the condition', () => {
    const { doc, findings } = only(RULE.replace('condition: selection', 'condition: selection | count() by user > 5'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ check: 'sigma-legacy', line: 15, column: 16 })
    expect(findings[0]!.message).toMatch(/'\| count' aggregation, removed in Sigma 2/)
    expect(doc.valid).toBe(false)
  })
})

describe('loadSigmaText: correlation and filter documents', () => {
  const CORRELATION = `title: Many CronJobs
id: 5638f7c0-ac70-491d-8465-2a65075e0d86
correlation:
    type: event_count
    rules:
        - cronjob_created
    group-by:
        - user.username
    timespan: 10m
    condition:
        gte: 3
`
  it('reads a correlation', () => {
    const { doc, findings } = only(CORRELATION)
    expect(findings).toEqual([])
    expect(doc.kind).toBe('correlation')
    if (doc.kind !== 'correlation') return
    expect(doc.correlation).toEqual({
      type: 'event_count',
      rules: ['cronjob_created'],
      groupBy: ['user.username'],
      timespan: '10m',
      condition: { gte: 3 },
    })
  })

  it('checks what the official schema leaves open: operators, thresholds, timespan, field', () => {
    const text = CORRELATION.replace('gte: 3', 'over: 3').replace('timespan: 10m', 'timespan: 10 minutes').replace('event_count', 'value_count')
    const { findings } = only(text)
    expect(findings.map((f) => f.message)).toEqual([
      "correlation.timespan: '10 minutes' must be a whole number and a unit s, m, h or d (e.g. 15m)",
      "correlation.condition: unknown operator 'over' (known: gt, gte, lt, lte, eq, neq, field)",
      'correlation.condition: needs one of gt, gte, lt, lte, eq, neq',
      "correlation.condition: a value_count correlation needs 'field'",
    ])
  })

  it('requires group-by for event_count, as the schema does', () => {
    const { findings } = only(CORRELATION.replace('    group-by:\n        - user.username\n', ''))
    expect(findings).toEqual([expect.objectContaining({ line: 3, column: 1, message: "correlation: missing required key 'group-by'" })])
  })

  it('reads a filter, with `rules` apart from its selections', () => {
    const { doc, findings } = only(`title: Skip backups
logsource:
    product: kubernetes
    service: audit
filter:
    rules:
        - 0c9b3bda-41a6-4442-9345-356ae86343dc
    selection:
        user.username|startswith: 'system:serviceaccount:backup:'
    condition: not selection
`)
    expect(findings).toEqual([])
    expect(doc.kind).toBe('filter')
    if (doc.kind !== 'filter') return
    expect(doc.rules).toEqual(['0c9b3bda-41a6-4442-9345-356ae86343dc'])
    expect(doc.detection).toEqual({ selection: { 'user.username|startswith': 'system:serviceaccount:backup:' }, condition: 'not selection' })
  })

  it('reads a rule and its correlation from one multi-document file', () => {
    const r = loadSigmaText(RULE.replace('id: 0c9b', 'name: cronjob_created\nid: 0c9b') + '---\n' + CORRELATION, 'multi.yml')
    expect(r.findings).toEqual([])
    expect(r.documents.map((d) => [d.kind, d.index])).toEqual([
      ['rule', 0],
      ['correlation', 1],
    ])
    expect(r.documents[1]!.location.line).toBe(19)
  })
})

describe('loadSigmaText: files that are not Sigma', () => {
  it('a YAML syntax error is one finding at its place, and no documents', () => {
    const r = loadSigmaText('title: x\ndetection: [a, b\n', 'bad.yml')
    expect(r.documents).toEqual([])
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ check: 'yaml-syntax', file: 'bad.yml', severity: 'error' })
    expect(r.findings[0]!.line).toBeGreaterThanOrEqual(2)
  })

  it('a duplicate key is an error at the duplicate', () => {
    const r = loadSigmaText('title: a\ntitle: b\n', 'dup.yml')
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ check: 'yaml-syntax', line: 2 })
  })

  it('an alias bomb is refused, not expanded', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`)
    const r = loadSigmaText(bomb.join('\n') + '\n', 'bomb.yml')
    expect(r.documents).toEqual([])
    expect(r.findings[0]!.check).toBe('yaml-syntax')
  })

  it('a document that is not a map', () => {
    const r = loadSigmaText('- just\n- a list\n', 'list.yml')
    expect(r.documents).toEqual([])
    expect(r.findings).toEqual([expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/document 1 is not a map/) })])
  })

  it('an empty file', () => {
    const r = loadSigmaText('', 'empty.yml')
    expect(r.findings).toEqual([expect.objectContaining({ message: 'file holds no Sigma document' })])
  })
})

describe('loadSigmaText: findings name their rule', () => {
  it('by id, else name, else title', () => {
    const bad = RULE.replace('level: medium', 'level: severe')
    expect(loadSigmaText(bad, 'r.yml').findings[0]!.rule).toBe('0c9b3bda-41a6-4442-9345-356ae86343dc')
    const noId = bad.replace('id: 0c9b3bda-41a6-4442-9345-356ae86343dc\n', '')
    expect(loadSigmaText(noId, 'r.yml').findings[0]!.rule).toBe('CronJob created')
  })
})

describe('loadSigmaText: YAML 1.1 scalars in detection values, as pySigma reads them', () => {
  it('resolves ~, on/off, 1_000, 0x1F, 1:20 and leaves dates and zero-padded decimals as written', () => {
    const text = `title: Scalars
logsource: {product: kubernetes}
detection:
    selection:
        a: ~
        b: on
        c: Off
        d: 1_000
        e: 0x1F
        f: 1:20
        g: 2024-07-11
        h: '0755'
        i: 0009
        j: .inf
    condition: selection
`
    const r = loadSigmaText(text, 's.yml')
    expect(r.findings).toEqual([])
    const sel = (r.documents[0] as SigmaRuleDocument).detection.selection
    expect(sel).toEqual({ a: null, b: true, c: false, d: 1000, e: 31, f: 80, g: '2024-07-11', h: '0755', i: '0009', j: Infinity })
  })
})
