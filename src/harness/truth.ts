import { labelTechniques } from '../shared/attack.js'
import { familyPattern } from './expectations.js'

/**
 * Ground truth per rule: which malicious records of a labelled dataset a rule is accountable for.
 * A rule answers for the techniques it claims (a sub-technique record counts for a parent claim)
 * and for the families its tests name; other malicious records are out of its scope.
 */

function unique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort()
}

export type ScoredBy = 'technique' | 'family' | 'unscored'

/** How one rule is scored against a dataset's labels. */
export interface GroundTruth {
  scoredBy: ScoredBy
  /** Techniques the rule claims. */
  techniques: string[]
  /** Family names or globs the rule's tests say it must match. */
  families: string[]
  /** Why the rule is unscored. */
  reason?: string
}

export function groundTruth(techniques: readonly string[], families: readonly string[]): GroundTruth {
  const t = unique(techniques)
  const f = unique(families)
  if (t.length) return { scoredBy: 'technique', techniques: t, families: f }
  if (f.length) return { scoredBy: 'family', techniques: t, families: f }
  return {
    scoredBy: 'unscored',
    techniques: t,
    families: f,
    reason: 'the rule claims no ATT&CK technique (Sigma attack.tNNNN tags, Panther Reports MITRE ATT&CK) and its tests name no scenario family',
  }
}

/** `atomic.x.job` → [`atomic.x.job`, `atomic.x`]: a cascade step belongs to its family. */
function familyAndOwners(family: string): string[] {
  const parts = family.split('.')
  const out: string[] = []
  for (let n = parts.length; n >= 2; n--) out.push(parts.slice(0, n).join('.'))
  return out.length ? out : [family]
}

type ScopeLabel = { technique?: unknown; family?: unknown }

/** What decides a label's scope (its family and techniques), as one string: compute it once per record for all rules. */
export function scopeKey(label: ScopeLabel): string {
  const family = typeof label.family === 'string' ? label.family : ''
  return `${family}\u0000${Array.isArray(label.technique) ? label.technique.join(',') : String(label.technique)}`
}

/** Decides, per labelled malicious record, whether it is one of the rule's positives (`key`: its `scopeKey`). */
export function scopeOf(truth: GroundTruth): (label: ScopeLabel, key?: string) => boolean {
  const claimed = new Set(truth.techniques)
  const patterns = truth.families.map(familyPattern)
  const cache = new Map<string, boolean>()
  return (label, key = scopeKey(label)) => {
    const family = typeof label.family === 'string' ? label.family : ''
    const known = cache.get(key)
    if (known !== undefined) return known
    const byTechnique = labelTechniques(label.technique).some((t) => claimed.has(t) || claimed.has(t.split('.')[0]!))
    const byFamily = family !== '' && familyAndOwners(family).some((f) => patterns.some((p) => p.test(f)))
    const hit = byTechnique || byFamily
    cache.set(key, hit)
    return hit
  }
}

/** The families (with their technique) a dataset generator offers for some of the techniques, for the "add families" hint. */
export function familiesFor(techniques: readonly string[], offered: readonly { name: string; technique: string | null }[]): string[] {
  const claimed = new Set(techniques)
  return offered
    .filter((f) => labelTechniques(f.technique).some((t) => claimed.has(t) || claimed.has(t.split('.')[0]!)))
    .map((f) => f.name)
}

/** What to say when a dataset holds nothing a rule is accountable for. */
export function noPositivesNote(truth: GroundTruth, offered: readonly { name: string; technique: string | null }[]): string {
  const what =
    truth.scoredBy === 'technique'
      ? truth.techniques.join(', ') + (truth.families.length ? ` or families ${truth.families.join(', ')}` : '')
      : `families ${truth.families.join(', ')}`
  const fams = truth.scoredBy === 'technique' ? familiesFor(truth.techniques, offered) : []
  const hint = fams.length
    ? `add families ${fams.join(', ')} (ruleproof generate --families ${fams.join(',')})`
    : truth.scoredBy === 'technique'
      ? 'the generator has no family for it yet: add labelled events of it to the dataset'
      : 'generate the dataset with those families'
  return `no labelled events for ${what} in this dataset: ${hint}`
}
