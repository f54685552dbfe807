import type { Command, EvalExpr, Pipeline, SearchExpr } from '../../spl/ast.js'
import { printEval, printSearch } from '../../spl/print.js'
import { nodesOf } from '../../shared/tree.js'

/** The search expressions of a pipeline (every `search` command's, subsearches' too), outermost first. */
export function* searchNodes(p: Pipeline): Generator<{ e: SearchExpr; parent: object | undefined }> {
  for (const { node, parent } of nodesOf(p.commands)) if (typeof node['t'] === 'string' && SEARCH_KINDS.has(node['t'])) yield { e: node as unknown as SearchExpr, parent }
}
const SEARCH_KINDS = new Set(['and', 'or', 'not', 'cmp', 'in', 'term'])

/** Every command of a pipeline and of its subsearches. */
export function* commandsOf(p: Pipeline): Generator<{ command: Command; pipeline: Pipeline }> {
  for (const command of p.commands) {
    yield { command, pipeline: p }
    if (command.c === 'join' || command.c === 'append') yield* commandsOf(command.sub)
  }
}

/** The operands of an eval `AND` chain. */
export function evalConjuncts(e: EvalExpr): EvalExpr[] {
  return e.t === 'bin' && e.op === 'AND' ? [...evalConjuncts(e.left), ...evalConjuncts(e.right)] : [e]
}

export function evalConjunction(items: readonly EvalExpr[], at: number): EvalExpr {
  return items.slice(1).reduce((left, right) => ({ t: 'bin', op: 'AND', left, right, at }), items[0]!)
}

export const briefSearch = (e: SearchExpr, max = 60): string => cut(printSearch(e), max)
export const briefEval = (e: EvalExpr, max = 60): string => cut(printEval(e), max)
const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s)
