import type { Expr, Op, Query, Tabular } from './ast.js'
import { kqlLiteral, nodesOf } from '../shared/tree.js'

/** AzureDiagnostics columns of an AKS record, as the canonical paths they carry. */
const DIAGNOSTICS_COLUMNS: Record<string, string[]> = {
  TimeGenerated: ['stageTimestamp', 'requestReceivedTimestamp'],
  Category: ['category'],
  ResourceId: ['context'], _ResourceId: ['context'], SubscriptionId: ['context'], ResourceGroup: ['context'], Resource: ['context'],
  ResourceType: ['context'], ResourceProvider: ['context'], pod_s: ['properties.pod'],
}

const isLogJson = (e: Expr): boolean =>
  e.k === 'call' && (e.name === 'parse_json' || e.name === 'todynamic' || e.name === 'parsejson') && e.args.length === 1 && e.args[0]!.k === 'name' && e.args[0]!.name === 'log_s'

function opExprs(op: Op): Expr[] {
  switch (op.k) {
    case 'where': return [op.pred]
    case 'extend': case 'project': case 'distinct': case 'mv-expand': return op.items.map((i) => i.expr)
    case 'summarize': return [...op.aggs, ...op.by].map((i) => i.expr)
    case 'sort': return op.keys.map((k) => k.expr)
    case 'top': return [op.key.expr, op.n]
    case 'take': return [op.n]
    case 'parse': return [op.source]
    default: return []
  }
}

/** Walks into an expression's operands and subqueries (names, members and indexes are each walk's own). */
function descend(e: Expr, visit: (e: Expr) => void, tabular: (t: Tabular) => void): void {
  switch (e.k) {
    case 'call': e.args.forEach(visit); return
    case 'bin': visit(e.l); visit(e.r); return
    case 'list': visit(e.l); e.items.forEach(visit); if (e.sub) tabular(e.sub); return
    case 'between': visit(e.l); visit(e.lo); visit(e.hi); return
    case 'neg': visit(e.e); return
    default: return
  }
}

/**
 * The audit-event paths a query over `AzureDiagnostics` reads: member chains on
 * `parse_json(log_s)` (or a column bound to it), plus the envelope columns it names. Undefined
 * when the query uses the whole event in a way the paths cannot describe (the harness then
 * perturbs nothing rather than something the rule reads).
 */
export function eventPathsRead(query: Query): string[] | undefined {
  if ([...query.tables.keys()].some((t) => t !== 'AzureDiagnostics')) return undefined
  const aliases = new Set<string>()
  const paths = new Set<string>()
  let opaque = false

  const chain = (e: Expr): { root: Expr; path: string[]; indexes: Expr[] } => {
    if (e.k === 'member') {
      const c = chain(e.obj)
      return { ...c, path: [...c.path, e.name] }
    }
    if (e.k === 'index') {
      const c = chain(e.obj)
      if (e.index.k === 'lit' && typeof e.index.v === 'string') return { ...c, path: [...c.path, e.index.v] }
      // An array index: the whole array is read.
      return { ...c, indexes: [...c.indexes, e.index], path: [...c.path, '#'] }
    }
    return { root: e, path: [], indexes: [] }
  }

  const visit = (e: Expr): void => {
    if (e.k === 'member' || e.k === 'index') {
      const c = chain(e)
      if ((c.root.k === 'name' && aliases.has(c.root.name)) || isLogJson(c.root)) {
        const cut = c.path.indexOf('#')
        const p = (cut >= 0 ? c.path.slice(0, cut) : c.path).join('.')
        if (p === '') opaque = true
        else paths.add(p)
        c.indexes.forEach(visit)
        return
      }
      visit(c.root)
      c.indexes.forEach(visit)
      if (e.k === 'index') visit(e.index)
      return
    }
    switch (e.k) {
      case 'name':
        if (aliases.has(e.name) || e.name === 'log_s') opaque = true
        for (const p of DIAGNOSTICS_COLUMNS[e.name] ?? []) paths.add(p)
        return
      default: descend(e, visit, tabular)
    }
  }

  const tabular = (t: Tabular): void => {
    switch (t.k) {
      case 'pipe':
        tabular(t.input)
        if ((t.op.k === 'extend' || t.op.k === 'project') ) {
          for (const it of t.op.items) {
            if (it.name && isLogJson(it.expr)) aliases.add(it.name)
            else visit(it.expr)
          }
        } else opExprs(t.op).forEach(visit)
        if (t.op.k === 'join' || t.op.k === 'lookup') tabular(t.op.right)
        if (t.op.k === 'union') t.op.sources.forEach(tabular)
        if (t.op.k === 'project-rename' || t.op.k === 'project-away' || t.op.k === 'project-keep' || t.op.k === 'project-reorder') {
          // Names only; a renamed alias would hide later reads.
          if (t.op.k === 'project-rename' && t.op.pairs.some(([, old]) => aliases.has(old))) opaque = true
        }
        return
      case 'union': t.sources.forEach(tabular); return
      default: return
    }
  }

  for (const s of query.statements) {
    if (s.k === 'let-scalar') visit(s.expr)
    else tabular(s.query)
  }
  return opaque ? undefined : [...paths].sort()
}

/** Columns of the resource-specific and Activity tables whose value is an event path the harness varies by its canonical name. */
const CANONICAL_OF_COLUMN: Record<string, string[]> = {
  TimeGenerated: ['stageTimestamp', 'requestReceivedTimestamp'],
  RequestReceivedTime: ['requestReceivedTimestamp'],
  StageReceivedTime: ['stageTimestamp'],
  _ResourceId: ['context'], ResourceId: ['context'], PodName: ['context'], SubscriptionId: ['context'], ResourceGroup: ['context'],
}

/**
 * The row paths a query reads in a table with typed columns (AKSAudit, AKSAuditAdmin,
 * AzureActivity): every name it uses as a column path (`ObjectRef.resource`; a whole column
 * when it is used whole), join keys and renamed columns, plus the canonical event paths of the
 * time and resource columns. Over-approximate by design: a name that is not a column only
 * keeps the harness from varying something it could have varied.
 */
export function tablePathsRead(query: Query): string[] {
  const paths = new Set<string>()
  const chain = (e: Expr): { root: Expr; path: string[] } => {
    if (e.k === 'member') {
      const c = chain(e.obj)
      return { ...c, path: [...c.path, e.name] }
    }
    if (e.k === 'index' && e.index.k === 'lit' && typeof e.index.v === 'string') {
      const c = chain(e.obj)
      return { ...c, path: [...c.path, e.index.v] }
    }
    return { root: e, path: [] }
  }
  const add = (name: string, rest: string[] = []): void => {
    paths.add([name, ...rest].join('.'))
    for (const p of CANONICAL_OF_COLUMN[name] ?? []) paths.add(p)
  }
  const visit = (e: Expr): void => {
    switch (e.k) {
      case 'member': case 'index': {
        const c = chain(e)
        if (c.root.k === 'name') add(c.root.name, c.path)
        else visit(c.root)
        if (e.k === 'index') visit(e.index)
        return
      }
      case 'name': add(e.name); return
      case 'call':
        if ((e.name === 'column_ifexists' || e.name === 'columnifexists') && e.args[0]?.k === 'lit' && typeof e.args[0].v === 'string') add(e.args[0].v)
        descend(e, visit, tabular)
        return
      default: descend(e, visit, tabular)
    }
  }
  const tabular = (t: Tabular): void => {
    switch (t.k) {
      case 'pipe':
        tabular(t.input)
        opExprs(t.op).forEach(visit)
        if (t.op.k === 'join' || t.op.k === 'lookup') {
          for (const k of t.op.on) { add(k.left); add(k.right) }
          tabular(t.op.right)
        }
        if (t.op.k === 'union') t.op.sources.forEach(tabular)
        if (t.op.k === 'project-rename') for (const [, old] of t.op.pairs) add(old)
        return
      case 'union': t.sources.forEach(tabular); return
      default: return
    }
  }
  for (const s of query.statements) {
    if (s.k === 'let-scalar') visit(s.expr)
    else tabular(s.query)
  }
  return [...paths].sort()
}

/** Whether the query calls any of the functions (in any expression, statement or subquery). */
export function callsAny(query: Query, names: ReadonlySet<string>): boolean {
  for (const { node } of nodesOf(query.statements, kqlLiteral)) if (node['k'] === 'call' && names.has(node['name'] as string)) return true
  return false
}
