import { isObject, typeName, where, type Ctx, type Path } from '../load/schema-dsl.js'
import { ABSOLUTE_CONDITIONS, LIST_CONDITIONS, conditionNames, lookupCondition } from './conditions.js'
import { parseKeyPath } from './keys.js'

/**
 * Validates match expressions as PAT's JSON schema shapes them (§2.4), and goes further where
 * the schema leaves `Condition` a free string: an unknown condition, or a value given to a
 * condition that takes none (and the reverse), is an error here, since ruleproof evaluates them.
 */
const KEY_FIELDS = ['Key', 'DeepKey', 'KeyPath', 'Enrichment'] as const
const COMBINATORS = ['All', 'Any', 'OnlyOne', 'None'] as const
const SCALAR = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v)

export function validateExpressions(value: unknown, path: Path, ctx: Ctx): void {
  if (!Array.isArray(value)) {
    ctx.report(path, `${where(path)}: expected a list of match expressions, got ${typeName(value)}`)
    return
  }
  value.forEach((item, i) => validateExpression(item, [...path, i], ctx))
}

export function validateKeySpec(value: unknown, path: Path, ctx: Ctx, allowEnrichment = false): void {
  if (!isObject(value)) {
    ctx.report(path, `${where(path)}: expected a key specifier (Key, DeepKey or KeyPath), got ${typeName(value)}`)
    return
  }
  const keys = KEY_FIELDS.filter((k) => k in value && (allowEnrichment || k !== 'Enrichment'))
  if (keys.length !== 1) {
    ctx.report(path, `${where(path)}: needs exactly one of 'Key', 'DeepKey', 'KeyPath'`)
    return
  }
  checkKeyField(value, keys[0] as string, path, ctx)
}

function checkKeyField(expr: Record<string, unknown>, key: string, path: Path, ctx: Ctx): void {
  const v = expr[key]
  const at = [...path, key]
  if (key === 'Key' && typeof v !== 'string') ctx.report(at, `${where(at)}: expected a string, got ${typeName(v)}`)
  if (key === 'KeyPath') {
    if (typeof v !== 'string') ctx.report(at, `${where(at)}: expected a string, got ${typeName(v)}`)
    else {
      try {
        parseKeyPath(v)
      } catch (e) {
        ctx.report(at, `${where(at)}: ${(e as Error).message}`)
      }
    }
  }
  if (key === 'DeepKey') {
    if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string' || Number.isInteger(s))) {
      ctx.report(at, `${where(at)}: expected a non-empty list of keys (strings) and indices (integers)`)
    }
  }
  if (key === 'Enrichment') {
    if (!isObject(v) || !['Table', 'Selector', 'FieldPath'].every((k) => typeof v[k] === 'string')) {
      ctx.report(at, `${where(at)}: needs string 'Table', 'Selector' and 'FieldPath'`)
    } else {
      for (const k of Object.keys(v)) {
        if (!['Table', 'Selector', 'FieldPath'].includes(k)) ctx.report([...at, k], `'${k}' not in list of valid keys: ['Table', 'Selector', 'FieldPath']`, { at: 'key' })
      }
    }
  }
}

function unknownKeys(expr: Record<string, unknown>, allowed: readonly string[], path: Path, ctx: Ctx): void {
  for (const k of Object.keys(expr)) {
    if (!allowed.includes(k)) {
      ctx.report([...path, k], `'${k}' is not allowed here; this expression takes ${allowed.map((a) => `'${a}'`).join(', ')}`, { at: 'key' })
    }
  }
}

export function validateExpression(expr: unknown, path: Path, ctx: Ctx): void {
  if (!isObject(expr)) {
    ctx.report(path, `${where(path)}: expected a match expression (a mapping), got ${typeName(expr)}`)
    return
  }
  const combinator = COMBINATORS.find((c) => c in expr)
  if (combinator) {
    unknownKeys(expr, [combinator], path, ctx)
    validateExpressions(expr[combinator], [...path, combinator], ctx)
    return
  }
  const condition = expr.Condition
  if (typeof condition !== 'string') {
    ctx.report(path, `${where(path)}: needs 'Condition' (a string) or one of ${COMBINATORS.map((c) => `'${c}'`).join(', ')}`, {
      at: 'key',
    })
    return
  }
  const keys = KEY_FIELDS.filter((k) => k in expr)
  if ((ABSOLUTE_CONDITIONS as readonly string[]).includes(condition)) {
    unknownKeys(expr, ['Condition'], path, ctx)
    return
  }
  if (keys.length > 1) {
    ctx.report(path, `${where(path)}: use one key specifier, not ${keys.map((k) => `'${k}'`).join(' and ')}`, { at: 'key' })
    return
  }
  const condPath = [...path, 'Condition']
  if ((LIST_CONDITIONS as readonly string[]).includes(condition)) {
    if (keys.length === 0 || keys[0] === 'Enrichment') {
      ctx.report(path, `${where(path)}: ${condition} needs 'Key', 'DeepKey' or 'KeyPath'`, { at: 'key' })
      return
    }
    checkKeyField(expr, keys[0] as string, path, ctx)
    unknownKeys(expr, [keys[0] as string, 'Condition', 'Expressions'], path, ctx)
    if (!('Expressions' in expr)) ctx.report(path, `${where(path)}: ${condition} needs 'Expressions'`, { at: 'key' })
    else validateExpressions(expr.Expressions, [...path, 'Expressions'], ctx)
    return
  }
  const cond = lookupCondition(condition)
  if (!cond) {
    ctx.report(condPath, `${where(condPath)}: unknown condition '${condition}' (known: ${[...conditionNames(), ...LIST_CONDITIONS, ...ABSOLUTE_CONDITIONS].join(', ')})`)
    return
  }
  if (keys.length === 0) {
    // Multi-key comparison: Values holds exactly two key specifiers.
    unknownKeys(expr, ['Condition', 'Values'], path, ctx)
    const specs = expr.Values
    if (!Array.isArray(specs) || specs.length !== 2) {
      ctx.report(path, `${where(path)}: needs a key specifier, or 'Values' with exactly two key specifiers to compare`, { at: 'key' })
      return
    }
    if (cond.arity === 'none') ctx.report(condPath, `${where(condPath)}: ${condition} cannot compare two keys`)
    specs.forEach((s, i) => validateKeySpec(s, [...path, 'Values', i], ctx))
    return
  }
  const key = keys[0] as string
  checkKeyField(expr, key, path, ctx)
  unknownKeys(expr, [key, 'Condition', 'Value', 'Values'], path, ctx)
  const hasValue = 'Value' in expr
  const hasValues = 'Values' in expr
  if (hasValue && hasValues) ctx.report([...path, 'Values'], `${where(path)}: give 'Value' or 'Values', not both`, { at: 'key' })
  const cidr = cond.name.includes('CIDR')
  if (cond.arity === 'none' && (hasValue || hasValues)) {
    ctx.report([...path, hasValue ? 'Value' : 'Values'], `${where(path)}: ${condition} takes no value`, { at: 'key' })
  } else if (cond.arity === 'value' && !hasValue && !(cidr && hasValues)) {
    ctx.report(path, `${where(path)}: ${condition} needs 'Value'`, { at: 'key' })
  } else if (cond.arity === 'values' && !hasValues) {
    ctx.report(path, `${where(path)}: ${condition} needs 'Values' (a list)`, { at: 'key' })
  }
  if (hasValue && !SCALAR(expr.Value)) {
    ctx.report([...path, 'Value'], `${where([...path, 'Value'])}: expected a string, number or boolean, got ${typeName(expr.Value)}`)
  }
  if (hasValues && (!Array.isArray(expr.Values) || !expr.Values.every(SCALAR))) {
    ctx.report([...path, 'Values'], `${where([...path, 'Values'])}: expected a list of strings, numbers or booleans`)
  }
}
