/**
 * Hostile-input fuzzing of the Sigma path: fast-check over rule YAML, conditions and events
 * (deep nesting, prototype names, huge values, invalid UTF-8, random bytes) through the loader,
 * the compiler, the evaluator and the linter. Each must return a result or a located error —
 * never throw, never hang (a generous bound per input catches hangs; it is not a speed test).
 */
import fc from 'fast-check'
import { dump } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { registry } from '../../src/lint/checks/index.js'
import { lintSources } from '../../src/lint/engine.js'
import type { Finding } from '../../src/model/result.js'
import { EventDepthError } from '../../src/shared/depth.js'
import { parseJsonLossless } from '../../src/shared/json-lossless.js'
import { LoadError } from '../../src/shared/errors.js'
import { compileDetection, SigmaCompileError } from '../../src/sigma/compile/index.js'
import { SigmaConditionError, parseCondition } from '../../src/sigma/condition/index.js'
import { loadSigmaText, sigmaRulesFromDocuments, UnclaimedVariantError, UnsupportedFieldError } from '../../src/sigma/index.js'
import { modifierNames } from '../../src/sigma/compile/index.js'
import { RegexBudgetError, setRegexBudget } from '../../src/sigma/values/regex-engine.js'

// CI replays one seed, so that a submission's green is reproducible; elsewhere each run explores
// new inputs (fast-check prints the seed of a failure). FUZZ_SEED=N replays seed N anywhere.
const FUZZ_SEED = process.env.FUZZ_SEED ?? (process.env.CI ? '20261206' : undefined)
if (FUZZ_SEED !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(FUZZ_SEED) })

/** Generous: a hang shows as minutes; every input here takes milliseconds. */
const BOUND_MS = 20_000
const FILE = 'fuzz/rule.yml'
setRegexBudget(200)

const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype']
const name = fc.oneof(
  fc.constantFrom(...PROTO),
  fc.constantFrom('Image', 'CommandLine', 'verb', 'objectRef.resource', 'user.username', 'a.b.c', 'operationName', 'EventID'),
  fc.string({ maxLength: 12 }),
  fc.array(fc.constantFrom(...PROTO, 'a', 'b'), { minLength: 1, maxLength: 4 }).map((xs) => xs.join('.')),
)
const modifier = fc.oneof(fc.constantFrom(...modifierNames()), fc.constantFrom(...PROTO))
const key = fc.tuple(name, fc.array(modifier, { maxLength: 3 })).map(([n, ms]) => [n, ...ms].join('|'))
const hugeString = fc.constantFrom('a'.repeat(200_000), '*a'.repeat(5000) + 'b', '\\'.repeat(10_001), '%x%'.repeat(1000))
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('*', '?', '\\', 'a', '%', '(', '+', '[', '\uFFFD', '😀'), maxLength: 20 }),
  fc.integer(),
  fc.constantFrom(9007199254740993, Number.MAX_VALUE, -0, 1e21),
  fc.boolean(),
  fc.constant(null),
  hugeString,
)
const value = fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 5 }), fc.dictionary(key, scalar, { maxKeys: 3 }))
const selection = fc.oneof(fc.dictionary(key, value, { maxKeys: 4 }), fc.array(fc.oneof(scalar, fc.dictionary(key, value, { maxKeys: 3 })), { maxLength: 4 }), scalar)

/** Conditions: grammatical ones over the selection names, deep ones, and random text. */
function condition(names: string[]): fc.Arbitrary<string> {
  const id = names.length > 0 ? fc.constantFrom(...names) : fc.constant('selection')
  const atom = fc.oneof(id, fc.constantFrom('1 of them', 'all of them', '1 of sel*', 'all of *', '1 of __proto__*'))
  const tree = fc.letrec<{ c: string }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      tie('c').map((c) => `not ${c}`),
      tie('c').map((c) => `(${c})`),
      fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => `${a} ${op} ${b}`),
    ),
  })).c
  const deep = fc.tuple(fc.integer({ min: 1, max: 5000 }), atom, fc.constantFrom('(', 'not ', 'not (')).map(([n, a, open]) =>
    open === '(' ? '('.repeat(n) + a + ')'.repeat(n) : open === 'not ' ? 'not '.repeat(n) + a : 'not ('.repeat(n) + a + ')'.repeat(n),
  )
  return fc.oneof(tree, deep, fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom('(', ')', 'not', ' ', 'and', 'or', '1', 'of', 'them', '|', 'x'), maxLength: 30 }))
}

const logsource = fc.constantFrom(
  { product: 'kubernetes', service: 'audit' },
  { product: 'azure', service: 'activitylogs' },
  { product: 'windows', category: 'process_creation' },
  { product: 'constructor', service: '__proto__' },
)

/** A nested value `depth` levels deep, without recursion. */
function nest(depth: number, leaf: unknown, array: boolean): unknown {
  let v = leaf
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v }
  return v
}
const event = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : { v })),
  fc.dictionary(name, scalar, { maxKeys: 6 }).map((d) => JSON.parse(JSON.stringify(d)) as object),
  fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean(), scalar).map(([d, arr, leaf]) => ({ Image: nest(d, leaf, arr) })),
  fc.constant(parseJsonLossless('{"EventID": 9007199254740993, "__proto__": {"Image": "x"}, "constructor": "y"}') as object),
)

// Events embedded in rule text: nested around the YAML loader's limit (100), not past what serialising them allows.
const embeddedEvent = fc.oneof(
  event.filter((e) => !('Image' in e) || typeof e.Image !== 'object'),
  fc.tuple(fc.integer({ min: 1, max: 150 }), fc.boolean(), scalar).map(([d, arr, leaf]) => ({ Image: nest(d, leaf, arr) })),
)
const ruleObject = fc
  .tuple(fc.dictionary(fc.oneof(fc.constantFrom('selection', 'sel_1', 'filter', '_x'), fc.constantFrom(...PROTO), fc.string({ maxLength: 8 })), selection, { minKeys: 1, maxKeys: 3 }), logsource, fc.array(embeddedEvent, { maxLength: 2 }))
  .chain(([detection, ls, events]) =>
    condition(Object.keys(detection)).map((c) => ({
      title: 'fuzz',
      id: '9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d',
      status: 'test',
      logsource: ls,
      detection: { ...detection, condition: c },
      tests: events.map((e, i) => ({ name: `t${i}`, expect: 'match', event: e })),
    })),
  )

/** A rule as YAML text: block YAML, JSON (flow YAML), mutated text, random bytes or invalid UTF-8. */
const ruleText = fc.oneof(
  ruleObject.map((o) => {
    try {
      return dump(o, { lineWidth: -1, noRefs: true })
    } catch {
      return JSON.stringify(o)
    }
  }),
  ruleObject.map((o) => JSON.stringify(o)),
  fc.tuple(ruleObject, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 5 })).map(([o, edits]) => {
    let t = JSON.stringify(o)
    for (const [at, s] of edits) {
      const p = at % (t.length + 1)
      t = t.slice(0, p) + s + t.slice(p + 1)
    }
    return t
  }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.uint8Array({ maxLength: 300 }).map((b) => 'title: x\nlogsource: {product: windows}\ndetection:\n  selection:\n    Image: "' + Buffer.from(b).toString('latin1').replace(/["\\]/g, '') + '"\n  condition: selection\n'),
  fc.constantFrom(
    '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
    '- '.repeat(3000) + 'x',
    'a: &x [' + '*x,'.repeat(100) + ']',
    'title: t\ndetection:\n  selection:\n    ' + 'a.'.repeat(20_000) + 'b: 1\n  condition: selection\nlogsource: {product: windows}\n',
  ),
)

function located(f: Finding): void {
  expect(f.file).toBeTypeOf('string')
  expect(f.line).toBeGreaterThanOrEqual(1)
  expect(f.column).toBeGreaterThanOrEqual(1)
  expect(f.message).toBeTypeOf('string')
}

/** Errors that are a per-event or per-variant verdict, not a crash. */
function expectedEventError(e: unknown): boolean {
  return e instanceof EventDepthError || e instanceof RegexBudgetError || e instanceof UnsupportedFieldError || e instanceof UnclaimedVariantError
}

async function throughEverything(text: string): Promise<void> {
  const started = performance.now()
  const loaded = loadSigmaText(text, FILE)
  loaded.findings.forEach(located)
  const findings: Finding[] = []
  const rules = sigmaRulesFromDocuments(loaded.documents, { findings })
  findings.forEach(located)
  for (const rule of rules) {
    for (const t of rule.tests) {
      const result = await rule.runTest(t)
      expect(['pass', 'fail', 'error', 'skipped']).toContain(result.status)
    }
    for (const variant of [undefined, 'eks', 'azure-activity'] as const) {
      try {
        const c = rule.compiled(variant)
        for (const t of rule.tests) {
          try {
            expect(typeof c.match(t.event)).toBe('boolean')
            expect(typeof c.explain(t.event).match).toBe('boolean')
          } catch (e) {
            if (!expectedEventError(e)) throw e
          }
        }
      } catch (e) {
        if (!expectedEventError(e)) throw e
      }
    }
  }
  const lint = await lintSources([{ file: FILE, text }], { checks: registry })
  lint.findings.forEach(located)
  expect(performance.now() - started).toBeLessThan(BOUND_MS)
}

describe('fuzz: rule files through loader, compiler, evaluator and linter', () => {
  it('never throws, and every problem is located', async () => {
    await fc.assert(fc.asyncProperty(ruleText, throughEverything), { numRuns: 400 })
  })
})

describe('fuzz: conditions', () => {
  it('parse to a tree or a located SigmaConditionError', () => {
    fc.assert(
      fc.property(condition(['selection', 'filter', '__proto__', 'constructor']), (c) => {
        try {
          parseCondition(c)
        } catch (e) {
          expect(e).toBeInstanceOf(SigmaConditionError)
          expect((e as SigmaConditionError).column).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('compile to a predicate or a SigmaCompileError with a path', () => {
    fc.assert(
      fc.property(
        fc
          .dictionary(fc.oneof(fc.constantFrom('selection', 'filter'), fc.constantFrom(...PROTO)), selection, { minKeys: 1, maxKeys: 3 })
          .chain((d) => condition(Object.keys(d)).map((c) => ({ ...d, condition: c }))),
        (detection) => {
          try {
            const d = compileDetection(detection)
            expect(typeof d.match({})).toBe('boolean')
          } catch (e) {
            expect(e).toBeInstanceOf(SigmaCompileError)
            expect(Array.isArray((e as SigmaCompileError).path)).toBe(true)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('fuzz: events', () => {
  const rules = [
    compileDetection({ keywords: ['foo', '*a*a*a*a*b'], condition: 'keywords' }),
    compileDetection({ selection: { 'Image|re': '(a+)+$', 'CommandLine|contains|all': ['x', 'y'] }, condition: 'not selection' }),
    compileDetection({ selection: { 'a.a.a|exists': true, 'constructor|startswith': 'y', '__proto__.Image': 'x' }, condition: '1 of them' }),
    compileDetection({ selection: { 'EventID': '9007199254740993', 'Image|cidr': '10.0.0.0/8' }, condition: 'selection' }),
  ]
  it('every compiled rule answers every event, however deep or strange', () => {
    fc.assert(
      fc.property(event, (e) => {
        for (const r of rules) expect(typeof r.match(e)).toBe('boolean')
      }),
      { numRuns: 500 },
    )
  })

  it('NDJSON lines: parsed losslessly or refused with a SyntaxError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('utf8'))), (line) => {
        try {
          parseJsonLossless(line)
        } catch (e) {
          expect(e).toBeInstanceOf(SyntaxError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

// Loader errors surface as LoadError (with a location) where a caller asks for throwing.
describe('fuzz: throwing loader mode', () => {
  it('sigmaRulesFromDocuments without findings throws only LoadError', async () => {
    await fc.assert(
      fc.asyncProperty(ruleText, async (text) => {
        const loaded = loadSigmaText(text, FILE)
        try {
          sigmaRulesFromDocuments(loaded.documents)
        } catch (e) {
          expect(e).toBeInstanceOf(LoadError)
          expect((e as LoadError).location.line).toBeGreaterThanOrEqual(1)
        }
      }),
      { numRuns: 200 },
    )
  })
})
