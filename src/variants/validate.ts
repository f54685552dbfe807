/**
 * Validation of raw records against their variant's JSON schema (ajv, draft 2020-12).
 * `partial` checks Panther-style test logs: shapes and types as in the real record, but no
 * field is required, formats/patterns are not enforced (Panther rewrites timestamps), `p_*`
 * fields are allowed at the top level, and Panther's spellings `at_sign_type` / `callerIP` are
 * accepted. AKS records are also checked inside: `properties.log` must parse and validate as an Event.
 */
import type { ValidateFunction } from 'ajv'
import { createAjv2020, type Ajv2020 } from '../shared/ajv.js'
import type { VariantId } from '../model/variant.js'
import { eventSchema } from './shared/event-schema.js'
import { isObject } from './shared/json.js'
import { schemas } from './schemas.js'

export interface SchemaProblem {
  /** JSON pointer into the record (`/protoPayload/status/code`); AKS inner paths start at `/properties/log#`. */
  path: string
  message: string
}

const DROP = new Set(['required', 'pattern', 'format', 'if', 'then', 'else', '$id', '$schema'])
const ALIASES: Record<string, string> = { '@type': 'at_sign_type', callerIp: 'callerIP' }

/** The partial (Panther test log) form of a schema. */
export function relaxSchema(schema: object, top = true): object {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (!isObject(node)) return node
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node)) {
      if (DROP.has(k)) continue
      // Panther writes null where the provider omits a key.
      if (k === 'type') {
        out[k] = Array.isArray(v) ? [...v, 'null'] : [v, 'null']
        continue
      }
      if (k === 'anyOf' && Array.isArray(v) && v.every((x) => isObject(x) && Object.keys(x).length === 1 && 'format' in x)) continue
      if (k === 'properties' && isObject(v)) {
        const props: Record<string, unknown> = {}
        for (const [pk, pv] of Object.entries(v)) {
          props[pk] = walk(pv)
          const alias = ALIASES[pk]
          if (alias) props[alias] = walk(pv)
        }
        out[k] = props
      } else out[k] = walk(v)
    }
    return out
  }
  const relaxed = walk(schema) as Record<string, unknown>
  if (top) relaxed.patternProperties = { '^p_': {} }
  return relaxed
}

let ajv: Ajv2020 | undefined
const compiled = new Map<string, ValidateFunction>()

function validator(key: string, schema: object): ValidateFunction {
  let v = compiled.get(key)
  if (!v) {
    ajv ??= createAjv2020({ allErrors: true, strict: true, strictTuples: false, strictRequired: false, allowUnionTypes: true }, ['uuid', 'ipv4', 'ipv6'])
    v = ajv.compile(schema)
    compiled.set(key, v)
  }
  return v
}

function problems(v: ValidateFunction, prefix = ''): SchemaProblem[] {
  return (v.errors ?? []).map((e) => ({ path: prefix + (e.instancePath || '/'), message: `${e.message ?? 'invalid'}${e.params && 'allowedValue' in e.params ? ` (${JSON.stringify(e.params.allowedValue)})` : ''}` }))
}

/** Problems of `record` as a record of `variant`; empty when valid. */
export function validateRecord(variant: VariantId, record: unknown, options: { partial?: boolean } = {}): SchemaProblem[] {
  const partial = options.partial ?? false
  const schema = schemas[variant]
  const v = validator(`${variant}:${partial}`, partial ? relaxSchema(schema) : schema)
  const out = v(record) ? [] : problems(v)
  if (variant === 'aks' && isObject(record)) {
    const props = record.properties
    if (isObject(props) && typeof props.log === 'string') {
      let inner: unknown
      try {
        inner = JSON.parse(props.log)
      } catch (err) {
        out.push({ path: '/properties/log', message: `is not JSON: ${(err as Error).message}` })
        return out
      }
      const iv = validator(`event:${partial}`, partial ? relaxSchema(eventSchema, false) : eventSchema)
      if (!iv(inner)) out.push(...problems(iv, '/properties/log#'))
    }
  }
  return out
}
