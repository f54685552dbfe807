import type { Command, EvalExpr, Pipeline, SearchExpr } from '../../../spl/ast.js'
import { nodesOf, replaceNode } from '../../../shared/tree.js'
import type { QueryContext, QueryMutation, QueryOperator } from '../../query/types.js'
import { briefEval, briefSearch, commandsOf, evalConjunction, evalConjuncts } from '../tree.js'

/** The values a dropped term compares with, wildcards taken out: what a test event needs for it to decide. */
function searchValues(e: SearchExpr): string[] {
  const out: string[] = []
  for (const { node } of nodesOf(e)) {
    const n = node as unknown as SearchExpr
    if (n.t === 'cmp' || n.t === 'term') out.push(n.value)
    else if (n.t === 'in') out.push(...n.values.map((v) => v.value))
  }
  return [...new Set(out.map((v) => v.replace(/\*/g, '')).filter((v) => v !== ''))]
}

function evalStrings(e: EvalExpr): string[] {
  const out: string[] = []
  for (const { node } of nodesOf(e)) if (node['t'] === 'str' && typeof node['value'] === 'string' && node['value'] !== '') out.push(node['value'])
  return [...new Set(out)]
}

/**
 * One term of a search's implicit AND dropped, or one operand of a `where`'s AND (the whole
 * `where`, or the search's only term, when it has one); `negated` picks the `NOT` terms.
 */
function drops(p: Pipeline, ctx: QueryContext, negated: boolean): QueryMutation<Pipeline>[] {
  const out: QueryMutation<Pipeline>[] = []
  for (const { command, pipeline } of commandsOf(p)) {
    if (command.c === 'search' && command.expr) {
      const expr = command.expr
      const items = expr.t === 'and' ? expr.items : [expr]
      items.forEach((item, i) => {
        if ((item.t === 'not') !== negated || !ctx.written(item.at)) return
        const rest = items.filter((_, j) => j !== i)
        const replacement: Command = { ...command, expr: rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { ...expr, t: 'and', items: rest } as typeof expr }
        const values = searchValues(item)
        out.push({ tree: replaceNode(p, command, replacement), at: item.at, change: `drop '${briefSearch(item)}' from a search`, ...(values.length ? { leafValues: values } : {}) })
      })
    }
    if (command.c === 'where') {
      const items = evalConjuncts(command.expr)
      items.forEach((item, i) => {
        if ((item.t === 'not') !== negated || !ctx.written(item.at)) return
        const tree = items.length === 1
          ? replaceNode(p, pipeline, { ...pipeline, commands: pipeline.commands.filter((c) => c !== command) })
          : replaceNode(p, command.expr, evalConjunction(items.filter((_, j) => j !== i), command.expr.at))
        const values = evalStrings(item)
        out.push({ tree, at: item.at, change: items.length === 1 ? `drop '| where ${briefEval(item)}'` : `drop '${briefEval(item)}' from a where`, ...(values.length ? { leafValues: values } : {}) })
      })
    }
  }
  return out
}

export const dropPredicate: QueryOperator<Pipeline> = {
  id: 'drop-predicate',
  format: 'splunk-spl',
  description: "Drop one term of a search or one condition of a `where`: the detection's tests should need each.",
  mutate: (p, ctx) => drops(p, ctx, false),
}

export const dropNot: QueryOperator<Pipeline> = {
  id: 'drop-not',
  format: 'splunk-spl',
  description: 'Drop one `NOT` term of a search or a `where`: a test should show what it keeps out.',
  mutate: (p, ctx) => drops(p, ctx, true),
}
