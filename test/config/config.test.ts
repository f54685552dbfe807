import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/index.js'
import { UsageError } from '../../src/shared/errors.js'

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'ruleproof-config-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true })
    writeFileSync(path.join(d, name), text)
  }
  return d
}

function usageError(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error('expected a UsageError')
}

describe('config discovery', () => {
  it('without a file: rules/ under the cwd, nothing else', () => {
    const d = dir({})
    expect(loadConfig(d)).toEqual({ root: d, rules: [path.join(d, 'rules')] })
  })

  it('finds ruleproof.config.json, then .yml, then .yaml in the cwd', () => {
    const d = dir({ 'ruleproof.config.yml': 'runs: 5\n', 'ruleproof.config.yaml': 'runs: 6\n' })
    expect(loadConfig(d).runs).toBe(5)
    writeFileSync(path.join(d, 'ruleproof.config.json'), '{"runs": 4}')
    expect(loadConfig(d)).toMatchObject({ runs: 4, file: path.join(d, 'ruleproof.config.json') })
  })

  it('--config wins and resolves paths against its own folder', () => {
    const d = dir({ 'ci/rp.yml': 'rules: [../detections, more]\npython: venv/bin/python\nexclude: ["**/deprecated/**"]\n', 'ruleproof.config.json': '{"runs": 1}' })
    const c = loadConfig(d, 'ci/rp.yml')
    expect(c.root).toBe(path.join(d, 'ci'))
    expect(c.rules).toEqual([path.join(d, 'detections'), path.join(d, 'ci', 'more')])
    expect(c.python).toBe(path.join(d, 'ci', 'venv/bin/python'))
    expect(c.exclude).toEqual(['**/deprecated/**'])
    expect(c.runs).toBeUndefined()
  })

  it('a bare interpreter name stays a name to look up on PATH; a single rules string is one path', () => {
    const d = dir({ 'ruleproof.config.yml': 'python: python3.12\nrules: detections\n' })
    expect(loadConfig(d)).toMatchObject({ python: 'python3.12', rules: [path.join(d, 'detections')] })
  })

  it('reads every documented key', () => {
    const d = dir({
      'ruleproof.config.yml': [
        'variants: [eks, gke]',
        'runs: 50',
        'seed: -7',
        'minimumTests: 2',
        'expectations:',
        "  '*': { ignore: [noise.*] }",
        '  K8S-001: { match: [atomic.cronjob-*] }',
        'lint:',
        '  checks: [recommended, -title-length]',
        '  exclude: { attack-tags: [K8S-001] }',
        '  options: { title-length: { max: 80 } }',
        'panther: { logTypes: [Custom.Audit], timeoutMs: 2000 }',
        'sigma: { placeholders: { admins: [alice, bob] } }',
        'assumeDataActions: true',
      ].join('\n'),
    })
    expect(loadConfig(d)).toMatchObject({
      variants: ['eks', 'gke'],
      runs: 50,
      seed: -7,
      minimumTests: 2,
      expectations: { '*': { ignore: ['noise.*'] }, 'K8S-001': { match: ['atomic.cronjob-*'] } },
      lint: { checks: ['recommended', '-title-length'], exclude: { 'attack-tags': ['K8S-001'] }, options: { 'title-length': { max: 80 } } },
      panther: { logTypes: ['Custom.Audit'], timeoutMs: 2000 },
      sigma: { placeholders: { admins: ['alice', 'bob'] } },
      assumeDataActions: true,
    })
  })
})

describe('config validation: a UsageError naming the file, line and key', () => {
  it.each([
    ['runs: 0\n', 'ruleproof.config.yml:1:7: runs: must be >= 1'],
    ['runs: many\n', 'ruleproof.config.yml:1:7: runs: must be integer'],
    ['variants: [eks, ekss]\n', 'ruleproof.config.yml:1:17: variants[1]: must be one of k8s, eks, aks, gke, azure-activity'],
    ['seed: 1\nrusn: 3\n', 'ruleproof.config.yml:2:1: rusn: unknown key (known keys: rules,'],
    ['lint:\n  chekcs: [all]\n', 'ruleproof.config.yml:2:3: lint.chekcs: unknown key'],
    ['pipelines: { gke: {} }\n', 'ruleproof.config.yml:1:12: pipelines: must be array'],
    ['rules: 3\n', 'ruleproof.config.yml:1:8: rules: has the wrong type'],
    ['expectations:\n  K8S-1: { match: atomic.x }\n', 'ruleproof.config.yml:2:19: expectations.K8S-1.match: must be array'],
    ['- 1\n', 'ruleproof.config.yml:1:1: (top level): must be object'],
  ])('%j', (text, message) => {
    const d = dir({ 'ruleproof.config.yml': text })
    const m = usageError(() => loadConfig(d))
    expect(m).toContain(path.join(d, message))
  })

  it('lists every problem, not only the first', () => {
    const d = dir({ 'ruleproof.config.yml': 'runs: 0\nseed: x\n' })
    const m = usageError(() => loadConfig(d))
    expect(m).toContain('runs: must be >= 1')
    expect(m).toContain('seed: must be integer')
  })

  it('JSON files get line numbers too', () => {
    const d = dir({ 'ruleproof.config.json': '{\n  "seed": 1,\n  "runs": "x"\n}\n' })
    expect(usageError(() => loadConfig(d))).toContain('ruleproof.config.json:3:11: runs: must be integer')
  })

  it('bad JSON, bad YAML and several documents are usage errors; a missing --config file is a load error', () => {
    expect(usageError(() => loadConfig(dir({ 'ruleproof.config.json': '{"runs": }' })))).toMatch(/not valid JSON/)
    expect(usageError(() => loadConfig(dir({ 'ruleproof.config.yml': 'runs: 1\nruns: 2\n' })))).toMatch(/ruleproof\.config\.yml:2:1/)
    expect(usageError(() => loadConfig(dir({ 'ruleproof.config.yml': 'runs: 1\n---\nseed: 2\n' })))).toMatch(/one YAML document, found 2/)
    expect(() => loadConfig(dir({}), 'nope.yml')).toThrow(expect.objectContaining({ name: 'LoadError', message: 'config file not found', location: { file: 'nope.yml', line: 1, column: 1 } }))
  })

  it('an empty file is the defaults', () => {
    const d = dir({ 'ruleproof.config.yml': '' })
    expect(loadConfig(d)).toEqual({ root: d, rules: [path.join(d, 'rules')], file: path.join(d, 'ruleproof.config.yml') })
  })
})

describe('config pipelines: pipeline documents inline or in files, checked when loaded', () => {
  const doc = { name: 'mine', variant: 'gke', logsources: [{ product: 'kubernetes', service: 'audit' }], items: [{ id: 'verb', type: 'path', fields: ['verb'], to: 'x.verb' }] }

  it('reads inline documents and files holding one or a list', () => {
    const d = dir({
      'ruleproof.config.yml': `pipelines:\n  - ${JSON.stringify(doc)}\n  - pipelines/one.json\n  - pipelines/two.yml\n`,
      'pipelines/one.json': JSON.stringify({ ...doc, name: 'one' }),
      'pipelines/two.yml': `- ${JSON.stringify({ ...doc, name: 'two' })}\n- ${JSON.stringify({ ...doc, name: 'three', variant: 'eks' })}\n`,
    })
    expect(loadConfig(d).pipelines?.map((p) => [p.name, p.variant])).toEqual([
      ['mine', 'gke'],
      ['one', 'gke'],
      ['two', 'gke'],
      ['three', 'eks'],
    ])
  })

  it('a bad document or a missing file is a usage error naming the entry', () => {
    const bad = dir({ 'ruleproof.config.yml': `pipelines:\n  - ${JSON.stringify({ ...doc, variant: 'gcp' })}\n` })
    expect(usageError(() => loadConfig(bad))).toMatch(/ruleproof\.config\.yml: pipelines\[0\]: \/variant: /)
    const missing = dir({ 'ruleproof.config.yml': 'pipelines: [nope.yml]\n' })
    expect(usageError(() => loadConfig(missing))).toMatch(/pipelines\[0\]: cannot read pipeline file .*nope\.yml: ENOENT/)
  })
})
