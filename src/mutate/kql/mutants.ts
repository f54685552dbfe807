import type { Finding } from '../../model/result.js'
import type { Query } from '../../kql/ast.js'
import { printStatements } from '../../kql/print.js'
import type { KqlLoadedRule } from '../../kql/rule.js'
import { queryMutants, type QueryMutant } from '../query/mutants.js'
import { kqlOperators } from './operators/index.js'

/** Every mutant of a Sentinel KQL rule, compiled through the rule's own loader. */
export function kqlMutants(rule: KqlLoadedRule): QueryMutant[] {
  return queryMutants<Query>({
    tree: rule.query,
    operators: kqlOperators,
    context: { written: () => true },
    print: (q) => printStatements(q.statements),
    build(q) {
      const findings: Finding[] = []
      const built = rule.withQuery(q, findings)
      if (!built) return findings.find((f) => f.severity === 'error')?.message ?? 'the mutant does not compile'
      return { ...built, id: rule.id, title: rule.title, tests: rule.tests, ...(rule.scenarios ? { scenarios: rule.scenarios } : {}) }
    },
    locate: (at) => rule.source.locator.at(at),
  })
}
