import type { Query } from '../../kql/ast.js'
import { KqlError } from '../../kql/errors.js'
import { compileQuery } from '../../kql/evaluate.js'
import { loadKqlFile, loadSentinelYaml, type KqlRuleSource } from '../../kql/load.js'
import { parseKql } from '../../kql/parser.js'
import { emptyTables } from '../../kql/tables.js'
import { KDateTime } from '../../kql/values.js'
import type { Finding } from '../../model/result.js'
import { SENTINEL_TABLES } from '../../variants/sentinel.js'
import type { Place } from '../types.js'

/** What KQL checks see of one Sentinel rule file. */
export interface KqlRuleView {
  file: string
  id: string
  /** Undefined when the file did not load (its findings say why). */
  source: KqlRuleSource | undefined
  /** The parsed query, when ruleproof's parser reads it. */
  query: Query | undefined
  /** ruleproof's parse error (syntax as its subset reads it, or unsupported). */
  parseError: KqlError | undefined
  /** The first error of a dry run on empty tables (unknown table, column or function). */
  runError: KqlError | undefined
  /** Findings of the loader (schema, tests, stubs). */
  loadFindings: Finding[]
  /** File place of a query offset. */
  place(offset: number): Place
}

/** Loads a Sentinel rule file for lint (no Microsoft parser here: kql-syntax loads it when enabled). */
export function kqlView(file: string, text: string): KqlRuleView {
  const loadFindings: Finding[] = []
  const source = /\.kql$/i.test(file) ? loadKqlFile(text, file, loadFindings) : loadSentinelYaml(text, file, loadFindings)
  let query: Query | undefined
  let parseError: KqlError | undefined
  let runError: KqlError | undefined
  if (source) {
    try {
      query = parseKql(source.query, { knownTables: new Set(Object.keys(SENTINEL_TABLES)) })
      compileQuery(query).run({ tables: emptyTables(), now: new KDateTime(0) })
    } catch (e) {
      if (!(e instanceof KqlError)) throw e
      if (query) runError = e
      else parseError = e
    }
  }
  return {
    file,
    id: source?.id ?? file,
    source,
    query,
    parseError,
    runError,
    loadFindings,
    place: (offset) => source?.locator.at(offset) ?? { file, line: 1, column: 1 },
  }
}
