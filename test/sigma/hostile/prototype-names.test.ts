import { describe, expect, it } from 'vitest'
import { resolveLintConfig } from '../../../src/lint/config.js'
import { registry } from '../../../src/lint/checks/index.js'
import { pipelineFor } from '../../../src/sigma/pipeline/index.js'
import { compileDetection } from '../../../src/sigma/compile/index.js'
import { cli, rule, scratch } from './helpers.js'

// Names inherited from Object.prototype used to crash lint and check (`field.includes is not a function`).
const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']
const LOGSOURCES: [string, string][] = [
  ['    product: kubernetes\n    service: audit', 'eks'],
  ['    product: azure\n    service: activitylogs', 'azure-activity'],
  ['    product: windows\n    category: process_creation', 'k8s'],
]

function files(): Record<string, string> {
  const out: Record<string, string> = {}
  let n = 0
  for (const name of NAMES)
    for (const [logsource, variant] of LOGSOURCES) {
      n++
      const id = `22222222-2222-4222-8222-${String(n).padStart(12, '0')}`
      out[`rules/r${n}.yml`] = rule({
        id,
        logsource,
        detection: [
          '    selection:',
          `        ${name}: foo`,
          `        ${name}|contains: fo`,
          `        objectRef.${name}|startswith: x`,
          `        ${name}.x|exists: false`,
          `    sel_${name}:`,
          `        ${name}|re: 'f.o'`,
          `        ${name}|exists: true`,
          `    condition: selection and not objectRef.${name} or 1 of sel_*`.replace(` and not objectRef.${name}`, ''),
        ].join('\n'),
        extra: `tests:\n    - name: ${name} matches\n      expect: match\n      variant: ${variant}\n      event: {${name}: foo, objectRef: {${name}: xyz}}\n`,
      })
    }
  return out
}

describe('field names that are Object.prototype members', () => {
  const dir = scratch(files())

  it('lint finishes and reports in every logsource', async () => {
    const r = await cli(dir, 'lint', 'rules', '--format', 'json')
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout) as { findings: { message: string; check: string }[] }
    expect(report.findings.some((f) => /is not a function|Cannot read/.test(f.message))).toBe(false)
    // The Kubernetes domain knows no such field: reported as unknown, with no hint read off a prototype.
    expect(report.findings.filter((f) => f.check === 'field-not-in-logsource').every((f) => !/native code/.test(f.message))).toBe(true)
  })

  it('test and check run every embedded test', async () => {
    for (const command of ['test', 'check']) {
      const r = await cli(dir, command, 'rules')
      expect(r.stdout + r.stderr).not.toMatch(/is not a function|TypeError/)
      // Every embedded test passes (replays onto other variants drop fields their schema lacks: not this test's concern).
      expect(r.stdout).not.toMatch(/^(FAIL|ERROR) .*\(embedded\)/m)
      expect(r.stdout).toMatch(/\d+ checks: [1-9]\d* passed/)
    }
  })

  it('pipelines do not map or read prototype names', () => {
    for (const [product, service, variant] of [
      ['kubernetes', 'audit', 'gke'],
      ['kubernetes', 'audit', 'eks'],
      ['azure', 'activitylogs', 'azure-activity'],
    ] as const) {
      const p = pipelineFor({ product, service }, variant)!
      for (const name of NAMES) {
        const a = p.accessor(name) ?? p.accessor(`objectRef.${name}`)
        expect(typeof (a?.({}) ?? 'absent')).not.toBe('function')
        expect(p.accessor(`objectRef.${name}`)?.({ protoPayload: { methodName: 'io.k8s.core.v1.pods.create', resourceName: 'core/v1/namespaces/a/pods/b' } })).toBeUndefined()
      }
    }
  })

  it('evaluation reads only own properties', () => {
    for (const name of NAMES) {
      const d = compileDetection({ selection: { [`${name}|exists`]: true }, condition: 'selection' })
      expect(d.match({})).toBe(false)
      expect(d.match(JSON.parse(`{"${name}": "x"}`))).toBe(true)
    }
  })

  it('a lint config naming a prototype member as a check is a usage error, not a crash', () => {
    for (const name of NAMES) {
      expect(() => resolveLintConfig({ severity: { [name]: 'error' } }, registry)).toThrow(`unknown check '${name}'`)
      expect(() => resolveLintConfig({ checks: [name] }, registry)).toThrow(`unknown check '${name}'`)
      expect(() => resolveLintConfig(JSON.parse(`{"options": {"${name}": {}}}`), registry)).toThrow(`unknown check '${name}'`)
    }
  })

  it('tags and placeholders named after prototype members', async () => {
    const tags = rule({
      id: '22222222-2222-4222-8222-999999999999',
      detection: "    selection:\n        'Image|expand': '%constructor%'\n    condition: selection",
      extra: 'tags:\n    - attack.constructor\n    - constructor.x\n    - tostring.valueof\n',
    })
    const d = scratch({ 'r.yml': tags })
    const r = await cli(d, 'lint', 'r.yml')
    expect(r.stdout).not.toMatch(/is not a function/)
    expect(r.stdout).toMatch(/unknown namespace 'constructor'/)
    const t = await cli(d, 'test', 'r.yml')
    expect(t.stdout + t.stderr).toMatch(/placeholder '%constructor%' has no configured values/)
  })
})
