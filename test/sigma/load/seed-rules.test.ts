import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadSigmaText, sigmaRulesFromDocuments } from '../../../src/sigma/index.js'

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../rules/sigma')
const files = readdirSync(dir).filter((f) => f.endsWith('.yml') && !f.endsWith('.tests.yml')).sort()

describe('the seed Sigma rules in rules/sigma', () => {
  it('are the two SigmaHQ rules', () => {
    expect(files).toEqual(['azure_kubernetes_cronjob.yml', 'kubernetes_audit_cronjob_modification.yml'])
  })

  for (const file of files) {
    describe(file, () => {
      const text = readFileSync(path.join(dir, file), 'utf8')
      const loaded = loadSigmaText(text, `rules/sigma/${file}`)
      const rules = sigmaRulesFromDocuments(loaded.documents)

      it('loads with no findings and keeps the DRL attribution', () => {
        expect(loaded.findings).toEqual([])
        expect(rules).toHaveLength(1)
        expect(text).toMatch(/^# Source: SigmaHQ\/sigma rules\//)
        expect(text).toMatch(/Detection Rule License \(DRL\) 1\.1/)
        expect(loaded.documents[0]!.author).toBeTruthy()
      })

      it('has positive and negative embedded tests, and every one passes on its own variant', async () => {
        const rule = rules[0]!
        expect(rule.tests.some((t) => t.expect)).toBe(true)
        expect(rule.tests.some((t) => !t.expect)).toBe(true)
        const results = await Promise.all(rule.tests.map((t) => rule.runTest(t)))
        expect(results.filter((r) => r.status !== 'pass')).toEqual([])
      })
    })
  }

  it('the Azure rule marks its assumed Activity-log records as hypothetical', () => {
    const text = readFileSync(path.join(dir, 'azure_kubernetes_cronjob.yml'), 'utf8')
    const [rule] = sigmaRulesFromDocuments(loadSigmaText(text, 'a.yml').documents)
    const dataActions = rule!.tests.filter((t) => /\/BATCH\//i.test(String((t.event as { operationName: string }).operationName)))
    expect(dataActions.length).toBeGreaterThan(0)
    for (const t of dataActions) expect(t.name).toMatch(/^HYPOTHETICAL/)
    expect(rule!.tests.every((t) => t.variant === 'azure-activity')).toBe(true)
  })
})
