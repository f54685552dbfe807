import { classifyFile } from '../rules/classify.js'
import type { Finding, Severity } from '../model/result.js'
import { LoadError } from '../shared/errors.js'
import { parseYamlDocuments, type SourceMap, type YamlDocument, type YamlPath } from '../shared/yaml/index.js'
import { loadSigmaText, loadSigmaYaml, type SigmaDocument } from '../sigma/index.js'
import type { PantherYaml } from '../panther/load/yaml.js'
import { budgetMessage, type Budget } from '../shared/budget.js'
import type { PantherSpec, SpecOptions } from '../panther/load/specs.js'
import { resolveLintConfig, type ResolvedLintConfig } from './config.js'
import type { LintHost, LintHostData, PythonModuleInfo } from './host.js'
import { interpolate } from './interpolate.js'
import { isPantherDocument, pantherPythonPath, pantherView } from './panther/view.js'
import { isSigmaDocument, sigmaView } from './sigma/view.js'
import { isSplunkDetectionText } from './spl/detect.js'
import type { SplRuleView } from './spl/view.js'
import { parseSuppressions, suppressedBy, type Suppression } from './suppress.js'
import { Lines, applyEdits } from './text.js'
import type { At, CheckContext, CheckHooks, CheckModule, LintedFile, Place, ReportDescriptor, TextEdit } from './types.js'

export interface LintSource {
  file: string
  text: string
  /**
   * The format, when the caller has classified the file (src/rules/classify.ts) with what it
   * parsed: the engine then parses nothing again. Without it a top-level AnalysisType line makes
   * a file Panther, anything else is read as Sigma.
   */
  kind?: 'sigma' | 'panther' | 'sentinel-kql'
  /** The shared YAML loader's documents of a Sigma file. */
  yaml?: YamlDocument[]
  /** A Panther file parsed in PAT's dialect. */
  panther?: PantherYaml
  /**
   * For a file the caller could not rule out without parsing it: called with its documents
   * when the engine parses it (Sigma files are parsed one at a time, as the walk reaches them,
   * so their trees need not all be alive at once); false leaves the file out of the run.
   */
  accept?: (yaml: YamlDocument[]) => boolean
}

export interface LintOptions {
  /** @defaultValue the recommended checks */
  config?: ResolvedLintConfig
  /** @defaultValue the registry of src/lint/checks */
  checks: Record<string, CheckModule>
  host?: LintHost
  /** Ids of every check (for suppression comments); @defaultValue the keys of `checks` */
  knownChecks?: readonly string[]
  /** Panther loader options (extra log types, PAT's --ignore-extra-keys). */
  panther?: SpecOptions
  /**
   * Apply safe fixes, re-linting the fixed text until nothing more changes (at most
   * {@link MAX_FIX_PASSES} passes): the findings are those of the final text. @defaultValue false
   */
  fix?: boolean
  /** The run's time budget: files not reached in it get one error finding each, saying so. */
  budget?: Budget
}

export interface LintResult {
  /** Sorted by file, line, column. */
  findings: Finding[]
  files: number
  rules: number
  /** Files that could not be loaded at all (not YAML): exit code 2. */
  unloadable: string[]
  /** New text of each file a fix changed. */
  fixed: Map<string, string>
}

/** As ESLint: fixes can make new findings fixable, but a fix that keeps oscillating must not loop forever. */
export const MAX_FIX_PASSES = 10

type HookName = Exclude<keyof CheckHooks, 'finalize'>
/**
 * Each hook's functions, read from the checks' hook objects once (called with the object as
 * `this`, as before): reading `hooks.value` from ~50 differently shaped objects for every value
 * was a large part of the walk's own time.
 */
type HookLists = { [K in HookName]: ((arg: Parameters<NonNullable<CheckHooks[K]>>[0]) => void)[] }
const HOOK_NAMES: readonly HookName[] = ['yamlError', 'loaderFinding', 'rule', 'detection', 'detectionItem', 'value', 'condition', 'pantherRule', 'pantherTest', 'kqlRule', 'splRule', 'fileEnd']

const PANTHER = /^AnalysisType\s*:/m

// Loaded when a file needs them: a lint of Sigma rules never loads the KQL, SPL or Panther loaders.
type KqlViews = typeof import('./kql/view.js')
type SplViews = typeof import('./spl/view.js')
type PantherSpecs = typeof import('../panther/load/specs.js')
/** The id of the finding for a file not linted within the run's time budget. */
export const BUDGET_CHECK = 'max-duration'

interface DocLike {
  value: unknown
  map: SourceMap
  index: number
}

interface Parsed {
  /** The caller's `accept` left the file out. */
  skipped?: true
  source: LintSource
  docs: DocLike[]
  /** Sigma documents as the Sigma loader built them (undefined for Panther files). */
  sigma: SigmaDocument[] | undefined
  /** A Splunk detection whose search parsed. */
  spl?: SplRuleView
  loaderFindings: Finding[]
  error: LoadError | undefined
}

interface FileState {
  file: string
  text: string
  lines: Lines | undefined
  doc: DocLike | undefined
  ruleId: string | undefined
  enabled: ReadonlyMap<string, Severity>
  suppressions: Suppression[]
  edits: TextEdit[]
  /** Findings whose fix was taken: reported only if the file's text ends up unchanged. */
  fixable: Finding[]
}

/**
 * Lints a set of files: parses each once (positions come from the YAML loader's source map),
 * walks every Sigma and Panther document through the checks' hooks, then runs `finalize` for
 * cross-rule checks. Pure: the caller reads files and gathers host facts.
 *
 * With `fix`, the fixed texts are linted again (all files: cross-file checks see the new
 * texts) until a pass changes nothing, so the findings and positions reported are those of the
 * text written, not of the text read.
 */
export async function lintSources(sources: readonly LintSource[], options: LintOptions): Promise<LintResult> {
  if (!options.fix) return lintPass(sources, options, new Set())
  const original = new Map(sources.map((s) => [s.file, s.text]))
  // Files a fix made unloadable: put back to their last loadable text and fixed no further.
  const frozen = new Set<string>()
  let loadable: Set<string> | undefined
  let previous = new Map(original)
  let texts = new Map(original)
  for (let pass = 1; ; pass++) {
    const current = pass === 1 ? sources.map((s) => ({ ...s, ...(s.accept ? { accept: askOnce(s.accept) } : {}) })) : relintable(sources, texts)
    const result = await lintPass(current, options, frozen)
    loadable ??= new Set(sources.map((s) => s.file).filter((f) => !result.unloadable.includes(f)))
    const broken = result.unloadable.filter((f) => loadable!.has(f) && !frozen.has(f))
    if (broken.length > 0) {
      for (const f of broken) {
        frozen.add(f)
        texts.set(f, previous.get(f)!)
      }
      continue
    }
    if (result.fixed.size > 0 && pass < MAX_FIX_PASSES) {
      previous = new Map(texts)
      for (const [f, text] of result.fixed) texts.set(f, text)
      continue
    }
    // The last pass changed nothing (its findings describe the final text), or it is the
    // last allowed one: then report what is left of the final text without fixing.
    const final = result.fixed.size > 0 ? await lintPass(relintable(sources, texts), { ...options, fix: false }, frozen) : result
    const fixed = new Map<string, string>()
    for (const [f, text] of texts) if (text !== original.get(f)) fixed.set(f, text)
    return { ...final, fixed }
  }
}

/** The caller's verdict on a file (and its notes) is asked for once, however many passes read it. */
const acceptVerdicts = new WeakMap<NonNullable<LintSource['accept']>, boolean>()
function askOnce(accept: NonNullable<LintSource['accept']>): NonNullable<LintSource['accept']> {
  return (yaml) => {
    let verdict = acceptVerdicts.get(accept)
    if (verdict === undefined) {
      verdict = accept(yaml)
      acceptVerdicts.set(accept, verdict)
    }
    return verdict
  }
}

/**
 * The sources to lint again with new texts: the caller's classification is kept, the trees it
 * parsed are not (they belong to the old text; every pass parses afresh).
 */
export function relintable(sources: readonly LintSource[], texts: ReadonlyMap<string, string>): LintSource[] {
  return sources.map((s) => ({
    file: s.file,
    text: texts.get(s.file) ?? s.text,
    ...(s.kind ? { kind: s.kind } : {}),
    ...(s.accept ? { accept: askOnce(s.accept) } : {}),
  }))
}

async function lintPass(sources: readonly LintSource[], options: LintOptions, noFix: ReadonlySet<string>): Promise<LintResult> {
  const registry = options.checks
  const config = options.config ?? resolveLintConfig(undefined, registry)
  const findings: Finding[] = []
  const unloadable: string[] = []
  let rules = 0
  let skipped = 0

  const specs: PantherSpec[] = []
  // Pass 1: parse every file once, and learn which Python modules the Panther rules name.
  // Sigma files go through the Sigma loader (schema, legacy syntax, collections, tests), which
  // keeps the YAML loader's source map; Panther files (a top-level AnalysisType) through the YAML loader.
  let kql: KqlViews | undefined
  let splunk: SplViews | undefined
  let panthers: PantherSpecs | undefined
  /** `panther`: the file is Panther (the Panther loader is loaded); `spl`: a Splunk detection (the SPL loader is). */
  const parseOne = (s: LintSource, panther: boolean, spl = false): Parsed => {
    if (panther) {
      const loaded = panthers!.loadSpecText(s.text, s.file, options.panther ?? {}, s.panther)
      const yamlError = loaded.findings.find((f) => f.check === 'panther-yaml')
      if (yamlError !== undefined) {
        unloadable.push(s.file)
        const { file, line, column } = yamlError
        return { source: s, docs: [], sigma: undefined, loaderFindings: [], error: new LoadError(yamlError.message, { file, line, column }) }
      }
      if (loaded.spec) specs.push(loaded.spec)
      const docs = loaded.spec ? [{ value: loaded.spec.value, map: loaded.spec.map, index: 0 }] : []
      return { source: s, docs, sigma: undefined, loaderFindings: loaded.findings, error: undefined }
    }
    if (spl) {
      // Splunk security_content detections: the SPL loader's findings and, when the search parses, its view.
      const l = splunk!.splLint(s.text, s.file)
      if (l.error) unloadable.push(s.file)
      return { source: s, docs: l.doc ? [l.doc] : [], sigma: undefined, loaderFindings: l.findings, error: l.error, ...(l.view ? { spl: l.view } : {}) }
    }
    let yaml = s.yaml
    if (yaml === undefined && s.accept !== undefined) {
      try {
        yaml = parseYamlDocuments(s.text, s.file)
      } catch (e) {
        if (!(e instanceof LoadError)) throw e
        // Broken YAML: the Sigma loader reports it below.
      }
      if (yaml !== undefined && !s.accept(yaml)) return { skipped: true, source: s, docs: [], sigma: undefined, loaderFindings: [], error: undefined }
    }
    const loaded = yaml ? loadSigmaYaml(yaml, s.text, s.file) : loadSigmaText(s.text, s.file)
    const yamlError = loaded.findings.find((f) => f.check === 'yaml-syntax')
    if (yamlError !== undefined) {
      unloadable.push(s.file)
      const { file, line, column } = yamlError
      return { source: s, docs: [], sigma: [], loaderFindings: [], error: new LoadError(yamlError.message, { file, line, column }) }
    }
    return { source: s, docs: loaded.documents, sigma: loaded.documents, loaderFindings: loaded.findings, error: undefined }
  }
  // Panther files first (cross-file checks and the Python batch need them all); Sigma files are
  // parsed one at a time in the walk below, so their trees can be collected as we go.
  const pantherParsed = new Map<string, Parsed>()
  for (const s of sources) {
    if (s.kind === 'panther' || (s.kind === undefined && PANTHER.test(s.text))) {
      panthers ??= await import('../panther/load/specs.js')
      pantherParsed.set(s.file, parseOne(s, true))
    }
  }
  const parsed = [...pantherParsed.values()]
  // Panther checks across files (duplicate ids, data-model conflicts, pack references).
  const crossFindings = panthers ? panthers.crossChecks(specs, options.panther ?? {}) : []
  for (const f of crossFindings) parsed.find((p) => p.source.file === f.file)?.loaderFindings.push(f)
  let python: ReadonlyMap<string, PythonModuleInfo> = new Map()
  let pythonChecked = false
  if (options.host?.pythonModules) {
    const wanted = new Set<string>()
    for (const p of parsed) for (const d of p.docs) if (isPantherDocument(d.value)) {
      const py = pantherPythonPath(p.source.file, d.value)
      if (py !== undefined) wanted.add(py)
    }
    if (wanted.size > 0) {
      python = await options.host.pythonModules([...wanted])
      pythonChecked = true
    }
  }
  const hostData: LintHostData = { python, pythonChecked }
  if (options.host?.redos) hostData.redos = options.host.redos
  if (options.host?.fileExists) hostData.fileExists = options.host.fileExists

  let state: FileState | undefined
  const linesOf = (): Lines => {
    if (state === undefined) throw new Error('offsetOf outside a file')
    state.lines ??= new Lines(state.text)
    return state.lines
  }

  const place = (at: At): Place => {
    if ('place' in at) return at.place
    if (state?.doc === undefined) throw new Error('a check reported a path outside a document')
    const map = state.doc.map
    const p = at.key ? map.key(at.path) : map.value(at.path)
    if (at.offset !== undefined && at.offset > 0) {
      // Offsets inside a single-line scalar (a condition's identifier): shift the column when the
      // scalar's text is on one line; quoted scalars start one character later.
      const start = linesOf().offset(p.line, p.column)
      const q = state.text[start] === '"' || state.text[start] === "'" ? 1 : 0
      const eol = state.text.indexOf('\n', start)
      const pos = start + q + at.offset
      const fits = eol === -1 || pos <= eol
      if (fits && (at.token === undefined || state.text.startsWith(at.token, pos))) return { ...p, column: p.column + q + at.offset }
    }
    return p
  }

  const knownChecks = new Set(options.knownChecks ?? Object.keys(registry))
  const active = Object.values(registry).filter((c) => config.anywhere.has(c.id))
  const hooksByCheck = new Map<string, CheckHooks>()
  for (const check of active) {
    const ctx: CheckContext<string, Record<string, unknown>> = {
      id: check.id,
      options: config.options(check.id),
      host: hostData,
      knownChecks,
      get file() {
        return state?.file
      },
      get text() {
        return state?.text
      },
      locate: (path: YamlPath, key?: boolean) => place(key ? { path, key } : { path }),
      offsetOf: (p: Place) => linesOf().offset(p.line, p.column),
      report: (d: ReportDescriptor<string>) => report(check, d),
    }
    hooksByCheck.set(check.id, check.create(ctx))
  }
  const finalFiles = new Map<string, FileState>()
  // Findings about a whole document (a missing key), placed at its start but about no line of it.
  const aboutDocument = new WeakSet<Finding>()

  function report(check: CheckModule, d: ReportDescriptor<string>): void {
    const template = (check.meta.messages as Record<string, string>)[d.messageId]
    if (template === undefined) throw new Error(`check ${check.id} reported unknown messageId '${d.messageId}'`)
    if (d.fix !== undefined && !check.meta.fixable) throw new Error(`check ${check.id} offered a fix without meta.fixable`)
    const p = place(d.at)
    const fileState = state !== undefined && p.file === state.file ? state : finalFiles.get(p.file)
    const enabled = fileState?.enabled ?? config.forFile(p.file)
    const severity = enabled.get(check.id)
    if (severity === undefined) return
    if (fileState !== undefined && state === fileState && config.excluded(fileState.ruleId, check.id)) return
    if (fileState !== undefined && suppressedBy(fileState.suppressions, check.id, p.line)) return
    const finding: Finding = { check: check.id, severity, file: p.file, line: p.line, column: p.column, message: interpolate(template, d.data) }
    if ('path' in d.at && d.at.path.length === 0) aboutDocument.add(finding)
    const ruleId = state?.ruleId
    if (ruleId !== undefined && state === fileState) finding.rule = ruleId
    if (options.fix && d.fix !== undefined && fileState !== undefined && !noFix.has(fileState.file)) {
      fileState.edits.push(...(Array.isArray(d.fix) ? d.fix : [d.fix]))
      fileState.fixable.push(finding)
      return
    }
    findings.push(finding)
  }

  /**
   * A check that throws (a bug of ruleproof's, met on input nobody foresaw) is an error finding on
   * the file, at the element it was looking at when it can be placed: the file's other checks and
   * the other files are linted as usual.
   */
  function checkFailed(id: string, arg: unknown, e: unknown): void {
    const path = typeof arg === 'object' && arg !== null && Array.isArray((arg as { path?: unknown }).path) ? ((arg as { path: YamlPath }).path) : undefined
    let at: { file: string; line: number; column: number } | undefined
    try {
      if (path && state?.doc) at = place({ path })
    } catch {
      at = undefined
    }
    const file = at?.file ?? state?.file ?? '<unknown>'
    findings.push({
      check: id,
      severity: 'error',
      file,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
      message: `the check ${id} failed here (${e instanceof Error ? e.message : String(e)}); a bug in ruleproof: the file's other checks ran`,
      ...(state?.ruleId !== undefined ? { rule: state.ruleId } : {}),
    })
  }

  const listCache = new Map<string, HookLists>()
  // The config hands files with the same settings the same map: look it up by identity first.
  const listByMap = new WeakMap<ReadonlyMap<string, Severity>, HookLists>()
  function hookLists(enabled: ReadonlyMap<string, Severity>): HookLists {
    const same = listByMap.get(enabled)
    if (same) return same
    const key = [...enabled.keys()].join(',')
    const hit = listCache.get(key)
    if (hit) {
      listByMap.set(enabled, hit)
      return hit
    }
    const lists = {} as Record<HookName, ((arg: never) => void)[]>
    for (const name of HOOK_NAMES) {
      lists[name] = []
      for (const [id, hooks] of hooksByCheck) {
        const fn = hooks[name] as ((arg: never) => void) | undefined
        if (enabled.has(id) && fn) {
          lists[name].push((arg: never) => {
            try {
              fn.call(hooks, arg)
            } catch (e) {
              checkFailed(id, arg, e)
            }
          })
        }
      }
    }
    listCache.set(key, lists as HookLists)
    listByMap.set(enabled, lists as HookLists)
    return lists as HookLists
  }

  for (const source of sources) {
    if (options.budget?.expired()) {
      findings.push({ check: BUDGET_CHECK, severity: 'error', file: source.file, line: 1, column: 1, message: budgetMessage(options.budget, 'not linted') })
      continue
    }
    // Sources the caller did not classify (tests, the API) are classified here.
    if (source.kind === 'sentinel-kql' || (source.kind === undefined && classifyFile(source.file, source.text) === 'sentinel-kql')) {
      const enabled = config.forFile(source.file)
      state = { file: source.file, text: source.text, lines: undefined, doc: undefined, ruleId: undefined, enabled, suppressions: parseSuppressions(source.file, source.text), edits: [], fixable: [] }
      finalFiles.set(source.file, state)
      const h = hookLists(enabled)
      kql ??= await import('./kql/view.js')
      const view = kql.kqlView(source.file, source.text)
      if (view.source) rules++
      state.ruleId = view.source?.id
      for (const f of h.kqlRule) f(view)
      state.ruleId = undefined
      for (const f of h.fileEnd) f({ file: source.file, text: source.text })
      continue
    }
    // A file the Panther pass did not take is Sigma: its text is not searched a second time.
    let parsedFile = pantherParsed.get(source.file)
    if (parsedFile === undefined) {
      const isSpl = isSplunkDetectionText(source.text)
      if (isSpl) splunk ??= await import('./spl/view.js')
      parsedFile = parseOne(source, false, isSpl)
    }
    const { docs, error, sigma, loaderFindings, skipped: left, spl } = parsedFile
    if (left) {
      skipped++
      continue
    }
    const enabled = config.forFile(source.file)
    state = { file: source.file, text: source.text, lines: undefined, doc: undefined, ruleId: undefined, enabled, suppressions: parseSuppressions(source.file, source.text), edits: [], fixable: [] }
    if (options.fix || source.text.includes('ruleproof-disable')) state.lines = new Lines(source.text)
    finalFiles.set(source.file, state)
    const h = hookLists(enabled)
    if (error !== undefined) {
      for (const f of h.yamlError) f({ message: error.message, place: error.location })
    }
    for (const f of loaderFindings) {
      state.doc = docs.find((d) => d.map.file === f.file) ?? docs[0]
      for (const hook of h.loaderFinding) hook(f)
    }
    for (const doc of docs) {
      state.doc = doc
      const value = doc.value
      if (spl !== undefined) {
        rules++
        state.ruleId = spl.id
        for (const f of h.splRule) f(spl)
        continue
      }
      if (sigma === undefined && isPantherDocument(value)) {
        const view = pantherView(source.file, doc.index, value, python)
        state.ruleId = view.id
        if (view.analysisType === 'rule' || view.analysisType === 'scheduled_rule' || view.analysisType === 'policy' || view.analysisType === 'correlation_rule') rules++
        for (const f of h.pantherRule) f(view)
        if (h.pantherTest.length > 0) for (const t of view.tests) for (const f of h.pantherTest) f(t)
      } else if (sigma !== undefined && isSigmaDocument(value)) {
        rules++
        if (options.fix && state.lines === undefined) state.lines = new Lines(source.text)
        const view = sigmaView(source.file, doc.index, value, doc as SigmaDocument)
        state.ruleId = view.id
        for (const f of h.rule) f(view)
        for (const sel of view.selections) {
          for (const f of h.detection) f(sel)
          for (const item of sel.items) {
            for (const f of h.detectionItem) f(item)
            if (h.value.length > 0) for (const v of item.values) for (const f of h.value) f(v)
          }
        }
        for (const cond of view.conditions) for (const f of h.condition) f(cond)
      }
    }
    state.doc = undefined
    state.ruleId = undefined
    const linted: LintedFile = { file: source.file, text: source.text }
    for (const f of h.fileEnd) f(linted)
  }
  state = undefined
  for (const hooks of hooksByCheck.values()) hooks.finalize?.()

  const fixed = new Map<string, string>()
  if (options.fix) {
    for (const f of finalFiles.values()) {
      if (f.edits.length === 0) continue
      const out = applyEdits(f.text, f.edits)
      // A fix that changes nothing fixed nothing: its finding stands.
      if (out.text !== f.text) fixed.set(f.file, out.text)
      else findings.push(...f.fixable)
    }
  }
  // A loader pass-through yields to a check that reports the same problem more precisely on the
  // same line. A finding about the whole document (a missing key) is about no line: it hides nothing.
  const at = new Set(findings.filter((f) => !aboutDocument.has(f)).map((f) => `${f.check}\0${f.file}\0${f.line}`))
  const kept = findings.filter((f) => !(registry[f.check]?.meta.yieldsTo ?? []).some((other) => at.has(`${other}\0${f.file}\0${f.line}`)))
  findings.length = 0
  findings.push(...kept)
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.check < b.check ? -1 : 1)))
  return { findings, files: sources.length - skipped, rules, unloadable, fixed }
}

export type { Suppression }
