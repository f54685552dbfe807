/**
 * Selections → predicates. A map is an AND of its items; a list of maps is an OR of the maps; a
 * list of plain values (or one plain value) is a keyword search; a list mixing maps and plain
 * values is an OR of both.
 */
import type { Predicate } from '../condition/compile.js'
import { type FieldAccessor, defaultAccessor, defaultKeywords, someLeaf } from '../fields.js'
import { cased, contains, endswith, startswith } from '../modifiers/strings.js'
import type { ModifierDef } from '../modifiers/types.js'
import { type FieldTest, type ScalarTest, compileAlternativeParts, compileAlternatives, fieldTestOf, someElement } from '../values/match.js'
import type { SigmaValue } from '../values/types.js'
import { type DetectionPath, SigmaCompileError } from './errors.js'
import { applyChain, parseDetectionKey, resolveModifiers, toSigmaValue } from './values.js'
import { NO_NEEDS, allNeeds, anyNeeds, itemNeeds, type Needs } from './needs.js'

/** What compiling a selection needs from the options. */
export interface SelectionContext {
  accessor?: ((field: string) => FieldAccessor | undefined) | undefined
  keywords?: ((record: unknown) => Iterable<string>) | undefined
  placeholders: Readonly<Record<string, readonly string[]>>
  onUnsupportedField?: ((field: string) => void) | undefined
  /** Fields read, in first-use order (filled while compiling). */
  fields: Set<string>
  /** Fields already reported to `onUnsupportedField`. */
  unsupported: Set<string>
  /**
   * Only decide whether the detection compiles (lint): every rejection happens while the values
   * are typed and their modifier chains applied; building the matchers after that (RegExps, sets,
   * closures) rejects nothing, so it is skipped and selections get a placeholder predicate.
   */
  checkOnly?: boolean
  /** Wraps every field accessor (replay's per-record field sharing across rules). */
  share?: ((read: FieldAccessor) => FieldAccessor) | undefined
  /** When set, each predicate's needs (see needs.ts) are recorded here; unrecorded means none. */
  needs?: Map<Predicate, Needs> | undefined
}

const UNCHECKED_STRING: SigmaValue = { type: 'null' }

const unbuilt: Predicate = () => {
  throw new Error('internal: a detection compiled with checkOnly was evaluated')
}

const absent: FieldAccessor = () => undefined

/** The field's accessor as the pipeline resolves it, before any sharing. */
function rawAccessor(ctx: SelectionContext, field: string): FieldAccessor {
  ctx.fields.add(field)
  if (!ctx.accessor) return defaultAccessor(field)
  const acc = ctx.accessor(field)
  if (acc) return acc
  if (!ctx.unsupported.has(field)) {
    ctx.unsupported.add(field)
    ctx.onUnsupportedField?.(field)
  }
  return absent
}

function fieldAccessor(ctx: SelectionContext, field: string): FieldAccessor {
  const acc = rawAccessor(ctx, field)
  return ctx.share ? ctx.share(acc) : acc
}

/** Records what a predicate needs (only when the caller asked for needs). */
function noted(ctx: SelectionContext, p: Predicate, needs: Needs): Predicate {
  if (ctx.needs && needs.length > 0) ctx.needs.set(p, needs)
  return p
}

/** The needs recorded for a predicate. */
export function needsOf(ctx: SelectionContext, p: Predicate): Needs {
  return ctx.needs?.get(p) ?? NO_NEEDS
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function allOf(ps: Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate
  if (ps.length === 2) {
    const [a, b] = ps as [Predicate, Predicate]
    return (r) => a(r) && b(r)
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [Predicate, Predicate, Predicate]
    return (r) => a(r) && b(r) && c(r)
  }
  return (r) => {
    for (let i = 0; i < ps.length; i++) if (!(ps[i] as Predicate)(r)) return false
    return true
  }
}

function anyOf(ps: Predicate[]): Predicate {
  if (ps.length === 1) return ps[0] as Predicate
  return (r) => {
    for (let i = 0; i < ps.length; i++) if ((ps[i] as Predicate)(r)) return true
    return false
  }
}

/**
 * Modifiers that accept any string and return a string without refusing it: a string value whose
 * chain holds only these (and list modifiers) compiles whatever it says, since parsing a Sigma
 * string refuses nothing either. `checkOnly` skips typing such values.
 */
const NEVER_REFUSE_STRINGS: ReadonlySet<ModifierDef> = new Set([contains, startswith, endswith, cased] as ModifierDef[])

const SHAPES = new Set(['contains', 'startswith', 'endswith', 're', 'cidr', 'exists', 'fieldref', 'lt', 'lte', 'gt', 'gte', 'minute', 'hour', 'day', 'week', 'month', 'year'])

/** Compiles one `field|mods: value(s)` item (field `''` = keywords). */
function compileItem(key: string, raw: unknown, path: DetectionPath, ctx: SelectionContext): Predicate {
  const { field, modifiers } = parseDetectionKey(key)
  const chain = resolveModifiers(modifiers, path)
  const isAll = chain.some((m) => m.name === 'all')
  const isNeq = chain.some((m) => m.name === 'neq')
  const keyword = field === ''
  if (!keyword) ctx.fields.add(field) // before any |fieldref target, to keep first-use order
  const rawValues = Array.isArray(raw) ? raw : [raw]
  if (keyword && chain.some((m) => m.name === 'exists' || m.name === 'fieldref'))
    throw new SigmaCompileError(`the '${chain.find((m) => m.name === 'exists' || m.name === 'fieldref')?.name}' modifier needs a field name`, path)

  let values: SigmaValue[]
  if (rawValues.length === 0) {
    if (keyword) throw new SigmaCompileError('an empty keyword list', path)
    // pySigma reads `field: []` as a null test.
    values = [{ type: 'null' }]
  } else {
    const implicitContains = keyword && !chain.some((m) => SHAPES.has(m.name))
    const stringsPass = ctx.checkOnly === true && chain.every((m) => m.scope !== 'value' || NEVER_REFUSE_STRINGS.has(m))
    values = rawValues.map((r, i) => {
      // Lint: the verdict on such a string is known; its value is never built (checkOnly returns below).
      if (stringsPass && typeof r === 'string') return UNCHECKED_STRING
      const p = Array.isArray(raw) ? [...path, i] : path
      // Keywords are text: numbers are searched by their text (unless a comparison wants the number).
      if (keyword && (typeof r === 'number' || typeof r === 'boolean') && !chain.some((m) => m.accepts.includes('number') || m.accepts.includes('boolean'))) r = String(r)
      if (keyword && r === null) throw new SigmaCompileError('a keyword cannot be null', p)
      let v = applyChain(toSigmaValue(r, p), chain, ctx.placeholders, p)
      // A plain keyword is a substring of the event text (reference §5.8).
      if (implicitContains) v = applyChain(v, [contains as ModifierDef], ctx.placeholders, p)
      return v
    })
  }
  if (ctx.checkOnly) return unbuilt

  // Field references read other fields through the same accessor.
  const read = (other: string) => fieldAccessor(ctx, other)
  let test: FieldTest
  let scalarOnly: ScalarTest | undefined
  if (isAll && values.length > 1) {
    const tests = values.map((v) => compileAlternatives([v], read))
    test = (x, r) => {
      for (let i = 0; i < tests.length; i++) if (!(tests[i] as FieldTest)(x, r)) return false
      return true
    }
  } else {
    const parts = compileAlternativeParts(values, read)
    test = fieldTestOf(parts)
    if (parts.whole.length === 0) scalarOnly = parts.scalar
  }

  let p: Predicate
  if (keyword && !ctx.keywords && !(isAll && values.length > 1)) {
    // Default source, OR-linked: test leaves while walking, stopping at the first hit.
    p = (r) => someLeaf(r, (leaf) => test(leaf, r))
  } else if (keyword) {
    const kw = ctx.keywords ?? defaultKeywords
    p = (r) => {
      const words = kw(r)
      return test(Array.isArray(words) ? words : Array.from(words), r)
    }
  } else if (scalarOnly) {
    // The hot path: one field, value tests only.
    const acc = fieldAccessor(ctx, field)
    const s = scalarOnly
    p = (r) => {
      const x = acc(r)
      if (typeof x === 'string') return s(x, r)
      return x === undefined ? false : Array.isArray(x) ? someElement(x, r, s) : s(x, r)
    }
  } else {
    const acc = fieldAccessor(ctx, field)
    p = (r) => test(acc(r), r)
  }
  if (isNeq) {
    const inner = p
    return (r) => !inner(r)
  }
  return ctx.needs && !keyword ? noted(ctx, p, itemNeeds(field, rawAccessor(ctx, field), values, isAll)) : p
}

function compileMap(map: Record<string, unknown>, path: DetectionPath, ctx: SelectionContext): Predicate {
  const keys = Object.keys(map)
  if (keys.length === 0) throw new SigmaCompileError('an empty map matches nothing', path)
  const items = keys.map((k) => compileItem(k, map[k], [...path, k], ctx))
  return noted(ctx, allOf(items), ctx.needs ? allNeeds(items.map((p) => needsOf(ctx, p))) : NO_NEEDS)
}

/** Compiles one selection (the value under a detection name). */
export function compileSelection(value: unknown, path: DetectionPath, ctx: SelectionContext): Predicate {
  if (isPlainObject(value)) return compileMap(value, path, ctx)
  if (Array.isArray(value)) {
    if (value.length === 0) throw new SigmaCompileError('an empty selection list', path)
    const plain = (el: unknown) => typeof el === 'string' || typeof el === 'number' || typeof el === 'boolean'
    if (value.every(plain)) return compileItem('', value, path, ctx)
    const parts: Predicate[] = value.map((el, i) => {
      if (isPlainObject(el)) return compileMap(el, [...path, i], ctx)
      if (plain(el)) return compileItem('', el, [...path, i], ctx)
      throw new SigmaCompileError(el === null ? 'a keyword cannot be null' : 'a selection list may hold maps and plain values only', [...path, i])
    })
    return noted(ctx, anyOf(parts), ctx.needs ? anyNeeds(parts.map((p) => needsOf(ctx, p))) : NO_NEEDS)
  }
  if (typeof value === 'string' || typeof value === 'number') return compileItem('', value, path, ctx)
  throw new SigmaCompileError(value === null ? 'a selection cannot be null' : `a selection must be a map, a list or a keyword, not ${typeof value}`, path)
}
