/**
 * One test of a query rule's sidecar (`<rule>.ruleproof.yml`, Sentinel KQL and Splunk SPL): Sigma's
 * embedded-test keys plus `events`, `now`, `values` and `rows`. One reader, so both formats accept
 * and reject the same tests with the same messages.
 */
import type { VariantOverride } from '../model/rule.js'
import { isVariantId, type VariantId } from '../model/variant.js'
import type { YamlPath } from '../shared/yaml/index.js'

/** What a query-rule test adds to a test case (`TestCase.extra`). */
export interface QueryTestExtra {
  /** Every event of the test (`events:`), when it has several. */
  events?: unknown[]
  /** The time `ago()`/`now()` see (ISO 8601), when the test sets it. */
  now?: string
  /** Expected values of the first result row. */
  values?: Record<string, unknown>
  /** Expected number of result rows. */
  rows?: number
}

export interface QueryTestItem {
  name: string
  variant: VariantId
  /** The test's one record (the first of `events:`). */
  event: unknown
  extra: QueryTestExtra
  overrides?: Partial<Record<VariantId, VariantOverride>>
}

/** Reports a problem at `path` (at the key when `key`). */
export type ReportProblem = (path: YamlPath, message: string, key?: boolean) => void

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads one sidecar test (not a family entry) at `at`; `undefined` after reporting why it cannot be
 * run. `names` holds the names seen so far in the list. `resultWord` names a result row in messages
 * ("column" for KQL, "field" for SPL).
 */
export function readQueryTest(
  item: Record<string, unknown>,
  at: YamlPath,
  bad: ReportProblem,
  names: Set<string>,
  defaultVariant: VariantId,
  resultWord: { values: string; rows: string },
): QueryTestItem | undefined {
  const name = item.name
  if (typeof name !== 'string' || name === '') return void bad(at, 'a test needs a name')
  if (names.has(name)) bad([...at, 'name'], `two tests are named '${name}'`)
  names.add(name)
  if (item.expect !== 'match' && item.expect !== 'no-match') return void bad([...at, 'expect'], "expect must be 'match' or 'no-match'")
  const variant = item.variant ?? defaultVariant
  if (!isVariantId(variant)) return void bad([...at, 'variant'], `unknown variant ${JSON.stringify(variant)}`)
  const hasEvent = 'event' in item
  const hasEvents = 'events' in item
  if (hasEvent === hasEvents) return void bad(at, 'a test needs exactly one of event (one record) or events (a list)')
  if (hasEvent && !isObj(item.event)) return void bad([...at, 'event'], 'event must be one record (a mapping)')
  if (hasEvents && (!Array.isArray(item.events) || item.events.length === 0 || !item.events.every(isObj))) {
    return void bad([...at, 'events'], 'events must be a non-empty list of records')
  }
  const extra: QueryTestExtra = {}
  if (hasEvents) extra.events = item.events as unknown[]
  if (item.now !== undefined) {
    const now = item.now instanceof Date ? item.now.toISOString() : item.now
    if (typeof now !== 'string' || Number.isNaN(Date.parse(now))) return void bad([...at, 'now'], 'now must be an ISO 8601 time')
    extra.now = now
  }
  if (item.values !== undefined) {
    if (!isObj(item.values)) return void bad([...at, 'values'], resultWord.values)
    extra.values = item.values
  }
  if (item.rows !== undefined) {
    if (typeof item.rows !== 'number' || !Number.isInteger(item.rows) || item.rows < 0) return void bad([...at, 'rows'], resultWord.rows)
    extra.rows = item.rows
  }
  let overrides: Partial<Record<VariantId, VariantOverride>> | undefined
  if (item.overrides !== undefined) {
    if (!isObj(item.overrides)) return void bad([...at, 'overrides'], 'overrides must map variants to { expect, reason }')
    overrides = {}
    for (const [v, o] of Object.entries(item.overrides)) {
      if (!isVariantId(v)) return void bad([...at, 'overrides', v], `unknown variant '${v}'`, true)
      if (!isObj(o) || (o.expect !== 'match' && o.expect !== 'no-match') || typeof o.reason !== 'string' || o.reason.trim() === '') {
        return void bad([...at, 'overrides', v], "an override needs expect ('match' / 'no-match') and a reason")
      }
      overrides[v] = { expect: o.expect === 'match', reason: o.reason }
    }
  }
  const event = extra.events ? extra.events[0] : item.event
  return { name, variant, event, extra, ...(overrides ? { overrides } : {}) }
}
