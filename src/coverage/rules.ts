import { families } from '../../generators/families/index.js'
import { matchFamilies } from '../harness/expectations.js'
import type { ScenarioExpectation } from '../harness/types.js'
import type { LoadedRule } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import type { CoverageRule } from './build.js'
import { techniquesInFile } from './claims.js'

/** Family and cascade-step names → the ATT&CK technique of the family's events. */
function familyTechniques(): Map<string, string | null> {
  const out = new Map<string, string | null>()
  for (const f of families) for (const s of f.steps) out.set(s, f.labels.technique)
  return out
}

/**
 * Loaded rules as coverage sees them: the techniques their files claim, the families they must
 * match, and only the variants in this run (`only`: a variant left out is not "untested").
 */
export function coverageRules(rules: readonly LoadedRule[], expectations: ((rule: LoadedRule) => ScenarioExpectation | undefined) | undefined, only?: readonly VariantId[]): CoverageRule[] {
  const techniqueOf = familyTechniques()
  const names = [...techniqueOf.keys()]
  const byFile = new Map<string, Map<string, string[]>>()
  const claimsOf = (rule: LoadedRule): string[] => {
    let m = byFile.get(rule.file)
    if (!m) byFile.set(rule.file, (m = techniquesInFile(rule.file)))
    return m.get(rule.id) ?? m.get(rule.title) ?? []
  }
  return rules.map((rule) => {
    const expectation = expectations?.(rule)
    const fams = expectation ? matchFamilies(expectation.match, names) : []
    return {
      id: rule.id,
      title: rule.title,
      file: rule.file,
      format: rule.format,
      variants: only ? rule.variants.filter((v) => only.includes(v)) : rule.variants,
      techniques: claimsOf(rule),
      families: fams.map((name) => ({ name, technique: techniqueOf.get(name) ?? null })),
    }
  })
}
