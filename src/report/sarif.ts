import { createHash } from 'node:crypto'
import type * as Sarif from 'sarif'
import type { Finding, FindingSummary, Result, ResultKind, ResultSummary } from '../model/result.js'
import type { CommonReportOptions } from './types.js'
import { checkName, failureText, reproText } from './describe.js'
import { displayPath } from './paths.js'
import { TOOL_NAME, TOOL_URI, toolVersion } from './tool.js'

/** What a lint check says about itself; the linter passes its registry's meta here. */
export interface CheckDescription {
  description: string
  help?: string
  helpUri?: string
  severity?: Finding['severity']
}

export interface SarifOptions extends CommonReportOptions {
  /** Descriptions of lint checks by id (findings only); unknown ids get a generic description. */
  checks?: Record<string, CheckDescription>
  /** GitHub keeps 25,000 results per run; more are cut and the cut is noted. @defaultValue 25000 */
  maxResults?: number
  /** @defaultValue the package version */
  version?: string
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

/** One reporting descriptor per check kind; GitHub groups alerts by these ids. */
const KIND_RULES: Record<ResultKind, { short: string; full: string; help: string }> = {
  embedded: {
    short: 'An embedded test of a detection rule failed.',
    full: 'The rule did not give the verdict its own test case expects, on the variant the test is written in.',
    help: 'Fix the rule or the test expectation. Run `ruleproof test <rule file>` to reproduce.',
  },
  replay: {
    short: 'A test case failed when replayed on another log variant.',
    full: 'The test event, re-encoded as another provider writes it, did not give the expected verdict: the rule depends on one provider\'s field names or values.',
    help: 'Make the rule read fields every claimed variant carries, or declare a per-variant override with a reason.',
  },
  property: {
    short: 'Changing fields the rule does not read changed its verdict.',
    full: 'A generated perturbation of a test event (ids, timestamps, names, key order) flipped the verdict. The shrunk event, seed and path are in the message.',
    help: 'Reproduce with the printed seed and path, then fix the rule or the fields it is meant to read.',
  },
  scenario: {
    short: 'A rule missed an attack scenario or fired on a benign one.',
    full: 'A generated event of a scenario family the rule must match (or must ignore) got the wrong verdict.',
    help: 'Reproduce with the printed seed and path; adjust the rule or its declared families.',
  },
  consistency: {
    short: 'A rule gave different verdicts for the same action on different variants.',
    full: 'The same generated action, encoded for two variants, matched on one and not on the other.',
    help: 'Reproduce with the printed seed and path on both variants.',
  },
}
const KINDS = Object.keys(KIND_RULES) as ResultKind[]

/** A repository-relative path as a SARIF URI reference: each segment percent-encoded (spaces, `#`, `%`). */
export function artifactUri(file: string, root: string | undefined): string {
  return displayPath(file, root).split('/').map(encodeURIComponent).join('/')
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
}

function toolDriver(rules: Sarif.ReportingDescriptor[], version: string): Sarif.Run['tool'] {
  return { driver: { name: TOOL_NAME, semanticVersion: version, informationUri: TOOL_URI, rules } }
}

function invocation(cut: number, total: number): Sarif.Invocation {
  const inv: Sarif.Invocation = { executionSuccessful: true }
  if (cut > 0) {
    inv.toolExecutionNotifications = [
      { level: 'warning', message: { text: `${cut} of ${total} results were left out (GitHub keeps 25,000 per run); see the JSON report for all.` } },
    ]
  }
  return inv
}

function log(run: Sarif.Run): string {
  const doc: Sarif.Log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }
  return JSON.stringify(doc, null, 2) + '\n'
}

function kindDescriptors(): Sarif.ReportingDescriptor[] {
  return KINDS.map((kind) => ({
    id: `ruleproof/${kind}`,
    name: `${kind[0]!.toUpperCase()}${kind.slice(1)}CheckFailed`,
    shortDescription: { text: KIND_RULES[kind].short },
    fullDescription: { text: KIND_RULES[kind].full },
    help: { text: KIND_RULES[kind].help },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['detection', 'test', kind], precision: 'very-high', 'problem.severity': 'error' },
  }))
}

function findingDescriptors(findings: readonly Finding[], checks: SarifOptions['checks']): Sarif.ReportingDescriptor[] {
  const ids = [...new Set(findings.map((f) => f.check))].sort()
  return ids.map((id) => {
    const meta = checks?.[id]
    const first = findings.find((f) => f.check === id)!
    const description = meta?.description ?? `ruleproof check ${id}.`
    const descriptor: Sarif.ReportingDescriptor = {
      id,
      shortDescription: { text: description },
      fullDescription: { text: description },
      help: { text: meta?.help ?? `See the documentation of check ${id}.` },
      defaultConfiguration: { level: meta?.severity ?? first.severity },
      properties: { tags: ['detection', 'lint'] },
    }
    if (meta?.helpUri) descriptor.helpUri = meta.helpUri
    return descriptor
  })
}

function resultEntry(r: Result, ruleIndex: number, root: string | undefined): Sarif.Result {
  const repro = reproText(r)
  const text = `${checkName(r)}: ${failureText(r)}${repro ? ` (${repro})` : ''}`
  const properties: Record<string, unknown> = { rule: r.rule, ...(r.title !== undefined ? { title: r.title } : {}), test: r.test, variant: r.variant, status: r.status }
  if (r.seed !== undefined) properties.seed = r.seed
  if (r.path !== undefined) properties.path = r.path
  if (r.event !== undefined) properties.event = r.event
  if (r.notRun !== undefined) properties.notRun = { ...r.notRun, file: displayPath(r.notRun.file, root) }
  return {
    ruleId: `ruleproof/${r.kind}`,
    ruleIndex,
    level: 'error',
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.file, root) }, region: { startLine: Math.max(1, r.line) } } }],
    partialFingerprints: { 'ruleproofCheck/v1': fingerprint(r.rule, r.test, r.view ? `${r.variant} ${r.view}` : String(r.variant), r.kind) },
    properties,
  }
}

function findingEntry(f: Finding, ruleIndex: number, root: string | undefined): Sarif.Result {
  const region: Sarif.Region = { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) }
  if (f.endLine !== undefined) region.endLine = f.endLine
  if (f.endColumn !== undefined) region.endColumn = f.endColumn
  const uri = artifactUri(f.file, root)
  const result: Sarif.Result = {
    ruleId: f.check,
    ruleIndex,
    level: f.severity,
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region } }],
    partialFingerprints: { 'ruleproofFinding/v1': fingerprint(f.check, uri, f.rule ?? '', f.message) },
  }
  if (f.rule !== undefined) result.properties = { rule: f.rule }
  return result
}

/**
 * One SARIF log with one run for everything a command found: lint and load findings and
 * failed or errored checks, as results of one driver with one rule list (the check kinds, then
 * the lint checks that occur). GitHub code scanning rejects a file with two runs of one tool
 * and category, so `check` never writes two. Findings come first; past `maxResults` the rest
 * is cut and the cut is noted in the run's invocation.
 */
export function renderSarif(input: { results?: readonly Result[]; findings?: readonly Finding[] }, options: SarifOptions = {}): string {
  const findings = input.findings ?? []
  const bad = (input.results ?? []).filter((r) => r.status === 'fail' || r.status === 'error')
  const rules = [...(input.results ? kindDescriptors() : []), ...findingDescriptors(findings, options.checks)]
  const index = new Map(rules.map((r, i) => [r.id, i]))
  const all: Sarif.Result[] = [
    ...findings.map((f) => findingEntry(f, index.get(f.check)!, options.root)),
    ...bad.map((r) => resultEntry(r, index.get(`ruleproof/${r.kind}`)!, options.root)),
  ]
  const max = options.maxResults ?? 25000
  const kept = all.slice(0, max)
  return log({
    tool: toolDriver(rules, options.version ?? toolVersion()),
    invocations: [invocation(all.length - kept.length, all.length)],
    results: kept,
  })
}

/** SARIF 2.1.0 for GitHub code scanning: failed and errored checks at their rule file lines. */
export function renderResultsSarif(results: readonly Result[], _summary: ResultSummary, options: SarifOptions = {}): string {
  return renderSarif({ results }, options)
}

/** SARIF 2.1.0 of lint and load findings, one reporting descriptor per check id that occurs. */
export function renderFindingsSarif(findings: readonly Finding[], _summary: FindingSummary, options: SarifOptions = {}): string {
  return renderSarif({ findings }, options)
}
