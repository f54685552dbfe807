import type { SigmaLoadedRule } from '../../sigma/rule.js'
import { sigmaRulesFromDocuments } from '../../sigma/rule.js'
import type { Finding } from '../../model/result.js'
import type { SourceLocation } from '../../model/source.js'
import { detectionYaml, lineDiff } from '../diff.js'
import type { SigmaMutation, SigmaOperator } from '../types.js'
import { sigmaOperators } from './operators/index.js'

/** A Sigma mutant placed in its file, with its diff and (unless equivalent or broken) its rule. */
export interface SigmaMutant {
  operator: string
  mutation: SigmaMutation
  location: SourceLocation
  diff: string
  /** The mutated rule, sharing the original's tests and declared families; absent when it does not compile. */
  rule?: SigmaLoadedRule
  /** Why it could not be built (a compile error). */
  error?: string
}

const canonical = (v: unknown): string => JSON.stringify(v)

/**
 * Every mutant of a rule. The original's loaded form is reused: the mutant is the same document
 * with another detection, compiled through the same loader, and it carries the original's test
 * cases and scenario declarations by reference.
 */
export function sigmaMutants(rule: SigmaLoadedRule, operators: readonly SigmaOperator[] = sigmaOperators): SigmaMutant[] {
  const doc = rule.document
  const original = detectionYaml(doc.detection)
  const seen = new Set<string>([canonical(doc.detection)])
  const out: SigmaMutant[] = []
  for (const op of operators) {
    for (const m of op.mutate(doc.detection)) {
      const key = canonical(m.detection)
      // The same detection reached twice (two operators, or a no-op) is one mutant, or none.
      if (seen.has(key) && !m.equivalent) {
        if (key === canonical(doc.detection)) m.equivalent = 'the detection is unchanged'
        else continue
      }
      seen.add(key)
      const location = m.at === 'key' ? doc.map.key(m.path) : doc.map.value(m.path)
      const mutant: SigmaMutant = { operator: op.id, mutation: m, location, diff: lineDiff(original, detectionYaml(m.detection)) }
      if (!m.equivalent) {
        const findings: Finding[] = []
        // The rule's own rebuild keeps its rule-set filters, placeholders and configured pipelines.
        const built = rule.withDetection ? rule.withDetection(m.detection, findings) : sigmaRulesFromDocuments([{ ...doc, detection: m.detection, tests: [], scenarios: [] }], { findings })[0]
        if (built) mutant.rule = { ...built, id: rule.id, title: rule.title, tests: rule.tests, ...(rule.scenarios ? { scenarios: rule.scenarios } : {}) }
        else mutant.error = findings.find((f) => f.severity === 'error')?.message ?? 'the mutant does not compile'
      }
      out.push(mutant)
    }
  }
  return out
}
