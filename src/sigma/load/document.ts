import type { Finding } from '../../model/result.js'
import type { SourceMap, YamlPath } from '../../shared/yaml/index.js'
import { schemaFindings } from '../schema/validate.js'
import { parseTestList } from '../tests/parse.js'
import type { ExpandedDocument } from './collection.js'
import { correlationFindings } from './correlation.js'
import { legacyIssues } from './legacy.js'
import {
  LOAD_CHECKS,
  type SigmaCorrelation,
  type SigmaCorrelationDocument,
  type SigmaDocument,
  type SigmaFilterDocument,
  type SigmaRuleDocument,
  type SigmaKind,
  type SigmaLogsource,
} from './types.js'

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/** The document kind, by its distinguishing top-level key (as pySigma decides). */
export function sigmaKind(value: Record<string, unknown>): SigmaKind {
  if ('correlation' in value) return 'correlation'
  if ('filter' in value) return 'filter'
  return 'rule'
}

function logsourceOf(v: unknown): SigmaLogsource {
  if (!isMap(v)) return {}
  const out: SigmaLogsource = {}
  for (const k of ['category', 'product', 'service', 'definition'] as const) {
    const s = str(v[k])
    if (s !== undefined) out[k] = s
  }
  return out
}

function finding(map: SourceMap, path: YamlPath, check: string, message: string, atKey = false): Finding {
  const at = atKey ? map.key(path) : map.value(path)
  return { check, severity: 'error', file: at.file, line: at.line, column: at.column, message }
}

/**
 * Turns one (expanded) YAML document into a typed Sigma document with its findings:
 * schema errors at their key or value, legacy Sigma 1.x syntax with what to write instead,
 * and the embedded `tests:` list.
 */
/**
 * The specification allows a list of conditions (each a query, results OR-ed; pySigma agrees),
 * the 2.1.0 JSON schema only a string. Such a rule is loaded and evaluated, with a warning that
 * schema-strict tools reject it; the schema sees its first condition.
 */
function withStringCondition(kind: string, part: Record<string, unknown>, map: SourceMap, findings: Finding[]): Record<string, unknown> {
  const detection = part.detection
  if (kind !== 'rule' || !isMap(detection)) return part
  const condition = detection.condition
  if (!Array.isArray(condition) || condition.length === 0 || !condition.every((c) => typeof c === 'string')) return part
  const at = map.value(['detection', 'condition'])
  findings.push({
    check: LOAD_CHECKS.schema,
    severity: 'warning',
    ...at,
    message:
      'detection.condition: a list of conditions is evaluated as their OR (Sigma specification), but the 2.1.0 JSON schema allows only a string, so schema-strict tools reject this rule; prefer one condition joined with `or`',
  })
  return { ...part, detection: { ...detection, condition: condition[0] } }
}

export function buildDocument(doc: ExpandedDocument, file: string): SigmaDocument | Finding {
  const { map, index } = doc
  if (!isMap(doc.value)) {
    return finding(map, [], LOAD_CHECKS.schema, `document ${index + 1} is not a map of Sigma keys (title, logsource, detection, …)`)
  }
  const value = doc.value
  const kind = sigmaKind(value)
  const findings: Finding[] = []

  const legacy = kind === 'rule' ? legacyIssues(value) : []
  for (const l of legacy) findings.push(finding(map, l.path, LOAD_CHECKS.legacy, l.message))
  // Schema-check everything but our own `tests:` key, which has its own schema below. The
  // validators only read, so a document without `tests:` is validated as it is, not copied.
  const rawTests = value.tests
  const sigmaPart = Object.hasOwn(value, 'tests') ? withoutTests(value) : value
  for (const f of schemaFindings(kind, withStringCondition(kind, sigmaPart, map, findings), map)) {
    // A legacy finding already explains this place better.
    const dup = legacy.some((l) => {
      const at = map.value(l.path)
      return at.line === f.line && at.column === f.column
    })
    if (!dup) findings.push(f)
  }
  const compilable = !findings.some((f) => f.severity === 'error')

  const title = str(value.title) ?? `(untitled document ${index + 1})`
  // Built by assignment in one fixed key order (the order spreading used to give): spreading
  // objects of varying shapes made this the loader's slowest line.
  const built = { file, index, value, map, location: map.key([Object.keys(value)[0] ?? 'title']), title } as SigmaDocument
  const id = str(value.id)
  if (id !== undefined) built.id = id
  const name = str(value.name)
  if (name !== undefined) built.name = name
  const status = str(value.status)
  if (status !== undefined) built.status = status
  const level = str(value.level)
  if (level !== undefined) built.level = level
  const author = str(value.author)
  if (author !== undefined) built.author = author
  built.findings = findings
  built.valid = compilable
  const ruleRef = id ?? title

  if (kind === 'correlation') {
    const c = isMap(value.correlation) ? value.correlation : {}
    if (compilable) findings.push(...correlationFindings(c, map))
    const correlation: SigmaCorrelation = {
      type: str(c.type) ?? '',
      rules: strings(c.rules),
      groupBy: strings(c['group-by']),
      timespan: str(c.timespan) ?? '',
    }
    if (isMap(c.condition)) correlation.condition = c.condition
    if (isMap(c.aliases)) correlation.aliases = c.aliases as Record<string, Record<string, string>>
    // The schema puts `generate` at the top; pySigma reads it inside `correlation:`. Accept both.
    const generate = typeof value.generate === 'boolean' ? value.generate : c.generate
    if (typeof generate === 'boolean') correlation.generate = generate
    const out = built as SigmaCorrelationDocument
    out.valid = !findings.some((f) => f.severity === 'error')
    out.kind = kind
    out.correlation = correlation
    return out
  }

  if (kind === 'filter') {
    const f = isMap(value.filter) ? value.filter : {}
    const { rules, ...detection } = f
    const out = built as SigmaFilterDocument
    out.kind = kind
    out.logsource = logsourceOf(value.logsource)
    out.rules = rules === 'any' ? [] : strings(rules)
    out.detection = detection
    return out
  }

  const ruleDoc = built as SigmaRuleDocument
  ruleDoc.kind = kind
  ruleDoc.logsource = logsourceOf(value.logsource)
  ruleDoc.detection = isMap(value.detection) ? value.detection : {}
  ruleDoc.tests = []
  if (rawTests !== undefined) {
    const parsed = parseTestList(rawTests, map, ['tests'], ruleRef)
    ruleDoc.tests = parsed.tests
    findings.push(...parsed.findings)
    if (parsed.scenarios.length) ruleDoc.scenarios = parsed.scenarios
  }
  const regression = str(value.regression_tests_path)
  if (regression !== undefined) ruleDoc.regressionTestsPath = regression
  return ruleDoc
}

function withoutTests(value: Record<string, unknown>): Record<string, unknown> {
  const { tests: _tests, ...rest } = value
  return rest
}
