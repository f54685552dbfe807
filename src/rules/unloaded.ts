import path from 'node:path'
import type { Finding, NotRun, Result } from '../model/result.js'
import type { LoadedRule, RuleFormat, TestCase } from '../model/rule.js'
import type { SourceLocation } from '../model/source.js'
import { displayPath } from '../report/paths.js'

/**
 * The tests a file declares, read from its raw test list whether or not its rule loaded. The
 * rule set compares them with the tests of the rules that did load: whatever is missing comes
 * back as a result naming the cause, so no test vanishes into a stderr line.
 */
export interface DeclaredTests {
  format: RuleFormat
  id: string
  title: string
  /** The rule file (what the results point at when a test has no place of its own). */
  file: string
  location: SourceLocation
  tests: TestCase[]
  /** Ids, names and titles the load findings of this rule may carry in `rule`. */
  refs: string[]
  /** Files whose findings may explain a missing test, most specific first (rule file, sidecar, module). */
  files: string[]
}

/** A rule that did not load, standing in for it so each of its tests still gets a result. */
export interface UnloadedRule extends LoadedRule {
  notLoaded: NotRun
}

export function isUnloadedRule(rule: LoadedRule): rule is UnloadedRule {
  return 'notLoaded' in rule
}

/** The name of the single result of a file whose tests cannot be read at all. */
export const FILE_TEST_NAME = '(rule file)'

function testKey(file: string, line: number, column: number, name: string): string {
  return `${file}\u0000${line}\u0000${column}\u0000${name}`
}

function keyOf(t: TestCase): string {
  return testKey(t.location.file, t.location.line, t.location.column, t.name)
}

/** The load finding that best explains why a rule's tests did not run: errors first, its own before its file's. */
function causeOf(d: Pick<DeclaredTests, 'refs' | 'files'>, findings: readonly Finding[]): Finding | undefined {
  for (const severity of ['error', 'warning'] as const) {
    const own = findings.find((f) => f.severity === severity && f.rule !== undefined && d.refs.includes(f.rule))
    if (own) return own
    for (const file of d.files) {
      const here = findings.find((f) => f.severity === severity && f.file === file && (f.rule === undefined || d.refs.includes(f.rule)))
      if (here) return here
    }
  }
  return undefined
}

function notRunOf(cause: Finding | undefined, fallback: SourceLocation): NotRun {
  if (!cause) {
    return { reason: 'load', check: 'load', ...fallback, message: 'the test was read but its rule was not loaded, and no load finding says why (a ruleproof bug: please report it)' }
  }
  return { reason: 'load', check: cause.check, file: cause.file, line: cause.line, column: cause.column, message: cause.message }
}

/** Error for an error-level cause (or none found); skip when only a warning stopped the rule (PAT skips it too). */
function statusOf(cause: Finding | undefined): 'error' | 'skip' {
  return cause?.severity === 'warning' || cause?.severity === 'note' ? 'skip' : 'error'
}

function messageOf(notRun: NotRun, status: 'error' | 'skip', cwd: string): string {
  const where = `${displayPath(notRun.file, cwd)}:${notRun.line}:${notRun.column}`
  return `${status === 'error' ? 'rule failed to load' : 'not run'}: ${where}: ${notRun.message} [${notRun.check}]`
}

/** What the format's own results call the test's variant (Panther: a log type without a variant), else the variant. */
function variantLabel(t: TestCase): string {
  const label = t.extra?.['variantLabel']
  return typeof label === 'string' ? label : t.variant
}

function unloadedRule(d: Omit<DeclaredTests, 'refs' | 'files'>, tests: TestCase[], cause: Finding | undefined, cwd: string): UnloadedRule {
  const notLoaded = notRunOf(cause, d.location)
  const status = statusOf(cause)
  const message = messageOf(notLoaded, status, cwd)
  return {
    format: d.format,
    id: d.id,
    title: d.title,
    file: d.file,
    location: d.location,
    // No variants: nothing to replay, perturb or generate for a rule that is not there.
    variants: [],
    tests,
    notLoaded,
    evaluate() {
      return Promise.reject(new Error(message))
    },
    runTest(test): Promise<Result> {
      const r: Result = {
        rule: d.id,
        file: test.location.file,
        line: test.location.line,
        test: test.name,
        variant: variantLabel(test),
        kind: 'embedded',
        status,
        expected: test.expect ? 'match' : 'no-match',
        message,
        notRun: notLoaded,
      }
      if (d.title !== d.id) r.title = d.title
      return Promise.resolve(r)
    },
  }
}

/**
 * Stand-ins for every declared test that no loaded rule carries, grouped by the rule that
 * declares them, each naming the load finding that stopped it; and for every file with an
 * error-level load finding that no such test already reports, one stand-in test for the file
 * (a YAML error leaves no test list to read). Each test is reported once, under the first
 * declaration that lists it.
 */
export function unloadedRules(
  declared: readonly DeclaredTests[],
  loaded: readonly LoadedRule[],
  findings: readonly Finding[],
  options: { cwd: string; formatOf(file: string): RuleFormat },
): UnloadedRule[] {
  const seen = new Set<string>()
  for (const rule of loaded) for (const t of rule.tests) seen.add(keyOf(t))
  const out: UnloadedRule[] = []
  const reported = new Set<string>()
  // One stand-in per rule, whichever files (rule, sidecar) its tests were read from.
  const groups = new Map<string, { d: DeclaredTests; missing: TestCase[] }>()
  for (const d of declared) {
    const missing = d.tests.filter((t) => {
      const k = keyOf(t)
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    if (missing.length === 0) continue
    const key = `${d.file}\u0000${d.id}`
    const group = groups.get(key)
    if (group) group.missing.push(...missing)
    else groups.set(key, { d, missing })
  }
  for (const { d, missing } of groups.values()) {
    const cause = causeOf(d, findings)
    out.push(unloadedRule(d, missing, cause, options.cwd))
    if (cause) reported.add(cause.file)
    reported.add(d.file)
    for (const t of missing) reported.add(t.location.file)
  }
  // Load errors no missing test stands for: one result per file, so they reach every report too.
  const byFile = new Map<string, Finding>()
  for (const f of findings) if (f.severity === 'error' && !byFile.has(f.file)) byFile.set(f.file, f)
  for (const [file, f] of byFile) {
    if (reported.has(file)) continue
    const location = { file: f.file, line: f.line, column: f.column }
    const test: TestCase = { name: FILE_TEST_NAME, expect: false, variant: 'k8s', event: undefined, location }
    const id = f.rule ?? displayPath(file, options.cwd)
    const title = f.rule ?? path.basename(file)
    out.push(unloadedRule({ format: options.formatOf(file), id, title, file, location, tests: [test] }, [test], f, options.cwd))
  }
  return out
}

/**
 * Loaded rules and stand-ins in one list, by file (a stable sort: rules of one file keep their
 * order, a stand-in follows the loaded rules of its file), so results follow the files' order.
 */
export function mergeByFile(rules: readonly LoadedRule[], unloaded: readonly LoadedRule[]): LoadedRule[] {
  const all = [...rules, ...unloaded]
  if (unloaded.length === 0) return all
  return all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}
