import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hasPython } from './helpers.js'

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/panther/worker')

/** Runs the built-in JSONPath subset (and jsonpath-ng, when installed) on the same data. */
function python(script: string): { subset: unknown; ng: unknown } {
  const r = spawnSync(process.env.RULEPROOF_PYTHON ?? 'python3', ['-c', script], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: workerDir } })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as { subset: unknown; ng: unknown }
}

const DATA = {
  verb: 'create',
  objectRef: { resource: 'pods', 'dotted.key': 1 },
  requestObject: { spec: { containers: [{ name: 'a', image: 'x', securityContext: { privileged: true } }, { name: 'b', image: 'y' }] } },
  list: [[1, 2], [3]],
}
const PATHS = [
  '$.verb',
  '$.objectRef.resource',
  "$.objectRef['dotted.key']",
  '$.requestObject.spec.containers[0].name',
  '$.requestObject.spec.containers[-1].image',
  '$.requestObject.spec.containers[*].image',
  '$..privileged',
  "$.requestObject.spec.containers[?(@.name == 'b')].image",
  '$.requestObject.spec.containers[?(@.securityContext)].name',
  '$.missing.path',
  'verb',
]

const SCRIPT = `
import json
import ruleproof_jsonpath as jp
data = json.loads(${JSON.stringify(JSON.stringify(DATA))})
paths = json.loads(${JSON.stringify(JSON.stringify(PATHS))})
subset = {p: [v for v, _ in jp.find(jp.compile_path(p), data)] for p in paths}
try:
    from jsonpath_ng.ext import parse
    ng = {p: [m.value for m in parse(p).find(data)] for p in paths}
except ImportError:
    ng = None
print(json.dumps({"subset": subset, "ng": ng}))
`

describe.skipIf(!hasPython)('built-in JSONPath subset for data models', () => {
  it('finds what data-model paths ask for', () => {
    const { subset } = python(SCRIPT)
    expect(subset).toEqual({
      '$.verb': ['create'],
      '$.objectRef.resource': ['pods'],
      "$.objectRef['dotted.key']": [1],
      '$.requestObject.spec.containers[0].name': ['a'],
      '$.requestObject.spec.containers[-1].image': ['y'],
      '$.requestObject.spec.containers[*].image': ['x', 'y'],
      '$..privileged': [true],
      "$.requestObject.spec.containers[?(@.name == 'b')].image": ['y'],
      '$.requestObject.spec.containers[?(@.securityContext)].name': ['a'],
      '$.missing.path': [],
      verb: ['create'],
    })
  })

  it('agrees with jsonpath-ng where it is installed', () => {
    const { subset, ng } = python(SCRIPT)
    if (ng === null) return
    expect(subset).toEqual(ng)
  })

  it('data models parse every path with one shared jsonpath-ng parser: the same trees as a fresh parse() per path, and a bad path still raises', () => {
    const script = `
import json
import ruleproof_event as ev
try:
    from jsonpath_ng.ext import parse
except ImportError:
    print(json.dumps(None)); raise SystemExit
paths = json.loads(${JSON.stringify(JSON.stringify(PATHS))})
shared = ev._jsonpath_ng()
same = all(str(shared(p)) == str(parse(p)) and repr(shared(p)) == repr(parse(p)) for p in paths)
try:
    shared("$.a[?(@.x ==")
    bad = "no error"
except Exception as exc:
    bad = type(exc).__name__
print(json.dumps({"same": same, "reused": ev._jsonpath_ng().__self__ is shared.__self__, "after_error": str(shared("$.verb")) == str(parse("$.verb")), "bad": bad}))
`
    const r = spawnSync(process.env.RULEPROOF_PYTHON ?? 'python3', ['-c', script], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: workerDir } })
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout) as { same: boolean; reused: boolean; after_error: boolean; bad: string } | null
    if (out === null) return
    expect(out).toMatchObject({ same: true, reused: true, after_error: true })
    expect(out.bad).not.toBe('no error')
  })

  it('rejects what it does not support with a clear error', () => {
    const r = spawnSync(process.env.RULEPROOF_PYTHON ?? 'python3', ['-c', "import ruleproof_jsonpath as jp\njp.compile_path('$.a[?(@.x =~ /y/)]')"], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: workerDir },
    })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/JsonPathError: unsupported filter value|unsupported JSONPath bracket/)
  })
})
