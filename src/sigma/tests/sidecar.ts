import type { Finding } from '../../model/result.js'
import type { TestCase } from '../../model/rule.js'
import { LoadError } from '../../shared/errors.js'
import { parseYamlDocuments } from '../../shared/yaml/index.js'
import { LOAD_CHECKS } from '../load/types.js'
import { schemaFindings } from '../schema/validate.js'
import { parseTestList, type SigmaScenarioItem } from './parse.js'

/** `rules/foo.yml` → `rules/foo.tests.yml`: where a rule's sidecar tests live. */
export function sidecarPathFor(ruleFile: string): string {
  return ruleFile.replace(/\.ya?ml$/i, '') + '.tests.yml'
}

/** True for a sidecar file name (so rule discovery does not load it as a rule). */
export function isSidecarPath(file: string): boolean {
  return /\.tests\.ya?ml$/i.test(file)
}

/**
 * Reads a sidecar `<rule>.tests.yml`: a map with a `tests:` list of the same test cases and
 * scenario declarations a rule embeds. When the rule file holds several rules, each item names
 * its rule with `rule:` (id, name or title).
 */
export function loadSigmaTestsText(text: string, file: string): { tests: TestCase[]; scenarios: SigmaScenarioItem[]; findings: Finding[] } {
  let docs
  try {
    docs = parseYamlDocuments(text, file)
  } catch (e) {
    if (!(e instanceof LoadError)) throw e
    const l = e.location
    return { tests: [], scenarios: [], findings: [{ check: LOAD_CHECKS.yaml, severity: 'error', file, line: l.line, column: l.column, message: e.message }] }
  }
  const tests: TestCase[] = []
  const scenarios: SigmaScenarioItem[] = []
  const findings: Finding[] = []
  for (const doc of docs) {
    if (doc.value === null) continue
    const top = schemaFindings('tests-sidecar', doc.value, doc.map, { check: LOAD_CHECKS.tests })
    const v = doc.value as Record<string, unknown>
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !('tests' in v)) {
      findings.push(...top)
      continue
    }
    // Item-level problems come from parseTestList (same messages, and it keeps the good items).
    findings.push(...top.filter((f) => !f.message.startsWith('tests[')))
    const parsed = parseTestList(v.tests, doc.map, ['tests'])
    tests.push(...parsed.tests)
    scenarios.push(...parsed.scenarios)
    findings.push(...parsed.findings)
  }
  return { tests, scenarios, findings }
}
