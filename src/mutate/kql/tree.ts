import type { Expr, Query, Tabular } from '../../kql/ast.js'
import { printExpr } from '../../kql/print.js'
import { kqlLiteral, nodesOf } from '../../shared/tree.js'

/** Every expression node of a query, with its parent node. */
export function* expressions(q: Query): Generator<{ e: Expr; parent: object | undefined }> {
  for (const { node, parent } of nodesOf(q.statements, kqlLiteral)) {
    if (typeof node['k'] === 'string' && EXPR_KINDS.has(node['k'])) yield { e: node as unknown as Expr, parent }
  }
}
const EXPR_KINDS = new Set(['lit', 'name', 'member', 'index', 'call', 'bin', 'list', 'between', 'neg'])

/** Every `| where` of a query, as the pipe node that applies it. */
export function* wheres(q: Query): Generator<Extract<Tabular, { k: 'pipe' }> & { op: { k: 'where'; pred: Expr; at: number } }> {
  for (const { node } of nodesOf(q.statements, kqlLiteral)) {
    const t = node as unknown as Tabular
    if (t.k === 'pipe' && t.op.k === 'where') yield t as Extract<Tabular, { k: 'pipe' }> & { op: { k: 'where'; pred: Expr; at: number } }
  }
}

/** The operands of an `and` chain, left to right. */
export function conjuncts(e: Expr): Expr[] {
  return e.k === 'bin' && e.op === 'and' ? [...conjuncts(e.l), ...conjuncts(e.r)] : [e]
}

export function conjunction(items: readonly Expr[], at: number): Expr {
  return items.slice(1).reduce((l, r) => ({ k: 'bin', op: 'and', l, r, at }), items[0]!)
}

/** The offset an expression's text starts at (a binary node's own offset is its operator's). */
export function startOf(e: Expr): number {
  let min = e.at
  for (const { node } of nodesOf(e, kqlLiteral)) if (typeof node['at'] === 'number' && (node['at'] as number) < min) min = node['at'] as number
  return min
}

/** An expression for a change description, cut short. */
export function brief(e: Expr, max = 60): string {
  const s = printExpr(e)
  return s.length > max ? `${s.slice(0, max - 1)}…` : s
}

/** A term that excludes: `not(…)`, `!has`, `!in`, `!=`, `!contains`, `!startswith`… */
export function isNegation(e: Expr): boolean {
  if (e.k === 'call') return e.name === 'not'
  if (e.k === 'bin' || e.k === 'list') return e.op.startsWith('!')
  if (e.k === 'between') return e.neg
  return false
}
