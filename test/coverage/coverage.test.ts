// ruleproof coverage: techniques claimed (a sub-technique also covers its parent), how they are
// tested, where they pass, replay scores; an ATT&CK Navigator 4.5 layer; a self-contained HTML page.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { buildCoverage, techniqueScore, type CoverageRule } from '../../src/coverage/build.js'
import { techniquesOfDocument } from '../../src/coverage/claims.js'
import { navigatorLayer } from '../../src/coverage/render.js'
import type { Result } from '../../src/model/result.js'
import { ruleproof } from '../e2e/cli.js'
import { layerSchema } from './navigator-layer-4.5.schema.js'

const root = path.resolve(import.meta.dirname, '../..')
const validateLayer = new Ajv({ allErrors: true, strict: true }).compile(layerSchema)

function rule(id: string, techniques: string[], variants: CoverageRule['variants'] = ['eks', 'gke']): CoverageRule {
  return { id, title: `${id} title`, file: `${id}.yml`, format: 'sigma', variants, techniques, families: [] }
}
function result(rule: string, variant: string, kind: Result['kind'], status: Result['status'], test = 't'): Result {
  return { rule, file: `${rule}.yml`, line: 1, test, variant, kind, status, expected: 'match' }
}

describe('techniques a rule claims', () => {
  it('reads Sigma attack.tNNNN tags and Panther Reports MITRE ATT&CK entries, not tactics or groups', () => {
    expect(techniquesOfDocument({ tags: ['attack.persistence', 'attack.t1053.007', 'attack.T1609', 'attack.g0001', 'cve.2021-1'] })).toEqual(['T1053.007', 'T1609'])
    expect(techniquesOfDocument({ Reports: { 'MITRE ATT&CK': ['TA0003:T1053.003', 'TA0002', 7] } })).toEqual(['T1053.003'])
    expect(techniquesOfDocument({ tags: 'attack.t1609' })).toEqual([])
    expect(techniquesOfDocument({ relevantTechniques: ['T1609', 'T1053.003', 'TA0002'] })).toEqual(['T1053.003', 'T1609'])
    expect(techniquesOfDocument({ tags: { mitre_attack_id: ['T1611'] } })).toEqual(['T1611'])
    expect(techniquesOfDocument(null)).toEqual([])
  })
})

describe('buildCoverage', () => {
  const rules = [rule('a', ['T1053.007']), rule('b', ['T1609']), rule('c', [])]
  const results = [
    result('a', 'eks', 'embedded', 'pass'),
    result('a', 'gke', 'replay', 'fail'),
    result('a', 'eks', 'scenario', 'pass', 'atomic.reverse-shell-cronjob'),
    result('b', 'eks', 'embedded', 'error'),
  ]
  const report = buildCoverage(rules, results, '19.1')

  it('lists each claimed technique, and a sub-technique under its parent too', () => {
    expect(report.techniques.map((t) => t.id)).toEqual(['T1053', 'T1053.007', 'T1609'])
    const parent = report.techniques.find((t) => t.id === 'T1053')!
    expect(parent.rules).toEqual([{ id: 'a', title: 'a title', file: 'a.yml', via: 'T1053.007' }])
    expect(parent.name).toBe('Scheduled Task/Job')
  })

  it('counts the checks per kind and says per variant whether they pass', () => {
    const t = report.techniques.find((x) => x.id === 'T1053.007')!
    expect(t.tested).toEqual({ embedded: { total: 1, passed: 1 }, replay: { total: 1, passed: 0 }, families: { total: 1, passed: 1, names: ['atomic.reverse-shell-cronjob'] } })
    expect(t.variants).toEqual({ eks: 'pass', gke: 'fail' })
    expect(techniqueScore(t)).toBe(67)
    // An error is not a pass: the technique is claimed, not covered.
    const b = report.techniques.find((x) => x.id === 'T1609')!
    expect(b.variants).toEqual({ eks: 'fail', gke: 'untested' })
    expect(techniqueScore(b)).toBe(0)
  })

  it('names the rules that claim no technique', () => {
    expect(report.untagged.map((r) => r.id)).toEqual(['c'])
  })

  it('sums the replay scores of the claiming rules per variant', () => {
    const score = (r: string, tp: number, fp: number, fn: number) => ({ rule: r, file: `${r}.yml`, variant: 'eks' as const, events: 100, tp, fp, tn: 100 - tp - fp - fn, fn, positives: tp + fn, outOfScope: 0, outOfScopeMatched: 0, scoredBy: 'technique' as const, techniques: [], families: [], precision: null, recall: null, falsePositives: [], falseNegatives: [], errors: 0 })
    const withData = buildCoverage(rules, results, '19.1', { dir: 'data', scores: [score('a', 3, 1, 1), score('b', 0, 0, 0)] })
    expect(withData.techniques.find((t) => t.id === 'T1053.007')!.dataset).toEqual([{ variant: 'eks', tp: 3, fp: 1, fn: 1, tn: 95, precision: 0.75, recall: 0.75 }])
    expect(withData.techniques.find((t) => t.id === 'T1609')!.dataset).toEqual([{ variant: 'eks', tp: 0, fp: 0, fn: 0, tn: 100, precision: null, recall: null }])
  })

  it('makes a Navigator layer that the 4.5 layer format accepts, leaving out ids ATT&CK does not know', () => {
    const withTypo = buildCoverage([...rules, rule('d', ['T9999'])], results, '19.1')
    const layer = navigatorLayer(withTypo)
    expect(validateLayer(layer), JSON.stringify(validateLayer.errors)).toBe(true)
    const techniques = layer['techniques'] as { techniqueID: string; score: number; comment: string }[]
    expect(techniques.map((t) => t.techniqueID)).toEqual(['T1053', 'T1053.007', 'T1609'])
    expect(techniques[1]!.score).toBe(67)
    expect(techniques[1]!.comment).toContain('a title')
  })

  it('the layer schema itself rejects what the format forbids', () => {
    const good = navigatorLayer(report)
    expect(validateLayer({ ...good, versions: { navigator: '4.8.0', layer: '4.5' } })).toBe(false)
    expect(validateLayer({ ...good, versions: { navigator: '5.1.0', layer: '4.4' } })).toBe(false)
    expect(validateLayer({ ...good, domain: 'enterprise' })).toBe(false)
    expect(validateLayer({ ...good, techniques: [{ techniqueID: 'T1053.7' }] })).toBe(false)
  })
})

describe('ruleproof coverage', () => {
  it('writes a Navigator layer for the bundled rules', async () => {
    const out = await ruleproof(['coverage', 'rules', '--format', 'navigator', '--runs', '2'])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    const layer = JSON.parse(out.stdout) as Record<string, unknown>
    expect(validateLayer(layer), JSON.stringify(validateLayer.errors)).toBe(true)
    const ids = (layer['techniques'] as { techniqueID: string }[]).map((t) => t.techniqueID)
    expect(ids).toContain('T1053.003')
    expect(ids).toContain('T1053')
  }, 60_000)

  it('scores the techniques on a dataset, and lists untagged rules with their families', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-coverage-'))
    const data = path.join(dir, 'data')
    expect((await ruleproof(['generate', '--variants', 'eks', '--count', '200', '--seed', '2', '--attack-ratio', '0.3', '--out', data])).code).toBe(0)
    const out = await ruleproof(['coverage', 'rules', '--format', 'json', '--runs', '2', '--variants', 'eks', '--dataset', data])
    expect(out.code).toBe(0)
    const report = JSON.parse(out.stdout) as ReturnType<typeof buildCoverage>
    const cron = report.techniques.find((t) => t.id === 'T1053.003')!
    expect(cron.dataset!.map((d) => d.variant)).toEqual(['eks'])
    expect(cron.dataset![0]!.tp + cron.dataset![0]!.fn).toBeGreaterThan(0)
    expect(cron.variants).toEqual({ eks: 'pass' })
    expect(report.untagged.map((r) => r.file)).toContain('rules/sigma/kubernetes_audit_cronjob_modification.yml')
    // A record edited after generate: the dataset is refused (exit 3), as replay refuses it.
    writeFileSync(path.join(data, 'eks.ndjson'), readFileSync(path.join(data, 'eks.ndjson'), 'utf8').replace('"verb":"get"', '"verb":"create"'))
    const edited = await ruleproof(['coverage', 'rules', '--format', 'json', '--runs', '2', '--variants', 'eks', '--dataset', data])
    expect(edited.code).toBe(3)
    expect(edited.stderr).toMatch(/eks\.ndjson: does not match manifest\.json \(sha256 differs\)/)
  }, 60_000)

  it('refuses an unknown format and html without --output', async () => {
    expect((await ruleproof(['coverage', 'rules', '--format', 'csv'])).code).toBe(3)
    expect((await ruleproof(['coverage', 'rules', '--format', 'html'])).code).toBe(3)
  })

  it('escapes rule text in the HTML page: a title with <script> stays text', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-coverage-html-'))
    mkdirSync(path.join(dir, 'rules'))
    const title = `</div><script>document.title='pwned'</script><img src=x onerror=alert(1)>"'`
    writeFileSync(
      path.join(dir, 'rules', 'evil.yml'),
      [`title: "${title.replace(/"/g, '\\"')}"`, 'id: 5b0f1a43-63e7-4b39-8a41-2a4c3e3a0b11', 'status: test', 'tags: [attack.t1609]', 'logsource: {product: kubernetes, service: audit}', 'detection:', '  sel: {verb: create, objectRef.subresource: exec}', '  condition: sel', 'level: high', ''].join('\n'),
    )
    const out = await ruleproof(['coverage', 'rules', '--format', 'html', '--output', 'cov.html', '--runs', '1'], dir)
    expect(out.code).toBe(0)
    const html = readFileSync(path.join(dir, 'cov.html'), 'utf8')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain('&#60;script&#62;')
    expect(html).toContain('T1609')
    expect(html).not.toMatch(/(src|href)=["']?https?:/i)
  }, 60_000)
})
