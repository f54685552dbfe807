// replay scores each rule on its own ground truth: the malicious records of the techniques it
// claims (or the families its tests name); other attacks are out of its scope, counted apart.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli/main.js'

const root = path.resolve(import.meta.dirname, '../..')
const CRONJOB = path.join(root, 'rules/sigma/kubernetes_audit_cronjob_modification.yml')

const rule = (title: string, tags: string[], extra = ''): string => `title: ${title}
id: 6f1d2c3b-0000-4000-8000-${String(tags.length).padStart(12, '0')}
status: test
tags:
${tags.map((t) => `    - ${t}`).join('\n') || '    - attack.execution'}
logsource:
    product: kubernetes
    service: audit
detection:
    selection:
        objectRef.resource:
            - cronjobs
            - jobs
            - pods
        verb: create
    condition: selection
level: medium
${extra}`

interface JsonScore {
  rule: string
  variant: string
  events: number
  tp: number
  fp: number
  tn: number
  fn: number
  positives: number
  outOfScope: number
  outOfScopeMatched: number
  scoredBy: string
  precision: number | null
  recall: number | null
  note?: string
  falsePositives: { family: string }[]
}

let dir: string
let data: string
/** The same dataset without any T1609 / T1610 family. */
let withoutExec: string
async function replay(rules: string[], format = 'json', dataset = data): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s), cwd: root, env: {} }
  const code = await run(['replay', '--dataset', dataset, '--format', format, ...rules.flatMap((r) => ['--rules', r])], io)
  return { code, stdout, stderr }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-replay-truth-'))
  data = path.join(dir, 'dataset')
  const io = { stdout: () => {}, stderr: () => {}, cwd: root, env: {} }
  expect(await run(['generate', '--variants', 'k8s', '--count', '400', '--seed', '5', '--attack-ratio', '0.4', '--out', data], io)).toBe(0)
  withoutExec = path.join(dir, 'without-exec')
  const families = '*,!atomic.pod-*,!atomic.node-proxy,!atomic.daemonset,!atomic.unusual-registry-pod'
  expect(await run(['generate', '--variants', 'k8s', '--count', '300', '--seed', '5', '--attack-ratio', '0.3', '--families', families, '--out', withoutExec], io)).toBe(0)
  writeFileSync(path.join(dir, 'cron.yml'), rule('Cron by technique', ['attack.persistence', 'attack.t1053']))
  writeFileSync(path.join(dir, 'exec.yml'), rule('Exec by technique', ['attack.execution', 'attack.t1609', 'attack.t1610']))
  writeFileSync(path.join(dir, 'bare.yml'), rule('No technique', []))
}, 120_000)

describe('replay ground truth per rule', () => {
  it('counts a parent-technique claim on sub-technique records; tp + fn == positives, out-of-scope apart', async () => {
    const r = await replay([path.join(dir, 'cron.yml')])
    expect(r.code, r.stderr).toBe(0)
    const [s] = (JSON.parse(r.stdout) as { scores: JsonScore[] }).scores
    expect(s!.scoredBy).toBe('technique')
    expect(s!.positives).toBeGreaterThan(0)
    expect(s!.tp + s!.fn).toBe(s!.positives)
    // Exec, secrets, RBAC … attacks are other techniques: counted apart, not as misses or false positives.
    expect(s!.outOfScope).toBeGreaterThan(0)
    expect(s!.tp + s!.fp + s!.tn + s!.fn + s!.outOfScope).toBe(s!.events)
    expect(s!.recall).toBe(s!.tp / s!.positives)
  })

  it('scores a T1609 rule on the exec / attach / node-proxy families', async () => {
    const r = await replay([path.join(dir, 'exec.yml')])
    const [s] = (JSON.parse(r.stdout) as { scores: JsonScore[] }).scores
    expect(s!.positives).toBeGreaterThan(0)
    expect(s!.tp + s!.fn).toBe(s!.positives)
  })

  it('says the dataset holds nothing for the rule instead of recall 0, naming what to add', async () => {
    const r = await replay([path.join(dir, 'exec.yml')], 'json', withoutExec)
    expect(r.code, r.stderr).toBe(0)
    const [s] = (JSON.parse(r.stdout) as { scores: JsonScore[] }).scores
    expect(s).toMatchObject({ scoredBy: 'technique', positives: 0, tp: 0, fn: 0, recall: null })
    // The CronJob attacks create jobs and pods the rule matches: out of scope, not false positives.
    expect(s!.outOfScope).toBeGreaterThan(0)
    expect(s!.outOfScopeMatched).toBeGreaterThan(0)
    expect(s!.falsePositives).toEqual(expect.not.arrayContaining([expect.objectContaining({ family: expect.stringMatching(/^atomic\./) })]))
    expect(s!.note).toMatch(/^no labelled events for T1609, T1610 in this dataset: add families atomic\.pod-exec, atomic\.pod-attach, atomic\.node-proxy, atomic\.daemonset, atomic\.unusual-registry-pod \(ruleproof generate --families /)
    const text = await replay([path.join(dir, 'exec.yml')], 'text', withoutExec)
    expect(text.stdout).toContain('no labelled events for T1609, T1610 in this dataset')
    expect(text.stdout).not.toMatch(/\b0\.0%\s*$/m)
  })

  it('scores a rule without techniques on the families its tests name, else reports it unscored with the reason', async () => {
    const r = await replay([CRONJOB, path.join(dir, 'bare.yml')])
    expect(r.code, r.stderr).toBe(0)
    const scores = (JSON.parse(r.stdout) as { scores: JsonScore[] }).scores
    const fam = scores.find((s) => s.rule === '0c9b3bda-41a6-4442-9345-356ae86343dc')!
    expect(fam.scoredBy).toBe('family')
    expect(fam.positives).toBeGreaterThan(0)
    expect(fam.tp + fam.fn).toBe(fam.positives)
    expect(fam.tp + fam.fp + fam.tn + fam.fn + fam.outOfScope).toBe(fam.events)
    const bare = scores.find((s) => s.rule !== fam.rule)!
    expect(bare).toMatchObject({ scoredBy: 'unscored', positives: 0, tp: 0, fn: 0, precision: null, recall: null })
    expect(bare.note).toContain('unscored: the rule claims no ATT&CK technique')
  })
})
