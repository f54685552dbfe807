import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { LoadedRule } from '../../src/model/rule.js'
import { loadPantherRules, type PantherLoad, type PantherResult } from '../../src/panther/index.js'
import { UsageError } from '../../src/shared/errors.js'
import { hasPython, repo, ruleYaml, testYaml } from './helpers.js'

const loads: PantherLoad[] = []
afterAll(async () => {
  for (const l of loads) await l.close()
})

/** Loads a one-rule repository: rule.yml + rule.py (+ more files). */
async function load(py: string, tests: string, more: Record<string, string> = {}, yamlExtra = '', options = {}) {
  const dir = repo({ 'rules/rule.yml': ruleYaml('Test.Rule', 'rule.py', `${yamlExtra}\nTests:\n${tests}\n`), 'rules/rule.py': py, ...more })
  const l = await loadPantherRules([path.join(dir, 'rules')], options)
  loads.push(l)
  return { ...l, dir }
}

async function runAll(rule: LoadedRule | undefined): Promise<PantherResult[]> {
  if (!rule) throw new Error('rule not loaded')
  return Promise.all(rule.tests.map((t) => rule.runTest(t))) as Promise<PantherResult[]>
}

describe.skipIf(!hasPython)('Panther worker: PAT semantics', () => {
  it('runs rule() and applies PAT pass rule', async () => {
    const { rules, findings } = await load(
      'def rule(event):\n    return event.get("verb") == "create"\n',
      [testYaml('hit', true, { verb: 'create' }), testYaml('miss', false, { verb: 'get' }), testYaml('wrong', true, { verb: 'get' })].join('\n'),
    )
    expect(findings).toEqual([])
    const results = await runAll(rules[0])
    expect(results.map((r) => [r.test, r.status, r.expected, r.actual])).toEqual([
      ['hit', 'pass', 'match', 'match'],
      ['miss', 'pass', 'no-match', 'no-match'],
      ['wrong', 'fail', 'match', 'no-match'],
    ])
    expect(results[2]?.message).toBe('expected match, rule() returned False')
    expect(results[0]).toMatchObject({ rule: 'Test.Rule', kind: 'embedded', variant: 'eks', line: expect.any(Number) })
  })

  it('requires a real bool from rule(): None, 1, "yes" and a MagicMock are errors even on negative tests', async () => {
    const py = `def rule(event):
    kind = event.get("kind")
    if kind == "none":
        return None
    if kind == "one":
        return 1
    if kind == "mock":
        return FLAG
    return "yes"

FLAG = True
`
    const { rules } = await load(
      py,
      [
        testYaml('none', false, { kind: 'none' }),
        testYaml('one', true, { kind: 'one' }),
        testYaml('str', true, { kind: 'str' }),
        testYaml('mocked', true, { kind: 'mock' }, '    Mocks:\n      - objectName: FLAG\n        returnValue: true'),
      ].join('\n'),
    )
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error', 'error'])
    expect(results[0]?.message).toMatch(/FunctionReturnTypeError: detection Test.Rule function \[rule\] returned \[NoneType\], expected a bool/)
    expect(results[1]?.message).toMatch(/returned \[int\]/)
    expect(results[3]?.message).toMatch(/returned \[MagicMock\]/)
  })

  it('reports exceptions with the rule file and line, and what the rule printed', async () => {
    const py = `def rule(event):
    print("looking at", event.get("verb"))
    return event["missing"] == 1
`
    const { rules } = await load(py, [testYaml('raises', false, { verb: 'create' })].join('\n'))
    const [result] = await runAll(rules[0])
    expect(result?.status).toBe('error')
    expect(result?.message).toMatch(/^rule\(\) raised .*rule\.py:3: KeyError: 'missing'\nprinted:\nlooking at create$/)
    expect(result?.stdout).toBe('looking at create\n')
  })

  it('keeps the protocol intact when a rule writes straight to fd 1 or 2, and fails a Log that is not a mapping', async () => {
    const py = `import os, sys
def rule(event):
    os.write(1, b"{not json}\\n")
    os.write(2, b"noise\\n")
    sys.__stdout__.write("more\\n")
    sys.__stdout__.flush()
    return True
`
    const { rules } = await load(py, [testYaml('ok', true, { a: 1 }), '  - Name: list log\n    ExpectedResult: false\n    Log: [1, 2]'].join('\n'))
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'error'])
    expect(results[1]?.message).toBe("the test's Log is a list, not a mapping")
  })

  it('reports a rule module whose import hangs as a setup finding', async () => {
    const dir = repo({
      'rules/slow.yml': ruleYaml('Slow', 'slow.py'),
      'rules/slow.py': 'while True:\n    pass\n',
      'rules/fine.yml': ruleYaml('Fine', 'fine.py', `Tests:\n${testYaml('t', true, {})}`),
      'rules/fine.py': 'def rule(e):\n    return True\n',
    })
    // 1.5 s: a loaded CI machine still imports the fine rule well within it.
    const l = await loadPantherRules([dir], { timeoutMs: 1500 })
    loads.push(l)
    expect(l.rules.map((r) => r.id)).toEqual(['Fine'])
    expect(l.findings.map((f) => [f.check, f.message])).toEqual([['panther-setup', 'Slow: cannot set up the rule module: importing the rule module timed out after 1500 ms']])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass'])
  })

  it('with CreateAlert: false runs only alert_context, and unique() must return a string', async () => {
    const py = 'def rule(e):\n    return True\n\ndef title(e):\n    return "t"\n\ndef alert_context(e):\n    return {"a": 1}\n'
    const quiet = await load(py, testYaml('t', true, {}), {}, 'CreateAlert: false')
    expect((await runAll(quiet.rules[0]))[0]?.outputs).toEqual({ alert_context: { a: 1 } })
    const uniq = await load('def rule(e):\n    return True\n\ndef unique(e):\n    return 5\n', testYaml('t', true, {}))
    const [r] = await runAll(uniq.rules[0])
    expect(r?.status).toBe('fail')
    expect(r?.message).toMatch(/unique\(\) raised .*returned \[int\], expected a str/)
  })

  it('reports the Panther log type as the variant when ruleproof has no variant for it', async () => {
    const dir = repo({
      'rules/okta.yml': ruleYaml('Okta.Rule', 'okta.py', `Tests:\n${testYaml('t', true, {})}`, ['Okta.SystemLog']),
      'rules/okta.py': 'def rule(e):\n    return True\n',
    })
    const l = await loadPantherRules([dir])
    loads.push(l)
    expect(l.rules[0]?.variants).toEqual([])
    expect((await runAll(l.rules[0]))[0]?.variant).toBe('Okta.SystemLog')
  })

  it('evaluate() throws when the rule raises, so the harness reports an error', async () => {
    const { rules } = await load('def rule(e):\n    return e["nope"]\n', testYaml('t', false, {}))
    await expect(rules[0]!.evaluate({ a: 1 }, 'eks')).rejects.toThrow(/rule\(\) raised .*rule\.py:2: KeyError: 'nope'/)
  })

  it('runs a derived detection with its base body, its own severity, filters and tests', async () => {
    const dir = repo({
      'rules/base.yml': ruleYaml('Base.Rule', 'base.py', `Tests:\n${testYaml('base test', true, { verb: 'create' })}`),
      'rules/base.py': 'def rule(e):\n    return e.get("verb") == "create"\n',
      'rules/derived.yml': `AnalysisType: rule
RuleID: Derived.Rule
BaseDetection: Base.Rule
Severity: Critical
InlineFilters:
  - Key: user
    Condition: DoesNotEqual
    Value: robot
Tests:
${testYaml('human', true, { verb: 'create', user: 'alice' })}
${testYaml('robot', false, { verb: 'create', user: 'robot' })}
`,
      'rules/orphan.yml': 'AnalysisType: rule\nRuleID: Orphan\nBaseDetection: Not.Here\n',
    })
    const l = await loadPantherRules([dir])
    loads.push(l)
    expect(l.rules.map((r) => r.id)).toEqual(['Base.Rule', 'Derived.Rule'])
    expect(l.findings.map((f) => [f.severity, f.message])).toEqual([
      ['warning', "base detection 'Not.Here' is not in the loaded files; PAT skips this derived detection offline"],
    ])
    const derived = l.rules[1]
    expect(derived?.variants).toEqual(['eks'])
    const results = await runAll(derived)
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass'])
    expect(results[0]?.outputs?.severity).toBe('CRITICAL')
  })

  it('kills a hanging rule after the time limit, reports it, and goes on', async () => {
    const py = `import time
def rule(event):
    if event.get("hang"):
        while True:
            time.sleep(0.01)
    return True
`
    const { rules } = await load(
      py,
      [testYaml('before', true, { a: 1 }), testYaml('hangs', true, { hang: true }), testYaml('after', true, { a: 2 })].join('\n'),
      {},
      '',
      { timeoutMs: 1500 },
    )
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'error', 'pass'])
    expect(results[1]?.message).toMatch(/^timed out after 1500 ms/)
  })

  it('survives a worker crash (os._exit): only the crashing test is lost', async () => {
    const py = `import os
def rule(event):
    if event.get("crash"):
        os._exit(7)
    return True
`
    const { rules } = await load(
      py,
      [testYaml('one', true, { a: 1 }), testYaml('crash', true, { crash: true }), testYaml('two', true, { a: 2 }), testYaml('three', true, { a: 3 })].join('\n'),
    )
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'error', 'pass', 'pass'])
    expect(results[1]?.message).toMatch(/the Python worker died \(exit code 7\)/)
  })

  it('patches module-level names with Mocks (string or bool), and a mock of an unknown name fails the test', async () => {
    const py = `import json
from helper_mod import lookup

ALLOWED = []

def rule(event):
    allowed = ALLOWED() if callable(ALLOWED) else ALLOWED
    if isinstance(allowed, str):
        allowed = json.loads(allowed)
    return lookup(event.get("user")) and event.get("user") not in allowed
`
    const helper = {
      'global_helpers/helper_mod.yml': 'AnalysisType: global\nGlobalID: helper_mod\nFilename: helper_mod_impl.py\n',
      'global_helpers/helper_mod_impl.py': 'def lookup(user):\n    return False\n',
    }
    const { rules, findings } = await load(
      py,
      [
        testYaml('unmocked', false, { user: 'alice' }),
        testYaml('mocked', true, { user: 'alice' }, '    Mocks:\n      - objectName: lookup\n        returnValue: true'),
        testYaml('allow list', false, { user: 'alice' }, '    Mocks:\n      - objectName: lookup\n        returnValue: true\n      - objectName: ALLOWED\n        returnValue: \'["alice"]\''),
        testYaml('bad mock', false, { user: 'alice' }, '    Mocks:\n      - objectName: not_there\n        returnValue: x'),
      ].join('\n'),
      helper,
    )
    expect(findings).toEqual([])
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'error'])
    expect(results[3]?.message).toMatch(/bad mock: .*not_there/)
  })

  it('keeps module state across the tests of one rule', async () => {
    const py = 'SEEN = []\ndef rule(event):\n    SEEN.append(1)\n    return len(SEEN) == 2\n'
    const { rules } = await load(py, [testYaml('first', false, { a: 1 }), testYaml('second', true, { a: 1 })].join('\n'))
    const results = []
    for (const t of rules[0]?.tests ?? []) results.push(await rules[0]?.runTest(t))
    expect(results.map((r) => r?.status)).toEqual(['pass', 'pass'])
  })

  it('gives an immutable, case-insensitive event at every depth with deep_get and deep_walk', async () => {
    const py = `from panther_core import PantherEvent
def rule(event):
    assert isinstance(event, PantherEvent)
    assert event["ObjectRef"]["RESOURCE"] == "cronjobs"
    assert event.deep_get("objectref", "namespace") == "default"
    assert event.deep_get("objectRef", "nope", default="d") == "d"
    assert event.deep_get("count") == 0
    assert event.deep_walk("items", "name") == ["a", "b"]
    assert event.deep_walk("items", "name", return_val="last") == "b"
    assert event.get("Items")[0].get("NAME") == "a"
    assert event.get("items") == [{"name": "a"}, {"name": "b"}, {"name": "a"}]
    try:
        event["verb"] = "x"
        return False
    except TypeError:
        pass
    try:
        event.get("objectRef")["resource"] = "x"
        return False
    except TypeError:
        pass
    return True
`
    const { rules } = await load(py, testYaml('ok', true, { verb: 'create', count: 0, objectRef: { resource: 'cronjobs', namespace: 'default' }, items: [{ name: 'a' }, { name: 'b' }, { name: 'a' }] }))
    const [result] = await runAll(rules[0])
    expect(result?.message).toBeUndefined()
    expect(result?.status).toBe('pass')
  })

  it('resolves udm() through the data model of the log p_log_type, with p_udm and event fallbacks', async () => {
    const py = `def rule(event):
    return event.udm("actor") == "alice"

def title(event):
    return f"{event.udm('actor')}|{event.udm('verb')}|{event.udm_path('actor') if event.get('p_log_type') else '-'}|{event.udm('missing', default='dflt')}"
`
    const more = {
      'data_models/eks.yml': 'AnalysisType: datamodel\nDataModelID: M.EKS\nEnabled: true\nLogTypes: [Amazon.EKS.Audit]\nMappings:\n  - Name: actor\n    Path: $.user.username\n  - Name: verb\n    Method: get_verb\nFilename: eks.py\n',
      'data_models/eks.py': 'def get_verb(event):\n    return event.get("verb", "").upper()\n',
    }
    const { rules, findings } = await load(
      py,
      [
        testYaml('path', true, { p_log_type: 'Amazon.EKS.Audit', user: { username: 'alice' }, verb: 'create' }),
        testYaml('case-sensitive JSONPath', false, { p_log_type: 'Amazon.EKS.Audit', User: { username: 'alice' } }),
        testYaml('no p_log_type: p_udm fallback', true, { p_udm: { actor: 'alice' } }),
        testYaml('no p_log_type: event fallback', true, { actor: 'alice' }),
      ].join('\n'),
      more,
    )
    expect(findings).toEqual([])
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass'])
    expect(results[0]?.outputs?.title).toBe('alice|CREATE|user.username|dflt')
    expect(results[2]?.outputs?.title).toBe('alice|None|-|dflt')
  })

  it('uses the built-in JSONPath subset when jsonpath-ng is absent', async () => {
    const saved = process.env.RULEPROOF_JSONPATH
    process.env.RULEPROOF_JSONPATH = 'subset'
    try {
      const { rules, findings } = await load(
        'def rule(event):\n    return event.udm("image") == "evil"\n',
        [
          testYaml('filter path', true, { p_log_type: 'Amazon.EKS.Audit', spec: { containers: [{ name: 'a', image: 'ok' }, { name: 'b', image: 'evil' }] } }),
          testYaml('no match', false, { p_log_type: 'Amazon.EKS.Audit', spec: { containers: [] } }),
        ].join('\n'),
        { 'data_models/m.yml': "AnalysisType: datamodel\nDataModelID: M\nEnabled: true\nLogTypes: [Amazon.EKS.Audit]\nMappings:\n  - Name: image\n    Path: $.spec.containers[?(@.name == 'b')].image\n" },
      )
      expect(findings).toEqual([])
      expect((await runAll(rules[0])).map((r) => r.status)).toEqual(['pass', 'pass'])
    } finally {
      if (saved === undefined) delete process.env.RULEPROOF_JSONPATH
      else process.env.RULEPROOF_JSONPATH = saved
    }
  })

  it('raises when a data-model path matches several fields, and offers lookup() and event_time_epoch()', async () => {
    const py = `def rule(event):
    if event.get("multi"):
        return event.udm("image") is not None
    assert event.lookup("tor", "1.2.3.4") == {"exit": True}
    assert event.event_time_epoch() == 1669680544
    return True
`
    const { rules } = await load(
      py,
      [
        testYaml('multi', false, { p_log_type: 'Amazon.EKS.Audit', multi: true, c: [{ image: 'a' }, { image: 'b' }] }),
        testYaml('helpers', true, { p_event_time: '2022-11-29 00:09:04.38', _mocked_lookup_data_: { tor: { '1.2.3.4': { exit: true } } } }),
      ].join('\n'),
      { 'data_models/m.yml': 'AnalysisType: datamodel\nDataModelID: M\nEnabled: true\nLogTypes: [Amazon.EKS.Audit]\nMappings:\n  - Name: image\n    Path: $.c[*].image\n' },
    )
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['error', 'pass'])
    expect(results[0]?.message).toMatch(/JSONPath \[\$\.c\[\*\]\.image\] in DataModel \[M\], matched multiple fields/)
  })

  it('runs auxiliary functions with PAT type rules only where an alert is expected', async () => {
    const py = `def rule(event):
    return event.get("fire", False)

def title(event):
    if event.get("bad_title"):
        return 42
    return "T" * event.get("len", 3)

def severity(event):
    return event.get("sev", "default")

def destinations(event):
    return []

def alert_context(event):
    if event.get("bad_ctx"):
        return ["not", "a", "mapping"]
    return {"user": event.get("user"), "nested": event.get("obj")}
`
    const { rules } = await load(
      py,
      [
        testYaml('ok', true, { fire: true, user: 'u', obj: { a: [1] } }),
        testYaml('bad title fails a positive test', true, { fire: true, bad_title: true }),
        testYaml('aux errors ignored on negative tests', false, { fire: false, bad_title: true, bad_ctx: true }),
        testYaml('bad severity', true, { fire: true, sev: 'urgent' }),
        testYaml('bad alert context', true, { fire: true, bad_ctx: true }),
        testYaml('long title truncated', true, { fire: true, len: 1500, sev: 'high' }),
      ].join('\n'),
    )
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'pass', 'fail', 'fail', 'pass'])
    expect(results[0]?.outputs).toEqual({
      title: 'TTT',
      dedup: 'TTT',
      alert_context: { user: 'u', nested: { a: [1] } },
      severity: 'MEDIUM',
      destinations: ['SKIP'],
    })
    expect(results[1]?.message).toMatch(/^title\(\) raised .*FunctionReturnTypeError: .*\[title\] returned \[int\], expected a str/)
    expect(results[3]?.message).toMatch(/severity\(\) raised .*Expected severity to be any of the following/)
    expect(results[4]?.message).toMatch(/alert_context\(\) raised .*expected a Mapping/)
    const long = results[5]?.outputs?.title as string
    expect(long).toHaveLength(1000)
    expect(long.endsWith('... (truncated)')).toBe(true)
    expect(results[5]?.outputs?.severity).toBe('HIGH')
  })

  it('uses defaultDedupString:<RuleID> without title() or dedup(), and the YAML severity without severity()', async () => {
    const { rules } = await load('def rule(event):\n    return True\n', testYaml('t', true, { a: 1 }))
    const [result] = await runAll(rules[0])
    expect(result?.outputs).toEqual({ dedup: 'defaultDedupString:Test.Rule', severity: 'MEDIUM' })
  })

  it('gives policies the raw resource and alerts on False', async () => {
    const dir = repo({
      'policies/p.yml': 'AnalysisType: policy\nPolicyID: Test.Policy\nEnabled: true\nFilename: p.py\nSeverity: Low\nTests:\n  - Name: compliant\n    ExpectedResult: true\n    Resource: {"Encrypted": true}\n  - Name: violation\n    ExpectedResult: false\n    Resource: {"Encrypted": false}\n',
      'policies/p.py': 'def policy(resource):\n    assert type(resource) is dict\n    return resource["Encrypted"]\n\ndef title(resource):\n    return "unencrypted"\n',
    })
    const l = await loadPantherRules([dir])
    loads.push(l)
    const results = await runAll(l.rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass'])
    expect(results[1]?.outputs?.title).toBe('unencrypted')
  })

  it('reports setup errors (syntax error, no rule()) as findings at the Python line, not as rules', async () => {
    const dir = repo({
      'rules/a.yml': ruleYaml('A', 'a.py', 'Tests: []'),
      'rules/a.py': 'def rule(event)\n    return True\n',
      'rules/b.yml': ruleYaml('B', 'b.py'),
      'rules/b.py': 'def detect(event):\n    return True\n',
    })
    const l = await loadPantherRules([dir])
    loads.push(l)
    expect(l.rules).toEqual([])
    expect(l.findings.map((f) => [path.basename(f.file), f.line, f.check])).toEqual(
      expect.arrayContaining([
        ['a.py', 1, 'panther-setup'],
        ['b.yml', 4, 'panther-setup'],
      ]),
    )
    expect(l.findings.find((f) => f.file.endsWith('b.yml'))?.message).toMatch(/has no rule\(\) function/)
  })

  it('records the event keys a rule read, per variant', async () => {
    const { rules } = await load(
      'def rule(event):\n    return event.deep_get("objectRef", "resource") == "pods" and event.get("VERB") == "create"\n',
      testYaml('t', true, { objectRef: { resource: 'pods' }, verb: 'create', other: 1 }),
    )
    await runAll(rules[0])
    expect(rules[0]?.fieldsRead?.('eks')).toEqual(['objectRef', 'objectRef.resource', 'verb'])
    expect(rules[0]?.fieldsRead?.('gke')).toBeUndefined()
  })

  it('evaluates replayed records, adding the variant log type, with the test mocks', async () => {
    const { rules } = await load('def rule(event):\n    return event.get("p_log_type") == "GCP.AuditLog"\n\ndef title(event):\n    return "t"\n', testYaml('t', false, { a: 1 }))
    const rule = rules[0] as LoadedRule
    expect(await rule.evaluate({ a: 1 }, 'gke')).toEqual({ match: true, outputs: { title: 't', dedup: 't', severity: 'MEDIUM' } })
    expect((await rule.evaluate({ a: 1 }, 'eks')).match).toBe(false)
  })

  it('checks sidecar expectations on title, dedup, severity and alert context', async () => {
    const py = 'def rule(event):\n    return True\n\ndef title(event):\n    return "Hello " + event.get("who")\n\ndef alert_context(event):\n    return {"who": event.get("who")}\n'
    const sidecar = `tests:
  good:
    expected_title: Hello a
    expected_dedup: Hello a
    expected_severity: default
    expected_alert_context: {who: a}
    scenario: kept-for-harness
  bad:
    expected_title: Hello a
    expected_severity: High
    variants:
      gke: {expect: false, reason: GKE has no such field}
`
    const { rules, findings } = await load(py, [testYaml('good', true, { who: 'a' }), testYaml('bad', true, { who: 'b' })].join('\n'), { 'rules/rule.ruleproof.yml': sidecar })
    expect(findings).toEqual([])
    const results = await runAll(rules[0])
    expect(results[0]?.status).toBe('pass')
    expect(results[1]?.status).toBe('fail')
    expect(results[1]?.message).toBe('title: expected "Hello a", got "Hello b"; severity: expected HIGH, got "MEDIUM"')
    expect(rules[0]?.tests[1]?.overrides).toEqual({ gke: { expect: false, reason: 'GKE has no such field' } })
    expect((rules[0]?.tests[0]?.extra as { sidecar?: unknown }).sidecar).toEqual({ scenario: 'kept-for-harness' })
  })

  it('reports a sidecar naming a test that does not exist', async () => {
    const { findings } = await load('def rule(e):\n    return True\n', testYaml('real', true, {}), { 'rules/rule.ruleproof.yml': 'tests:\n  imaginary:\n    expected_title: x\n' })
    expect(findings.map((f) => [path.basename(f.file), f.line, f.check, f.message])).toEqual([
      ['rule.ruleproof.yml', 2, 'panther-sidecar', "Test.Rule has no test named 'imaginary'"],
    ])
  })

  it('applies InlineFilters before a Python rule', async () => {
    const { rules } = await load(
      'def rule(event):\n    return True\n',
      [testYaml('kept', true, { verb: 'create' }), testYaml('filtered', false, { verb: 'get' })].join('\n'),
      {},
      'InlineFilters:\n  - Key: verb\n    Condition: Equals\n    Value: create',
    )
    const results = await runAll(rules[0])
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass'])
    expect(results[1]?.message).toMatch(/InlineFilters excluded the event/)
  })

  it('derives the test variant from p_log_type, else from the single LogType', async () => {
    const dir = repo({
      'rules/r.yml': ruleYaml('Multi', 'r.py', `Tests:\n${testYaml('aks', true, { p_log_type: 'Azure.MonitorActivity' })}\n${testYaml('none', true, {})}`, ['Amazon.EKS.Audit', 'Azure.MonitorActivity', 'GCP.AuditLog']),
      'rules/r.py': 'def rule(e):\n    return True\n',
      'rules/s.yml': ruleYaml('Single', 's.py', `Tests:\n${testYaml('gke', true, {})}`, ['GCP.AuditLog']),
      'rules/s.py': 'def rule(e):\n    return True\n',
    })
    const l = await loadPantherRules([dir])
    loads.push(l)
    const [multi, single] = l.rules
    expect(multi?.variants).toEqual(['eks', 'aks', 'gke'])
    expect(multi?.tests.map((t) => t.variant)).toEqual(['aks', 'eks'])
    expect(single?.tests.map((t) => t.variant)).toEqual(['gke'])
  })
})

describe('Panther worker: interpreter', () => {
  it('a missing interpreter is one clear UsageError', async () => {
    const dir = repo({ 'rules/r.yml': ruleYaml('R', 'r.py'), 'rules/r.py': 'def rule(e):\n    return True\n' })
    const attempt = loadPantherRules([dir], { python: '/no/such/python3' })
    await expect(attempt).rejects.toBeInstanceOf(UsageError)
    await expect(attempt).rejects.toThrow(/Python interpreter '\/no\/such\/python3' not found/)
  })
})
