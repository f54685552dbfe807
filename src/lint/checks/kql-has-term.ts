import type { Expr, Op, Tabular } from '../../kql/ast.js'
import { defineCheck } from '../define-check.js'
import type { KqlRuleView } from '../kql/view.js'

export type MessageIds = 'notTerm'

const HAS = new Set(['has', '!has', 'has_cs', '!has_cs', 'has_any', 'has_all', 'hasprefix', 'hassuffix'])
const EDGE = /^\s|\s$/

/** String literals a `has` operand names, with their offsets (inline, or the items of a scalar `let` list). */
function literals(e: Expr, lets: ReadonlyMap<string, { v: unknown; at: number }[]>): { v: string; at: number }[] {
  if (e.k === 'lit') return typeof e.v === 'string' ? [{ v: e.v, at: e.at }] : Array.isArray(e.v) ? e.v.filter((x): x is string => typeof x === 'string').map((v) => ({ v, at: e.at })) : []
  if (e.k === 'name') return (lets.get(e.name) ?? []).filter((x): x is { v: string; at: number } => typeof x.v === 'string')
  return []
}

function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e)
  switch (e.k) {
    case 'member': walkExpr(e.obj, visit); break
    case 'index': walkExpr(e.obj, visit); walkExpr(e.index, visit); break
    case 'call': e.args.forEach((a) => walkExpr(a, visit)); break
    case 'bin': walkExpr(e.l, visit); walkExpr(e.r, visit); break
    case 'list': walkExpr(e.l, visit); e.items.forEach((a) => walkExpr(a, visit)); if (e.sub) walkTabular(e.sub, visit); break
    case 'between': walkExpr(e.l, visit); walkExpr(e.lo, visit); walkExpr(e.hi, visit); break
    case 'neg': walkExpr(e.e, visit); break
  }
}

function exprsOfOp(op: Op): Expr[] {
  switch (op.k) {
    case 'where': return [op.pred]
    case 'extend': case 'project': case 'distinct': case 'mv-expand': return op.items.map((i) => i.expr)
    case 'summarize': return [...op.aggs, ...op.by].map((i) => i.expr)
    case 'sort': return op.keys.map((k) => k.expr)
    case 'top': return [op.key.expr]
    case 'parse': return [op.source]
    default: return []
  }
}

export function walkTabular(t: Tabular, visit: (e: Expr) => void): void {
  switch (t.k) {
    case 'pipe':
      walkTabular(t.input, visit)
      for (const e of exprsOfOp(t.op)) walkExpr(e, visit)
      if (t.op.k === 'join' || t.op.k === 'lookup') walkTabular(t.op.right, visit)
      if (t.op.k === 'union') t.op.sources.forEach((s) => walkTabular(s, visit))
      break
    case 'union': t.sources.forEach((s) => walkTabular(s, visit)); break
    default: break
  }
}

/** Every expression of the query, lets included. */
export function walkQuery(rule: KqlRuleView, visit: (e: Expr) => void): void {
  for (const s of rule.query?.statements ?? []) {
    if (s.k === 'let-scalar') walkExpr(s.expr, visit)
    else walkTabular(s.query, visit)
  }
}

/** A scalar `let` bound to a dynamic list literal: its string items with the offsets of their literals. */
function letLists(rule: KqlRuleView): Map<string, { v: unknown; at: number }[]> {
  const m = new Map<string, { v: unknown; at: number }[]>()
  const text = rule.source?.query ?? ''
  for (const s of rule.query?.statements ?? []) {
    if (s.k !== 'let-scalar' || s.expr.k !== 'lit') continue
    const v = s.expr.v
    const items = Array.isArray(v) ? v : [v]
    let from = s.expr.at
    m.set(s.name, items.map((x) => {
      // The item's own position: the next occurrence of its quoted text after the previous one.
      const i = typeof x === 'string' ? Math.max(text.indexOf(JSON.stringify(x), from), text.indexOf(`'${x}'`, from)) : -1
      if (i >= 0) from = i + 1
      return { v: x, at: i >= 0 ? i : s.expr.at }
    }))
  }
  return m
}

export default defineCheck<MessageIds>({
  id: 'kql-has-term',
  meta: {
    kind: 'problem',
    description: '`has` and its family match whole terms (maximal alphanumeric runs): a value with a leading or trailing space (`has "nc "`) or no letters or digits is not a term and does not match as intended; use `contains`, a term, or a regex.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sentinel-kql'],
    fixable: false,
    messages: { notTerm: "{{op}} \"{{value}}\": {{why}}; has matches whole terms, so use contains, the term itself, or matches regex" },
  },
  create(ctx) {
    return {
      kqlRule(rule) {
        if (!rule.query) return
        const lets = letLists(rule)
        walkQuery(rule, (e) => {
          let op: string | undefined
          let values: { v: string; at: number }[] = []
          if (e.k === 'bin' && HAS.has(e.op)) {
            op = e.op
            values = literals(e.r, lets)
          } else if (e.k === 'list' && HAS.has(e.op)) {
            op = e.op
            values = e.items.flatMap((i) => literals(i, lets))
          }
          if (!op) return
          for (const v of values) {
            const why = EDGE.test(v.v) ? 'a leading or trailing space is not part of any term' : !/[\p{L}\p{N}]/u.test(v.v) ? 'the value has no letter or digit' : undefined
            if (why) ctx.report({ at: { place: rule.place(v.at) }, messageId: 'notTerm', data: { op, value: v.v, why } })
          }
        })
      },
    }
  },
})
