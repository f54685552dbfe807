import type { Result } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import type { Score } from '../harness/score.js'
import { describeTechnique, parentOf } from './claims.js'

/** What coverage needs of a loaded rule: identity, variants and the techniques it claims. */
export interface CoverageRule {
  id: string
  title: string
  file: string
  format: string
  variants: VariantId[]
  techniques: string[]
  /** Families whose events the rule must match (its scenario declarations), with their techniques. */
  families: { name: string; technique: string | null }[]
}

export type VariantState = 'pass' | 'fail' | 'untested'

export interface TechniqueCoverage {
  id: string
  name: string
  tactics: string[]
  /** false when the bundled ATT&CK table has no such technique (a typo or a retired id). */
  known: boolean
  /** Rules claiming it (a sub-technique's rules also cover its parent, listed under `via`). */
  rules: { id: string; title: string; file: string; via?: string }[]
  tested: {
    /** Embedded tests of those rules, and how many pass. */
    embedded: { total: number; passed: number }
    /** Replays of those tests on other variants. */
    replay: { total: number; passed: number }
    /** Scenario family checks (generated events of named families). */
    families: { total: number; passed: number; names: string[] }
  }
  /** Per variant: every check of the claiming rules on it passed, one failed or errored, or none ran. */
  variants: Partial<Record<VariantId, VariantState>>
  /** Replay scores of the claiming rules summed per variant, when a dataset was given. */
  dataset?: { variant: VariantId; tp: number; fp: number; fn: number; tn: number; precision: number | null; recall: number | null }[]
}

export interface CoverageReport {
  attack: string
  rules: number
  techniques: TechniqueCoverage[]
  /** Rules that claim no ATT&CK technique (only tactics, or nothing), with the families they are tested on. */
  untagged: { id: string; title: string; file: string; familyTechniques: string[] }[]
  dataset?: { dir: string }
}

/** Pure: rules, their check results and (optionally) replay scores → coverage per technique. */
export function buildCoverage(rules: readonly CoverageRule[], results: readonly Result[], attack: string, scores?: { dir: string; scores: readonly Score[] }): CoverageReport {
  // Results point at the line that declares the check (the rule's file, or a sidecar's for scenario
  // families): they are the rule's by id, and by file only where two rules share an id.
  const byId = new Map<string, Result[]>()
  for (const r of results) {
    const list = byId.get(r.rule)
    if (list) list.push(r)
    else byId.set(r.rule, [r])
  }
  const idCount = new Map<string, number>()
  for (const r of rules) idCount.set(r.id, (idCount.get(r.id) ?? 0) + 1)
  const resultsOf = (rule: CoverageRule): Result[] => {
    const list = byId.get(rule.id) ?? []
    return (idCount.get(rule.id) ?? 0) > 1 ? list.filter((r) => r.file === rule.file) : list
  }

  const claims = new Map<string, { rule: CoverageRule; via?: string }[]>()
  const claim = (id: string, rule: CoverageRule, via?: string): void => {
    const list = claims.get(id) ?? []
    if (!list.some((c) => c.rule === rule)) list.push(via ? { rule, via } : { rule })
    claims.set(id, list)
  }
  for (const rule of rules) {
    for (const t of rule.techniques) {
      claim(t, rule)
      const parent = parentOf(t)
      if (parent) claim(parent, rule, t)
    }
  }

  const techniques: TechniqueCoverage[] = []
  for (const [id, list] of claims) {
    const d = describeTechnique(id)
    const tested: TechniqueCoverage['tested'] = { embedded: { total: 0, passed: 0 }, replay: { total: 0, passed: 0 }, families: { total: 0, passed: 0, names: [] } }
    const variants: Partial<Record<VariantId, VariantState>> = {}
    const familyNames = new Set<string>()
    for (const { rule } of list) {
      for (const r of resultsOf(rule)) {
        const passed = r.status === 'pass'
        const bucket = r.kind === 'embedded' ? tested.embedded : r.kind === 'replay' ? tested.replay : r.kind === 'scenario' ? tested.families : undefined
        if (bucket) {
          bucket.total++
          if (passed) bucket.passed++
        }
        if (r.kind === 'scenario' && r.expected === 'match') familyNames.add(r.test)
        if (r.status === 'skip') continue
        // Consistency results name several variants (`eks,aks`): each of them is on the line.
        for (const v of String(r.variant).split(',') as VariantId[]) {
          const failed = r.status === 'fail' || r.status === 'error'
          variants[v] = failed || variants[v] === 'fail' ? 'fail' : 'pass'
        }
      }
      for (const v of rule.variants) if (!variants[v]) variants[v] = 'untested'
    }
    tested.families.names = [...familyNames].sort()
    const t: TechniqueCoverage = {
      id,
      name: d.name,
      tactics: d.tactics,
      known: d.known,
      rules: list.map(({ rule, via }) => ({ id: rule.id, title: rule.title, file: rule.file, ...(via ? { via } : {}) })),
      tested,
      variants: Object.fromEntries(Object.entries(variants).sort(([a], [b]) => a.localeCompare(b))),
    }
    if (scores) t.dataset = datasetScores(list.map((c) => c.rule), scores.scores)
    techniques.push(t)
  }
  techniques.sort((a, b) => a.id.localeCompare(b.id))
  const untagged = rules
    .filter((r) => r.techniques.length === 0)
    .map((r) => ({ id: r.id, title: r.title, file: r.file, familyTechniques: [...new Set(r.families.map((f) => f.technique).filter((t): t is string => t !== null))].sort() }))
  return { attack, rules: rules.length, techniques, untagged, ...(scores ? { dataset: { dir: scores.dir } } : {}) }
}

function datasetScores(rules: readonly CoverageRule[], scores: readonly Score[]): NonNullable<TechniqueCoverage['dataset']> {
  const per = new Map<VariantId, { tp: number; fp: number; fn: number; tn: number }>()
  for (const s of scores) {
    if (!rules.some((r) => r.id === s.rule && r.file === s.file)) continue
    const acc = per.get(s.variant) ?? { tp: 0, fp: 0, fn: 0, tn: 0 }
    acc.tp += s.tp
    acc.fp += s.fp
    acc.fn += s.fn
    acc.tn += s.tn
    per.set(s.variant, acc)
  }
  return [...per]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([variant, c]) => ({ variant, ...c, precision: c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp), recall: c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn) }))
}

/** 0–100: share of the technique's checks that pass (embedded, replay, families); 0 when claimed but untested. */
export function techniqueScore(t: TechniqueCoverage): number {
  const { embedded, replay, families } = t.tested
  const total = embedded.total + replay.total + families.total
  if (total === 0) return 0
  return Math.round((100 * (embedded.passed + replay.passed + families.passed)) / total)
}
