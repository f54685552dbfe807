import type { Finding } from '../../model/result.js'
import type { SourceMap } from '../../shared/yaml/index.js'
import { DISCOVERY_CHECKS, finding } from '../findings.js'
import { interopTest, type PendingTests } from '../pending.js'

/**
 * Zircolite `--test-rules` file: a JSON array of `{ title?, id?, true_positive: [event…],
 * true_negative: [event…] }`, matched to rules by title or id. Zircolite passes a true-positive
 * group when at least one event matches; ruleproof checks every event on its own (stricter: a
 * true positive that does not match is a failure of that event).
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function zircoliteTests(value: unknown, map: SourceMap, file: string): { tests: PendingTests[]; findings: Finding[] } {
  const findings: Finding[] = []
  const tests: PendingTests[] = []
  if (!Array.isArray(value)) {
    return { tests, findings: [finding(DISCOVERY_CHECKS.interop, 'error', { file, line: 1, column: 1 }, 'a Zircolite test file must be a JSON array')] }
  }
  value.forEach((entry, i) => {
    const at = map.value([i])
    if (!isObject(entry)) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', at, `Zircolite test entry ${i} must be an object`))
      return
    }
    const id = typeof entry['id'] === 'string' && entry['id'] !== '' ? entry['id'] : undefined
    const title = typeof entry['title'] === 'string' && entry['title'] !== '' ? entry['title'] : undefined
    if (!id && !title) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', at, `Zircolite test entry ${i} needs a \`title\` or an \`id\``))
      return
    }
    const rule: { id?: string; title?: string } = {}
    if (id) rule.id = id
    if (title) rule.title = title
    // Zircolite files often cover several rule sets: a rule not loaded here is a warning.
    const pending: PendingTests = { source: 'zircolite', rule, tests: [], location: at, variantFromRule: true, missingSeverity: 'warning' }
    for (const [key, expect] of [['true_positive', true], ['true_negative', false]] as const) {
      const list = entry[key]
      if (list === undefined) continue
      if (!Array.isArray(list)) {
        findings.push(finding(DISCOVERY_CHECKS.interop, 'error', map.value([i, key]), `Zircolite \`${key}\` must be an array of events`))
        continue
      }
      list.forEach((event, j) => {
        const eat = map.value([i, key, j])
        if (!isObject(event)) findings.push(finding(DISCOVERY_CHECKS.interop, 'error', eat, `Zircolite \`${key}[${j}]\` must be an event object`))
        else pending.tests.push(interopTest(`zircolite ${key}[${j}]`, expect, event, eat, 'zircolite'))
      })
    }
    if (pending.tests.length) tests.push(pending)
  })
  return { tests, findings }
}
