import fc from 'fast-check'
import { dump } from 'js-yaml'
import { encodeSample, familySamples } from '../harness/samples.js'
import type { HarnessEnvironment, PlannedCheck } from '../harness/types.js'
import type { LoadedRule } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import { DEFAULT_TEST_VARIANT } from '../sigma/tests/parse.js'
import type { SigmaMutation } from './types.js'

/** An event on which the original and the mutant disagree, with the original's verdict. */
export interface Distinguishing {
  event: unknown
  variant: VariantId
  expect: boolean
  /** Where it came from: a declared family, or a test event with the mutated field changed. */
  source: string
}

async function verdict(rule: LoadedRule, raw: unknown, variant: VariantId): Promise<boolean | undefined> {
  try {
    return (await rule.evaluate(raw, variant)).match
  } catch {
    return undefined
  }
}

/** Evaluations of one pair (original, mutant) the search may spend before it gives up. */
export const SEARCH_BUDGET = 400

class BudgetSpent extends Error {}

async function differ(original: LoadedRule, mutant: LoadedRule, raw: unknown, variant: VariantId, budget: { left: number }): Promise<boolean | undefined> {
  if (--budget.left < 0) throw new BudgetSpent()
  const a = await verdict(original, raw, variant)
  const b = await verdict(mutant, raw, variant)
  return a === undefined || b === undefined || a === b ? undefined : a
}

/** A JSON object held in a string (an AKS diagnostic record's `log`, a HEC event's text), parsed; else undefined. */
function embeddedObject(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== 'string' || !v.startsWith('{')) return undefined
  try {
    const parsed: unknown = JSON.parse(v)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** `node` with the path set (or deleted: `undefined`); a JSON string on the way is edited inside and written back as JSON. */
function setPath(node: unknown, steps: readonly string[], value: unknown): unknown {
  if (steps.length === 0) return value
  const inner = embeddedObject(node)
  if (inner) return JSON.stringify(setPath(inner, steps, value))
  const copy: Record<string, unknown> = typeof node === 'object' && node !== null && !Array.isArray(node) ? { ...(node as Record<string, unknown>) } : {}
  const [step, ...rest] = steps as [string, ...string[]]
  if (rest.length === 0 && value === undefined) delete copy[step]
  else copy[step] = setPath(copy[step], rest, value)
  return copy
}

/** A copy of a record with the dotted `field` set (or deleted: `undefined`). */
function withField(record: unknown, field: string, value: unknown): unknown {
  return setPath(record, field.split('.'), value)
}

/** Dotted paths of a record's string and number leaves (objects only, not list items, but inside JSON strings), at most 200. */
function stringLeaves(record: unknown, prefix = '', out: string[] = []): string[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record) || out.length >= 200) return out
  for (const [k, v] of Object.entries(record)) {
    if (k.includes('.')) continue
    const at = prefix ? `${prefix}.${k}` : k
    const inner = embeddedObject(v)
    if (inner) stringLeaves(inner, at, out)
    else if (typeof v === 'string' || typeof v === 'number') out.push(at)
    else stringLeaves(v, at, out)
  }
  return out
}

function readField(record: unknown, field: string): unknown {
  let at: unknown = record
  for (const s of field.split('.')) {
    const inner = embeddedObject(at)
    if (inner) at = inner
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[s] : undefined
  }
  return at
}

/** Values one edit away from a test's own: they keep whatever else the selection asks of the field. */
function nearby(value: unknown): unknown[] {
  if (typeof value === 'number') return [value - 1, value + 1]
  if (typeof value !== 'string' || value === '') return []
  return [`x${value}`, `${value}x`, `x${value}x`, value.slice(1), value.slice(0, -1), value.toUpperCase(), value.toLowerCase()]
}

/** Extra draws per family beyond the harness's own, so that rarer actions show up. */
const SEARCH_RUNS = 100
const PROBE_RUNS = 25

/**
 * Searches for an event that tells the mutant from the original: first the rule's declared
 * families (on each variant they are checked on, with more draws than the check makes), then the
 * rule's own test events with the mutated field set to the values the operator names and to
 * strings fast-check draws.
 */
export async function distinguishingEvent(
  original: LoadedRule,
  mutant: LoadedRule,
  mutation: Pick<SigmaMutation, 'probe' | 'assign' | 'leafValues'>,
  scenarioChecks: readonly PlannedCheck[],
  env: HarnessEnvironment,
  seed: number,
): Promise<Distinguishing | undefined> {
  const budget = { left: SEARCH_BUDGET }
  try {
    return await search(original, mutant, mutation, scenarioChecks, env, seed, budget)
  } catch (e) {
    if (e instanceof BudgetSpent) return undefined
    throw e
  }
}

async function search(
  original: LoadedRule,
  mutant: LoadedRule,
  mutation: Pick<SigmaMutation, 'probe' | 'assign' | 'leafValues'>,
  scenarioChecks: readonly PlannedCheck[],
  env: HarnessEnvironment,
  seed: number,
  budget: { left: number },
): Promise<Distinguishing | undefined> {
  for (const c of scenarioChecks) {
    let samples
    try {
      samples = familySamples(env, c.family!, seed + 1, SEARCH_RUNS)
    } catch {
      continue
    }
    for (const s of samples) {
      const raw = encodeSample(env, c.variant, s, false)
      if (raw === null) continue
      const expect = await differ(original, mutant, raw, c.variant, budget)
      if (expect !== undefined) return { event: raw, variant: c.variant, expect, source: `family ${c.family}` }
    }
  }
  const testEvents = original.tests.filter((t) => typeof t.event === 'object' && t.event !== null)
  if (mutation.assign) {
    for (const t of testEvents) {
      let raw = t.event
      for (const [f, v] of Object.entries(mutation.assign)) raw = withField(raw, f, v)
      const expect = await differ(original, mutant, raw, t.variant, budget)
      if (expect !== undefined) return { event: raw, variant: t.variant, expect, source: `test '${t.name}' with ${Object.entries(mutation.assign).map(([f, v]) => `${f} = ${JSON.stringify(v)}`).join(', ')}` }
    }
  }
  if (mutation.leafValues?.length) {
    for (const t of testEvents) {
      for (const leaf of stringLeaves(t.event)) {
        for (const c of mutation.leafValues) {
          for (const v of typeof c === 'string' ? [c, `${c}x`, `x${c}`] : [c, c - 1, c + 1]) {
            const raw = withField(t.event, leaf, v)
            const expect = await differ(original, mutant, raw, t.variant, budget)
            if (expect !== undefined) return { event: raw, variant: t.variant, expect, source: `test '${t.name}' with ${leaf} = ${JSON.stringify(v)}` }
          }
        }
      }
    }
  }
  const probe = mutation.probe
  if (!probe) return undefined
  const drawn = fc.sample(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('', '*', 'system:admin')), { seed, numRuns: PROBE_RUNS })
  const values: unknown[] = [...probe.values, undefined, ...drawn]
  for (const t of testEvents) {
    for (const v of [...nearby(readField(t.event, probe.field)), ...values]) {
      const raw = withField(t.event, probe.field, v)
      const expect = await differ(original, mutant, raw, t.variant, budget)
      if (expect !== undefined) return { event: raw, variant: t.variant, expect, source: `test '${t.name}' with ${probe.field} ${v === undefined ? 'removed' : `= ${JSON.stringify(v)}`}` }
    }
  }
  return undefined
}

/** A ready-to-paste Sigma `tests:` item. */
export function sigmaTestEntry(d: Distinguishing, change: string): string {
  return testEntry(d, change, DEFAULT_TEST_VARIANT)
}

/**
 * A ready-to-paste `tests:` item in the keys Sigma's embedded tests and the KQL/SPL sidecars share;
 * `variant` written when it is not the format's default.
 */
export function testEntry(d: Distinguishing, change: string, defaultVariant: VariantId): string {
  const item: Record<string, unknown> = { name: `kills mutant: ${change}`, expect: d.expect ? 'match' : 'no-match' }
  if (d.variant !== defaultVariant) item['variant'] = d.variant
  item['event'] = d.event
  return `# ${d.source}\n${dump([item], { lineWidth: -1, indent: 4 }).trimEnd()}`
}

/** A ready-to-paste Panther `Tests:` item (PAT's keys; the log as the test's variant writes it). */
export function pantherTestEntry(d: Distinguishing, change: string): string {
  const item = { Name: `kills mutant: ${change}`, ExpectedResult: d.expect, Log: d.event }
  return `# ${d.source}\n${dump([item], { lineWidth: -1, indent: 2 }).trimEnd()}`
}
