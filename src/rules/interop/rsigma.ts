import type { Finding } from '../../model/result.js'
import type { SourceMap, YamlPath } from '../../shared/yaml/index.js'
import { DISCOVERY_CHECKS, finding } from '../findings.js'
import { interopTest, type PendingTests } from '../pending.js'

/**
 * rsigma exemplars (timescale/rsigma PR #469): a list under `custom_attributes: { rsigma.exemplars: […] }`
 * (wins) or a top-level `rsigma.exemplars:` key; each `{ name?, expect: match | no-match, event: {…} }`.
 * Correlation exemplars (`events:` with offsets) need an event stream and are reported, not run.
 */

const KEY = 'rsigma.exemplars'
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function exemplarList(value: Record<string, unknown>): { list: unknown; base: YamlPath } | undefined {
  const custom = value['custom_attributes']
  if (isObject(custom) && custom[KEY] !== undefined) return { list: custom[KEY], base: ['custom_attributes', KEY] }
  if (value[KEY] !== undefined) return { list: value[KEY], base: [KEY] }
  return undefined
}

export function rsigmaExemplars(value: Record<string, unknown>, map: SourceMap, rule: { id?: string; title?: string }): { tests: PendingTests | undefined; findings: Finding[] } {
  const found = exemplarList(value)
  if (!found) return { tests: undefined, findings: [] }
  const { list, base } = found
  const findings: Finding[] = []
  if (!Array.isArray(list)) {
    return { tests: undefined, findings: [finding(DISCOVERY_CHECKS.interop, 'error', map.value(base), '`rsigma.exemplars` must be a list')] }
  }
  const pending: PendingTests = { source: 'rsigma', rule, tests: [], location: map.key(base), variantFromRule: true }
  list.forEach((item, i) => {
    const at = map.value([...base, i])
    if (!isObject(item)) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', at, `rsigma exemplar ${i} must be a mapping`))
      return
    }
    const name = item['name'] === undefined ? `rsigma.exemplars[${i}]` : String(item['name'])
    const expect = item['expect']
    if (expect !== 'match' && expect !== 'no-match') {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', map.has([...base, i, 'expect']) ? map.value([...base, i, 'expect']) : at, `rsigma exemplar '${name}': expect must be match or no-match`))
      return
    }
    if (item['events'] !== undefined && item['event'] === undefined) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'warning', at, `rsigma exemplar '${name}': correlation exemplars (events with offsets) are not run by ruleproof yet`))
      return
    }
    if (!isObject(item['event'])) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', at, `rsigma exemplar '${name}' needs an \`event\` mapping`))
      return
    }
    pending.tests.push(interopTest(name, expect === 'match', item['event'], at, 'rsigma'))
  })
  return { tests: pending.tests.length ? pending : undefined, findings }
}
