/**
 * The Sigma compiler's public API: a detection (the parsed YAML `detection:` map) → a fast
 * predicate, an explanation function and the list of fields it reads.
 *
 * @example
 * const rule = compileDetection({ selection: { verb: ['create', 'patch'], 'objectRef.resource': 'cronjobs' }, condition: 'selection' })
 * rule.match({ verb: 'create', objectRef: { resource: 'cronjobs' } }) // true
 */
import {
  type ConditionNode,
  type Predicate,
  type ResolvedCondition,
  type ResolvedNode,
  SigmaConditionError,
  anyCondition,
  compileCondition,
  parseCondition,
  resolveCondition,
} from '../condition/index.js'
import { type ExplainPart, type Explanation, buildExplain } from '../explain.js'
import type { FieldAccessor } from '../fields.js'
import { type SelectionContext, compileSelection, needsOf } from './detection.js'
import { type DetectionPath, SigmaCompileError } from './errors.js'
import { NO_NEEDS, allNeeds, anyNeeds, type Needs } from './needs.js'

export { SigmaCompileError, type DetectionPath } from './errors.js'
export { defaultAccessor, defaultKeywords, pathAccessor, type FieldAccessor } from '../fields.js'
export { parseCondition, printCondition, resolveCondition, SigmaConditionError } from '../condition/index.js'
export type { ConditionNode, ConditionProblem, ResolvedCondition, ResolvedNode } from '../condition/index.js'
export { getModifier, modifierNames, modifiers, type ModifierDef, type ModifierName } from '../modifiers/index.js'
export { parseDetectionKey, type DetectionKey } from './values.js'
export type { Explanation } from '../explain.js'
export type { Need, Needs } from './needs.js'

/** A filter rule's part (spec "Sigma Filters"): its selections and condition. */
export interface CompileFilter {
  detection: Record<string, unknown>
  condition: string | string[]
  /** Names the filter in explanations (`<id>:<selection>`); default `filter<index>`. */
  id?: string
}

export interface CompileOptions {
  /**
   * Maps a Sigma field name to an accessor (pipelines supply this). Returning `undefined` marks
   * the field unsupported: `onUnsupportedField` is called and the field reads as absent.
   * @defaultValue `defaultAccessor`
   */
  accessor?: (field: string) => FieldAccessor | undefined
  /** The texts keywords are searched in. @defaultValue every string/number/boolean leaf */
  keywords?: (record: unknown) => Iterable<string>
  /** `|expand` placeholder values: name (without `%`) → values (OR-linked). */
  placeholders?: Record<string, string[]>
  /**
   * Filter rules to apply: the result is `rule condition AND filter condition` for each filter
   * (pySigma semantics, reference §3.e) — a filter that excludes events says `not selection`.
   * Errors inside a filter have paths starting `['$filters', index, …]`.
   */
  filters?: CompileFilter[]
  /** Called once per field the accessor cannot provide. */
  onUnsupportedField?: (field: string) => void
  /**
   * For evaluating many rules together (replay): every field accessor goes through `share`
   * (which may answer from a per-record cache), and the result states its `needs`.
   */
  share?: (read: FieldAccessor) => FieldAccessor
}

export interface CompiledDetection {
  match(record: unknown): boolean
  explain(record: unknown): Explanation
  /** Field names the detection reads (including `|fieldref` targets), in first-use order. */
  fields: string[]
  /** Values a match cannot do without (compiled with `share` only; none known otherwise). */
  needs: Needs
}

/** Detection keys that are not selections. */
const RESERVED = new Set(['condition', 'timeframe'])

/** Selection names of a detection, in document order. */
export function selectionNames(detection: Record<string, unknown>, isFilter = false): string[] {
  // A filter block also holds `rules` (the rules it applies to), which is not a selection.
  return Object.keys(detection).filter((k) => !RESERVED.has(k) && !(isFilter && k === 'rules'))
}

/** The condition(s) of a detection, parsed and resolved; throws located compile errors. */
export function analyzeConditions(
  condition: unknown,
  names: readonly string[],
  path: DetectionPath = ['condition'],
): { texts: string[]; parsed: ConditionNode[]; resolved: ResolvedCondition[] } {
  if (condition === undefined || condition === null) throw new SigmaCompileError('the detection has no condition', path)
  const list = Array.isArray(condition) ? condition : [condition]
  if (list.length === 0) throw new SigmaCompileError('the condition list is empty', path)
  const texts: string[] = []
  const parsed: ConditionNode[] = []
  const resolved: ResolvedCondition[] = []
  list.forEach((c, i) => {
    const p = Array.isArray(condition) ? [...path, i] : path
    if (typeof c !== 'string') throw new SigmaCompileError('a condition must be a string', p)
    let node: ConditionNode
    try {
      node = parseCondition(c)
    } catch (err) {
      if (err instanceof SigmaConditionError) throw new SigmaCompileError(`condition: ${err.message} (column ${err.column})`, p, err.column)
      throw err
    }
    const r = resolveCondition(node, names)
    const problem = r.problems[0]
    if (problem) throw new SigmaCompileError(`condition: ${problem.message} (column ${problem.start + 1})`, p, problem.start + 1)
    texts.push(c)
    parsed.push(node)
    resolved.push(r)
  })
  return { texts, parsed, resolved }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function compilePart(
  detection: Record<string, unknown>,
  condition: unknown,
  ctx: SelectionContext,
  pathPrefix: DetectionPath,
  conditionPath: DetectionPath,
  prefix: string,
): { match: Predicate; needs: Needs; explain: ExplainPart } | undefined {
  if (!isPlainObject(detection)) throw new SigmaCompileError('the detection must be a map', pathPrefix)
  const names = selectionNames(detection, prefix !== '')
  if (names.length === 0) throw new SigmaCompileError('the detection has no selections', pathPrefix)
  const { resolved } = analyzeConditions(condition, names, conditionPath)
  const selections = new Map<string, Predicate>()
  for (const name of names) selections.set(name, compileSelection(detection[name], [...pathPrefix, name], ctx))
  if (ctx.checkOnly) return undefined
  const get = (name: string) => selections.get(name) as Predicate
  const match = anyCondition(resolved.map((r) => compileCondition(r.node, get)))
  const needs = ctx.needs ? anyNeeds(resolved.map((r) => conditionNeeds(r.node, (name) => needsOf(ctx, get(name))))) : NO_NEEDS
  return { match, needs, explain: { prefix, selections, conditions: resolved.map((r) => r.node) } }
}

/** What a condition needs, given what each selection needs (a negation needs nothing known). */
function conditionNeeds(node: ResolvedNode, selection: (name: string) => Needs): Needs {
  switch (node.type) {
    case 'id':
      return selection(node.name)
    case 'of': {
      const parts = node.selections.map(selection)
      return node.quantifier === 'all' ? allNeeds(parts) : anyNeeds(parts)
    }
    case 'not':
      return NO_NEEDS
    case 'and':
      return allNeeds(node.args.map((a) => conditionNeeds(a, selection)))
    case 'or':
      return anyNeeds(node.args.map((a) => conditionNeeds(a, selection)))
  }
}

/** Compiles (or, with `checkOnly`, only checks) the rule's detection and then each filter's. */
function compileParts(detection: Record<string, unknown>, options: CompileOptions, checkOnly: boolean) {
  const ctx: SelectionContext = {
    accessor: options.accessor,
    keywords: options.keywords,
    placeholders: options.placeholders ?? {},
    onUnsupportedField: options.onUnsupportedField,
    fields: new Set(),
    unsupported: new Set(),
    checkOnly,
    share: options.share,
    needs: options.share && !checkOnly ? new Map() : undefined,
  }
  const parts = [compilePart(detection, isPlainObject(detection) ? detection.condition : undefined, ctx, [], ['condition'], '')]
  ;(options.filters ?? []).forEach((f, i) => {
    const prefix: DetectionPath = ['$filters', i]
    parts.push(compilePart(f.detection, f.condition, ctx, prefix, [...prefix, 'condition'], `${f.id ?? `filter${i}`}:`))
  })
  return { parts, ctx }
}

/**
 * Throws the `SigmaCompileError` that `compileDetection` would throw for the same arguments, or
 * returns when the detection compiles, without building any matcher (for lint: a fraction of the cost).
 */
export function checkDetection(detection: Record<string, unknown>, options: Pick<CompileOptions, 'placeholders' | 'filters'> = {}): void {
  compileParts(detection, options, true)
}

/**
 * Compiles a detection once into closures. Throws `SigmaCompileError` (with a path into the
 * detection) for anything the spec or pySigma rejects: unknown modifiers, bad chains, invalid
 * regexes or networks, unresolved placeholders, condition syntax and dangling references.
 */
export function compileDetection(detection: Record<string, unknown>, options: CompileOptions = {}): CompiledDetection {
  const { parts: built, ctx } = compileParts(detection, options, false)
  const parts = built as { match: Predicate; needs: Needs; explain: ExplainPart }[]
  const preds = parts.map((p) => p.match)
  let match: Predicate
  if (preds.length === 1) match = preds[0] as Predicate
  else
    match = (r) => {
      for (let i = 0; i < preds.length; i++) if (!(preds[i] as Predicate)(r)) return false
      return true
    }
  // The rule and each filter must all hold: each one's needs are the whole's.
  return { match, explain: buildExplain(parts.map((p) => p.explain)), fields: [...ctx.fields], needs: allNeeds(parts.map((p) => p.needs)) }
}
