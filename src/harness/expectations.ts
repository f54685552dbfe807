import type { LoadedRule } from '../model/rule.js'
import type { ScenarioExpectation } from './types.js'

/** `atomic.*`, `benign.backup-*`: `*` is any run of characters, everything else literal. */
export function familyPattern(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`)
}

export function matchFamilies(globs: readonly string[], names: readonly string[]): string[] {
  const res = globs.map(familyPattern)
  return names.filter((n) => res.some((r) => r.test(n)))
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/**
 * What the rule's loader attached: `rule.scenarios` (Sigma: `tests:` items naming a `family`),
 * and test cases that name a family (`extra.family`) instead of carrying an event.
 */
export function declaredExpectation(rule: LoadedRule): ScenarioExpectation | undefined {
  const attached = rule.scenarios
  const match = strings(attached?.match)
  const ignore = strings(attached?.ignore)
  for (const t of rule.tests) {
    const fam = t.extra?.['family']
    if (typeof fam === 'string') (t.expect ? match : ignore).push(fam)
  }
  if (match.length === 0 && ignore.length === 0) return undefined
  const out: ScenarioExpectation = { match, ignore }
  if (attached?.gaps) out.gaps = attached.gaps
  if (attached?.location) out.location = attached.location
  if (attached?.locations) out.locations = attached.locations
  return out
}

/** Tests that only name a family: they are scenario declarations, not events to replay. */
export function isFamilyTest(t: LoadedRule['tests'][number]): boolean {
  return typeof t.extra?.['family'] === 'string' && (t.event === undefined || t.event === null)
}

/** `ruleproof.config` expectations: `*` for every rule, other keys rule ids or globs of them. */
export type ConfiguredExpectations = Record<string, { match?: string[]; ignore?: string[] }>

/**
 * A rule's declaration (attached by its loader, or read from its sidecar) wins; else the config entry for its id, else the first glob that matches
 * it (in the config's order), else `*`.
 */
export function expectationResolver(
  configured: ConfiguredExpectations | undefined,
  attached?: ReadonlyMap<LoadedRule, ScenarioExpectation>,
): (rule: LoadedRule) => ScenarioExpectation | undefined {
  const entries = Object.entries(configured ?? {})
  return (rule) => {
    const own = attached?.get(rule) ?? declaredExpectation(rule)
    if (own) return own
    const hit =
      entries.find(([k]) => k === rule.id) ??
      entries.find(([k]) => k !== '*' && k.includes('*') && familyPattern(k).test(rule.id)) ??
      entries.find(([k]) => k === '*')
    if (!hit) return undefined
    return { match: strings(hit[1].match), ignore: strings(hit[1].ignore) }
  }
}
