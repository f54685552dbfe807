import { describe, expect, it } from 'vitest'
import { loadSigmaText, type SigmaRuleDocument } from '../../../src/sigma/index.js'
import { loadSigmaTestsText, sidecarPathFor, isSidecarPath } from '../../../src/sigma/tests/sidecar.js'
import { parseRegressionInfo, jsonRenderingPath } from '../../../src/sigma/tests/regression.js'
import { splitConcatenatedJson, windowsEventAccessor, windowsEventKeywords } from '../../../src/sigma/tests/windows-event.js'

const RULE = `title: CronJob created
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        verb: create
    condition: selection
tests:
    - name: creates a cronjob
      expect: match
      event:
          verb: create
    - name: Activity log record (hypothetical)
      expect: no-match
      variant: azure-activity
      event: {operationName: x}
      overrides:
          gke:
              expect: match
              reason: GKE writes the create twice
`

describe('embedded tests (top-level tests: list)', () => {
  it('reads name, expectation, variant (default k8s), event, overrides and the line of each test', () => {
    const r = loadSigmaText(RULE, 'r.yml')
    expect(r.findings).toEqual([])
    const tests = (r.documents[0] as SigmaRuleDocument).tests
    expect(tests).toEqual([
      { name: 'creates a cronjob', expect: true, variant: 'k8s', event: { verb: 'create' }, location: { file: 'r.yml', line: 10, column: 7 } },
      {
        name: 'Activity log record (hypothetical)',
        expect: false,
        variant: 'azure-activity',
        event: { operationName: 'x' },
        location: { file: 'r.yml', line: 14, column: 7 },
        overrides: { gke: { expect: true, reason: 'GKE writes the create twice' } },
      },
    ])
  })

  it('does not let the tests: key disturb the Sigma schema (the rule stays valid for Sigma tools)', () => {
    const r = loadSigmaText(RULE, 'r.yml')
    expect(r.documents[0]!.valid).toBe(true)
  })

  it('reports each broken test at its own line and keeps the good ones', () => {
    const text = RULE.replace('      expect: match\n', '      expect: yes\n').replace('              reason: GKE writes the create twice\n', '')
    const r = loadSigmaText(text, 'r.yml')
    expect(r.findings.map((f) => [f.check, f.line, f.column, f.message])).toEqual([
      ['sigma-tests', 11, 15, 'tests[0].expect: must be match or no-match'],
      ['sigma-tests', 19, 11, "tests[1].overrides.gke: missing required key 'reason'"],
    ])
    expect((r.documents[0] as SigmaRuleDocument).tests).toEqual([])
    // Test problems do not stop the rule from compiling.
    expect(r.documents[0]!.valid).toBe(true)
  })

  it('rejects unknown keys (a typo must not silently drop an expectation) and unknown variants', () => {
    const text = RULE.replace('      expect: match\n', '      expected: match\n').replace('variant: azure-activity', 'variant: openshift')
    const messages = loadSigmaText(text, 'r.yml').findings.map((f) => `${f.line}: ${f.message}`)
    expect(messages).toEqual([
      "10: tests[0]: missing required key 'expect'",
      "11: tests[0].expected: is not a known key here",
      '16: tests[1].variant: must be one of k8s, eks, aks, gke, azure-activity',
    ])
  })

  it('requires tests: to be a list and event to be a map', () => {
    expect(loadSigmaText(RULE.replace(/tests:[\s\S]*/, 'tests: 3\n'), 'r.yml').findings[0]!.message).toBe('tests: must be a list of tests (name, expect, event) and scenario declarations (family, expect)')
    const bad = loadSigmaText(RULE.replace('event:\n          verb: create', 'event: "verb=create"'), 'r.yml')
    expect(bad.findings[0]!.message).toBe('tests[0].event: must be a map: the raw log record')
  })
})

const DECLARED = `${RULE}    - family: atomic.*-cronjob
      expect: match
    - family: noise.*
      expect: no-match
    - family: benign.log-rotation-cronjob
      expect: no-match
      variants: [aks]
      reason: masterclient counts as a system identity on AKS
`

describe('scenario declarations among the tests (items with family:)', () => {
  it('reads family, expectation and a declared gap at the line of each item, apart from the tests', () => {
    const r = loadSigmaText(DECLARED, 'r.yml')
    expect(r.findings).toEqual([])
    const doc = r.documents[0] as SigmaRuleDocument
    expect(doc.valid).toBe(true)
    expect(doc.tests.map((t) => t.name)).toEqual(['creates a cronjob', 'Activity log record (hypothetical)'])
    expect(doc.scenarios).toEqual([
      { family: 'atomic.*-cronjob', expect: true, location: { file: 'r.yml', line: 22, column: 7 } },
      { family: 'noise.*', expect: false, location: { file: 'r.yml', line: 24, column: 7 } },
      {
        family: 'benign.log-rotation-cronjob',
        expect: false,
        variants: ['aks'],
        reason: 'masterclient counts as a system identity on AKS',
        location: { file: 'r.yml', line: 26, column: 7 },
      },
    ])
  })

  it('accepts the cascade steps of a family (atomic.reverse-shell-cronjob.job)', () => {
    const r = loadSigmaText(`${RULE}    - family: atomic.reverse-shell-cronjob.job\n      expect: match\n`, 'r.yml')
    expect(r.findings).toEqual([])
  })

  it('reports unknown keys, a family no generator knows, a gap without reason and contradictions at their line', () => {
    const text = `${RULE}    - family: atomic.*\n      expect: match\n      event: {verb: create}
    - family: atomic.nothing-*\n      expect: match
    - family: Atomic.*,noise.*\n      expect: match
    - family: noise.read\n      expect: no-match\n      variants: [aks]
    - family: noise.denied\n      expect: match
    - family: noise.denied\n      expect: no-match
`
    const r = loadSigmaText(text, 'r.yml')
    expect(r.findings.map((f) => `${f.line}: ${f.message}`)).toEqual([
      '24: tests[2].event: is not a known key here',
      '27: tests[4].family: must be one scenario family name or glob (lowercase letters, digits, ., -, *), e.g. atomic.*',
      '29: tests[5]: must have property reason when property variants is present',
      expect.stringMatching(/^25: tests\[3\]\.family: 'atomic\.nothing-\*' matches no scenario family \(known: atomic\.reverse-shell-cronjob, /),
      "34: tests[7].family: 'noise.denied' is declared both match and no-match",
    ])
    expect(r.findings.every((f) => f.check === 'sigma-tests' && f.severity === 'error')).toBe(true)
    expect((r.documents[0] as SigmaRuleDocument).scenarios).toEqual([{ family: 'noise.denied', expect: true, location: { file: 'r.yml', line: 32, column: 7 } }])
  })
})

describe('sidecar <rule>.tests.yml', () => {
  it('is named after the rule file', () => {
    expect(sidecarPathFor('rules/sigma/k8s_cronjob.yml')).toBe('rules/sigma/k8s_cronjob.tests.yml')
    expect(isSidecarPath('rules/sigma/k8s_cronjob.tests.yml')).toBe(true)
    expect(isSidecarPath('rules/sigma/k8s_cronjob.yml')).toBe(false)
  })

  it('holds a tests: list of the same shape, optionally naming the rule', () => {
    const r = loadSigmaTestsText('tests:\n  - name: a\n    rule: cronjob_created\n    expect: no-match\n    event: {verb: get}\n', 's.tests.yml')
    expect(r.findings).toEqual([])
    expect(r.tests).toEqual([
      {
        name: 'a',
        expect: false,
        variant: 'k8s',
        event: { verb: 'get' },
        location: { file: 's.tests.yml', line: 2, column: 5 },
        extra: { rule: 'cronjob_created' },
      },
    ])
  })

  it('reports unknown top-level keys, bad items and YAML errors with their place', () => {
    expect(loadSigmaTestsText('test: []\n', 's.tests.yml').findings.map((f) => f.message)).toEqual([
      "document: missing required key 'tests'",
      'test: is not a known key here',
    ])
    const bad = loadSigmaTestsText('tests:\n  - name: a\n    expect: maybe\n    event: {}\n', 's.tests.yml')
    expect(bad.findings).toEqual([expect.objectContaining({ line: 3, column: 13, message: 'tests[0].expect: must be match or no-match' })])
    expect(loadSigmaTestsText('tests: [\n', 's.tests.yml').findings[0]!.check).toBe('yaml-syntax')
  })

  it('holds scenario declarations too, optionally naming the rule', () => {
    const r = loadSigmaTestsText('tests:\n  - family: atomic.*\n    rule: cronjob_created\n    expect: match\n', 's.tests.yml')
    expect(r.findings).toEqual([])
    expect(r.tests).toEqual([])
    expect(r.scenarios).toEqual([{ family: 'atomic.*', expect: true, rule: 'cronjob_created', location: { file: 's.tests.yml', line: 2, column: 5 } }])
  })
})

describe("SigmaHQ's regression data convention", () => {
  const INFO = `id: 63b16abe-2d5c-4a2f-b0ae-f1bc4580e40c
description: N/A
date: 2025-11-27
rule_metadata:
    - id: 8a2f4b1c-3d5e-4f7a-9b2c-1e4f6d8a9c2b
      title: Some rule
regression_tests_info:
    - name: Positive Detection Test
      type: evtx
      provider: Microsoft-Windows-Sysmon
      match_count: 2
      path: regression_data/rules/windows/x/8a2f4b1c-3d5e-4f7a-9b2c-1e4f6d8a9c2b.evtx
`
  it('reads the rule id and the listed event files', () => {
    const r = parseRegressionInfo(INFO, 'info.yml')
    expect(r.findings).toEqual([])
    expect(r.info).toEqual({
      id: '63b16abe-2d5c-4a2f-b0ae-f1bc4580e40c',
      ruleId: '8a2f4b1c-3d5e-4f7a-9b2c-1e4f6d8a9c2b',
      ruleTitle: 'Some rule',
      tests: [
        {
          name: 'Positive Detection Test',
          type: 'evtx',
          provider: 'Microsoft-Windows-Sysmon',
          matchCount: 2,
          path: 'regression_data/rules/windows/x/8a2f4b1c-3d5e-4f7a-9b2c-1e4f6d8a9c2b.evtx',
          location: { file: 'info.yml', line: 8, column: 7 },
        },
      ],
    })
    expect(jsonRenderingPath(r.info!.tests[0]!.path)).toMatch(/\.json$/)
  })

  it('reports a bad match_count at its value and a missing rule_metadata', () => {
    expect(parseRegressionInfo(INFO.replace('match_count: 2', 'match_count: two'), 'info.yml').findings).toEqual([
      expect.objectContaining({ line: 11, column: 20, message: 'match_count must be a whole number ≥ 1' }),
    ])
    expect(parseRegressionInfo('id: x\n', 'info.yml').findings[0]!.message).toMatch(/rule_metadata/)
    // A list not written yet (commented out upstream) is no error: the rule just has no tests.
    const pending = parseRegressionInfo(INFO.replace(/regression_tests_info:[\s\S]*/, ''), 'info.yml')
    expect(pending.findings).toEqual([])
    expect(pending.info!.tests).toEqual([])
  })

  it('maps flat Sigma field names onto the EVTX JSON rendering', () => {
    const event = {
      Event: {
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' },
        EventData: { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami' },
      },
    }
    expect(windowsEventAccessor('Provider_Name')(event)).toBe('Microsoft-Windows-Sysmon')
    expect(windowsEventAccessor('EventID')(event)).toBe(1)
    expect(windowsEventAccessor('Image')(event)).toBe('C:\\Windows\\System32\\cmd.exe')
    expect(windowsEventAccessor('ParentImage')(event)).toBeUndefined()
    expect([...windowsEventKeywords(event)]).toEqual(['C:\\Windows\\System32\\cmd.exe', 'cmd /c whoami'])
    const defender = { Event: { System: {}, EventData: { 'Threat Name': 'Virus:DOS/EICAR_Test_File' } } }
    expect(windowsEventAccessor('ThreatName')(defender)).toBe('Virus:DOS/EICAR_Test_File')
    const user = { Event: { System: {}, UserData: { Op: { '#attributes': {}, ClientProcessId: 7 } } } }
    expect(windowsEventAccessor('ClientProcessId')(user)).toBe(7)
  })

  it('splits concatenated pretty-printed JSON objects, braces inside strings included', () => {
    expect(splitConcatenatedJson('{\n "a": "}{"\n}\n{"b": {"c": 1}}', 'x.json')).toEqual([{ a: '}{' }, { b: { c: 1 } }])
    expect(() => splitConcatenatedJson('{"a": 1', 'x.json')).toThrow(/unterminated/)
  })
})
