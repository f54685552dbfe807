/**
 * Prints a parsed KQL query back as KQL, one line per `let` and per pipe operator: how a mutant's
 * change is shown. The tree keeps no parentheses, so they are put back from precedence.
 */
import type { Expr, Named, Op, SortKey, Statement, Tabular } from './ast.js'
import { KDateTime, KReal, KTimespan } from './values.js'

const PRECEDENCE: Record<string, number> = { or: 1, and: 2, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5 }
const precedence = (e: Expr): number => (e.k === 'bin' ? (PRECEDENCE[e.op] ?? 3) : e.k === 'list' || e.k === 'between' ? 3 : 9)

function literal(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (v === null) return 'dynamic(null)'
  if (v instanceof KDateTime) return `datetime(${v.toString()})`
  if (v instanceof KTimespan) return timespan(v.ms)
  if (v instanceof KReal) return Number.isFinite(v.v) ? `${v.v}.0` : `real(${v.v > 0 ? '+inf' : v.v < 0 ? '-inf' : 'nan'})`
  if (typeof v === 'object') return `dynamic(${JSON.stringify(v)})`
  return String(v)
}

/** A timespan as written in queries: `1d`, `24h`, `5m`, `30s`, `250ms`. */
function timespan(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms !== 0 && ms % size === 0) return `${ms / size}${unit}`
  return `${ms}ms`
}

export function printExpr(e: Expr): string {
  const wrap = (x: Expr, min: number): string => (precedence(x) < min ? `(${printExpr(x)})` : printExpr(x))
  switch (e.k) {
    case 'lit':
      return literal(e.v)
    case 'name':
      return /^[A-Za-z_][\w]*$/.test(e.name) ? e.name : `['${e.name}']`
    case 'member':
      return `${wrap(e.obj, 9)}.${/^[A-Za-z_][\w]*$/.test(e.name) ? e.name : `['${e.name}']`}`
    case 'index':
      return `${wrap(e.obj, 9)}[${printExpr(e.index)}]`
    case 'call':
      return `${e.name}(${e.star ? '*' : e.args.map(printExpr).join(', ')})`
    case 'neg':
      return `-${wrap(e.e, 9)}`
    case 'between':
      return `${wrap(e.l, 4)} ${e.neg ? '!between' : 'between'} (${printExpr(e.lo)} .. ${printExpr(e.hi)})`
    case 'list':
      return `${wrap(e.l, 4)} ${e.op} (${e.sub ? printTabular(e.sub) : e.items.map(printExpr).join(', ')})`
    case 'bin': {
      const p = precedence(e)
      // Comparisons do not chain: both sides of one bind tighter.
      const right = p === 3 ? 4 : p + 1
      return `${wrap(e.l, p === 3 ? 4 : p)} ${e.op} ${wrap(e.r, right)}`
    }
  }
}

const named = (n: Named): string => (n.name !== undefined ? `${n.name} = ${printExpr(n.expr)}` : printExpr(n.expr))
const sortKey = (k: SortKey): string => `${printExpr(k.expr)} ${k.desc ? 'desc' : 'asc'}${k.nullsFirst !== k.desc ? '' : k.nullsFirst ? ' nulls first' : ' nulls last'}`
const joinKeys = (on: { left: string; right: string }[]): string => on.map((j) => (j.left === j.right ? j.left : `$left.${j.left} == $right.${j.right}`)).join(', ')

export function printOp(op: Op): string {
  switch (op.k) {
    case 'where':
      return `where ${printExpr(op.pred)}`
    case 'extend':
    case 'project':
      return `${op.k} ${op.items.map(named).join(', ')}`
    case 'project-away':
    case 'project-keep':
    case 'project-reorder':
      return `${op.k} ${op.names.join(', ')}`
    case 'project-rename':
      return `project-rename ${op.pairs.map(([to, from]) => `${to} = ${from}`).join(', ')}`
    case 'summarize':
      return `summarize ${op.aggs.map(named).join(', ')}${op.by.length ? ` by ${op.by.map(named).join(', ')}` : ''}`
    case 'sort':
      return `sort by ${op.keys.map(sortKey).join(', ')}`
    case 'top':
      return `top ${printExpr(op.n)} by ${sortKey(op.key)}`
    case 'take':
      return `take ${printExpr(op.n)}`
    case 'distinct':
      return `distinct ${op.star ? '*' : op.items.map(named).join(', ')}`
    case 'mv-expand':
      return `mv-expand ${op.items.map(named).join(', ')}${op.limit ? ` limit ${printExpr(op.limit)}` : ''}`
    case 'parse':
      return `parse ${printExpr(op.source)} with ${op.parts.map((p) => ('text' in p ? JSON.stringify(p.text) : `${p.column}:${p.type}`)).join(' ')}`
    case 'join':
    case 'lookup':
      return `${op.k} kind=${op.kind} (${printTabular(op.right)}) on ${joinKeys(op.on)}`
    case 'union':
      return `union ${op.sources.map((s) => `(${printTabular(s)})`).join(', ')}`
    case 'count':
      return 'count'
    case 'as':
      return `as ${op.name}`
  }
}

/** The lines of a tabular expression: its source, then `| op` per operator. */
export function tabularLines(t: Tabular): string[] {
  switch (t.k) {
    case 'source':
      return [t.name]
    case 'datatable':
      return [`datatable(${t.columns.map((c) => `${c.name}:${c.type}`).join(', ')}) [${t.values.map(printExpr).join(', ')}]`]
    case 'union':
      return [`union ${t.sources.map((s) => `(${printTabular(s)})`).join(', ')}`]
    case 'pipe':
      return [...tabularLines(t.input), `| ${printOp(t.op)}`]
  }
}

export function printTabular(t: Tabular): string {
  return tabularLines(t).join(' ')
}

/** A whole query, a line per `let` and per operator. */
export function printStatements(statements: readonly Statement[]): string {
  return statements
    .flatMap((s) => (s.k === 'let-scalar' ? [`let ${s.name} = ${printExpr(s.expr)};`] : s.k === 'let-tabular' ? [`let ${s.name} = ${printTabular(s.query)};`] : tabularLines(s.query)))
    .join('\n')
}
