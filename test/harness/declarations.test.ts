import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sidecarExpectation } from '../../src/harness/declarations.js'
import type { Finding } from '../../src/model/result.js'
import { fakeRule } from './fakes.js'

let dir: string
const ruleIn = (sidecar: string) => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-decl-'))
  writeFileSync(path.join(dir, 'r.ruleproof.yml'), sidecar)
  return { ...fakeRule({ id: 'r', variants: [], tests: [], predicate: () => true }), file: path.join(dir, 'r.yml') }
}
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('scenario declarations in <rule>.ruleproof.yml', () => {
  it('reads match, ignore and gaps with the place they are declared', () => {
    const findings: Finding[] = []
    const rule = ruleIn('tests: {}\nscenarios:\n  match: [atomic.*]\n  ignore: noise.read\n  gaps:\n    - families: [benign.x]\n      variants: [aks]\n      reason: why\n')
    expect(sidecarExpectation(rule, findings)).toEqual({
      match: ['atomic.*'],
      ignore: ['noise.read'],
      gaps: [{ families: ['benign.x'], variants: ['aks'], reason: 'why' }],
      location: { file: path.join(dir, 'r.ruleproof.yml'), line: 3, column: 3 },
    })
    expect(findings).toEqual([])
  })

  it('reports a bad declaration at its line and ignores it', () => {
    const findings: Finding[] = []
    const rule = ruleIn('scenarios:\n  match: [atomic.*]\n  gaps:\n    - families: [x]\n      variants: [openshift]\n      reason: r\n')
    expect(sidecarExpectation(rule, findings)).toBeUndefined()
    expect(findings).toMatchObject([{ line: 2, severity: 'error', message: 'scenarios.gaps[0].variants: expected a list of variants (k8s, eks, aks, gke, azure-activity)' }])
  })

  it('has nothing to say about a sidecar without scenarios', () => {
    expect(sidecarExpectation(ruleIn('tests: {}\n'), [])).toBeUndefined()
  })
})
