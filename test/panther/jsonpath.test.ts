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

  it('rejects what it does not support with a clear error', () => {
    const r = spawnSync(process.env.RULEPROOF_PYTHON ?? 'python3', ['-c', "import ruleproof_jsonpath as jp\njp.compile_path('$.a[?(@.x =~ /y/)]')"], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: workerDir },
    })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/JsonPathError: unsupported filter value|unsupported JSONPath bracket/)
  })
})
