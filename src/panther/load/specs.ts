import { readFileSync, statSync, type Stats } from 'node:fs'
import path from 'node:path'
import type { Finding } from '../../model/result.js'
import { LoadError } from '../../shared/errors.js'
import type { SourceMap } from '../../shared/yaml/index.js'
import { isKnownLogType } from './log-types.js'
import { isObject, makeCtx, validate } from './schema-dsl.js'
import { ANALYSIS_TYPES, SET_FIELDS, idKey, schemaFor } from './schemas.js'
import { parsePantherYaml, type PantherYaml } from './yaml.js'

/** One Panther analysis document, parsed and validated. */
export interface PantherSpec {
  file: string
  type: string
  /** RuleID / PolicyID / GlobalID / … (undefined when missing). */
  id: string | undefined
  value: Record<string, unknown>
  map: SourceMap
  /** False when PAT would list the file under "Invalid Tests": its tests are not run. */
  valid: boolean
  /** Absolute path of the `Filename` file when it exists. */
  body?: string
}

export interface SpecOptions {
  /** Log types accepted besides the built-in list and `Custom.*` (config `panther.logTypes`). */
  logTypes?: readonly string[]
  /** Check that pack IDs exist among the loaded items. @defaultValue true */
  packReferences?: boolean
  /** PAT `--ignore-extra-keys`: unknown keys in rule/policy specs are not errors. */
  ignoreExtraKeys?: boolean
}

/** Check ids of the findings the loader reports. */
export const CHECKS = {
  yaml: 'panther-yaml',
  schema: 'panther-schema',
  missingFile: 'panther-missing-file',
  logType: 'panther-log-type',
  duplicateId: 'panther-duplicate-id',
  duplicateValue: 'panther-duplicate-value',
  packDuplicateId: 'panther-pack-duplicate-id',
  dataModelConflict: 'panther-datamodel-conflict',
  packReference: 'panther-pack-reference',
  dedupPeriod: 'panther-dedup-period',
  setup: 'panther-setup',
  sidecar: 'panther-sidecar',
  /** Notes on how untrusted rule code is contained (isolation fallbacks, what the config asked for). */
  sandbox: 'panther-sandbox',
} as const

/** True when a parsed YAML value is a Panther analysis document (has a top-level AnalysisType). */
export function isPantherDocument(value: unknown): boolean {
  return isObject(value) && 'AnalysisType' in value
}

/** Parses and validates one file. Returns undefined (no finding) when it is not a Panther document. */
export function loadSpecText(
  text: string,
  file: string,
  options: SpecOptions = {},
  /** The file already parsed in PAT's dialect (rule discovery parses once to classify). */
  preParsed?: PantherYaml,
): { spec?: PantherSpec; findings: Finding[] } {
  const findings: Finding[] = []
  let parsed
  try {
    parsed = preParsed ?? parsePantherYaml(text, file)
  } catch (e) {
    if (e instanceof LoadError) {
      findings.push({ check: CHECKS.yaml, severity: 'error', ...e.location, message: e.message })
      return { findings }
    }
    throw e
  }
  const { value, map } = parsed
  if (!isPantherDocument(value)) return { findings }
  for (const { key, location } of parsed.duplicateKeys) {
    findings.push({
      check: CHECKS.yaml,
      severity: 'warning',
      ...location,
      message: `duplicate key '${key}': PAT keeps the last value, the earlier one is ignored`,
    })
  }
  const doc = value as Record<string, unknown>
  const ctx = makeCtx(file, map, findings, CHECKS.schema)
  const type = doc.AnalysisType
  if (typeof type !== 'string' || !(ANALYSIS_TYPES as readonly string[]).includes(type)) {
    ctx.report(['AnalysisType'], `AnalysisType: '${String(type)}' is not one of ${ANALYSIS_TYPES.join(', ')}`)
    return { findings, spec: { file, type: String(type), id: undefined, value: doc, map, valid: false } }
  }
  const schema = schemaFor(doc)
  if (schema) {
    if (options.ignoreExtraKeys && ['rule', 'scheduled_rule', 'policy'].includes(type) && schema.t === 'obj') {
      validate({ ...schema, extra: true }, doc, [], ctx)
    } else validate(schema, doc, [], ctx)
  }
  const key = idKey(type)
  const id = key && typeof doc[key] === 'string' ? (doc[key] as string) : undefined
  for (const field of SET_FIELDS) checkDistinct(doc, field, ctx)
  // PackDefinition.IDs is not one of PAT's set fields: a repeated ID is harmless, so a warning.
  if (type === 'pack') checkDistinct((doc.PackDefinition as Record<string, unknown>) ?? {}, 'IDs', ctx, ['PackDefinition'], 'warning', CHECKS.packDuplicateId)
  if (Array.isArray(doc.LogTypes)) {
    doc.LogTypes.forEach((lt, i) => {
      if (typeof lt === 'string' && !isKnownLogType(lt, options.logTypes)) {
        // PAT checks LogTypes against the instance only with an API connection: offline an unknown
        // name must not stop the rule's tests from running.
        ctx.report(['LogTypes', i], `unknown log type '${lt}' (not a Panther-managed log type or Custom.* name; add it to panther.logTypes in the config if your instance has it)`, {
          check: CHECKS.logType,
          severity: 'warning',
        })
      }
    })
  }
  if (typeof doc.DedupPeriodMinutes === 'number') {
    const minutes = doc.DedupPeriodMinutes
    if (minutes === 0) {
      ctx.report(['DedupPeriodMinutes'], 'DedupPeriodMinutes 0 is ignored by the backend; return p_row_id from dedup() to disable deduplication', {
        severity: 'warning',
        check: CHECKS.dedupPeriod,
      })
    } else if (minutes < 5) {
      ctx.report(['DedupPeriodMinutes'], `DedupPeriodMinutes ${minutes} is treated as 5 upon upload`, { severity: 'warning', check: CHECKS.dedupPeriod })
    }
  }
  let body: string | undefined
  if (typeof doc.Filename === 'string') {
    const candidate = path.resolve(path.dirname(file), doc.Filename)
    const st = statOrUndefined(candidate)
    if (st === undefined) ctx.report(['Filename'], `Filename '${doc.Filename}' does not exist (looked for ${candidate})`, { check: CHECKS.missingFile })
    // A FIFO would block whoever reads it (lint's parser, the worker's import) and /dev/zero never ends.
    else if (!st.isFile()) ctx.report(['Filename'], `Filename '${doc.Filename}' is ${fileType(st)}, not a regular file (${candidate})`, { check: CHECKS.missingFile })
    else body = candidate
  }
  const valid = !findings.some((f) => f.severity === 'error')
  const spec: PantherSpec = { file, type, id, value: doc, map, valid }
  if (body) spec.body = body
  return { spec, findings }
}

function checkDistinct(
  doc: Record<string, unknown>,
  field: string,
  ctx: ReturnType<typeof makeCtx>,
  prefix: string[] = [],
  severity: 'error' | 'warning' = 'error',
  check: string = CHECKS.duplicateValue,
): void {
  const list = doc[field]
  if (!Array.isArray(list)) return
  const seen = new Map<string, number>()
  list.forEach((item, i) => {
    if (typeof item !== 'string') return
    const norm = field === 'Tags' ? item.toLowerCase() : item
    const first = seen.get(norm)
    if (first !== undefined) {
      ctx.report([...prefix, field, i], `${field} lists '${item}' twice (first at item ${first + 1})${field === 'Tags' ? '; tags compare case-insensitively' : ''}`, {
        check,
        severity,
      })
    } else seen.set(norm, i)
  })
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}

function fileType(st: Stats): string {
  if (st.isDirectory()) return 'a folder'
  if (st.isFIFO()) return 'a FIFO'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isSocket()) return 'a socket'
  return 'a special file'
}

/** Loads every file, then applies the checks that look across files. */
export function loadSpecs(files: readonly string[], options: SpecOptions = {}): { specs: PantherSpec[]; findings: Finding[] } {
  const specs: PantherSpec[] = []
  const findings: Finding[] = []
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (e) {
      findings.push({ check: CHECKS.yaml, severity: 'error', file, line: 1, column: 1, message: `cannot read: ${(e as Error).message}` })
      continue
    }
    const result = loadSpecText(text, file, options)
    findings.push(...result.findings)
    if (result.spec) specs.push(result.spec)
  }
  findings.push(...crossChecks(specs, options))
  return { specs, findings }
}

function invalidate(spec: PantherSpec, findings: Finding[], finding: Omit<Finding, 'file' | 'line' | 'column'>, at: (string | number)[]): void {
  const loc = spec.map.value(at)
  findings.push({ ...finding, file: spec.file, line: loc.line, column: loc.column })
  if (finding.severity === 'error') spec.valid = false
}

/** ID uniqueness across all types, one enabled data model per log type, pack references. */
export function crossChecks(specs: PantherSpec[], options: SpecOptions = {}): Finding[] {
  const findings: Finding[] = []
  const byId = new Map<string, PantherSpec>()
  for (const spec of specs) {
    if (spec.id === undefined) continue
    const first = byId.get(spec.id)
    if (first) {
      const loc = first.map.value([idKey(first.type) ?? ''])
      invalidate(spec, findings, {
        check: CHECKS.duplicateId,
        severity: 'error',
        message: `Conflicting AnalysisID: [${spec.id}] is also defined at ${first.file}:${loc.line}`,
        rule: spec.id,
      }, [idKey(spec.type) ?? ''])
    } else byId.set(spec.id, spec)
  }
  const modelFor = new Map<string, PantherSpec>()
  for (const spec of specs) {
    if (spec.type !== 'datamodel' || spec.value.Enabled !== true || !Array.isArray(spec.value.LogTypes)) continue
    spec.value.LogTypes.forEach((lt, i) => {
      if (typeof lt !== 'string') return
      const first = modelFor.get(lt)
      if (first && first !== spec) {
        invalidate(spec, findings, {
          check: CHECKS.dataModelConflict,
          severity: 'error',
          message: `Conflicting Enabled LogType: data models ${first.id} and ${spec.id} are both enabled for ${lt}`,
        }, ['LogTypes', i])
      } else modelFor.set(lt, spec)
    })
  }
  if (options.packReferences !== false) {
    for (const spec of specs) {
      if (spec.type !== 'pack') continue
      const ids = (spec.value.PackDefinition as Record<string, unknown> | undefined)?.IDs
      if (!Array.isArray(ids)) continue
      ids.forEach((id, i) => {
        if (typeof id === 'string' && !byId.has(id)) {
          invalidate(spec, findings, {
            check: CHECKS.packReference,
            severity: 'error',
            message: `pack ${spec.id} names '${id}', which is not among the loaded analysis items`,
          }, ['PackDefinition', 'IDs', i])
        }
      })
    }
  }
  return findings
}
