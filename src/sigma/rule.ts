import type { Finding, Result } from '../model/result.js'
import { declaredGapMessage } from '../report/gap.js'
import type { EvaluateOptions, LoadedRule, TestCase } from '../model/rule.js'
import type { ScenarioExpectation } from '../model/scenario.js'
import type { SourceLocation } from '../model/source.js'
import type { VariantId } from '../model/variant.js'
import type { Verdict } from '../model/verdict.js'
import { assertEventDepth } from '../shared/depth.js'
import { LoadError } from '../shared/errors.js'
import type { SourceMap } from '../shared/yaml/index.js'
import { type CompiledDetection, type FieldAccessor, SigmaCompileError, compileDetection } from './compile/index.js'
import type { SigmaScenarioItem } from './tests/parse.js'
import { sigmaTechniques } from '../shared/attack.js'
import { LOAD_CHECKS, type SigmaDocument, type SigmaFilterDocument, type SigmaLogsource, type SigmaRuleDocument } from './load/types.js'

/** How a Sigma rule sees one variant's raw record (a field-mapping pipeline, reference §4.4). */
export interface SigmaView {
  accessor(field: string): FieldAccessor | undefined
  /** Why a field is not provided on this variant, when it is not. */
  unsupported?(field: string): string | undefined
  keywords?(record: unknown): Iterable<string>
}

/** Where views come from: the variants' pipelines by default, or anything the caller supplies. */
export interface SigmaViews {
  claimedVariants(logsource: SigmaLogsource): VariantId[]
  /** `undefined`: no pipeline, the record is read as it is (dotted paths). */
  viewFor(logsource: SigmaLogsource, variant: VariantId): SigmaView | undefined
}

/** Reads every record as it is: no variant claims, no field mapping. */
export const rawViews: SigmaViews = {
  claimedVariants: () => [],
  viewFor: () => undefined,
}

let defaultViews: SigmaViews = rawViews

/** Installs the views used when `sigmaRulesFromDocuments` gets none (the pipelines module does this). */
export function setDefaultSigmaViews(views: SigmaViews): void {
  defaultViews = views
}

export interface SigmaRuleOptions {
  /**
   * Where compile problems go. Without it the first problem throws a LoadError
   * (`file:line:column: message`); with it, a rule that does not compile is left out.
   */
  findings?: Finding[]
  /** Tests from the rule file's sidecar (`loadSigmaTestsText`). Tests naming a rule go to that rule. */
  sidecarTests?: TestCase[]
  /** Scenario declarations from the rule file's sidecar; those naming a rule go to that rule. */
  sidecarScenarios?: SigmaScenarioItem[]
  /** `|expand` placeholder values. */
  placeholders?: Record<string, string[]>
  /** Filters from elsewhere in the rule set (filters in `docs` always apply). */
  filters?: SigmaFilterDocument[]
  /** @defaultValue the variants' Sigma pipelines */
  views?: SigmaViews
}

/** A field the variant's pipeline cannot provide: evaluating there would silently read null. */
export class UnsupportedFieldError extends Error {
  constructor(
    readonly variant: VariantId,
    readonly fields: { field: string; reason: string }[],
  ) {
    super(`not evaluable on ${variant}: ${fields.map((f) => `field ${f.field} is not provided (${f.reason})`).join('; ')}`)
    this.name = 'UnsupportedFieldError'
  }
}

/** The rule's logsource has pipelines for other variants, not this one: its records are not the rule's to read. */
export class UnclaimedVariantError extends Error {
  constructor(
    readonly variant: VariantId,
    readonly claimed: VariantId[],
  ) {
    super(`not evaluable on ${variant}: the rule's logsource is read on ${claimed.join(', ')} only`)
    this.name = 'UnclaimedVariantError'
  }
}

/** A Sigma detection rule with its compiled per-variant predicates (also exposed for `eval`). */
export interface SigmaLoadedRule extends LoadedRule {
  format: 'sigma'
  document: SigmaRuleDocument
  /**
   * The compiled detection for a variant (`undefined`: the raw record, no pipeline). Throws
   * UnsupportedFieldError or UnclaimedVariantError where the variant's records cannot be read.
   */
  compiled(variant?: VariantId): CompiledDetection
  /**
   * The detection for `variant` (`undefined`: the raw record) compiled again to be evaluated
   * beside other rules (replay's `RuleGroup`): every field read goes through `share`, and the
   * result states its `needs`. Throws where `compiled(variant)` throws.
   */
  compiledShared(variant: VariantId | undefined, share: (read: FieldAccessor) => FieldAccessor): CompiledDetection
  /**
   * The same rule with another detection, compiled with the same filters, placeholders and views
   * (`ruleproof mutate`); compile problems go to `findings`, and then there is no rule.
   */
  withDetection?(detection: Record<string, unknown>, findings: Finding[]): SigmaLoadedRule | undefined
}

function ruleRefs(d: SigmaDocument): string[] {
  return [d.id, d.name, d.title].filter((x): x is string => typeof x === 'string')
}

/** A filter applies when every logsource key it sets is equal in the rule and it names the rule (an empty list: every rule). */
function filterApplies(filter: SigmaFilterDocument, rule: SigmaRuleDocument): boolean {
  for (const k of ['category', 'product', 'service'] as const) {
    if (filter.logsource[k] !== undefined && filter.logsource[k] !== rule.logsource[k]) return false
  }
  if (filter.rules.length === 0) return true
  const refs = new Set([rule.id, rule.name].filter((x): x is string => typeof x === 'string'))
  return filter.rules.some((r) => refs.has(r))
}

function locate(e: SigmaCompileError, rule: SigmaRuleDocument, filters: SigmaFilterDocument[]): { map: SourceMap; path: (string | number)[] } {
  const [head, index, ...rest] = e.path
  if (head === '$filters' && typeof index === 'number' && filters[index]) {
    return { map: filters[index].map, path: ['filter', ...rest] }
  }
  return { map: rule.map, path: ['detection', ...e.path] }
}

/**
 * Moves a location at the start of a one-line scalar to `column` (1-based) inside its text,
 * past an opening quote. Block scalars and unknown text keep the scalar's start.
 */
function insideScalar(at: { line: number; column: number }, column: number, text: string | undefined): number {
  if (text === undefined) return at.column
  let offset = 0
  for (let l = 1; l < at.line; l++) {
    offset = text.indexOf('\n', offset) + 1
    if (offset === 0) return at.column
  }
  const end = text.indexOf('\n', offset)
  const line = text.slice(offset, end === -1 ? undefined : end)
  const first = line[at.column - 1]
  if (first === undefined || first === '|' || first === '>' || first === ' ' || first === '\t') return at.column
  const moved = at.column + (first === "'" || first === '"' ? 1 : 0) + column - 1
  // Past the end of the line the scalar continues on the next one: keep its start.
  return moved <= line.length ? moved : at.column
}

function compileFinding(e: SigmaCompileError, rule: SigmaRuleDocument, filters: SigmaFilterDocument[], ruleId: string): Finding {
  const { map, path } = locate(e, rule, filters)
  const at = { ...map.value(path) }
  if (e.column !== undefined) {
    const owner = path[0] === 'filter' ? filters[e.path[1] as number] : rule
    at.column = insideScalar(at, e.column, owner?.text)
  }
  return { check: LOAD_CHECKS.compile, severity: 'error', file: at.file, line: at.line, column: at.column, message: e.message, rule: ruleId }
}

/** `tests:` items naming a family → the harness's declaration: match / ignore, gaps, each item's line. */
function scenarioExpectation(items: readonly SigmaScenarioItem[]): ScenarioExpectation | undefined {
  if (items.length === 0) return undefined
  // Family names are the author's: no prototype, so that `__proto__` is a family like any other.
  const locations: Record<string, SourceLocation> = Object.create(null) as Record<string, SourceLocation>
  const out: ScenarioExpectation = { match: [], ignore: [], location: items[0]!.location, locations }
  for (const item of items) {
    ;(item.expect ? out.match : out.ignore).push(item.family)
    locations[item.family] ??= item.location
    if (item.variants && item.reason !== undefined) (out.gaps ??= []).push({ families: [item.family], variants: item.variants, reason: item.reason })
  }
  return out
}

function expectation(match: boolean): 'match' | 'no-match' {
  return match ? 'match' : 'no-match'
}

/**
 * Sigma detection-rule documents → rules ready to evaluate and test. Correlation documents
 * are not single-event rules and are left out (they run over event streams); filter documents
 * are applied to the rules they name. Documents with error findings are left out (their
 * findings came with `loadSigmaText`).
 */
export function sigmaRulesFromDocuments(docs: readonly SigmaDocument[], options: SigmaRuleOptions = {}): SigmaLoadedRule[] {
  const views = options.views ?? defaultViews
  const filters = [...docs.filter((d): d is SigmaFilterDocument => d.kind === 'filter' && d.valid), ...(options.filters ?? [])]
  const rules = docs.filter((d): d is SigmaRuleDocument => d.kind === 'rule' && d.valid)
  const problem = (f: Finding) => {
    if (!options.findings) throw new LoadError(f.message, { file: f.file, line: f.line, column: f.column })
    options.findings.push(f)
  }

  // Sidecar items: by `rule:` reference, or to the only rule of the file.
  const route = <T>(items: readonly T[], ref: (t: T) => string | undefined, what: (t: T) => string, at: (t: T) => SourceLocation): Map<SigmaRuleDocument, T[]> => {
    const to = new Map<SigmaRuleDocument, T[]>()
    for (const t of items) {
      const r = ref(t)
      const target = r !== undefined ? rules.find((d) => ruleRefs(d).includes(r)) : rules.length === 1 ? rules[0] : undefined
      // Meant for a rule document that is itself invalid: its own finding says why, and the
      // rule set reports this test as not run because of it (no second, misleading finding).
      const invalid = docs.filter((d) => d.kind === 'rule' && !d.valid)
      if (!target && (r !== undefined ? invalid.some((d) => ruleRefs(d).includes(r)) : rules.length === 0 && invalid.length === 1)) continue
      if (!target) {
        const l = at(t)
        problem({
          check: LOAD_CHECKS.tests,
          severity: 'error',
          file: l.file,
          line: l.line,
          column: l.column,
          message:
            r !== undefined
              ? `${what(t)} names rule '${r}', which is not in the rule file`
              : `${what(t)} names no rule, and the rule file holds ${rules.length} rules: add rule: <id>`,
        })
        continue
      }
      to.set(target, [...(to.get(target) ?? []), t])
    }
    return to
  }
  const sidecar = route(
    options.sidecarTests ?? [],
    (t) => (typeof t.extra?.rule === 'string' ? t.extra.rule : undefined),
    (t) => `test '${t.name}'`,
    (t) => t.location,
  )
  const sidecarScenarios = route(options.sidecarScenarios ?? [], (s) => s.rule, (s) => `scenario '${s.family}'`, (s) => s.location)

  const out: SigmaLoadedRule[] = []
  for (const doc of rules) {
    const id = doc.id ?? doc.name ?? doc.title
    const applied = filters.filter((f) => filterApplies(f, doc))
    const compileOptions = {
      ...(options.placeholders ? { placeholders: options.placeholders } : {}),
      filters: applied.map((f) => ({ detection: f.detection, condition: f.detection.condition as string | string[], id: f.id ?? f.name ?? f.title })),
    }
    let raw: CompiledDetection
    try {
      raw = compileDetection(doc.detection, compileOptions)
    } catch (e) {
      if (!(e instanceof SigmaCompileError)) throw e
      problem(compileFinding(e, doc, applied, id))
      continue
    }
    const claimed = views.claimedVariants(doc.logsource)
    const perVariant = new Map<VariantId, CompiledDetection | UnsupportedFieldError | UnclaimedVariantError>()
    // How the detection reads a variant's records (its view), for compiling there.
    const viewOptions = (view: SigmaView) => ({
      accessor: (f: string) => view.accessor(f),
      ...(view.keywords ? { keywords: (r: unknown) => view.keywords!(r) } : {}),
    })
    const compiled = (variant?: VariantId): CompiledDetection => {
      if (variant === undefined) return raw
      let c = perVariant.get(variant)
      if (c === undefined) {
        const view = views.viewFor(doc.logsource, variant)
        // No pipeline: a logsource no variant claims is read raw; a claimed one only where claimed.
        if (!view) c = claimed.length > 0 && !claimed.includes(variant) ? new UnclaimedVariantError(variant, claimed) : raw
        else {
          const missing: { field: string; reason: string }[] = []
          const compiledHere = compileDetection(doc.detection, {
            ...compileOptions,
            ...viewOptions(view),
            onUnsupportedField: (field) => missing.push({ field, reason: view.unsupported?.(field) ?? 'no mapping' }),
          })
          c = missing.length ? new UnsupportedFieldError(variant, missing) : compiledHere
        }
        perVariant.set(variant, c)
      }
      if (c instanceof Error) throw c
      return c
    }
    const compiledShared = (variant: VariantId | undefined, share: (read: FieldAccessor) => FieldAccessor): CompiledDetection => {
      compiled(variant) // the same refusals (unclaimed variant, unsupported fields)
      const view = variant === undefined ? undefined : views.viewFor(doc.logsource, variant)
      return compileDetection(doc.detection, { ...compileOptions, ...(view ? viewOptions(view) : {}), share })
    }
    const tests = [...doc.tests, ...(sidecar.get(doc) ?? [])]
    if (claimed.length > 0) {
      for (const t of tests) {
        if (claimed.includes(t.variant)) continue
        const l = t.location
        options.findings?.push({
          check: LOAD_CHECKS.tests,
          severity: 'warning',
          file: l.file,
          line: l.line,
          column: l.column,
          rule: id,
          message: `test '${t.name}' has an event of variant ${t.variant}, but the rule's logsource is read on ${claimed.join(', ')} only`,
        })
      }
    }
    const scenarios = scenarioExpectation([...(doc.scenarios ?? []), ...(sidecarScenarios.get(doc) ?? [])])
    const rule: SigmaLoadedRule = {
      format: 'sigma',
      id,
      title: doc.title,
      file: doc.file,
      location: doc.location,
      variants: claimed,
      tests,
      ...(scenarios ? { scenarios } : {}),
      techniques: sigmaTechniques(doc.value['tags']),
      document: doc,
      compiled,
      compiledShared,
      async evaluate(record: unknown, variant: VariantId, _options?: EvaluateOptions): Promise<Verdict> {
        const c = compiled(variant)
        assertEventDepth(record)
        const explanation = c.explain(record)
        return { match: explanation.match, matched: Object.keys(explanation.selections).filter((k) => explanation.selections[k]) }
      },
      async runTest(test: TestCase): Promise<Result> {
        const override = test.overrides?.[test.variant]
        const expected = override ? override.expect : test.expect
        const base: Result = {
          rule: id,
          file: test.location.file,
          line: test.location.line,
          test: test.name,
          variant: test.variant,
          kind: 'embedded',
          status: 'pass',
          expected: expectation(expected),
        }
        try {
          const verdict = await rule.evaluate(test.event, test.variant)
          const result: Result = { ...base, actual: expectation(verdict.match) }
          if (verdict.match !== expected) {
            result.status = 'fail'
            result.message = `expected ${expectation(expected)}, got ${expectation(verdict.match)}${
              verdict.match ? ` (matched: ${verdict.matched?.join(', ') || 'keywords'})` : ''
            }`
          } else if (override) result.message = declaredGapMessage(override.reason) // the variant is the result's own
          return result
        } catch (e) {
          return { ...base, status: 'error', message: (e as Error).message }
        }
      },
      matcher(variant: VariantId): (record: unknown) => boolean {
        const c = compiled(variant)
        return (record) => c.match(record)
      },
      fieldsRead(variant: VariantId): string[] | undefined {
        try {
          return compiled(variant).fields
        } catch {
          return undefined
        }
      },
    }
    rule.withDetection = (detection, findings) =>
      sigmaRulesFromDocuments([{ ...doc, detection, tests: [], scenarios: [] }], {
        findings,
        filters: applied,
        views,
        ...(options.placeholders ? { placeholders: options.placeholders } : {}),
      })[0]
    out.push(rule)
  }
  return out
}
