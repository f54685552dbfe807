import { existsSync, readFileSync } from 'node:fs'
import type { Finding, Severity } from '../model/result.js'
import type { TestCase } from '../model/rule.js'
import type { SourceLocation } from '../model/source.js'
import type { VariantId } from '../model/variant.js'
import { createAjv2020 } from '../shared/ajv.js'
import { LoadError } from '../shared/errors.js'
import { parseYamlDocuments, type SourceMap, type YamlPath } from '../shared/yaml/index.js'
import { wholeFileLocator, yamlScalarLocator, type QueryLocator } from './location.js'
import { SENTINEL_RULE_SCHEMA } from './schema.js'
import { readQueryTest, type QueryTestExtra } from '../rules/query-test.js'

/** Check ids of KQL load findings. */
export const KQL_CHECKS = {
  schema: 'kql-schema',
  syntax: 'kql-syntax',
  unsupported: 'kql-unsupported',
  query: 'kql-query',
  tests: 'kql-tests',
} as const

/** The variant a KQL test's `event` is written in when the test does not say. */
export const DEFAULT_KQL_TEST_VARIANT: VariantId = 'aks'

/** What a KQL sidecar test adds to its test case (src/rules/query-test.ts). */
export type KqlTestExtra = QueryTestExtra

/** One Sentinel rule's text and metadata, before its query is parsed. */
export interface KqlRuleSource {
  file: string
  id: string
  name: string
  location: SourceLocation
  /** The rule's metadata (YAML keys; for a `.kql` file, the sidecar's top-level keys). */
  meta: Record<string, unknown>
  query: string
  locator: QueryLocator
  /** Where each metadata key is (the rule YAML's or the sidecar's map). */
  map?: SourceMap
  tests: TestCase[]
}

let validator: ReturnType<ReturnType<typeof createAjv2020>['compile']> | undefined

function validate(value: unknown): { path: YamlPath; message: string }[] {
  validator ??= createAjv2020({ allErrors: true, strict: false }).compile(SENTINEL_RULE_SCHEMA)
  if (validator(value)) return []
  return (validator.errors ?? []).map((e) => {
    const path: (string | number)[] = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')))
    const extra = (e.params as { additionalProperty?: string; missingProperty?: string })
    if (extra.additionalProperty) return { path: [...path, extra.additionalProperty], message: `'${extra.additionalProperty}' is not a key of a Sentinel analytics rule` }
    if (extra.missingProperty) return { path, message: `missing required key '${extra.missingProperty}'` }
    return { path, message: `${path.length ? path.join('.') : 'the rule'} ${e.message ?? 'is invalid'}` }
  })
}

function finding(check: string, severity: Severity, at: SourceLocation, message: string, rule?: string): Finding {
  return { check, severity, file: at.file, line: at.line, column: at.column, message, ...(rule ? { rule } : {}) }
}

export function sidecarOf(ruleFile: string): string | undefined {
  const base = ruleFile.replace(/\.(ya?ml|kql)$/i, '')
  for (const ext of ['.ruleproof.yml', '.ruleproof.yaml']) if (existsSync(base + ext)) return base + ext
  return undefined
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const TEST_KEYS = new Set(['name', 'description', 'expect', 'variant', 'event', 'events', 'now', 'values', 'rows', 'overrides', 'family', 'variants', 'reason'])

/** `tests:` of a sidecar: Sigma's embedded-test keys, plus `events`, `now`, `values`, `rows`. */
export function readTests(value: unknown, map: SourceMap, findings: Finding[], ruleId: string): { tests: TestCase[]; families: Record<string, unknown>[] } {
  const tests: TestCase[] = []
  const families: Record<string, unknown>[] = []
  if (value === undefined) return { tests, families }
  const bad = (path: YamlPath, message: string, key = false): void => {
    findings.push(finding(KQL_CHECKS.tests, 'error', key ? map.key(path) : map.value(path), message, ruleId))
  }
  if (!Array.isArray(value)) {
    bad(['tests'], 'tests: must be a list of test cases')
    return { tests, families }
  }
  const names = new Set<string>()
  value.forEach((item, i) => {
    const at: YamlPath = ['tests', i]
    if (!isObj(item)) return bad(at, 'a test must be a mapping')
    for (const k of Object.keys(item)) if (!TEST_KEYS.has(k)) bad([...at, k], `unknown test key '${k}' (known: ${[...TEST_KEYS].join(', ')})`, true)
    if (typeof item.family === 'string') {
      families.push({ ...item, location: map.value(at) })
      return
    }
    const test = readQueryTest(item, at, bad, names, DEFAULT_KQL_TEST_VARIANT, {
      values: 'values must map column names to expected values',
      rows: 'rows must be a whole number of result rows',
    })
    if (!test) return
    const { name, variant, extra, overrides } = test
    tests.push({
      name,
      expect: item.expect === 'match',
      variant,
      event: test.event,
      ...(overrides ? { overrides } : {}),
      location: map.value(at),
      extra: extra as Record<string, unknown>,
    })
  })
  return { tests, families }
}

function yamlDoc(text: string, file: string, findings: Finding[], check: string): { value: Record<string, unknown>; map: SourceMap } | undefined {
  try {
    const docs = parseYamlDocuments(text, file)
    const doc = docs[0]
    if (!doc || !isObj(doc.value)) {
      findings.push(finding(check, 'error', { file, line: 1, column: 1 }, 'expected a YAML mapping'))
      return undefined
    }
    return { value: doc.value, map: doc.map }
  } catch (e) {
    if (e instanceof LoadError) {
      findings.push(finding(check, 'error', e.location, e.message))
      return undefined
    }
    throw e
  }
}

/** A Sentinel analytics rule YAML (and its sidecar's tests); undefined when it cannot be loaded. */
export function loadSentinelYaml(text: string, file: string, findings: Finding[]): KqlRuleSource | undefined {
  const doc = yamlDoc(text, file, findings, KQL_CHECKS.schema)
  if (!doc) return undefined
  const { value, map } = doc
  const id = typeof value.id === 'string' ? value.id : file.replace(/^.*[\\/]/, '') // no id: the file's name, not a machine's path
  if (value.query === undefined && !('detection' in value)) {
    findings.push(finding(KQL_CHECKS.schema, 'note', map.key([]), 'a Sentinel rule without a query (an upstream stub): nothing to load', id))
    return undefined
  }
  let ok = true
  for (const e of validate(value)) {
    const missingKey = e.message.startsWith('missing')
    const notAKey = e.message.includes('is not a key')
    findings.push(finding(KQL_CHECKS.schema, 'error', notAKey ? map.key(e.path) : missingKey ? map.key(e.path) : map.value(e.path), e.message, id))
    if (missingKey || (e.path[0] === 'query')) ok = false
  }
  if (!ok || typeof value.query !== 'string') return undefined
  const tests = sidecarTests(file, findings, id)
  return {
    file,
    id,
    name: typeof value.name === 'string' ? value.name : id,
    location: map.key([]),
    meta: value,
    query: value.query,
    locator: yamlScalarLocator(text, map.key(['query']), map.value(['query']), value.query),
    map,
    tests,
  }
}

function sidecarTests(ruleFile: string, findings: Finding[], id: string, read?: { value: Record<string, unknown>; map: SourceMap }): TestCase[] {
  const side = read ?? (() => {
    const p = sidecarOf(ruleFile)
    if (!p) return undefined
    return yamlDoc(readFileSync(p, 'utf8'), p, findings, KQL_CHECKS.tests)
  })()
  if (!side) return []
  for (const k of Object.keys(side.value)) {
    if (k !== 'tests' && !read) findings.push(finding(KQL_CHECKS.tests, 'warning', side.map.key([k]), `'${k}' in the sidecar of a Sentinel YAML rule is ignored: metadata lives in the rule`, id))
  }
  return readTests(side.value.tests, side.map, findings, id).tests
}

/** A bare `.kql` file: metadata (id, name, severity, queryPeriod, tactics, …) and tests in its sidecar. */
export function loadKqlFile(text: string, file: string, findings: Finding[]): KqlRuleSource | undefined {
  const p = sidecarOf(file)
  const side = p ? yamlDoc(readFileSync(p, 'utf8'), p, findings, KQL_CHECKS.tests) : undefined
  const meta = side ? Object.fromEntries(Object.entries(side.value).filter(([k]) => k !== 'tests')) : {}
  const base = file.replace(/^.*[\\/]/, '').replace(/\.kql$/i, '')
  const id = typeof meta.id === 'string' ? meta.id : base
  if (side) {
    for (const e of validate({ id: '00000000-0000-0000-0000-000000000000', name: base, ...meta, query: text || ' ' })) {
      findings.push(finding(KQL_CHECKS.schema, 'error', side.map.key(e.path), e.message, id))
    }
  }
  return {
    file,
    id,
    name: typeof meta.name === 'string' ? meta.name : base,
    location: { file, line: 1, column: 1 },
    meta,
    query: text,
    locator: wholeFileLocator(file, text),
    ...(side ? { map: side.map } : {}),
    tests: side ? sidecarTests(file, findings, id, side) : [],
  }
}
