import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasPython, loadRepo, loadRule, runAll, testYaml } from './probe.js'

const fires = (name = 't') => testYaml(name, true, { verb: 'create' })
const quiet = (name = 'n') => testYaml(name, false, { verb: 'get' })
const RULE = 'def rule(event):\n    return event.get("verb") == "create"\n'

async function outputs(py: string, tests = [fires()], yamlExtra = '') {
  const l = await loadRule(RULE + py, tests, {}, yamlExtra)
  expect(l.findings.filter((f) => f.severity === 'error')).toEqual([])
  return runAll(l.rules[0])
}

// panther.md §2.2.1 import path and module loading
describe.skipIf(!hasPython)('audit §2.2.1 modules', () => {
  it('global helpers are imported by GlobalID, not by file name', async () => {
    const helper = 'AnalysisType: global\nGlobalID: my_helpers\nFilename: file_name_differs.py\n'
    const l = await loadRepo({
      'global_helpers/h.yml': helper,
      'global_helpers/file_name_differs.py': 'STATE = []\ndef tag(x):\n    return "tagged-" + x\n',
      'rules/a.yml': ['AnalysisType: rule', 'RuleID: Audit.A', 'Enabled: true', 'Filename: a.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', fires()].join('\n'),
      'rules/a.py': 'from my_helpers import tag\n\ndef rule(event):\n    return tag("x") == "tagged-x"\n',
      'rules/b.yml': ['AnalysisType: rule', 'RuleID: Audit.B', 'Enabled: true', 'Filename: b.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', fires()].join('\n'),
      'rules/b.py': 'import file_name_differs\n\ndef rule(event):\n    return True\n',
    })
    expect(l.rules.map((r) => r.id)).toEqual(['Audit.A'])
    expect((await runAll(l.rules[0]))[0]?.status).toBe('pass')
    expect(l.findings).toContainEqual(expect.objectContaining({ check: 'panther-setup', rule: 'Audit.B', message: expect.stringContaining('file_name_differs') }))
  })

  it('the rule module is named by the detection ID and imported once: module state persists across its tests', async () => {
    const py = `SEEN = []

def rule(event):
    SEEN.append(event.get("verb"))
    return True

def title(event):
    return __name__ + ":" + ",".join(SEEN)
`
    const l = await loadRule(py, [fires('one'), fires('two'), fires('three')])
    const titles = (await runAll(l.rules[0])).map((r) => r.outputs?.title)
    expect(titles).toEqual(['Audit.Rule:create', 'Audit.Rule:create,create', 'Audit.Rule:create,create,create'])
  })

  it('helper module state is shared across detections', async () => {
    const rule = (id: string) => ['AnalysisType: rule', `RuleID: ${id}`, 'Enabled: true', `Filename: ${id}.py`, 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', fires()].join('\n')
    const py = 'import shared\n\ndef rule(event):\n    shared.CALLS.append(1)\n    return True\n\ndef title(event):\n    return str(len(shared.CALLS))\n'
    const l = await loadRepo({
      'global_helpers/shared.yml': 'AnalysisType: global\nGlobalID: shared\nFilename: shared.py\n',
      'global_helpers/shared.py': 'CALLS = []\n',
      'rules/A1.yml': rule('A1'),
      'rules/A1.py': py,
      'rules/A2.yml': rule('A2'),
      'rules/A2.py': py,
    })
    const first = (await runAll(l.rules[0]))[0]?.outputs?.title
    const second = (await runAll(l.rules[1]))[0]?.outputs?.title
    expect([first, second]).toEqual(['1', '2'])
  })

  it('a syntax error, an import error or a missing rule() is a setup finding and no test runs', async () => {
    for (const py of ['def rule(event)\n    return True\n', 'import does_not_exist_anywhere\n\ndef rule(event):\n    return True\n', 'def title(event):\n    return "x"\n']) {
      const l = await loadRule(py, [fires()])
      expect(l.rules).toEqual([])
      expect(l.findings.map((f) => f.check)).toEqual(['panther-setup'])
    }
  })

  it('panther_core and panther_detection_helpers imports work (shims)', async () => {
    const py = `from panther_core import PantherEvent
from panther_core.enriched_event import PantherEvent as PE2
from panther_core.exceptions import PantherError
from panther_detection_helpers.caching import check_account_age, get_string_set, put_string_set, increment_counter
from panther_detection_helpers.mocking import is_mock

def rule(event: PantherEvent):
    return isinstance(event, PantherEvent) and PE2 is PantherEvent and issubclass(PantherError, Exception)

def alert_context(event):
    def err(fn):
        try:
            return ["ok", fn()]
        except Exception as e:
            return [type(e).__name__, str(e)]
    return {
        "empty_key": check_account_age(""),
        "lookup": err(lambda: check_account_age("user")),
        "put": err(lambda: put_string_set("k", ["a"])),
        "count": err(lambda: increment_counter("c")),
        "mocked": is_mock(get_string_set),
    }
`
    const results = await outputs(py, [fires()])
    expect(results[0]?.status).toBe('pass')
    const ctx = results[0]?.outputs?.alert_context as Record<string, unknown>
    // Offline, as under PAT without AWS access: the key-value store cannot be reached, so an
    // unmocked call raises (naming the function to mock); pure paths answer as the real package.
    expect(ctx).toMatchObject({ empty_key: false, mocked: false })
    expect(ctx.lookup).toEqual([expect.any(String), expect.stringContaining('caching.get_string_set needs Panther')])
    expect(ctx.put).toEqual([expect.any(String), expect.stringContaining('caching.put_string_set')])
    expect(ctx.count).toEqual([expect.any(String), expect.stringContaining('caching.increment_counter')])
  })

  it('panther_detection_helpers calls mocked in the test behave as the mock says', async () => {
    const py = `from panther_detection_helpers.caching import check_account_age
from panther_detection_helpers.mocking import is_mock

def rule(event):
    return is_mock(check_account_age) and check_account_age("user") == "true"
`
    const l = await loadRule(py, ['  - Name: mocked\n    ExpectedResult: true\n    Mocks:\n      - objectName: check_account_age\n        returnValue: "true"\n    Log: {}'])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass'])
  })

  it('the panther_detection_helpers stand-in never shadows an installed package and offers the whole API', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdh-'))
    mkdirSync(path.join(dir, 'panther_detection_helpers'))
    writeFileSync(path.join(dir, 'panther_detection_helpers', '__init__.py'), 'REAL = True\n')
    const worker = path.resolve(import.meta.dirname, '../../../src/panther/worker')
    const script = `import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import ruleproof_shims
ruleproof_shims.install()
import panther_detection_helpers
print(getattr(panther_detection_helpers, "REAL", False))
`
    const installed = spawnSync('python3', ['-c', script, worker, dir], { encoding: 'utf8' })
    expect(installed.stdout.trim()).toBe('True')
    const api = `import sys
sys.path.insert(0, sys.argv[1])
import ruleproof_shims
ruleproof_shims.install()
from panther_detection_helpers import caching, mocking, monitoring
names = ["kv_table", "ttl_expired", "get_counter", "increment_counter", "reset_counter", "set_key_expiration",
         "put_dictionary", "get_dictionary", "get_string_set", "put_string_set", "add_to_string_set",
         "remove_from_string_set", "reset_string_set", "evaluate_threshold", "check_account_age"]
print([n for n in names if not callable(getattr(caching, n, None))], callable(mocking.is_mock), callable(monitoring.wrap))
print(caching.ttl_expired({"Item": {"expiresAt": 1}}), caching.ttl_expired({}), caching._finalize_epoch_seconds(1700000000))
`
    const ours = spawnSync('python3', ['-c', api, worker], { encoding: 'utf8' })
    expect(ours.stderr).toBe('')
    expect(ours.stdout.trim().split('\n')).toEqual(['[] True True', 'True 0 1700000000'])
  })
})

// panther.md §2.2.2 Log → event
describe.skipIf(!hasPython)('audit §2.2.2 Log to event', () => {
  it('a Log that is not a mapping fails the test (harness error)', async () => {
    const l = await loadRule('def rule(event):\n    return False\n', ['  - Name: list\n    ExpectedResult: false\n    Log: [1, 2]', '  - Name: str\n    ExpectedResult: false\n    Log: "text"'])
    const results = await runAll(l.rules[0])
    expect(results.map((r) => r.status)).toEqual(['error', 'error'])
    expect(results[0]?.message).toMatch(/not a mapping/)
  })

  it('test names need not be unique', async () => {
    const l = await loadRule(RULE, [fires('same'), quiet('same')])
    expect(l.findings).toEqual([])
    expect((await runAll(l.rules[0])).map((r) => [r.test, r.status])).toEqual([
      ['same', 'pass'],
      ['same', 'pass'],
    ])
  })

  it('policies get the raw resource: mutable and case-sensitive; they alert on False', async () => {
    const py = `def policy(resource):
    resource["touched"] = True
    return resource.get("Encrypted") is True and resource.get("encrypted") is None
`
    const yaml = [
      'AnalysisType: policy',
      'PolicyID: Audit.Policy',
      'Enabled: true',
      'Filename: p.py',
      'Severity: High',
      'ResourceTypes: [AWS.S3.Bucket]',
      'Tests:',
      '  - Name: compliant',
      '    ExpectedResult: true',
      '    Resource: {"Encrypted": true}',
      '  - Name: non-compliant',
      '    ExpectedResult: false',
      '    Resource: {"encrypted": true}',
      '  - Name: wrongly compliant',
      '    ExpectedResult: false',
      '    Resource: {"Encrypted": true}',
    ].join('\n')
    const l = await loadRepo({ 'policies/p.yml': yaml, 'policies/p.py': py })
    expect(l.findings).toEqual([])
    const results = await runAll(l.rules[0])
    // expected / actual are in ExpectedResult's terms: 'match' = the policy returned True (compliant)
    expect(results.map((r) => [r.test, r.status, r.expected, r.actual])).toEqual([
      ['compliant', 'pass', 'match', 'match'],
      ['non-compliant', 'pass', 'no-match', 'no-match'],
      ['wrongly compliant', 'fail', 'no-match', 'match'],
    ])
    expect(results[2]?.message).toMatch(/policy\(\) returned True/)
  })
})

// panther.md §2.2.4 running one test, §2.2.6 pass/fail/error
describe.skipIf(!hasPython)('audit §2.2.4 / §2.2.6 running one test', () => {
  it('rule() must return a real bool, even on tests expecting no alert', async () => {
    for (const value of ['None', '1', '0', '"yes"', '[]']) {
      const l = await loadRule(`def rule(event):\n    return ${value}\n`, [quiet()])
      const [r] = await runAll(l.rules[0])
      expect(r?.status, value).toBe('error')
      expect(r?.message).toMatch(/FunctionReturnTypeError/)
    }
  })

  it('an exception in rule() always fails the test; an aux exception only fails tests expecting an alert', async () => {
    const raising = await loadRule('def rule(event):\n    raise ValueError("boom")\n', [quiet(), fires()])
    expect((await runAll(raising.rules[0])).map((r) => r.status)).toEqual(['error', 'error'])

    const aux = await loadRule(`${RULE}\ndef title(event):\n    raise KeyError("t")\n`, [fires(), quiet(), testYaml('fires but expected quiet', false, { verb: 'create' })])
    const results = await runAll(aux.rules[0])
    expect(results.map((r) => r.status)).toEqual(['fail', 'pass', 'fail'])
    expect(results[0]?.message).toMatch(/title\(\) raised .*KeyError/)
    expect(results[2]?.message).toMatch(/expected no-match, rule\(\) returned True/)
  })

  it('each aux function is checked for its type: str for title/description/reference/runbook/dedup/severity/unique, Mapping for alert_context, list of str or None for destinations', async () => {
    const cases: [string, string][] = [
      ['title', '42'],
      ['description', 'None'],
      ['reference', '["x"]'],
      ['runbook', '1.5'],
      ['dedup', '7'],
      ['severity', 'None'],
      ['alert_context', '["not", "a", "mapping"]'],
      ['destinations', '"slack"'],
      ['destinations', '[1, 2]'],
    ]
    for (const [fn, value] of cases) {
      const [r] = await outputs(`\ndef ${fn}(event):\n    return ${value}\n`)
      expect(r?.status, `${fn} -> ${value}`).toBe('fail')
      expect(r?.message).toMatch(new RegExp(`${fn}\\(\\) raised`))
    }
    const [ok] = await outputs('\ndef destinations(event):\n    return None\n')
    expect(ok?.status).toBe('pass')
  })

  it('title, description, reference, runbook and dedup are cut to 1000 characters ending "... (truncated)"', async () => {
    const py = ['title', 'description', 'reference', 'runbook', 'dedup'].map((fn) => `\ndef ${fn}(event):\n    return "${fn[0]}" * 1500\n`).join('')
    const [r] = await outputs(py)
    for (const fn of ['title', 'description', 'reference', 'runbook', 'dedup']) {
      const text = r?.outputs?.[fn] as string
      expect(text.length, fn).toBe(1000)
      expect(text).toBe(fn[0]!.repeat(985) + '... (truncated)')
    }
    const [exact] = await outputs('\ndef title(event):\n    return "x" * 1000\n')
    expect(exact?.outputs?.title).toBe('x'.repeat(1000))
  })

  it('dedup: without dedup() the title, without either defaultDedupString:<RuleID>; an empty dedup string gives the default', async () => {
    expect((await outputs('\ndef title(event):\n    return "The Title"\n'))[0]?.outputs?.dedup).toBe('The Title')
    expect((await outputs(''))[0]?.outputs?.dedup).toBe('defaultDedupString:Audit.Rule')
    expect((await outputs('\ndef title(event):\n    return "T"\n\ndef dedup(event):\n    return ""\n'))[0]?.outputs?.dedup).toBe('defaultDedupString:Audit.Rule')
    expect((await outputs('\ndef title(event):\n    return ""\n'))[0]?.outputs?.dedup).toBe('defaultDedupString:Audit.Rule')
    expect((await outputs('\ndef title(event):\n    return "T"\n\ndef dedup(event):\n    return "D"\n'))[0]?.outputs?.dedup).toBe('D')
  })

  it('severity(): upper-cased; INFO..CRITICAL or DEFAULT (the YAML Severity); anything else fails a positive test', async () => {
    expect((await outputs('\ndef severity(event):\n    return "high"\n'))[0]?.outputs?.severity).toBe('HIGH')
    expect((await outputs('\ndef severity(event):\n    return "Critical"\n'))[0]?.outputs?.severity).toBe('CRITICAL')
    expect((await outputs('\ndef severity(event):\n    return "default"\n'))[0]?.outputs?.severity).toBe('MEDIUM')
    const [bad] = await outputs('\ndef severity(event):\n    return "SEVERE"\n')
    expect(bad?.status).toBe('fail')
    expect(bad?.message).toMatch(/severity\(\) raised/)
    const [quietBad] = await outputs('\ndef severity(event):\n    return "SEVERE"\n', [quiet()])
    expect(quietBad?.status).toBe('pass')
  })

  it('destinations: [] becomes ["SKIP"], more than 10 are cut to 10, unknown names are not an error', async () => {
    expect((await outputs('\ndef destinations(event):\n    return []\n'))[0]?.outputs?.destinations).toEqual(['SKIP'])
    const [many] = await outputs('\ndef destinations(event):\n    return ["d%d" % i for i in range(12)]\n')
    expect(many?.status).toBe('pass')
    expect(many?.outputs?.destinations).toEqual(Array.from({ length: 10 }, (_, i) => `d${i}`))
  })

  it('alert_context must be a Mapping; over 200 KB of JSON it is replaced by {"_error": …}', async () => {
    const [ok] = await outputs('\ndef alert_context(event):\n    return {"verb": event.get("verb"), "obj": event}\n')
    expect(ok?.outputs?.alert_context).toEqual({ verb: 'create', obj: { verb: 'create' } })
    const [big] = await outputs('\ndef alert_context(event):\n    return {"big": "x" * (200 * 1024)}\n')
    expect(big?.status).toBe('pass')
    expect(big?.outputs?.alert_context).toEqual({ _error: expect.stringMatching(/alert_context size is \[\d+\] characters, bigger than maximum of \[204800\] characters/) })
    const [fits] = await outputs('\ndef alert_context(event):\n    return {"b": "x" * (200 * 1024 - 20)}\n')
    expect(Object.keys(fits?.outputs?.alert_context as object)).toEqual(['b'])
  })

  it('unique() runs when the rule fires and must return a string', async () => {
    expect((await outputs('\ndef unique(event):\n    return "u-" + event.get("verb")\n'))[0]?.outputs?.unique).toBe('u-create')
    expect((await outputs('\ndef unique(event):\n    return 5\n'))[0]?.status).toBe('fail')
  })

  it('CreateAlert: false keeps only alert_context', async () => {
    const py = '\ndef title(event):\n    raise ValueError("not run")\n\ndef alert_context(event):\n    return {"k": 1}\n'
    const [r] = await outputs(py, [fires()], 'CreateAlert: false')
    expect(r?.status).toBe('pass')
    expect(r?.outputs).toEqual({ alert_context: { k: 1 } })
  })

  it('what the rule prints is captured per test', async () => {
    const [r] = await outputs('\ndef title(event):\n    print("in title")\n    return "T"\n'.replace('return "T"', 'return "T"'), [fires()])
    expect(r?.stdout).toContain('in title')
    const l = await loadRule('def rule(event):\n    print("seen", event.get("verb"))\n    return False\n', [quiet('a'), testYaml('b', false, { verb: 'other' })])
    expect((await runAll(l.rules[0])).map((x) => x.stdout)).toEqual(['seen get\n', 'seen other\n'])
  })
})

// panther.md §2.2.5 mocks
describe.skipIf(!hasPython)('audit §2.2.5 mocks', () => {
  const mock = (name: string, value: string) => `    Mocks:\n      - objectName: ${name}\n        returnValue: ${value}`

  it('a mock replaces a module-level name by MagicMock(return_value=…): the string comes back literally, JSON must be decoded', async () => {
    const py = `import json

ALLOWED = ["a"]

def lookup(x):
    return "real"

def rule(event):
    got = lookup("k")
    allowed = json.loads(ALLOWED()) if callable(ALLOWED) else ALLOWED
    return got == "mocked" and "b" in allowed
`
    const l = await loadRule(py, [
      testYaml('mocked', true, {}, `${mock('lookup', 'mocked')}\n      - objectName: ALLOWED\n        returnValue: '["b"]'`),
      testYaml('not mocked: real objects again', false, {}),
    ])
    expect(l.findings).toEqual([])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass', 'pass'])
  })

  it('a boolean returnValue stays a bool; a mock applies to its own test only', async () => {
    const py = 'def is_bad(x):\n    return False\n\ndef rule(event):\n    return is_bad(event) is True\n'
    const l = await loadRule(py, [testYaml('mocked', true, {}, mock('is_bad', 'true')), testYaml('plain', false, {})])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass', 'pass'])
  })

  it('a name imported with from-import is patched in the rule module; calls inside the helper are not', async () => {
    const l = await loadRepo({
      'global_helpers/h.yml': 'AnalysisType: global\nGlobalID: mockhelp\nFilename: h.py\n',
      'global_helpers/h.py': 'def inner():\n    return "real"\n\ndef outer():\n    return inner()\n',
      'rules/rule.yml': [
        'AnalysisType: rule', 'RuleID: Audit.Mock', 'Enabled: true', 'Filename: rule.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:',
        testYaml('patched', true, {}, `${mock('inner', 'fake')}`),
      ].join('\n'),
      'rules/rule.py': 'from mockhelp import inner, outer\n\ndef rule(event):\n    return inner() == "fake" and outer() == "real"\n',
    })
    expect((await runAll(l.rules[0])).map((r) => [r.status, r.message])).toEqual([['pass', undefined]])
  })

  it('mocking a name the rule module does not define fails the test', async () => {
    const l = await loadRule(RULE, [testYaml('bad', true, { verb: 'create' }, mock('not_defined_here', 'x'))])
    const [r] = await runAll(l.rules[0])
    expect(r?.status).not.toBe('pass')
    expect(r?.message).toMatch(/bad mock/)
  })

  it('a returnValue that is not a string or boolean is a schema error', async () => {
    for (const value of ['1', '[a]', '{a: 1}']) {
      const l = await loadRule(RULE, [testYaml('bad', true, { verb: 'create' }, mock('x', value))])
      expect(l.findings.map((f) => f.check), value).toContain('panther-schema')
    }
  })
})

// panther.md §2.2.4: in test mode (batch_mode=False) the aux functions that exist run on every
// test, each wrapped separately, in panther_core's order; only positive tests report/judge them.
describe.skipIf(!hasPython)('audit §2.2.4 aux functions in test mode', () => {
  const ORDER_PY = `CALLS = []

def rule(event):
    return event.get("verb") == "create"

def _record(name):
    CALLS.append(name)
    return name

def title(event):
    return _record("title")

def description(event):
    return _record("description")

def reference(event):
    return _record("reference")

def severity(event):
    _record("severity")
    return "LOW"

def runbook(event):
    return _record("runbook")

def destinations(event):
    _record("destinations")
    return None

def dedup(event):
    return _record("dedup")

def alert_context(event):
    _record("alert_context")
    return {}

def unique(event):
    done = ",".join(CALLS)
    del CALLS[:]
    return done
`
  it('run in panther_core order: title, description, reference, severity, runbook, destinations, dedup, alert_context, unique', async () => {
    const l = await loadRule(ORDER_PY, [fires()])
    const [r] = await runAll(l.rules[0])
    expect(r?.outputs?.unique).toBe('title,description,reference,severity,runbook,destinations,dedup,alert_context')
  })

  it('also run on tests not expecting an alert (side effects and prints persist) but are not reported there', async () => {
    const py = `COUNT = [0]

def rule(event):
    return event.get("verb") == "create"

def title(event):
    COUNT[0] += 1
    print("title ran")
    return "seen %d" % COUNT[0]

def dedup(event):
    raise ValueError("ignored on negative tests")
`
    const l = await loadRule(py, [quiet('negative'), testYaml('fires, expected false', false, { verb: 'create' }), fires('positive')])
    const [neg, wrong, pos] = await runAll(l.rules[0])
    expect(neg?.status).toBe('pass')
    expect(neg?.outputs).toBeUndefined()
    expect(neg?.stdout).toBe('title ran\n')
    expect(wrong?.status).toBe('fail')
    expect(pos?.status).toBe('fail') // dedup raised on a positive test
    expect(pos?.outputs?.title).toBe('seen 3')
  })
})

describe.skipIf(!hasPython)('audit §2.2.5 how mock values are read from YAML', () => {
  it('true is a bool, "true" and yes are strings (PAT\'s YAML dialect); the rule sees exactly that', async () => {
    const py = 'def flag():\n    return None\n\ndef rule(event):\n    value = flag()\n    return value is True if event.get("want") == "bool" else value == event.get("want")\n'
    const m = (v: string) => `    Mocks:\n      - objectName: flag\n        returnValue: ${v}`
    const l = await loadRule(py, [
      testYaml('bool', true, { want: 'bool' }, m('true')),
      testYaml('quoted', true, { want: 'true' }, m('"true"')),
      testYaml('yes', true, { want: 'yes' }, m('yes')),
      testYaml('number-like string', true, { want: '0644' }, m('"0644"')),
    ])
    expect(l.findings).toEqual([])
    expect((await runAll(l.rules[0])).map((r) => [r.test, r.status])).toEqual([
      ['bool', 'pass'],
      ['quoted', 'pass'],
      ['yes', 'pass'],
      ['number-like string', 'pass'],
    ])
  })

  it('a rule returning a mocked string is a FunctionReturnTypeError', async () => {
    const l = await loadRule('def flag():\n    return True\n\ndef rule(event):\n    return flag()\n', [testYaml('str', true, {}, '    Mocks:\n      - objectName: flag\n        returnValue: "true"')])
    const [r] = await runAll(l.rules[0])
    expect(r?.status).toBe('error')
    expect(r?.message).toMatch(/returned \[str\]/)
  })
})

describe.skipIf(!hasPython)('audit §2.2.6 policies: the alert value is False', () => {
  it('aux errors fail policy tests expecting False (an alert) and are ignored on tests expecting True', async () => {
    const yaml = [
      'AnalysisType: policy', 'PolicyID: Audit.P', 'Enabled: true', 'Filename: p.py', 'Severity: Low', 'ResourceTypes: [AWS.S3.Bucket]', 'Tests:',
      '  - Name: alerting', '    ExpectedResult: false', '    Resource: {"ok": false}',
      '  - Name: compliant', '    ExpectedResult: true', '    Resource: {"ok": true}',
    ].join('\n')
    const l = await loadRepo({ 'policies/p.yml': yaml, 'policies/p.py': 'def policy(resource):\n    return resource["ok"]\n\ndef title(resource):\n    raise RuntimeError("title broke")\n' })
    const [alerting, compliant] = await runAll(l.rules[0])
    expect(alerting?.status).toBe('fail')
    expect(alerting?.message).toMatch(/title\(\) raised .*RuntimeError: title broke/)
    expect(compliant?.status).toBe('pass')
  })

  it('policy() must return a bool as well', async () => {
    const yaml = ['AnalysisType: policy', 'PolicyID: Audit.P2', 'Enabled: true', 'Filename: p.py', 'Severity: Low', 'Tests:', '  - Name: t', '    ExpectedResult: true', '    Resource: {}'].join('\n')
    const l = await loadRepo({ 'policies/p.yml': yaml, 'policies/p.py': 'def policy(resource):\n    return None\n' })
    const [r] = await runAll(l.rules[0])
    expect(r?.status).toBe('error')
    expect(r?.message).toMatch(/function \[policy\] returned \[NoneType\]/)
  })
})

describe.skipIf(!hasPython)('audit §2.2.4 an aux name that exists but is not a function', () => {
  it('panther_core decides "defined" by hasattr: calling a non-callable title fails a positive test', async () => {
    const l = await loadRule('def rule(event):\n    return True\n\ntitle = "static title"\n', [testYaml('positive', true, {}), testYaml('negative', false, {})])
    const [r, negative] = await runAll(l.rules[0])
    expect(r?.status).toBe('fail')
    expect(r?.message).toMatch(/title\(\) raised .*TypeError/)
    expect(negative?.status).toBe('fail') // the rule fired on a test expecting no alert
  })
})
