import type { Pipeline } from '../../spl/ast.js'
import { originOf } from '../../spl/macros.js'
import { printSplLines } from '../../spl/print.js'
import type { SplLoadedRule } from '../../spl/rule.js'
import { queryMutants, type QueryMutant } from '../query/mutants.js'
import { splOperators } from './operators/index.js'

/** Every mutant of a Splunk detection; what its macros bring in is left as it is (the macros are not the detection's). */
export function splMutants(rule: SplLoadedRule): QueryMutant[] {
  const written = rule.source.search
  return queryMutants<Pipeline>({
    tree: rule.pipeline,
    operators: splOperators,
    // Expanded text maps back to the macro call that brought it in: a backquote in the written search.
    context: { written: (at) => written[originOf(rule.expanded, at)] !== '`' },
    print: (p) => printSplLines(p).join('\n'),
    build(p) {
      try {
        return { ...rule.withPipeline(p), id: rule.id, title: rule.title, tests: rule.tests, ...(rule.scenarios ? { scenarios: rule.scenarios } : {}) }
      } catch (e) {
        return (e as Error).message
      }
    },
    locate: (at) => rule.source.locate(originOf(rule.expanded, at)),
  })
}
