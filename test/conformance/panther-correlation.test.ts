import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { correlationRule } from '../../src/panther/correlation/index.js'
import { discoverPantherFiles, loadPantherSpecs } from '../../src/panther/index.js'
import { projectRoot } from './corpus.js'

// ../shared/corpus/panther holds no correlation rules; this runs those of a full panther-analysis
// checkout when one is at hand (RULEPROOF_PANTHER_ANALYSIS, or ../panther-analysis).
const checkout = [process.env.RULEPROOF_PANTHER_ANALYSIS, path.resolve(projectRoot, '../panther-analysis')].find(
  (d): d is string => d !== undefined && existsSync(path.join(d, 'correlation_rules')),
)

describe.skipIf(!checkout)('Panther correlation rules of a panther-analysis checkout', () => {
  it('every test of every correlation rule (correlation_rules/ and rules/) runs offline and passes', async () => {
    const dir = checkout as string
    const files = discoverPantherFiles([path.join(dir, 'correlation_rules'), path.join(dir, 'rules')], { helperDirs: false }).filter((f) =>
      /AnalysisType:\s*["']?correlation_rule/.test(readFileSync(f, 'utf8')),
    )
    const { specs } = loadPantherSpecs(files, { packReferences: false })
    expect(specs.length).toBeGreaterThanOrEqual(31)
    let tests = 0
    for (const spec of specs) {
      const rule = correlationRule({ id: spec.id as string, file: spec.file, value: spec.value, map: spec.map })
      for (const test of rule.tests) {
        const r = await rule.runTest(test)
        expect({ rule: rule.id, test: test.name, status: r.status, message: r.status === 'pass' ? undefined : r.message }).toEqual({
          rule: rule.id,
          test: test.name,
          status: 'pass',
          message: undefined,
        })
        tests++
      }
    }
    expect(tests).toBeGreaterThanOrEqual(91)
  })
})
