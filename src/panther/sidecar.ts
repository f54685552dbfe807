import { existsSync, readFileSync } from 'node:fs'
import type { Finding } from '../model/result.js'
import type { VariantOverride } from '../model/rule.js'
import { isVariantId, type VariantId } from '../model/variant.js'
import { LoadError } from '../shared/errors.js'
import { parseYamlDocuments, type SourceMap } from '../shared/yaml/index.js'
import { isObject, typeName } from './load/schema-dsl.js'
import { CHECKS } from './load/specs.js'

/**
 * `<rule>.ruleproof.yml` beside a Panther rule's YAML: what ruleproof asserts beyond PAT, kept
 * out of the rule file so PAT still accepts it.
 *
 *   tests:
 *     <test Name>:
 *       expected_title: "..."            # exact title() output
 *       expected_dedup: "..."            # exact dedup string (after PAT's defaults)
 *       expected_severity: HIGH          # case-insensitive; DEFAULT means the YAML Severity
 *       expected_alert_context: {...}    # equal to alert_context() (JSON equality)
 *       variants:                        # declared gaps when the test is replayed elsewhere
 *         gke: { expect: false, reason: "GKE has no stage" }
 *       <other keys>                     # kept for the harness (scenario expectations)
 *   <other top-level keys>               # kept for the harness (e.g. scenarios)
 */
export interface TestExpectations {
  title?: string
  dedup?: string
  severity?: string
  alertContext?: unknown
  overrides?: Partial<Record<VariantId, VariantOverride>>
  /** Keys ruleproof's Panther runner does not use, for the harness. */
  extra: Record<string, unknown>
  location: { file: string; line: number; column: number }
}

export interface Sidecar {
  file: string
  tests: Map<string, TestExpectations>
  /** Top-level keys other than `tests`, for the harness. */
  extra: Record<string, unknown>
  map: SourceMap
}

export function sidecarPath(ruleYaml: string): string | undefined {
  const base = ruleYaml.replace(/\.ya?ml$/i, '')
  for (const ext of ['.ruleproof.yml', '.ruleproof.yaml']) if (existsSync(base + ext)) return base + ext
  return undefined
}

const KNOWN = new Set(['expected_title', 'expected_dedup', 'expected_severity', 'expected_alert_context', 'variants'])
const SEVERITY = /^(info|low|medium|high|critical|default)$/i

export function loadSidecar(file: string, findings: Finding[]): Sidecar | undefined {
  let docs
  try {
    docs = parseYamlDocuments(readFileSync(file, 'utf8'), file)
  } catch (e) {
    if (e instanceof LoadError) {
      findings.push({ check: CHECKS.sidecar, severity: 'error', ...e.location, message: e.message })
      return undefined
    }
    throw e
  }
  const doc = docs[0]
  if (!doc || doc.value === null) return undefined
  const report = (path: (string | number)[], message: string, at: 'key' | 'value' = 'value'): void => {
    const loc = at === 'key' ? doc.map.key(path) : doc.map.value(path)
    findings.push({ check: CHECKS.sidecar, severity: 'error', file, line: loc.line, column: loc.column, message })
  }
  if (!isObject(doc.value)) {
    report([], `a ruleproof sidecar is a mapping, got ${typeName(doc.value)}`)
    return undefined
  }
  const { tests: rawTests, ...extra } = doc.value
  const tests = new Map<string, TestExpectations>()
  if (rawTests !== undefined && !isObject(rawTests)) report(['tests'], `tests: expected a mapping of test name to expectations, got ${typeName(rawTests)}`)
  for (const [name, raw] of Object.entries(isObject(rawTests) ? rawTests : {})) {
    const path = ['tests', name]
    if (!isObject(raw)) {
      report(path, `tests.${name}: expected a mapping, got ${typeName(raw)}`)
      continue
    }
    const exp: TestExpectations = { extra: {}, location: { file, ...pick(doc.map.key(path)) } }
    for (const [key, value] of Object.entries(raw)) {
      if (!KNOWN.has(key)) exp.extra[key] = value
    }
    for (const key of ['expected_title', 'expected_dedup'] as const) {
      if (key in raw) {
        if (typeof raw[key] !== 'string') report([...path, key], `${key}: expected a string, got ${typeName(raw[key])}`)
        else exp[key === 'expected_title' ? 'title' : 'dedup'] = raw[key]
      }
    }
    if ('expected_severity' in raw) {
      const s = raw.expected_severity
      if (typeof s !== 'string' || !SEVERITY.test(s)) report([...path, 'expected_severity'], `expected_severity: expected Info, Low, Medium, High, Critical or DEFAULT, got ${JSON.stringify(s)}`)
      else exp.severity = s
    }
    if ('expected_alert_context' in raw) {
      if (!isObject(raw.expected_alert_context)) report([...path, 'expected_alert_context'], `expected_alert_context: expected a mapping, got ${typeName(raw.expected_alert_context)}`)
      else exp.alertContext = raw.expected_alert_context
    }
    if ('variants' in raw) {
      const v = raw.variants
      if (!isObject(v)) report([...path, 'variants'], `variants: expected a mapping of variant to {expect, reason}, got ${typeName(v)}`)
      else {
        exp.overrides = {}
        for (const [variant, o] of Object.entries(v)) {
          if (!isVariantId(variant)) {
            report([...path, 'variants', variant], `unknown variant '${variant}' (k8s, eks, aks, gke, azure-activity)`, 'key')
          } else if (!isObject(o) || typeof o.expect !== 'boolean' || typeof o.reason !== 'string' || !o.reason.trim()) {
            report([...path, 'variants', variant], `variants.${variant}: needs expect (true/false) and a non-empty reason`)
          } else exp.overrides[variant] = { expect: o.expect, reason: o.reason }
        }
      }
    }
    tests.set(name, exp)
  }
  return { file, tests, extra, map: doc.map }
}

function pick(loc: { line: number; column: number }): { line: number; column: number } {
  return { line: loc.line, column: loc.column }
}
