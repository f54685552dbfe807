/** Loading a security_content detection: schema, the search's place in the file, sidecar and attack_data tests. */
import { existsSync, readFileSync } from 'node:fs'
import type { Finding, Severity } from '../model/result.js'
import type { TestCase } from '../model/rule.js'
import type { SourceLocation } from '../model/source.js'
import type { VariantId } from '../model/variant.js'
import { createAjv2020 } from '../shared/ajv.js'
import { parseYamlDocuments, type SourceMap, type YamlPath } from '../shared/yaml/index.js'
import { yamlScalarLocator } from '../shared/yaml/scalar-map.js'
import { DETECTION_SCHEMA } from './schema.js'
import { readQueryTest, type QueryTestExtra } from '../rules/query-test.js'

export const SPL_CHECKS = {
  schema: 'spl-schema',
  syntax: 'spl-syntax',
  unsupported: 'spl-unsupported',
  macro: 'spl-macro',
  tests: 'spl-tests',
  search: 'spl-search',
} as const

export const DEFAULT_SPL_TEST_VARIANT: VariantId = 'k8s'

export interface AttackData {
  data: string
  source?: string
  sourcetype?: string
}

export interface SplTestExtra extends QueryTestExtra {
  family?: string
  /** security_content tests: the attack_data files; never replayed on other variants. */
  attackData?: AttackData[]
  replay?: false
}

/** Where each character of the search string stands in the file. */
export type SearchLocator = (offset: number) => SourceLocation

export interface SplRuleSource {
  file: string
  id: string
  name: string
  location: SourceLocation
  meta: Record<string, unknown>
  search: string
  locate: SearchLocator
  tests: TestCase[]
  /** Where each key of the detection is. */
  map: SourceMap
}

function finding(check: string, severity: Severity, at: SourceLocation, message: string, rule?: string): Finding {
  return { check, severity, file: at.file, line: at.line, column: at.column, message, ...(rule ? { rule } : {}) }
}

let validator: ReturnType<ReturnType<typeof createAjv2020>['compile']> | undefined

function validate(value: unknown): { path: YamlPath; key: boolean; message: string }[] {
  validator ??= createAjv2020({ allErrors: true, strict: false }).compile(DETECTION_SCHEMA)
  if (validator(value)) return []
  return (validator.errors ?? []).map((e) => {
    const p: (string | number)[] = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')))
    const params = e.params as { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[] }
    if (params.additionalProperty) return { path: [...p, params.additionalProperty], key: true, message: `'${params.additionalProperty}' is not a key of a security_content detection${p.length ? ` ${p.join('.')}` : ''}` }
    if (params.missingProperty) return { path: p, key: p.length > 0, message: `missing required key '${params.missingProperty}'${p.length ? ` in ${p.join('.')}` : ''}` }
    if (params.allowedValues) return { path: p, key: false, message: `${p.join('.')} must be one of ${params.allowedValues.join(', ')}` }
    return { path: p, key: false, message: `${p.length ? p.join('.') : 'the detection'} ${e.message ?? 'is invalid'}` }
  })
}

export function sidecarOf(file: string): string | undefined {
  const base = file.replace(/\.ya?ml$/i, '')
  for (const ext of ['.ruleproof.yml', '.ruleproof.yaml']) if (existsSync(base + ext)) return base + ext
  return undefined
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const TEST_KEYS = new Set(['name', 'description', 'expect', 'variant', 'event', 'events', 'now', 'values', 'rows', 'overrides', 'family'])

/** The sidecar's `tests:`: Sigma's embedded-test keys plus `events`, `now`, `values`, `rows`. */
export function readSidecarTests(value: unknown, map: SourceMap, findings: Finding[], ruleId: string): TestCase[] {
  const tests: TestCase[] = []
  const bad = (path: YamlPath, message: string, key = false): void => {
    findings.push(finding(SPL_CHECKS.tests, 'error', key ? map.key(path) : map.value(path), message, ruleId))
  }
  if (value === undefined) return tests
  if (!Array.isArray(value)) {
    bad(['tests'], 'tests: must be a list of test cases')
    return tests
  }
  const names = new Set<string>()
  value.forEach((item, i) => {
    const at: YamlPath = ['tests', i]
    if (!isObj(item)) return bad(at, 'a test must be a mapping')
    for (const k of Object.keys(item)) if (!TEST_KEYS.has(k)) bad([...at, k], `unknown test key '${k}' (known: ${[...TEST_KEYS].join(', ')})`, true)
    if (item.expect !== 'match' && item.expect !== 'no-match') return bad([...at, 'expect'], "expect must be 'match' or 'no-match'")
    if (typeof item.family === 'string') {
      const name = typeof item.name === 'string' ? item.name : `family ${item.family}`
      tests.push({ name, expect: item.expect === 'match', variant: DEFAULT_SPL_TEST_VARIANT, event: undefined, location: map.value(at), extra: { family: item.family } })
      return
    }
    const test = readQueryTest(item, at, bad, names, DEFAULT_SPL_TEST_VARIANT, {
      values: 'values must map field names of the first result to expected values',
      rows: 'rows must be a whole number of results',
    })
    if (!test) return
    const { name, variant, extra, overrides } = test
    tests.push({ name, expect: item.expect === 'match', variant, event: test.event, ...(overrides ? { overrides } : {}), location: map.value(at), extra: extra as Record<string, unknown> })
  })
  return tests
}

/** Loads one detection file; undefined (with findings) when it is not a valid detection. */
export function loadSplunkDetection(text: string, file: string, findings: Finding[], onDocument?: (doc: { value: unknown; map: SourceMap; index: number }) => void): SplRuleSource | undefined {
  let docs
  try {
    docs = parseYamlDocuments(text, file)
  } catch (e) {
    const m = /:(\d+):(\d+)/.exec((e as Error).message)
    findings.push({ check: SPL_CHECKS.schema, severity: 'error', file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1, message: (e as Error).message })
    return undefined
  }
  const doc = docs[0]
  if (!doc || !isObj(doc.value)) {
    findings.push({ check: SPL_CHECKS.schema, severity: 'error', file, line: 1, column: 1, message: 'a security_content detection is a YAML mapping' })
    return undefined
  }
  onDocument?.(doc)
  const v = doc.value
  const id = typeof v.id === 'string' ? v.id : file.replace(/^.*[\\/]/, '') // no id: the file's name, not a machine's path
  const errors = validate(v)
  for (const e of errors) findings.push(finding(SPL_CHECKS.schema, 'error', e.key ? doc.map.key(e.path) : doc.map.value(e.path), e.message, id))
  if (errors.length > 0 || typeof v.search !== 'string') return undefined
  const tests: TestCase[] = []
  // security_content's own tests: attack_data files, at least one result expected (contentctl's rule).
  ;((v.tests as { name: string; attack_data: AttackData[] }[] | undefined) ?? []).forEach((t, i) => {
    tests.push({
      name: t.name,
      expect: true,
      variant: DEFAULT_SPL_TEST_VARIANT,
      event: null,
      location: doc.map.value(['tests', i]),
      extra: { attackData: t.attack_data, replay: false } satisfies SplTestExtra,
    })
  })
  const sidecar = sidecarOf(file)
  if (sidecar) {
    try {
      const sdoc = parseYamlDocuments(readFileSync(sidecar, 'utf8'), sidecar)[0]
      if (sdoc && isObj(sdoc.value)) {
        for (const k of Object.keys(sdoc.value)) if (k !== 'tests' && k !== 'scenarios') findings.push(finding(SPL_CHECKS.tests, 'error', sdoc.map.key([k]), `unknown sidecar key '${k}' (a detection's sidecar holds tests: and scenarios:)`, id))
        tests.push(...readSidecarTests(sdoc.value.tests, sdoc.map, findings, id))
      } else if (sdoc) findings.push({ check: SPL_CHECKS.tests, severity: 'error', file: sidecar, line: 1, column: 1, message: 'the sidecar must be a mapping with tests:', rule: id })
    } catch (e) {
      const m = /:(\d+):(\d+)/.exec((e as Error).message)
      findings.push({ check: SPL_CHECKS.tests, severity: 'error', file: sidecar, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1, message: (e as Error).message, rule: id })
    }
  }
  const search = yamlScalarLocator(text, doc.map.key(['search']), doc.map.value(['search']), v.search)
  return {
    file,
    id,
    name: String(v.name),
    location: doc.map.value([]),
    meta: v,
    search: v.search,
    locate: (offset) => search.at(offset),
    tests,
    map: doc.map,
  }
}
