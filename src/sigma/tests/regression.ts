import type { Finding } from '../../model/result.js'
import type { SourceLocation } from '../../model/source.js'
import { LoadError } from '../../shared/errors.js'
import { parseYamlDocuments } from '../../shared/yaml/index.js'
import { LOAD_CHECKS } from '../load/types.js'

/**
 * SigmaHQ's regression-data convention (`regression_tests_path` in a rule → an `info.yml`
 * listing event files the rule must match). Only positive tests exist in that convention.
 */
export interface RegressionTest {
  name: string
  /** `evtx` in SigmaHQ; the JSON rendering sits next to the file with a `.json` extension. */
  type: string
  provider?: string
  /** Repository-relative path, as written. */
  path: string
  /** At least this many events must match (default 1). */
  matchCount: number
  location: SourceLocation
}

export interface RegressionInfo {
  id?: string
  /** The rule the data belongs to: the last `rule_metadata` entry, as SigmaHQ's runner reads it. */
  ruleId: string
  ruleTitle?: string
  tests: RegressionTest[]
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** Reads one `info.yml`. Problems are findings at their line; `info` is absent when unusable. */
export function parseRegressionInfo(text: string, file: string): { info?: RegressionInfo; findings: Finding[] } {
  const findings: Finding[] = []
  const fail = (at: SourceLocation, message: string) =>
    findings.push({ check: LOAD_CHECKS.tests, severity: 'error', file, line: at.line, column: at.column, message })
  let docs
  try {
    docs = parseYamlDocuments(text, file)
  } catch (e) {
    if (!(e instanceof LoadError)) throw e
    fail(e.location, e.message)
    return { findings }
  }
  const doc = docs[0]
  if (!doc || !isMap(doc.value)) {
    fail({ file, line: 1, column: 1 }, 'info.yml must be a map with rule_metadata and regression_tests_info')
    return { findings }
  }
  const v = doc.value
  const meta = v.rule_metadata
  const last = Array.isArray(meta) ? meta[meta.length - 1] : undefined
  if (!isMap(last) || typeof last.id !== 'string') {
    fail(doc.map.key(['rule_metadata']), 'rule_metadata must list {id, title} of the rule')
    return { findings }
  }
  // A missing list means no tests yet (SigmaHQ keeps such files with the list commented out).
  const list = v.regression_tests_info ?? []
  if (!Array.isArray(list)) {
    fail(doc.map.key(['regression_tests_info']), 'regression_tests_info must be a list of {name, type, path}')
    return { findings }
  }
  const tests: RegressionTest[] = []
  list.forEach((t, i) => {
    const at = doc.map.value(['regression_tests_info', i])
    if (!isMap(t) || typeof t.path !== 'string' || typeof t.type !== 'string') {
      fail(at, `regression_tests_info[${i}] needs a type and a path`)
      return
    }
    const count = t.match_count
    if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1)) {
      fail(doc.map.value(['regression_tests_info', i, 'match_count']), 'match_count must be a whole number ≥ 1')
      return
    }
    const test: RegressionTest = {
      name: typeof t.name === 'string' ? t.name : `regression test ${i + 1}`,
      type: t.type,
      path: t.path,
      matchCount: typeof count === 'number' ? count : 1,
      location: at,
    }
    if (typeof t.provider === 'string') test.provider = t.provider
    tests.push(test)
  })
  const info: RegressionInfo = { ruleId: last.id, tests }
  if (typeof v.id === 'string') info.id = v.id
  if (typeof last.title === 'string') info.ruleTitle = last.title
  return { info, findings }
}

/** The JSON rendering SigmaHQ keeps next to an `.evtx` file. */
export function jsonRenderingPath(eventPath: string): string {
  return eventPath.replace(/\.evtx$/i, '.json')
}
