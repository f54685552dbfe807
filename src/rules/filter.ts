import type { LoadedRule } from '../model/rule.js'
import { UsageError } from '../shared/errors.js'

/**
 * `--filter KEY=V1,V2` / `--filter KEY!=V` with panther_analysis_tool's semantics: filters AND
 * together, values within one filter OR; values compare case-insensitively; a list-valued fact
 * matches when any element does. Keys are looked up case-insensitively in the rule's facts
 * (Sigma: id, title, status, level, tags, logsource fields; Panther: every top-level key of its
 * YAML such as RuleID, Severity, LogTypes, Tags, Enabled; both: id, title, format, file, variants).
 */
export interface RuleFilter {
  key: string
  values: string[]
  negate: boolean
}

export function parseFilter(text: string): RuleFilter {
  const m = /^([^=!]+)(!?=)(.*)$/.exec(text)
  if (!m || m[1]!.trim() === '') throw new UsageError(`bad --filter '${text}': expected KEY=VALUE[,VALUE…] or KEY!=VALUE`)
  const values = m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '')
  if (values.length === 0) throw new UsageError(`bad --filter '${text}': no value after '${m[2]}'`)
  return { key: m[1]!.trim(), values, negate: m[2] === '!=' }
}

export type RuleFacts = Record<string, unknown>

function flatValues(v: unknown): string[] {
  if (v === undefined || v === null) return []
  if (Array.isArray(v)) return v.flatMap(flatValues)
  if (typeof v === 'object') return []
  return [String(v).toLowerCase()]
}

function factFor(facts: RuleFacts, key: string): unknown {
  const want = key.toLowerCase()
  for (const [k, v] of Object.entries(facts)) if (k.toLowerCase() === want) return v
  return undefined
}

export function matchesFilters(facts: RuleFacts, filters: readonly RuleFilter[]): boolean {
  return filters.every((f) => {
    const have = flatValues(factFor(facts, f.key))
    const hit = f.values.some((v) => have.includes(v.toLowerCase()))
    return f.negate ? !hit : hit
  })
}

/** Facts every rule has, whatever its format. */
export function baseFacts(rule: LoadedRule): RuleFacts {
  return { id: rule.id, title: rule.title, format: rule.format, file: rule.file, variants: rule.variants }
}
