import { existsSync, readFileSync } from 'node:fs'
import type { Finding } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'
import { LoadError } from '../shared/errors.js'
import { parseYamlDocuments } from '../shared/yaml/index.js'
import { declaredExpectation } from './expectations.js'
import { isVariantId, type VariantId } from '../model/variant.js'
import type { GeneratedGap, ScenarioExpectation } from './types.js'

/**
 * Scenario declarations in a rule's `<rule>.ruleproof.yml` sidecar (where Panther rules keep
 * what PAT would reject):
 *
 *   scenarios:
 *     match: [atomic.*]
 *     ignore: [benign.*, noise.*]
 *     gaps:                        # generated actions that may differ, and why
 *       - families: [benign.log-rotation-cronjob]
 *         variants: [aks]
 *         reason: ...
 *
 * This is the harness's only file read, done once per rule by the CLI and vitest edges.
 */
export function sidecarExpectation(rule: LoadedRule, findings: Finding[]): ScenarioExpectation | undefined {
  const base = rule.file.replace(/\.(ya?ml|json)$/i, '')
  const file = ['.ruleproof.yml', '.ruleproof.yaml'].map((e) => base + e).find((f) => existsSync(f))
  if (!file) return undefined
  let value: unknown
  let doc
  try {
    doc = parseYamlDocuments(readFileSync(file, 'utf8'), file)[0]
    value = doc?.value
  } catch (e) {
    // The rule's loader reports the sidecar's syntax errors; nothing to add here.
    if (e instanceof LoadError) return undefined
    throw e
  }
  if (!doc || typeof value !== 'object' || value === null || !('scenarios' in value)) return undefined
  const s = (value as { scenarios: unknown }).scenarios
  const at = doc.map.value(['scenarios'])
  const bad = (message: string): undefined => {
    findings.push({ check: 'scenario-declaration', severity: 'error', file, line: at.line, column: at.column, message, rule: rule.id })
    return undefined
  }
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return bad('scenarios: expected a mapping with match and/or ignore lists')
  const out: ScenarioExpectation = { match: [], ignore: [], location: { file, line: at.line, column: at.column } }
  for (const [key, list] of Object.entries(s)) {
    if (key === 'gaps') {
      const gaps = parseGaps(list)
      if (typeof gaps === 'string') return bad(gaps)
      out.gaps = gaps
      continue
    }
    if (key !== 'match' && key !== 'ignore') return bad(`scenarios: unknown key '${key}' (match, ignore, gaps)`)
    const items = typeof list === 'string' ? [list] : list
    if (!Array.isArray(items) || !items.every((x) => typeof x === 'string')) return bad(`scenarios.${key}: expected a list of family names or globs`)
    out[key] = items as string[]
  }
  return out
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')

/** `gaps: [{ families: [...], variants: [...], reason }]`, or the problem as a message. */
function parseGaps(value: unknown): GeneratedGap[] | string {
  if (!Array.isArray(value)) return 'scenarios.gaps: expected a list of { families, variants, reason }'
  const out: GeneratedGap[] = []
  for (const [i, g] of value.entries()) {
    const o = (typeof g === 'object' && g !== null ? g : {}) as Record<string, unknown>
    const where = `scenarios.gaps[${i}]`
    if (!strings(o['families'])) return `${where}.families: expected a list of family names or globs`
    if (!strings(o['variants']) || !o['variants'].every(isVariantId)) return `${where}.variants: expected a list of variants (k8s, eks, aks, gke, azure-activity)`
    if (typeof o['reason'] !== 'string' || o['reason'].trim() === '') return `${where}.reason: a declared gap needs a reason`
    out.push({ families: o['families'], variants: o['variants'] as VariantId[], reason: o['reason'] })
  }
  return out
}

/** Rule's own declaration (loader-attached), else its sidecar's; findings collect sidecar errors. */
export function attachedExpectations(rules: readonly LoadedRule[], findings: Finding[]): Map<LoadedRule, ScenarioExpectation> {
  const out = new Map<LoadedRule, ScenarioExpectation>()
  for (const r of rules) {
    const e = declaredExpectation(r) ?? sidecarExpectation(r, findings)
    if (e) out.set(r, e)
  }
  return out
}
