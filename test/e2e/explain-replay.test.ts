// `ruleproof explain` and `ruleproof replay` end to end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getVariant } from '../../src/variants/index.js'
import { ruleproof } from './cli.js'

const RULE = 'fixtures/examples/eks-only-rule/eks_only_cronjob_created.yml'
const SIGMA = 'rules/sigma/kubernetes_audit_cronjob_modification.yml'
let dir: string

const event = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Request',
  auditID: '6a0c3f5e-1d2b-4c8e-9f70-2b4d6e8a0c13',
  stage: 'ResponseComplete',
  requestURI: '/apis/batch/v1/namespaces/default/cronjobs',
  verb: 'create',
  user: { username: 'jdoe@example.com' },
  sourceIPs: ['192.0.2.10'],
  objectRef: { resource: 'cronjobs', namespace: 'default', name: 'nightly', apiGroup: 'batch', apiVersion: 'v1' },
  responseStatus: { code: 201 },
  requestReceivedTimestamp: '2026-11-23T09:10:51.123456Z',
  stageTimestamp: '2026-11-23T09:10:51.140211Z',
} as const

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-explain-'))
  const decoded = getVariant('k8s').decode(event)
  const gke = getVariant('gke').encode(decoded.event, { provider: 'gke', clusterName: 'c', projectId: 'p', region: 'us-central1' })
  writeFileSync(path.join(dir, 'k8s.json'), JSON.stringify(event))
  writeFileSync(path.join(dir, 'gke.json'), JSON.stringify(gke))
  writeFileSync(path.join(dir, 'both.ndjson'), `${JSON.stringify(event)}\n${JSON.stringify(gke)}\n`)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ruleproof explain', () => {
  it('shows a Sigma rule matching, with its selections and the values of the fields it reads', async () => {
    const r = await ruleproof(['explain', '--rule', SIGMA, '--event', path.join(dir, 'k8s.json')])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('event 1 on k8s (the record fits k8s and eks; the rule claims k8s)')
    expect(r.stdout).toContain('verdict: MATCH')
    expect(r.stdout).toContain('selections that matched: selection')
    expect(r.stdout).toContain('verb = "create"')
  })

  it('shows why the EKS-only rule misses the same action on GKE: the fields it reads are absent there', async () => {
    const r = await ruleproof(['explain', '--rule', RULE, '--event', path.join(dir, 'gke.json'), '--format', 'json'])
    expect(r.code).toBe(0)
    const [e] = JSON.parse(r.stdout) as { variant: string; variantSource: string; match: boolean; claimed: boolean }[]
    expect(e).toMatchObject({ variant: 'gke', variantSource: 'detected', match: false, claimed: true })
  })

  it('shows the fields an SPL search reads, with their values; a search on free text reads the whole record', async () => {
    const seed = await ruleproof(['explain', '--rule', 'rules/splunk/detections/cloud/kubernetes_cron_job_creation.yml', '--event', path.join(dir, 'k8s.json'), '--variant', 'k8s'])
    expect(seed.code).toBe(0)
    // The create logged at Request level has no request body and no user agent: stats … by drops it, and the reads say why.
    expect(seed.stdout).toContain('verdict: no match')
    expect(seed.stdout).toContain('objectRef.resource = "cronjobs"')
    expect(seed.stdout).toContain('sourceIPs = ["192.0.2.10"]')
    expect(seed.stdout).toContain('requestObject.spec.schedule = (absent)')
    expect(seed.stdout).toContain('userAgent = (absent)')
    const free = path.join(dir, 'free_text.yml')
    writeFileSync(free, readFileSync('rules/splunk/detections/cloud/kubernetes_cron_job_creation.yml', 'utf8').replace(/^search: .*$/m, "search: 'nightly'"))
    const r = await ruleproof(['explain', '--rule', free, '--event', path.join(dir, 'k8s.json'), '--variant', 'k8s'])
    expect(r.stdout).toContain('verdict: MATCH')
    expect(r.stdout).toContain('the whole record (free text or _raw)')
    expect(r.stdout).not.toContain('none of the')
  })

  it('explains every event of an NDJSON file, and honours --variant', async () => {
    const r = await ruleproof(['explain', '--rule', SIGMA, '--event', path.join(dir, 'both.ndjson'), '--format', 'json'])
    const out = JSON.parse(r.stdout) as { event: number; variant: string; match: boolean }[]
    expect(out.map((e) => [e.event, e.variant, e.match])).toEqual([
      [1, 'k8s', true],
      [2, 'gke', true],
    ])
    const forced = await ruleproof(['explain', '--rule', SIGMA, '--event', path.join(dir, 'k8s.json'), '--variant', 'eks'])
    expect(forced.stdout).toContain('on eks (--variant)')
  })

  it('picks a variant the rule claims when the record fits several (a bare Event is k8s and eks)', async () => {
    const r = await ruleproof(['explain', '--rule', RULE, '--event', path.join(dir, 'k8s.json'), '--format', 'json'])
    const [e] = JSON.parse(r.stdout) as { variant: string; variantSource: string; claimed: boolean; fits: string[]; match: boolean; warnings?: string[] }[]
    expect(e).toMatchObject({ variant: 'eks', variantSource: 'detected', claimed: true, fits: ['k8s', 'eks'], match: true })
    expect(e!.warnings).toBeUndefined()
    const text = await ruleproof(['explain', '--rule', RULE, '--event', path.join(dir, 'k8s.json')])
    expect(text.stdout).toContain('event 1 on eks (the record fits k8s and eks; the rule claims eks)')
    const sigma = await ruleproof(['explain', '--rule', SIGMA, '--event', path.join(dir, 'k8s.json'), '--format', 'json'])
    expect((JSON.parse(sigma.stdout) as { variant: string }[])[0]!.variant).toBe('k8s')
  })

  it('says when the record does not look like the variant asked for, and when every field read is absent', async () => {
    const r = await ruleproof(['explain', '--rule', SIGMA, '--event', path.join(dir, 'k8s.json'), '--variant', 'gke'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('verb = (absent)')
    expect(r.stdout).toContain('warning: the record does not look like a gke record (it looks like k8s or eks)')
    expect(r.stdout).toMatch(/warning: none of the 3 field\(s\) the rule reads is present on gke/)
    const fits = await ruleproof(['explain', '--rule', SIGMA, '--event', path.join(dir, 'gke.json'), '--variant', 'gke', '--format', 'json'])
    expect((JSON.parse(fits.stdout) as { warnings?: string[] }[])[0]!.warnings).toBeUndefined()
    writeFileSync(path.join(dir, 'odd.json'), JSON.stringify({ hello: 'world' }))
    const odd = await ruleproof(['explain', '--rule', SIGMA, '--event', path.join(dir, 'odd.json'), '--format', 'json'])
    const [e] = JSON.parse(odd.stdout) as { variantSource: string; warnings: string[] }[]
    expect(e!.variantSource).toBe('rule')
    expect(e!.warnings).toEqual([expect.stringMatching(/its shape matches no known variant/), expect.stringMatching(/every value is \(absent\)/)])
  })

  it('needs --rule and --event (exit 3)', async () => {
    expect((await ruleproof(['explain', '--rule', SIGMA])).code).toBe(3)
  })
})

describe('ruleproof replay', () => {
  it('scores each rule per variant against the labels of a generated dataset', async () => {
    const data = path.join(dir, 'dataset')
    const gen = await ruleproof(['generate', '--variants', 'k8s,gke', '--count', '200', '--seed', '3', '--out', data])
    expect(gen.code, gen.stderr).toBe(0)
    const r = await ruleproof(['replay', '--dataset', data, '--rules', SIGMA, '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const { scores } = JSON.parse(r.stdout) as { scores: { rule: string; variant: string; events: number; tp: number; fp: number; tn: number; fn: number; positives: number; outOfScope: number; scoredBy: string; precision: number; recall: number; falsePositives: unknown[] }[] }
    expect(scores.map((s) => s.variant)).toEqual(['k8s', 'gke'])
    for (const s of scores) {
      expect(s.tp + s.fp + s.tn + s.fn + s.outOfScope).toBe(s.events)
      expect(s.tp + s.fn).toBe(s.positives)
      // No technique tags: scored on the families its tests name.
      expect(s.scoredBy).toBe('family')
      expect(s.recall).toBeGreaterThan(0)
      expect(s.precision).toBe(s.tp / (s.tp + s.fp))
    }
    // The portable Sigma rule scores the same on both variants.
    expect(scores[0]).toMatchObject({ tp: scores[1]!.tp, fp: scores[1]!.fp, tn: scores[1]!.tn, fn: scores[1]!.fn })
    const md = await ruleproof(['replay', '--dataset', data, '--rules', SIGMA, '--format', 'markdown'])
    expect(md.stdout).toContain('| rule | variant | events | positives | TP | FP | TN | FN | out of scope | precision | recall |')
  }, 120_000)

  it('says what is wrong with a folder that is no dataset (exit 2)', async () => {
    const r = await ruleproof(['replay', '--dataset', dir, '--rules', SIGMA])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('no manifest.json')
  })
})
