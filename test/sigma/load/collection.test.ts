import { describe, expect, it } from 'vitest'
import { loadSigmaText, type SigmaRuleDocument } from '../../../src/sigma/index.js'

const COLLECTION = `action: global
title: Suspicious service
status: test
date: 2020-10-05
detection:
    condition: selection
level: medium
---
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4697
---
logsource:
    product: windows
    service: system
detection:
    selection:
        EventID: 7045
level: high
`

function rules(text: string) {
  const r = loadSigmaText(text, 'c.yml')
  return { rules: r.documents as SigmaRuleDocument[], findings: r.findings }
}

describe('legacy collections (action: global / reset / repeat), merged as pySigma merges them', () => {
  it('merges the global template into each following rule', () => {
    const { rules: docs, findings } = rules(COLLECTION)
    expect(findings).toEqual([])
    expect(docs).toHaveLength(2)
    expect(docs[0]!.title).toBe('Suspicious service')
    expect(docs[0]!.detection).toEqual({ selection: { EventID: 4697 }, condition: 'selection' })
    expect(docs[1]!.logsource).toEqual({ product: 'windows', service: 'system' })
    expect(docs.map((d) => d.index)).toEqual([1, 2])
  })

  it('lets the template win over a rule value that is not a map (pySigma deep_dict_update(rule, global))', () => {
    const { rules: docs } = rules(COLLECTION)
    expect(docs[1]!.level).toBe('medium')
  })

  it('locates each merged value in the document that wrote it', () => {
    const { rules: docs } = rules(COLLECTION)
    const d = docs[1]!
    expect(d.map.value(['detection', 'condition'])).toEqual({ file: 'c.yml', line: 6, column: 16 })
    expect(d.map.value(['detection', 'selection', 'EventID'])).toEqual({ file: 'c.yml', line: 21, column: 18 })
    expect(d.map.key(['title'])).toEqual({ file: 'c.yml', line: 2, column: 1 })
  })

  it('reports a template problem once, at the template, even when merged into several rules', () => {
    const { findings } = rules(COLLECTION.replace('date: 2020-10-05', 'date: 2020/10/05'))
    expect(findings).toEqual([expect.objectContaining({ check: 'sigma-legacy', line: 4, column: 7 })])
  })

  it('action: reset drops the template', () => {
    const text = COLLECTION.replace('---\nlogsource:\n    product: windows\n    service: system', '---\naction: reset\n---\ntitle: Alone\nlogsource:\n    product: windows\n    service: system')
    const { rules: docs, findings } = rules(text)
    expect(docs).toHaveLength(2)
    expect(docs[1]!.title).toBe('Alone')
    // Without the template there is no condition: the schema says so, at the rule's detection key.
    expect(findings).toEqual([expect.objectContaining({ message: "detection: missing required key 'condition'" })])
  })

  it('action: repeat repeats the previous rule with its own values winning', () => {
    const text = `title: Job created
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        objectRef.resource: jobs
        verb: create
    condition: selection
---
action: repeat
title: CronJob created
detection:
    selection:
        objectRef.resource: cronjobs
`
    const { rules: docs, findings } = rules(text)
    expect(findings).toEqual([])
    expect(docs.map((d) => d.title)).toEqual(['Job created', 'CronJob created'])
    expect(docs[1]!.detection).toEqual({ selection: { 'objectRef.resource': 'cronjobs', verb: 'create' }, condition: 'selection' })
    expect(docs[1]!.value).not.toHaveProperty('action')
    expect(docs[1]!.map.value(['detection', 'selection', 'verb']).line).toBe(8)
    expect(docs[1]!.map.value(['detection', 'selection', 'objectRef.resource']).line).toBe(15)
  })

  it('action: repeat with nothing before it, and unknown actions, are errors at the action', () => {
    expect(rules('action: repeat\ntitle: x\n').findings).toEqual([
      expect.objectContaining({ check: 'sigma-collection', line: 1, column: 9, message: 'action: repeat needs a rule before it to repeat' }),
    ])
    expect(rules('action: include\n').findings[0]!.message).toBe("unknown collection action 'include' (known: global, reset, repeat)")
  })

  it('never merges the template into correlation documents', () => {
    const text = `action: global
level: high
---
title: Many jobs
correlation:
    type: event_count
    rules: [job_created]
    group-by: [user.username]
    timespan: 5m
    condition: {gte: 5}
`
    const r = loadSigmaText(text, 'c.yml')
    expect(r.findings).toEqual([])
    expect(r.documents[0]!.level).toBeUndefined()
  })
})
