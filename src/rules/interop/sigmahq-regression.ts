import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Finding } from '../../model/result.js'
import type { TestCase } from '../../model/rule.js'
import { jsonRenderingPath, parseRegressionInfo, splitConcatenatedJson } from '../../sigma/index.js'
import { DISCOVERY_CHECKS, finding } from '../findings.js'
import { interopTest, type PendingTests } from '../pending.js'

/**
 * SigmaHQ's regression convention: a rule's `regression_tests_path` names an `info.yml` that
 * lists event files the rule must match (`match_count` of them at least). The `.evtx` files
 * cannot be read here; SigmaHQ's JSON rendering beside them (same name, `.json`) is used.
 * An event file with one event (nearly all) becomes one test; a file with several events
 * becomes one test per event only when all of them must match.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const SYSTEM_FIELDS = ['EventID', 'Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID', 'Channel', 'Computer']

/**
 * The flat record Sigma's Windows rules read (`EventID`, `Provider_Name`, `Image`, …) from
 * SigmaHQ's EVTX JSON, with the same field placement as the Sigma loader's Windows accessor.
 */
export function flattenWindowsEvent(record: unknown): unknown {
  if (!isObject(record) || !isObject(record['Event'])) return record
  const ev = record['Event']
  const system = isObject(ev['System']) ? ev['System'] : {}
  const out: Record<string, unknown> = {}
  const user = ev['UserData']
  if (isObject(user)) for (const element of Object.values(user)) if (isObject(element)) Object.assign(out, element)
  if (isObject(ev['EventData'])) Object.assign(out, ev['EventData'])
  delete out['#attributes']
  // Some providers (Windows Defender) name data fields with spaces (`Source Name`); Sigma's rules
  // write them without (`SourceName`), as SigmaHQ's Windows tooling normalises them.
  for (const k of Object.keys(out)) {
    const squeezed = k.replace(/ /g, '')
    if (squeezed !== k && !(squeezed in out)) out[squeezed] = out[k]
  }
  for (const f of SYSTEM_FIELDS) if (system[f] !== undefined) out[f] = system[f]
  const provider = system['Provider']
  const attrs = isObject(provider) && isObject(provider['#attributes']) ? provider['#attributes'] : {}
  if (attrs['Name'] !== undefined) out['Provider_Name'] = attrs['Name']
  if (attrs['Guid'] !== undefined) out['Provider_Guid'] = attrs['Guid']
  return out
}

/**
 * Where a repository-relative path (`regression_data/…`) is: joined to the nearest ancestor of
 * `from` where it exists, or the file of that name beside `from` (copies that dropped the prefix).
 * `.evtx` resolves to its `.json` rendering.
 */
export function resolveRepoPath(from: string, repoRelative: string): string | undefined {
  const rel = jsonRenderingPath(repoRelative)
  let dir = path.dirname(from)
  for (;;) {
    const full = path.join(dir, rel)
    if (existsSync(full)) return full
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  const beside = path.join(path.dirname(from), path.basename(rel))
  return existsSync(beside) ? beside : undefined
}

/** Reads one info.yml and its event files into tests for the rule it names. */
export function regressionTests(text: string, file: string): { tests: PendingTests | undefined; findings: Finding[] } {
  const { info, findings } = parseRegressionInfo(text, file)
  if (!info) return { tests: undefined, findings }
  const tests: TestCase[] = []
  for (const t of info.tests) {
    const eventsFile = resolveRepoPath(file, t.path)
    if (!eventsFile) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', t.location, `regression test '${t.name}': event file not found: ${jsonRenderingPath(t.path)}`))
      continue
    }
    let events: unknown[]
    try {
      const text = readFileSync(eventsFile, 'utf8')
      events = text.trimStart().startsWith('[') ? (JSON.parse(text) as unknown[]) : splitConcatenatedJson(text, eventsFile)
    } catch (e) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', { file: eventsFile, line: 1, column: 1 }, `regression events are not JSON: ${(e as Error).message}`))
      continue
    }
    if (events.length === 0) {
      findings.push(finding(DISCOVERY_CHECKS.interop, 'error', t.location, `regression test '${t.name}': ${path.basename(eventsFile)} holds no event`))
      continue
    }
    if (events.length > 1 && t.matchCount < events.length) {
      findings.push(
        finding(DISCOVERY_CHECKS.interop, 'note', t.location, `regression test '${t.name}': ${t.matchCount} of ${events.length} events must match; an event stream check, not run by \`ruleproof test\``),
      )
      continue
    }
    events.forEach((event, i) => {
      const label = events.length > 1 ? `${t.name} [${path.basename(eventsFile)}#${i + 1}]` : `${t.name} [${path.basename(eventsFile)}]`
      const test = interopTest(label, true, flattenWindowsEvent(event), t.location, 'sigmahq-regression')
      test.extra = { ...test.extra, eventsFile }
      tests.push(test)
    })
  }
  if (tests.length === 0) return { tests: undefined, findings }
  const rule: { id: string } = { id: info.ruleId }
  return { tests: { source: 'sigmahq-regression', rule, tests, location: { file, line: 1, column: 1 } }, findings }
}
