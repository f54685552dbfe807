import type { ErrorObject, ValidateFunction } from 'ajv'
import type { Finding } from '../../model/result.js'
import type { SourceMap, YamlPath } from '../../shared/yaml/index.js'
import * as generated from './validators.generated.js'

export type SchemaName = 'rule' | 'correlation' | 'filter' | 'tests' | 'tests-sidecar'

// Compiled ahead of time from the schemas in this folder (scripts/gen-validators.ts: ajv, strict,
// allErrors, verbose, the uuid format and the x-message annotation keyword).
const validators: Record<SchemaName, ValidateFunction> = {
  rule: generated.rule,
  correlation: generated.correlation,
  filter: generated.filter,
  tests: generated.tests,
  'tests-sidecar': generated.testsSidecar,
}

/** True when `value` satisfies the schema; no findings built (for hot paths and conformance). */
export function isSchemaValid(name: SchemaName, value: unknown): boolean {
  return validators[name](value) === true
}

export interface SchemaIssue {
  /** Path of the offending value inside the validated value. */
  path: (string | number)[]
  /** Whether the issue is about the key (missing/unknown property) rather than the value. */
  atKey: boolean
  /** Message without the path, e.g. "must be a date written YYYY-MM-DD". */
  message: string
}

/** Validates `value` and returns one issue per problem, branch noise of anyOf folded away. */
export function schemaIssues(name: SchemaName, value: unknown): SchemaIssue[] {
  const validate = validators[name]
  if (validate(value)) return []
  return describeErrors(validate.errors ?? [], value)
}

function decodePointer(pointer: string, value: unknown): (string | number)[] {
  if (pointer === '') return []
  const out: (string | number)[] = []
  let node: unknown = value
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    const key: string | number = Array.isArray(node) ? Number(step) : step
    out.push(key)
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined
  }
  return out
}

/** `detection.sel[2].field` — the path as a user reads it in the YAML. */
export function renderPath(path: YamlPath): string {
  if (path.length === 0) return 'document'
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

function describe(e: ErrorObject): string {
  const custom = (e.parentSchema as Record<string, unknown> | undefined)?.['x-message']
  switch (e.keyword) {
    case 'required':
      return `missing required key '${(e.params as { missingProperty: string }).missingProperty}'`
    case 'additionalProperties':
      return 'is not a known key here'
    case 'enum':
      if (typeof custom === 'string') return custom
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
    case 'uniqueItems': {
      const p = e.params as { i: number; j: number }
      return `repeats item ${Math.min(p.i, p.j) + 1} of the list`
    }
    default:
      return typeof custom === 'string' ? custom : (e.message ?? 'is invalid')
  }
}

function describeErrors(errors: ErrorObject[], value: unknown): SchemaIssue[] {
  // Errors from inside a failing anyOf/oneOf branch repeat what the anyOf says: keep the anyOf's.
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath + '/')
  const seen = new Set<string>()
  const issues: SchemaIssue[] = []
  for (const e of errors) {
    if (e.keyword === 'if') continue
    if (unions.some((u) => e.schemaPath.startsWith(u))) continue
    const path = decodePointer(e.instancePath, value)
    let atKey = false
    if (e.keyword === 'required') atKey = true
    if (e.keyword === 'additionalProperties') {
      path.push((e.params as { additionalProperty: string }).additionalProperty)
      atKey = true
    }
    if (e.keyword === 'uniqueItems') {
      // Point at the later of the two equal items: that is the one to delete.
      const p = e.params as { i: number; j: number }
      path.push(Math.max(p.i, p.j))
    }
    if (e.keyword === 'propertyNames') continue // reported again with the name itself below
    if (e.propertyName !== undefined) {
      path.push(e.propertyName)
      atKey = true
    }
    const message = describe(e)
    const id = `${e.instancePath} ${message}`
    if (seen.has(id)) continue
    seen.add(id)
    issues.push({ path, atKey, message })
  }
  return issues
}

/** Schema issues as error findings at the key or value they concern. */
export function schemaFindings(
  name: SchemaName,
  value: unknown,
  map: SourceMap,
  options: { base?: YamlPath; check?: string; rule?: string } = {},
): Finding[] {
  const base = options.base ?? []
  return schemaIssues(name, value).map((issue) => {
    const full = [...base, ...issue.path]
    const at = issue.atKey ? map.key(full) : map.value(full)
    const finding: Finding = {
      check: options.check ?? 'sigma-schema',
      severity: 'error',
      file: at.file,
      line: at.line,
      column: at.column,
      message: `${renderPath(full)}: ${issue.message}`,
    }
    if (options.rule !== undefined) finding.rule = options.rule
    return finding
  })
}
