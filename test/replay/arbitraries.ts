// Random Sigma rules and records for the grouped-evaluation property (test/replay, test/deep).
import fc from 'fast-check'
import { expect } from 'vitest'
import { ERROR, MATCH, NO_MATCH } from '../../src/replay/evaluator.js'
import { compileDetection, type CompileFilter } from '../../src/sigma/compile/index.js'
import { RuleGroup, SharedFields } from '../../src/sigma/group.js'

const FIELDS = ['verb', 'objectRef.resource', 'objectRef.subresource', 'user.username', 'requestURI', 'b.c', 'code', 'tags']
const WORDS = ['create', 'CREATE', 'Create', 'get', 'pods', 'Pods', 'cronjobs', 'exec', 'system:anonymous', '/api/v1/pods', '', 'x', '403', '403.0', '4.03e2', ' 403', '+403', 'true', 'TRUE', 'ünïcode', 'İ']
const scalar = fc.oneof(fc.constantFrom<unknown>(...WORDS), fc.constantFrom<unknown>(403, 403.5, -0, 201, 0, true, false, null), fc.string({ maxLength: 4 }))
export const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }) },
  { weight: 1, arbitrary: fc.record({ resource: scalar }) },
)
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 })
const objectRef = fc.record({ resource: opt(value), subresource: opt(value) }, { requiredKeys: [] })
export const event: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    verb: value,
    objectRef: fc.oneof(objectRef, fc.array(objectRef, { maxLength: 2 }), value),
    user: fc.record({ username: opt(value) }, { requiredKeys: [] }),
    requestURI: value,
    'b.c': value,
    b: fc.record({ c: opt(value) }, { requiredKeys: [] }),
    code: value,
    tags: value,
  },
  { requiredKeys: [] },
)

const MODIFIERS = ['', '', '', '', '', '', '|cased', '|cased', '|contains', '|startswith', '|endswith', '|all', '|contains|all', '|neq', '|re', '|exists', '|lt', '|windash', '|cased|contains']
const needle = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 2, arbitrary: fc.constantFrom('cre*', '*od*', 'p?ds', '^c.*', '(?i)POD') }, { weight: 2, arbitrary: fc.constantFrom<unknown>(403, 0, true, false, null) })
const item = fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...MODIFIERS), fc.oneof(needle, fc.array(needle, { maxLength: 3 })))
const map = fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => Object.fromEntries(items.map(([f, m, v]) => [f + m, m === '|exists' ? typeof v === 'boolean' : v])))
const selection = fc.oneof(
  { weight: 6, arbitrary: map },
  { weight: 2, arbitrary: fc.array(map, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('create', 'pods', 'x'), { minLength: 1, maxLength: 2 }) },
)
const CONDITIONS = ['sel1', 'sel1', 'sel1 and sel2', 'sel1 and sel2', 'sel1 or sel2', 'sel1 and not sel2', '1 of sel*', 'all of sel*', 'not sel1', '(sel1 or sel2) and sel3', 'sel1 and (sel2 or not sel3)', 'all of them']
const detection = fc.record({ sel1: selection, sel2: selection, sel3: selection, condition: fc.oneof(fc.constantFrom<string | string[]>(...CONDITIONS), fc.constant(['sel1', 'sel2 and sel3'])) })
const filter: fc.Arbitrary<CompileFilter> = fc.record({ detection: fc.record({ f1: map }), condition: fc.constantFrom('not f1', 'f1') })
export const rule = fc.record({ detection, filters: fc.array(filter, { maxLength: 1 }) })

type Verdict = typeof NO_MATCH | typeof MATCH | typeof ERROR

/** Each rule alone, as replay evaluated it before grouping. */
function alone(match: (r: unknown) => boolean, record: unknown): Verdict {
  try {
    return match(record) ? MATCH : NO_MATCH
  } catch {
    return ERROR
  }
}


/**
 * Asserts that a RuleGroup of the valid ones among `rules` gives each rule's verdict alone on
 * every record; returns how many rules stated needs and how many verdicts were matches.
 */
export function groupedEqualsAlone(rules: readonly { detection: Record<string, unknown>; filters: CompileFilter[] }[], events: readonly unknown[]): { indexed: number; matches: number } {
  let indexed = 0
  let matches = 0
  const shared = new SharedFields()
  const singles: ((r: unknown) => boolean)[] = []
  const valid: unknown[] = []
  const members = []
  for (const r of rules) {
    try {
      singles.push(compileDetection(r.detection, { filters: r.filters }).match)
    } catch {
      continue // not a valid detection: neither side has it
    }
    const c = compileDetection(r.detection, { filters: r.filters, share: shared.share })
    members.push({ match: c.match, needs: c.needs })
    valid.push(r)
    if (c.needs.length) indexed++
  }
  const group = new RuleGroup(members, shared)
  const out = new Uint8Array(members.length)
  for (const e of events) {
    group.evaluate(e, out)
    singles.forEach((m, i) => {
      expect(out[i], `rule ${JSON.stringify(valid[i])} on ${JSON.stringify(e)}`).toBe(alone(m, e))
      if (out[i] === MATCH) matches++
    })
  }
  return { indexed, matches }
}
