import type { Result, ResultSummary } from '../model/result.js'
import type { CommonReportOptions } from './types.js'
import { failureText, reproText, ruleWithId } from './describe.js'
import { declaredGap } from './gap.js'
import { displayPath } from './paths.js'
import { summarizeResults } from './summary.js'

export interface JUnitOptions extends CommonReportOptions {
  /**
   * How results are grouped into `<testsuite>`s: one per rule file (what CI test views show as a
   * file) or one per check kind (embedded, replay, property, scenario, consistency).
   * @defaultValue 'file'
   */
  suites?: 'file' | 'kind'
  /** Name of the root `<testsuites>`. @defaultValue 'ruleproof' */
  name?: string
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF) are written as visible `\uXXXX` so the report stays well-formed.
 */
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function escapeXml(value: string): string {
  return value
    .replace(XML_INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** Attribute values additionally keep their line breaks (parsers normalise raw ones to spaces). */
function attr(value: string): string {
  return escapeXml(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
}

function details(r: Result): string {
  const lines = [`rule: ${ruleWithId(r)}`, `test: ${r.test}`, `variant: ${r.variant}`, `kind: ${r.kind}`, failureText(r)]
  const repro = reproText(r)
  if (repro) lines.push(repro)
  if (r.event !== undefined) lines.push('event:', JSON.stringify(r.event, null, 2))
  return lines.join('\n')
}

function testcase(r: Result, root: string | undefined): string {
  const file = displayPath(r.file, root)
  const open = `    <testcase classname="${attr(ruleWithId(r))}" name="${attr(`${r.test} [${r.variant}${r.view ? ` ${r.view}` : ''}] (${r.kind})`)}" file="${attr(file)}" line="${r.line}" time="${seconds([r])}"`
  if (r.status === 'pass') {
    const gap = declaredGap(r)
    if (gap === undefined) return `${open}/>`
    return `${open}>\n      <properties><property name="declared-gap" value="${attr(gap)}"/></properties>\n    </testcase>`
  }
  if (r.status === 'skip') return `${open}>\n      <skipped message="${attr(r.message ?? 'skipped')}"/>\n    </testcase>`
  const element = r.status === 'fail' ? 'failure' : 'error'
  return `${open}>\n      <${element} message="${attr(failureText(r))}" type="${r.kind}">${escapeXml(details(r))}</${element}>\n    </testcase>`
}

/** JUnit's `time`: seconds, the sum of the measured durations (0 when none was measured). */
function seconds(results: readonly Result[]): string {
  let ms = 0
  for (const r of results) ms += r.durationMs ?? 0
  return String(Math.round(ms) / 1000)
}

function suiteXml(name: string, results: readonly Result[], root: string | undefined): string {
  // Per-suite counts are a grouping of the run, not a second verdict: they come from the same summarizer.
  const s = summarizeResults(results)
  const head = `  <testsuite name="${attr(name)}" tests="${results.length}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped}" time="${seconds(results)}">`
  return [head, ...results.map((r) => testcase(r, root)), '  </testsuite>'].join('\n')
}

/** JUnit XML as Jenkins, GitLab and GitHub test-report actions read it. */
export function renderResultsJUnit(results: readonly Result[], summary: ResultSummary, options: JUnitOptions = {}): string {
  const groups = new Map<string, Result[]>()
  for (const r of results) {
    const key = options.suites === 'kind' ? r.kind : displayPath(r.file, options.root)
    let list = groups.get(key)
    if (!list) groups.set(key, (list = []))
    list.push(r)
  }
  const total = summary.passed + summary.failed + summary.errors + summary.skipped
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(options.name ?? 'ruleproof')}" tests="${total}" failures="${summary.failed}" errors="${summary.errors}" skipped="${summary.skipped}" time="${seconds(results)}">`,
    ...[...groups].map(([name, list]) => suiteXml(name, list, options.root)),
    '</testsuites>',
  ]
  return lines.join('\n') + '\n'
}
