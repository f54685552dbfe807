import type { Finding, Severity } from '../../model/result.js'
import type { SourceMap } from '../../shared/yaml/index.js'

/**
 * A small schema language mirroring the Python `schema` library PAT validates with: unknown
 * keys are errors, `int` rejects booleans (PAT's JSON-schema step does), `[str]` takes an empty
 * list, enums are case-sensitive, and `exactlyOne` / `atLeastOne` key groups behave like
 * `Or(..., only_one=True)` / `Or(...)`.
 */
export type Schema =
  | { t: 'str'; pattern?: RegExp; patternText?: string; enum?: readonly string[] }
  | { t: 'bool' }
  | { t: 'int'; min?: number }
  | { t: 'number' }
  | { t: 'any' }
  | { t: 'list'; items: Schema; minItems?: number; maxItems?: number }
  | { t: 'dict'; values: Schema }
  | { t: 'obj'; keys: Record<string, KeySpec>; exactlyOne?: string[][]; atLeastOne?: string[][]; extra?: boolean }
  | { t: 'union'; options: Schema[]; label: string }
  | { t: 'custom'; check: (value: unknown, path: Path, ctx: Ctx) => void }

export interface KeySpec {
  s: Schema
  required?: boolean
}

export type Path = (string | number)[]

export interface Ctx {
  file: string
  map: SourceMap
  findings: Finding[]
  check: string
  report(path: Path, message: string, options?: { at?: 'key' | 'value'; severity?: Severity; check?: string }): void
}

export function makeCtx(file: string, map: SourceMap, findings: Finding[], check: string): Ctx {
  return {
    file,
    map,
    findings,
    check,
    report(path, message, options = {}) {
      const loc = options.at === 'key' ? map.key(path) : map.value(path)
      findings.push({
        check: options.check ?? check,
        severity: options.severity ?? 'error',
        file,
        line: loc.line,
        column: loc.column,
        message,
      })
    },
  }
}

export const str = (extra: Omit<Extract<Schema, { t: 'str' }>, 't'> = {}): Schema => ({ t: 'str', ...extra })
export const bool: Schema = { t: 'bool' }
export const int: Schema = { t: 'int' }
export const any: Schema = { t: 'any' }
export const listOf = (items: Schema, extra: { minItems?: number; maxItems?: number } = {}): Schema => ({
  t: 'list',
  items,
  ...extra,
})
export const req = (s: Schema): KeySpec => ({ s, required: true })
export const opt = (s: Schema): KeySpec => ({ s })

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (typeof value === 'string') return 'str'
  return 'mapping'
}

export function where(path: Path): string {
  let text = ''
  for (const p of path) text += typeof p === 'number' ? `[${p}]` : text ? `.${p}` : p
  return text || 'document'
}

/** Validates `value` against `schema`, reporting every problem at its key or value. */
export function validate(schema: Schema, value: unknown, path: Path, ctx: Ctx): void {
  const wrong = (expected: string): void =>
    ctx.report(path, `${where(path)}: expected ${expected}, got ${typeName(value)}${preview(value)}`)
  switch (schema.t) {
    case 'any':
      return
    case 'str':
      if (typeof value !== 'string') return wrong('a string')
      if (schema.enum && !schema.enum.includes(value)) {
        return ctx.report(path, `${where(path)}: '${value}' is not one of ${schema.enum.map((e) => `'${e}'`).join(', ')}`)
      }
      if (schema.pattern && !schema.pattern.test(value)) {
        return ctx.report(path, `${where(path)}: '${value}' does not match ${schema.patternText ?? schema.pattern.source}`)
      }
      return
    case 'bool':
      if (typeof value !== 'boolean') return wrong('a boolean (true or false)')
      return
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrong('an integer')
      if (schema.min !== undefined && value < schema.min) ctx.report(path, `${where(path)}: must be at least ${schema.min}`)
      return
    case 'number':
      if (typeof value !== 'number') return wrong('a number')
      return
    case 'list':
      if (!Array.isArray(value)) return wrong('a list')
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        ctx.report(path, `${where(path)}: needs at least ${schema.minItems} item(s)`)
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        ctx.report(path, `${where(path)}: takes at most ${schema.maxItems} item(s)`)
      }
      value.forEach((item, i) => validate(schema.items, item, [...path, i], ctx))
      return
    case 'dict':
      if (!isObject(value)) return wrong('a mapping')
      for (const [k, v] of Object.entries(value)) validate(schema.values, v, [...path, k], ctx)
      return
    case 'obj':
      return validateObject(schema, value, path, ctx)
    case 'union': {
      for (const option of schema.options) {
        const probe: Finding[] = []
        validate(option, value, path, { ...ctx, findings: probe, report: makeCtx(ctx.file, ctx.map, probe, ctx.check).report })
        if (probe.length === 0) return
      }
      return wrong(schema.label)
    }
    case 'custom':
      return schema.check(value, path, ctx)
  }
}

function validateObject(schema: Extract<Schema, { t: 'obj' }>, value: unknown, path: Path, ctx: Ctx): void {
  if (!isObject(value)) {
    ctx.report(path, `${where(path)}: expected a mapping, got ${typeName(value)}${preview(value)}`)
    return
  }
  const valid = Object.keys(schema.keys)
  for (const key of Object.keys(value)) {
    if (!(key in schema.keys) && !schema.extra) {
      ctx.report([...path, key], `'${key}' not in list of valid keys: [${valid.map((k) => `'${k}'`).join(', ')}]`, {
        at: 'key',
      })
    }
  }
  for (const [key, spec] of Object.entries(schema.keys)) {
    if (key in value) validate(spec.s, value[key], [...path, key], ctx)
    else if (spec.required) ctx.report(path, `${path.length ? `${where(path)}: ` : ''}missing required key '${key}'`, { at: 'key' })
  }
  for (const group of schema.exactlyOne ?? []) {
    const present = group.filter((k) => k in value)
    if (present.length === 0) {
      ctx.report(path, `${path.length ? `${where(path)}: ` : ''}needs exactly one of ${group.map((k) => `'${k}'`).join(', ')}`, { at: 'key' })
    } else if (present.length > 1) {
      ctx.report([...path, present[1] as string], `'${present.join("' and '")}' cannot both be set: use exactly one`, { at: 'key' })
    }
  }
  for (const group of schema.atLeastOne ?? []) {
    if (!group.some((k) => k in value)) {
      ctx.report(path, `${path.length ? `${where(path)}: ` : ''}needs at least one of ${group.map((k) => `'${k}'`).join(', ')}`, { at: 'key' })
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function preview(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'object') return ''
  const text = JSON.stringify(value)
  return ` (${text.length > 40 ? `${text.slice(0, 37)}...` : text})`
}
