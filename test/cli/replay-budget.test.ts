// replay --max-duration: the variant being read keeps the records scored so far and says where it
// stopped; variants not reached are named as not scored; exit 1.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { scoreVariant } from '../../src/cli/commands/replay.js'
import { run } from '../../src/cli/main.js'
import { loadRuleSet } from '../../src/rules/index.js'
import type { Budget } from '../../src/shared/budget.js'

const root = path.resolve(import.meta.dirname, '../..')
const SIGMA = path.join(root, 'rules/sigma/kubernetes_audit_cronjob_modification.yml')

function budgetAfter(n: number): Budget {
  let asked = 0
  return { label: '--max-duration 1s', expired: () => asked++ >= n, expiry: new Promise(() => {}) }
}

describe('replay within a time budget', () => {
  it('stops scoring a variant where the budget ran out, keeping the records scored before', async () => {
    const data = path.join(mkdtempSync(path.join(os.tmpdir(), 'ruleproof-replay-budget-')), 'dataset')
    const io = { stdout: () => {}, stderr: () => {}, cwd: root, env: {} }
    expect(await run(['generate', '--variants', 'k8s', '--count', '40', '--seed', '3', '--out', data], io)).toBe(0)
    const set = await loadRuleSet([SIGMA], { cwd: root })
    const all = await scoreVariant(data, 'k8s', set.rules)
    expect(all.stoppedAt).toBeUndefined()
    const cut = await scoreVariant(data, 'k8s', set.rules, budgetAfter(10))
    expect(cut.stoppedAt).toBe(10)
    expect(cut.scores[0]!.events).toBeLessThanOrEqual(10)
    expect(all.scores[0]!.events).toBeGreaterThan(10)
  })

  it('records scored before the budget ran out still come from the manifest\'s files: an edit past them is refused', async () => {
    const data = path.join(mkdtempSync(path.join(os.tmpdir(), 'ruleproof-replay-budget-')), 'dataset')
    const io = { stdout: () => {}, stderr: () => {}, cwd: root, env: {} }
    expect(await run(['generate', '--variants', 'k8s', '--count', '600', '--seed', '3', '--out', data], io)).toBe(0)
    const file = path.join(data, 'k8s.ndjson')
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
    lines[lines.length - 1] = lines[lines.length - 1]!.replace(/"verb":"\w+"/, '"verb":"create"') + ' '
    writeFileSync(file, lines.join('\n') + '\n')
    const set = await loadRuleSet([SIGMA], { cwd: root })
    // 600 records span several reads: the first are scored before the edited last line is read.
    await expect(scoreVariant(data, 'k8s', set.rules, budgetAfter(10))).rejects.toThrow(/k8s\.ndjson: does not match manifest\.json \(sha256 differs\)/)
    await expect(scoreVariant(data, 'k8s', set.rules)).rejects.toThrow(/k8s\.ndjson: does not match manifest\.json \(sha256 differs\)/)
  })
})
