import path from 'node:path'
import type { Finding } from '../../model/result.js'
import type { SourceMap, YamlDocument } from '../../shared/yaml/index.js'
import { DISCOVERY_CHECKS, finding } from '../findings.js'
import { interopTest, type PendingTests } from '../pending.js'

/**
 * sigma-test (bradleyjkemp/sigma-test), two conventions:
 * - in the rule: `testcases: { match: [event…], dont-match: [event…] }`;
 * - beside it: `<rule>_test.yml`, one YAML document per case, `{ match: bool (default true), event: {…} }`.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads a rule document's `testcases:` block. */
export function sigmaTestEmbedded(value: Record<string, unknown>, map: SourceMap, rule: { id?: string; title?: string }): { tests: PendingTests | undefined; findings: Finding[] } {
  const block = value['testcases']
  if (block === undefined) return { tests: undefined, findings: [] }
  const findings: Finding[] = []
  if (!isObject(block)) {
    return { tests: undefined, findings: [finding(DISCOVERY_CHECKS.interop, 'error', map.value(['testcases']), 'sigma-test `testcases` must be a mapping with `match` and `dont-match` lists')] }
  }
  const pending: PendingTests = { source: 'sigma-test', rule, tests: [], location: map.key(['testcases']), variantFromRule: true }
  for (const [key, expect] of [['match', true], ['dont-match', false]] as const) {
    const list = block[key]
    if (list === undefined || list === null) continue
    if (!Array.isArray(list)) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', map.value(['testcases', key]), `sigma-test \`testcases.${key}\` must be a list of events`))
      continue
    }
    list.forEach((event, i) => {
      const at = map.value(['testcases', key, i])
      if (!isObject(event)) findings.push(finding(DISCOVERY_CHECKS.interop, 'error', at, `sigma-test \`testcases.${key}[${i}]\` must be an event mapping`))
      else pending.tests.push(interopTest(`testcases.${key}[${i}]`, expect, event, at, 'sigma-test'))
    })
  }
  for (const key of Object.keys(block)) {
    if (key !== 'match' && key !== 'dont-match') {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', map.key(['testcases', key]), `sigma-test \`testcases\` has an unknown key \`${key}\` (match, dont-match)`))
    }
  }
  return { tests: pending.tests.length ? pending : undefined, findings }
}

/** The rule file a `<rule>_test.yml` belongs to (sigma-test keeps the rule's extension). */
export function sigmaTestRuleFile(testFile: string): string {
  const ext = path.extname(testFile)
  return testFile.slice(0, -(`_test${ext}`.length)) + ext
}

/** Reads a `<rule>_test.yml` file's documents. */
export function sigmaTestFile(docs: readonly YamlDocument[], file: string): { tests: PendingTests; findings: Finding[] } {
  const findings: Finding[] = []
  const pending: PendingTests = {
    source: 'sigma-test',
    ruleFile: sigmaTestRuleFile(file),
    tests: [],
    location: { file, line: 1, column: 1 },
    variantFromRule: true,
  }
  const base = path.basename(file)
  docs.forEach((doc, i) => {
    const at = doc.map.value([])
    const v = doc.value
    if (v === null || v === undefined) return
    if (!isObject(v)) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', at, 'a sigma-test case must be a mapping with `event` and optional `match`'))
      return
    }
    const match = v['match'] ?? true
    if (typeof match !== 'boolean') {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', doc.map.value(['match']), 'sigma-test `match` must be true or false'))
      return
    }
    if (!isObject(v['event'])) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', doc.map.has(['event']) ? doc.map.value(['event']) : at, 'a sigma-test case needs an `event` mapping'))
      return
    }
    pending.tests.push(interopTest(`${base}[${i}]`, match, v['event'], at, 'sigma-test'))
  })
  return { tests: pending, findings }
}
