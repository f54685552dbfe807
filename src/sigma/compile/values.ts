/**
 * Applies a modifier chain to one raw YAML value, checking every step against the modifier's
 * declared `accepts` (style.md item 8). Errors name the modifier and the value type.
 */
import { getModifier } from '../modifiers/index.js'
import { type ModifierDef, ModifierError } from '../modifiers/types.js'
import { parseSigmaString } from '../values/sigma-string.js'
import type { SigmaValue } from '../values/types.js'
import { type DetectionPath, SigmaCompileError } from './errors.js'

/** A detection key split into field and modifier names: `Image|endswith` → `Image`, `[endswith]`. */
export interface DetectionKey {
  /** Field name; `''` for keyword items (`'|all'`). */
  field: string
  modifiers: string[]
}

export function parseDetectionKey(key: string): DetectionKey {
  const [field, ...modifiers] = key.split('|')
  return { field: field as string, modifiers }
}

/** Resolves modifier names, rejecting unknown ones and misplaced `first` modifiers. */
export function resolveModifiers(names: readonly string[], path: DetectionPath): ModifierDef[] {
  const defs: ModifierDef[] = []
  for (const name of names) {
    if (name === '') throw new SigmaCompileError('empty modifier name (a stray "|")', path)
    const def = getModifier(name)
    if (!def) {
      const lower = getModifier(name.toLowerCase())
      throw new SigmaCompileError(lower ? `unknown modifier '${name}' (modifiers are lower case: '${lower.name}')` : `unknown modifier '${name}'`, path)
    }
    // pySigma: re, cidr and exists take only unmodified values, so not even all/neq may precede them.
    if (def.first && defs.length > 0) throw new SigmaCompileError(`the '${name}' modifier must come first in the chain`, path)
    defs.push(def)
  }
  return defs
}

/** Describes a value for error messages. */
export function describeValue(v: SigmaValue): string {
  switch (v.type) {
    case 'string':
      return 'a string'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'a boolean'
    case 'null':
      return 'null'
    case 're':
      return 'a regular expression'
    case 'cidr':
      return 'a CIDR network'
    case 'exists':
      return 'an exists test'
    case 'compare':
      return 'a numeric comparison'
    case 'timepart':
      return 'a timestamp part'
    case 'fieldref':
      return 'a field reference'
    case 'expansion':
      return 'an expansion'
  }
}

/** Converts a plain YAML scalar into a typed value (before modifiers). */
export function toSigmaValue(raw: unknown, path: DetectionPath): SigmaValue {
  if (raw === null) return { type: 'null' }
  switch (typeof raw) {
    case 'string':
      return parseSigmaString(raw)
    case 'number':
      if (!Number.isFinite(raw)) throw new SigmaCompileError(`the number ${raw} is not a finite value`, path)
      return { type: 'number', value: raw }
    case 'boolean':
      return { type: 'boolean', value: raw }
    default:
      throw new SigmaCompileError(
        Array.isArray(raw) ? 'a value list may not contain lists' : typeof raw === 'object' ? 'a field value may not be a map' : `unsupported value of type ${typeof raw}`,
        path,
      )
  }
}

function applyOne(def: ModifierDef, v: SigmaValue, placeholders: Readonly<Record<string, readonly string[]>>, before: string[], path: DetectionPath): SigmaValue {
  if (v.type === 'expansion' && !def.accepts.includes('expansion')) {
    return { type: 'expansion', values: v.values.map((x) => applyOne(def, x, placeholders, before, path)) }
  }
  if (!def.accepts.includes(v.type)) {
    let hint = ''
    if (v.type === 'number' && def.accepts.includes('string')) hint = ` (quote the number to match it as text)`
    if (v.type === 're' && def.family === 'strings') hint = ' (not combinable with re)'
    if (def.family === 'regex' && def.name !== 're') hint = ` ('${def.name}' is a flag of 're' and must follow it)`
    throw new SigmaCompileError(`the '${def.name}' modifier cannot be applied to ${describeValue(v)}${hint}`, path)
  }
  try {
    return (def.apply as NonNullable<ModifierDef['apply']>)(v, { placeholders, before })
  } catch (err) {
    if (err instanceof ModifierError) throw new SigmaCompileError(`${def.name}: ${err.message}`, path)
    throw err
  }
}

/** Runs the value-scoped modifiers of a chain, in order, over one value. */
export function applyChain(
  value: SigmaValue,
  chain: readonly ModifierDef[],
  placeholders: Readonly<Record<string, readonly string[]>>,
  path: DetectionPath,
): SigmaValue {
  let v = value
  const before: string[] = []
  for (const def of chain) {
    if (def.scope === 'value') v = applyOne(def, v, placeholders, before, path)
    before.push(def.name)
  }
  return v
}
