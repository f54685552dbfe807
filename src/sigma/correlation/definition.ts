/**
 * Correlation documents (spec 2.1.0 "Sigma Correlation Rules") read into a checked definition.
 * Input is the parsed YAML object: `{ title, id, name, correlation: { type, rules, group-by,
 * timespan, condition, aliases, generate } }`.
 */
import { parseTimespan } from './timespan.js'

export const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile'] as const
export type CorrelationType = (typeof CORRELATION_TYPES)[number]

export type ConditionOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq'
const OPS: readonly ConditionOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq']

export interface CorrelationCondition {
  /** All bounds must hold (the spec allows a range such as `gt: 100, lte: 200`). */
  bounds: { op: ConditionOp; value: number }[]
  /** value_count / value_sum / value_avg / value_percentile: the field(s) aggregated. */
  fields: string[]
  /** value_percentile: the percentile (0–100) of the field's numbers; absent = frequency share. */
  percentile?: number
}

export interface CorrelationDefinition {
  /** id, else name, else title. */
  key: string
  id?: string
  name?: string
  title?: string
  type: CorrelationType
  rules: string[]
  groupBy: string[]
  timespanMs: number
  condition: CorrelationCondition
  /** alias → (rule id or name → field). */
  aliases: Record<string, Record<string, string>>
  generate: boolean
}

/** A correlation document that cannot be used; `path` points into the document. */
export class CorrelationError extends Error {
  readonly path: (string | number)[]
  constructor(message: string, path: (string | number)[]) {
    super(message)
    this.name = 'CorrelationError'
    this.path = path
  }
}

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

function stringList(x: unknown, path: (string | number)[], what: string): string[] {
  const list = typeof x === 'string' ? [x] : x
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || s === ''))
    throw new CorrelationError(`${what} must be a list of non-empty strings`, path)
  return list as string[]
}

/** Reads and checks one correlation document. */
export function readCorrelation(doc: unknown): CorrelationDefinition {
  if (!isMap(doc)) throw new CorrelationError('a correlation document must be a map', [])
  const c = doc.correlation
  if (!isMap(c)) throw new CorrelationError("the document has no 'correlation' map", ['correlation'])
  const type = c.type
  if (typeof type !== 'string' || !(CORRELATION_TYPES as readonly string[]).includes(type))
    throw new CorrelationError(`unknown correlation type ${JSON.stringify(type)}: expected one of ${CORRELATION_TYPES.join(', ')}`, ['correlation', 'type'])
  const t = type as CorrelationType
  const rules = stringList(c.rules, ['correlation', 'rules'], "'rules'")
  if (rules.length === 0) throw new CorrelationError("'rules' is empty", ['correlation', 'rules'])
  const groupBy = c['group-by'] === undefined ? [] : stringList(c['group-by'], ['correlation', 'group-by'], "'group-by'")
  const span = parseTimespan(c.timespan)
  if (typeof span === 'string') throw new CorrelationError(span, ['correlation', 'timespan'])

  // Alias names and rule references are the author's: a null-prototype map, read with `aliasField`.
  const aliases: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>
  if (c.aliases !== undefined) {
    if (!isMap(c.aliases)) throw new CorrelationError("'aliases' must be a map of alias → {rule: field}", ['correlation', 'aliases'])
    for (const [alias, mapping] of Object.entries(c.aliases)) {
      if (!isMap(mapping) || Object.values(mapping).some((f) => typeof f !== 'string'))
        throw new CorrelationError(`alias '${alias}' must map rule names to field names`, ['correlation', 'aliases', alias])
      // Keys may name a rule by id or name whatever `rules` uses: `resolveAliases` binds them once the rules are known.
      aliases[alias] = mapping as Record<string, string>
    }
  }

  const condition = readCondition(c.condition, t, rules.length)
  const generate = c.generate ?? doc.generate ?? false
  if (typeof generate !== 'boolean') throw new CorrelationError("'generate' must be a boolean", ['correlation', 'generate'])
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined)
  const id = str(doc.id)
  const name = str(doc.name)
  const title = str(doc.title)
  const def: CorrelationDefinition = { key: id ?? name ?? title ?? '(unnamed correlation)', type: t, rules, groupBy, timespanMs: span, condition, aliases, generate }
  if (id !== undefined) def.id = id
  if (name !== undefined) def.name = name
  if (title !== undefined) def.title = title
  return def
}

function readCondition(raw: unknown, type: CorrelationType, ruleCount: number): CorrelationCondition {
  const path = ['correlation', 'condition']
  const temporal = type === 'temporal' || type === 'temporal_ordered'
  if (raw === undefined || raw === null) {
    // pySigma's default for temporal types: every referenced rule matched.
    if (temporal) return { bounds: [{ op: 'gte', value: ruleCount }], fields: [] }
    throw new CorrelationError(`a ${type} correlation needs a condition (e.g. 'gte: 10')`, path)
  }
  if (!isMap(raw)) throw new CorrelationError('the condition must be a map such as {gte: 10}', path)
  const bounds: CorrelationCondition['bounds'] = []
  let fields: string[] = []
  let percentile: number | undefined
  for (const [key, value] of Object.entries(raw)) {
    if ((OPS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new CorrelationError(`'${key}' needs a number`, [...path, key])
      bounds.push({ op: key as ConditionOp, value })
    } else if (key === 'field') {
      fields = stringList(value, [...path, key], "'field'")
    } else if (key === 'percentile' && type === 'value_percentile') {
      if (typeof value !== 'number' || value < 0 || value > 100) throw new CorrelationError("'percentile' must be a number from 0 to 100", [...path, key])
      percentile = value
    } else {
      throw new CorrelationError(`unknown condition key '${key}': expected ${OPS.join(', ')} or field`, [...path, key])
    }
  }
  if (bounds.length === 0) throw new CorrelationError(`the condition needs an operator: ${OPS.join(', ')}`, path)
  const needsField = type === 'value_count' || type === 'value_sum' || type === 'value_avg' || type === 'value_percentile'
  if (needsField && fields.length === 0) throw new CorrelationError(`a ${type} condition needs 'field'`, path)
  if (!needsField && fields.length > 0) throw new CorrelationError(`a ${type} condition takes no 'field'`, [...path, 'field'])
  if (type !== 'value_count' && fields.length > 1) throw new CorrelationError(`a ${type} condition takes one field`, [...path, 'field'])
  const out: CorrelationCondition = { bounds, fields }
  if (percentile !== undefined) out.percentile = percentile
  return out
}

/**
 * Binds alias keys to the `rules:` items they mean (spec: alias keys are rule names, `rules` may
 * list ids or names): a key that is a `rules:` item stays; another key is kept under the item
 * that names the same rule (`identity` maps an id or a name to the rule or correlation it
 * names). A key that names none of the rules is a CorrelationError at its path.
 */
export function resolveAliases(def: CorrelationDefinition, identity: (ref: string) => unknown): CorrelationDefinition {
  const aliases: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>
  let changed = false
  for (const [alias, mapping] of Object.entries(def.aliases)) {
    const bound: Record<string, string> = Object.create(null) as Record<string, string>
    for (const [key, field] of Object.entries(mapping)) {
      if (def.rules.includes(key)) {
        bound[key] = field
        continue
      }
      const target = identity(key)
      const item = target === undefined ? undefined : def.rules.find((r) => identity(r) === target)
      if (item === undefined)
        throw new CorrelationError(`alias '${alias}' names '${key}', which is none of the rules in 'rules' (by id or name)`, ['correlation', 'aliases', alias, key])
      bound[item] = field
      changed = true
    }
    aliases[alias] = bound
  }
  return changed ? { ...def, aliases } : def
}

/** The field an alias names for one rule reference, if the alias maps that reference (own keys only). */
export function aliasField(def: Pick<CorrelationDefinition, 'aliases'>, alias: string, ref: string): string | undefined {
  if (!Object.hasOwn(def.aliases, alias)) return undefined
  const mapping = def.aliases[alias] as Record<string, string>
  return Object.hasOwn(mapping, ref) ? mapping[ref] : undefined
}

/** Whether `name` is one of the correlation's aliases. */
export function isAlias(def: Pick<CorrelationDefinition, 'aliases'>, name: string): boolean {
  return Object.hasOwn(def.aliases, name)
}

/** Whether a number satisfies every bound. */
export function satisfies(condition: CorrelationCondition, value: number): boolean {
  for (const { op, value: v } of condition.bounds) {
    const ok = op === 'gt' ? value > v : op === 'gte' ? value >= v : op === 'lt' ? value < v : op === 'lte' ? value <= v : op === 'eq' ? value === v : value !== v
    if (!ok) return false
  }
  return true
}
