import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { RuleproofConfig } from '../config/types.js'
import type { Finding } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'
import { LoadError } from '../shared/errors.js'
import { parseYamlDocuments } from '../shared/yaml/index.js'
import {
  loadSigmaTestsText,
  loadSigmaText,
  loadSigmaYaml,
  sigmaRulesFromDocuments,
  type SigmaDocument,
  type SigmaFilterDocument,
  type SigmaLoadedRule,
  type SigmaRuleDocument,
} from '../sigma/index.js'
import { claimedVariants, pipelineFor } from '../sigma/pipeline/index.js'
import type { SigmaViews } from '../sigma/index.js'
import { attachTests } from './attach.js'
import { classifyParsed, type ClassifiedFile } from './classify.js'
import { baseFacts, type RuleFacts } from './filter.js'
import { DISCOVERY_CHECKS, fileStart, finding } from './findings.js'
import { rsigmaExemplars } from './interop/rsigma.js'
import { regressionTests, resolveRepoPath } from './interop/sigmahq-regression.js'
import { sigmaTestEmbedded, sigmaTestFile } from './interop/sigma-test.js'
import { zircoliteTests } from './interop/zircolite.js'
import { declaredSigmaTests } from './declared.js'
import { declaredPanther, loadPanther, type PantherLoader } from './panther.js'
import type { PendingTests } from './pending.js'
import { unloadedRules, type DeclaredTests, type UnloadedRule } from './unloaded.js'
import { DEFAULT_MAX_FILE_BYTES, readRuleFile } from './read.js'
import { discoverFiles } from './walk.js'

export { classifyFile, classifyParsed, type ClassifiedFile, type FileKind } from './classify.js'
export { discoverFiles, type Walk, type WalkOptions } from './walk.js'
export { DEFAULT_MAX_FILE_BYTES, readRuleFile } from './read.js'
export { matchesFilters, parseFilter, type RuleFilter, type RuleFacts } from './filter.js'
export { DISCOVERY_CHECKS } from './findings.js'
export { nativeVariant } from './attach.js'
export type { PendingTests, TestSource } from './pending.js'
export { isUnloadedRule, mergeByFile, type UnloadedRule } from './unloaded.js'

export interface LoadRuleSetOptions {
  cwd: string
  /** Python for Panther rules (else config.python, RULEPROOF_PYTHON, python3 on PATH: the Panther loader decides). */
  python?: string
  /** One fresh Python worker per rule file (`--isolate`; else config.panther.isolate). */
  isolate?: boolean
  config?: RuleproofConfig
  /** Injected for tests; @defaultValue the Panther module, imported only when needed */
  panther?: PantherLoader
  /** Largest rule file read (--max-file-size); @defaultValue config limits.ruleFileSize, else 1 MiB */
  maxFileBytes?: number
  /** Splunk SPL: a local mirror of splunk/attack_data for security_content tests (`--attack-data DIR`). */
  attackData?: string
}

export interface RuleSet {
  rules: LoadedRule[]
  /**
   * Stand-ins for rules that did not load: each test their files declare (or one per file when
   * none can be read) runs as an error naming the load finding. Run them with `rules`
   * (`mergeByFile`) so that no test vanishes from a report.
   */
  unloaded: UnloadedRule[]
  /** Load problems of every file (YAML, schema, compile, tests, interop); error ones mean exit 2. */
  findings: Finding[]
  /** Every file discovery looked at (rule and test files), absolute and sorted. */
  files: string[]
  /** What `--filter` keys can match for a rule (format-specific metadata included). */
  facts(rule: LoadedRule): RuleFacts
  /** Stops the Panther worker, if one was started. */
  close(): Promise<void>
}

type ReadFile = ClassifiedFile & { file: string; text: string }

/**
 * Reads and classifies every walked file (each parsed once, for classification and loading). A
 * YAML file that is no rule or test file is a note, never dropped unsaid.
 */
function readAll(files: readonly string[], findings: Finding[], maxBytes: number): ReadFile[] {
  const out: ReadFile[] = []
  for (const file of files) {
    const read = readRuleFile(file, maxBytes)
    findings.push(...read.findings)
    if (!read.ok) continue
    const classified = classifyParsed(file, read.text)
    if (classified.kind === 'other' && classified.reason !== undefined) {
      findings.push(finding(DISCOVERY_CHECKS.unrecognized, 'note', fileStart(file), `not loaded: ${classified.reason}`))
    }
    out.push({ ...classified, file, text: read.text })
  }
  return out
}

/** The Panther worker's sandbox settings, and what the config file itself asked for (reported). */
function pantherSandbox(options: LoadRuleSetOptions, config: RuleproofConfig | undefined): import('../panther/index.js').PantherLoadOptions {
  const p = config?.panther
  const isolate = options.isolate ?? p?.isolate
  return {
    ...(p?.env ? { env: p.env } : {}),
    ...(p?.limits ? { limits: p.limits } : {}),
    ...(isolate ? { isolate } : {}),
    ...(config?.file
      ? { fromConfig: { file: config.file, ...(config.python ? { python: config.python } : {}), ...(p?.limits ? { limits: p.limits } : {}), ...(p?.env ? { env: p.env } : {}) } }
      : {}),
  }
}

/** Tests of other tools written inside Sigma rule documents (sigma-test `testcases`, rsigma exemplars). */
function embeddedInterop(docs: readonly SigmaDocument[], pending: PendingTests[], findings: Finding[]): void {
  for (const d of docs) {
    if (d.kind !== 'rule') continue
    const target = d.id !== undefined ? { id: d.id } : { title: d.title }
    for (const read of [sigmaTestEmbedded, rsigmaExemplars]) {
      const r = read(d.value, d.map, target)
      findings.push(...r.findings.map((f) => ({ ...f, rule: d.id ?? d.title })))
      // Attach to this very document (ids may repeat across files).
      if (r.tests) pending.push({ ...r.tests, ruleFile: d.file })
    }
  }
}

function parseJsonWithMap(text: string, file: string): ReturnType<typeof parseYamlDocuments>[number] | LoadError {
  try {
    const value = JSON.parse(text) as unknown
    // JSON is YAML: a second parse only for positions.
    const doc = parseYamlDocuments(text, file)[0]
    return doc ? { ...doc, value } : new LoadError('empty file', fileStart(file))
  } catch (e) {
    if (e instanceof LoadError) return e
    return new LoadError(`not valid JSON: ${(e as Error).message}`, fileStart(file))
  }
}

/** Reads every interop and sidecar test file into pending tests. */
function testFiles(files: readonly ReadFile[], sigmaFiles: ReadonlySet<string>, pending: PendingTests[], findings: Finding[], sidecars: Map<string, ReturnType<typeof loadSigmaTestsText>>): Set<string> {
  const infos = new Set<string>()
  for (const f of files) {
    switch (f.kind) {
      case 'sigma-sidecar': {
        const rule = [f.file.replace(/\.tests\.ya?ml$/i, '.yml'), f.file.replace(/\.tests\.ya?ml$/i, '.yaml')].find((r) => sigmaFiles.has(r))
        const loaded = loadSigmaTestsText(f.text, f.file)
        if (!rule) {
          findings.push(...loaded.findings)
          findings.push(finding(DISCOVERY_CHECKS.target, 'error', fileStart(f.file), `sidecar tests without a rule: ${path.basename(f.file).replace(/\.tests\.(ya?ml)$/i, '.$1')} was not loaded`))
        } else sidecars.set(rule, loaded)
        break
      }
      case 'sigma-test': {
        try {
          const r = sigmaTestFile(f.yaml, f.file)
          findings.push(...r.findings)
          if (r.tests.tests.length) pending.push(r.tests)
        } catch (e) {
          if (!(e instanceof LoadError)) throw e
          findings.push(finding(DISCOVERY_CHECKS.interop, 'error', e.location, e.message))
        }
        break
      }
      case 'zircolite': {
        const doc = parseJsonWithMap(f.text, f.file)
        if (doc instanceof LoadError) findings.push(finding(DISCOVERY_CHECKS.interop, 'error', doc.location, doc.message))
        else {
          const r = zircoliteTests(doc.value, doc.map, f.file)
          findings.push(...r.findings)
          pending.push(...r.tests)
        }
        break
      }
      case 'sigmahq-regression': {
        infos.add(f.file)
        const r = regressionTests(f.text, f.file)
        findings.push(...r.findings)
        if (r.tests) pending.push(r.tests)
        break
      }
      default:
        break
    }
  }
  return infos
}

/** info.yml files that rules point at with `regression_tests_path` but discovery did not visit. */
function referencedRegressions(docs: readonly SigmaDocument[], seen: Set<string>, pending: PendingTests[], findings: Finding[], maxBytes: number): void {
  for (const d of docs) {
    if (d.kind !== 'rule' || !d.regressionTestsPath) continue
    const info = resolveRepoPath(d.file, d.regressionTestsPath)
    if (!info || seen.has(info)) continue
    seen.add(info)
    const read = readRuleFile(info, maxBytes)
    if (!read.ok) {
      // A missing info.yml is the regression reader's to report; a FIFO or huge file is reported here.
      if (read.findings.some((f) => f.check !== DISCOVERY_CHECKS.path)) findings.push(...read.findings)
      continue
    }
    findings.push(...read.findings)
    const r = regressionTests(read.text, info)
    findings.push(...r.findings)
    if (r.tests) pending.push(r.tests)
  }
}

function pantherFacts(file: string): RuleFacts {
  try {
    const doc = parseYamlDocuments(readFileSync(file, 'utf8'), file)[0]
    return doc && typeof doc.value === 'object' && doc.value !== null ? (doc.value as RuleFacts) : {}
  } catch {
    return {}
  }
}

function kqlFacts(rule: LoadedRule): RuleFacts {
  const meta = (rule as LoadedRule & { source?: { meta?: Record<string, unknown> } }).source?.meta ?? {}
  return { severity: meta['severity'], tactics: meta['tactics'], relevantTechniques: meta['relevantTechniques'], kind: meta['kind'], status: meta['status'], name: meta['name'] }
}

function sigmaFacts(doc: SigmaRuleDocument): RuleFacts {
  const v = doc.value
  return { status: v['status'], level: v['level'], tags: v['tags'], author: v['author'], ...doc.logsource, name: doc.name }
}

/**
 * Loads every rule under `paths` (files or folders) with all its tests: Sigma rules (with
 * embedded `tests:`, `<rule>.tests.yml` sidecars, sigma-test, rsigma exemplars, Zircolite
 * test files and SigmaHQ regression data) and Panther rules (all Panther files of the run go to
 * the Panther loader at once: globals and data models are repository-wide). A file that does
 * not load is a finding; the others still load.
 */
export async function loadRuleSet(paths: string[], options: LoadRuleSetOptions): Promise<RuleSet> {
  const config = options.config
  const walk = discoverFiles(paths, { cwd: options.cwd, ...(config ? { root: config.root } : {}), ...(config?.exclude ? { exclude: config.exclude } : {}) })
  const findings: Finding[] = [...walk.findings]
  const maxBytes = options.maxFileBytes ?? config?.limits?.ruleFileSize ?? DEFAULT_MAX_FILE_BYTES
  const files = readAll(walk.files, findings, maxBytes)

  // Sigma documents, every file of the run.
  const docsByFile = new Map<string, SigmaDocument[]>()
  for (const f of files) {
    if (f.kind !== 'sigma') continue
    const loaded = f.yaml ? loadSigmaYaml(f.yaml, f.text, f.file) : loadSigmaText(f.text, f.file)
    docsByFile.set(f.file, loaded.documents)
    findings.push(...loaded.findings)
  }
  const allDocs = [...docsByFile.values()].flat()

  // Tests from elsewhere, attached to rule documents before they become rules.
  const pending: PendingTests[] = []
  const sidecars = new Map<string, ReturnType<typeof loadSigmaTestsText>>()
  embeddedInterop(allDocs, pending, findings)
  const infos = testFiles(files, new Set(docsByFile.keys()), pending, findings, sidecars)
  referencedRegressions(allDocs, infos, pending, findings, maxBytes)
  findings.push(...attachTests(pending, allDocs))

  const filters = allDocs.filter((d): d is SigmaFilterDocument => d.kind === 'filter' && d.valid)
  const rules: LoadedRule[] = []
  const placeholders = config?.sigma?.placeholders
  // The config's pipeline documents win over the shipped ones field by field.
  const overrides = config?.pipelines
  const views: SigmaViews | undefined = overrides?.length
    ? { claimedVariants: (ls) => claimedVariants(ls), viewFor: (ls, v) => pipelineFor(ls, v, overrides) }
    : undefined
  for (const [file, docs] of docsByFile) {
    const sidecar = sidecars.get(file)
    if (sidecar) findings.push(...sidecar.findings)
    const own = new Set(docs)
    rules.push(
      ...sigmaRulesFromDocuments(docs, {
        findings,
        filters: filters.filter((f) => !own.has(f)),
        ...(sidecar ? { sidecarTests: sidecar.tests, sidecarScenarios: sidecar.scenarios } : {}),
        ...(placeholders ? { placeholders } : {}),
        ...(views ? { views } : {}),
      }),
    )
  }

  // Splunk SPL (security_content detections): the engine only when there are SPL files.
  const splFiles = files.filter((f) => f.kind === 'splunk-spl')
  if (splFiles.length > 0) {
    const { loadSplRuleText } = await import('../spl/index.js')
    const attackData = options.attackData ?? process.env.RULEPROOF_ATTACK_DATA ?? config?.splunk?.attackData
    const macros = Object.entries(config?.splunk?.macros ?? {}).map(([key, m]) => {
      const def = typeof m === 'string' ? { definition: m } : m
      return { name: key.replace(/\(\d+\)$/, ''), args: def.arguments ?? [], definition: def.definition, from: 'ruleproof.config' }
    })
    for (const f of splFiles) {
      const loaded = loadSplRuleText(f.text, f.file, { ...(attackData ? { attackData: path.resolve(options.cwd, attackData) } : {}), ...(macros.length ? { macros } : {}) })
      rules.push(...loaded.rules)
      findings.push(...loaded.findings)
    }
  }

  // Panther: everything of the run at once.
  const pantherFiles = files.filter((f) => f.kind === 'panther').map((f) => f.file)
  let close = async (): Promise<void> => {}
  if (pantherFiles.length > 0) {
    const loader = options.panther ?? loadPanther
    const python = options.python ?? config?.python
    const loaded = await loader(pantherFiles, {
      cwd: options.cwd,
      ...(python ? { python } : {}),
      ...(config?.panther?.timeoutMs ? { timeoutMs: config.panther.timeoutMs } : {}),
      ...(config?.panther?.logTypes ? { logTypes: config.panther.logTypes } : {}),
      ...pantherSandbox(options, config),
    })
    rules.push(...loaded.rules)
    findings.push(...loaded.findings)
    close = () => loaded.close()
  }

  // Sentinel KQL: the engine (and Microsoft's parser, for syntax errors) only when there are KQL files.
  const kqlFiles = files.filter((f) => f.kind === 'sentinel-kql')
  const kqlDeclared: DeclaredTests[] = []
  if (kqlFiles.length > 0) {
    const { loadKqlRuleText } = await import('../kql/index.js')
    for (const f of kqlFiles) {
      const loaded = loadKqlRuleText(f.text, f.file)
      rules.push(...loaded.rules)
      findings.push(...loaded.findings)
      kqlDeclared.push(...loaded.declared)
    }
  }

  // Whatever a file declares and no loaded rule carries comes back with its cause.
  const loadedFiles = new Set(rules.map((r) => r.file))
  const troubled = new Set(findings.map((f) => f.file))
  const unreadable = files.filter((f) => f.kind === 'sigma' && docsByFile.get(f.file)?.length === 0)
  const declared = declaredSigmaTests(docsByFile, sidecars, pending, unreadable)
  // Only files that may hold tests no rule carries (a cheap look for the key before a second parse).
  const suspect = (f: ReadFile) => f.kind === 'panther' && (!loadedFiles.has(f.file) || troubled.has(f.file)) && /^Tests\s*:/m.test(f.text)
  declared.push(...(await declaredPanther(files.filter(suspect))), ...kqlDeclared)
  const kinds = new Map(files.map((f) => [f.file, f.kind]))
  const unloaded = unloadedRules(declared, rules, findings, {
    cwd: options.cwd,
    formatOf: (file) => (kinds.get(file) === 'panther' || file.endsWith('.py') ? 'panther' : kinds.get(file) === 'sentinel-kql' ? 'sentinel-kql' : 'sigma'),
  })

  const factCache = new Map<LoadedRule, RuleFacts>()
  return {
    rules,
    unloaded,
    findings,
    files: files.map((f) => f.file),
    facts(rule) {
      let facts = factCache.get(rule)
      if (!facts) {
        const extra = rule.format === 'sigma' && 'document' in rule ? sigmaFacts((rule as SigmaLoadedRule).document) : rule.format === 'panther' ? pantherFacts(rule.file) : rule.format === 'sentinel-kql' ? kqlFacts(rule) : {}
        facts = { ...extra, ...baseFacts(rule) }
        factCache.set(rule, facts)
      }
      return facts
    },
    close,
  }
}
