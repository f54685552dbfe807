import { AGGREGATE_FUNCTIONS, ARG_FUNCTIONS, type Accumulator } from './aggregates.js'
import type { Expr, JoinKey, Named, Op, ParsePart, Query, SortKey, Tabular } from './ast.js'
import { KqlError, unsupported } from './errors.js'
import { cachedRegex, SCALAR_FUNCTIONS, type CallContext } from './functions.js'
import { table, type Row, type Table } from './table.js'
import {
  flattenList, hasTerm, isBag, KDateTime, KReal, KTimespan, kCompare, kEquals, numberOf, real, textOf, toBool, toDateTime, toKString, toNumber, toReal, toTimespan,
} from './values.js'

export interface EvalContext extends CallContext {
  /** The tables the query can read, by name. */
  tables: ReadonlyMap<string, Table>
  /** Tables not in `tables`: an error (default), or empty tables with an open schema. */
  missingTables?: 'error' | 'empty'
  /** Empty tables of known schemas, for names not in `tables` (shared, never changed). */
  emptyTable?: (name: string) => Table | undefined
}

type Fn = (row: Row, ctx: Run) => unknown

interface Scope {
  /** Compiled expressions are cached per schema: `open` flag and column names. */
  sig: string
  columns: ReadonlySet<string>
  open: boolean
  scalars: ReadonlyMap<string, Fn>
  lets: ReadonlyMap<string, Tabular>
}

interface Run extends CallContext {
  ctx: EvalContext
  /** Tabular lets (and `as` names) evaluated in this run. */
  memo: Map<string, Table>
  scalars: Map<string, unknown>
}

const constant = (v: unknown): Fn => () => v

/** Functions whose argument at this index is a regex: a literal one is checked when the query compiles. */
const REGEX_ARGUMENT: Record<string, number> = { extract: 0, extract_all: 0, replace_regex: 1, replace: 0, trim: 0, trim_start: 0, trim_end: 0 }

/** The column name Kusto gives an unnamed expression (`x.y` → `x_y`, `f(x)` → `x`). */
export function columnNameOf(e: Expr): string | undefined {
  switch (e.k) {
    case 'name': return e.name
    case 'member': { const o = columnNameOf(e.obj); return o === undefined ? e.name : `${o}_${e.name}` }
    case 'index': { const o = columnNameOf(e.obj); return o === undefined ? undefined : `${o}_${e.index.k === 'lit' ? toKString(e.index.v) : ''}` }
    case 'call': return e.args[0] ? columnNameOf(e.args[0]) : undefined
    default: return undefined
  }
}

function three(v: unknown): boolean | null {
  return toBool(v)
}

/**
 * Kusto's arithmetic: a real operand makes the result real (boxed when integral, see `KReal`);
 * two longs give a long, so `/` truncates. A long divided or taken modulo by zero is null; a
 * real one is ±inf or NaN. `%` is never negative (0 ≤ n % d < abs(d)).
 */
function arith(op: string, a: unknown, b: unknown): unknown {
  if (a === null || a === undefined || b === null || b === undefined) return null
  if (typeof a === 'boolean') a = Number(a)
  if (typeof b === 'boolean') b = Number(b)
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b)) {
    switch (op) {
      case '+': return a + b
      case '-': return a - b
      // `+ 0`: a long has no negative zero (-1 / 2 is 0, not -0).
      case '*': return a * b + 0
      case '/': return b === 0 ? null : Math.trunc(a / b) + 0
      case '%': return b === 0 ? null : modulo(a, b) + 0
    }
  }
  const x = numberOf(a)
  const y = numberOf(b)
  if (x !== undefined && y !== undefined) {
    switch (op) {
      case '+': return real(x + y)
      case '-': return real(x - y)
      case '*': return real(x * y)
      case '/': return real(x / y)
      case '%': return real(y === 0 ? NaN : modulo(x, y))
    }
  }
  const D = KDateTime
  const S = KTimespan
  if (op === '+') {
    if (a instanceof D && b instanceof S) return new D(a.ms + b.ms)
    if (a instanceof S && b instanceof D) return new D(a.ms + b.ms)
    if (a instanceof S && b instanceof S) return new S(a.ms + b.ms)
  }
  if (op === '-') {
    if (a instanceof D && b instanceof D) return new S(a.ms - b.ms)
    if (a instanceof D && b instanceof S) return new D(a.ms - b.ms)
    if (a instanceof S && b instanceof S) return new S(a.ms - b.ms)
  }
  if (op === '*') {
    if (a instanceof S && y !== undefined) return new S(a.ms * y)
    if (x !== undefined && b instanceof S) return new S(x * b.ms)
  }
  if (op === '/') {
    // timespan / timespan is a real (10m / 1s is 600.0).
    if (a instanceof S && b instanceof S) return b.ms === 0 ? null : real(a.ms / b.ms)
    if (a instanceof S && y !== undefined) return y === 0 ? null : new S(a.ms / y)
  }
  return null
}

/** Kusto's modulo: the small non-negative remainder (-14 % 12 is 10, 14 % -12 is 2). */
function modulo(n: number, d: number): number {
  const m = n % d
  return m < 0 ? m + Math.abs(d) : m
}

const ALNUM = /[\p{L}\p{N}]/u
/** `hasprefix`: a term of the text starts with the value. */
function hasPrefix(text: string, v: string, cs: boolean): boolean {
  const h = cs ? text : text.toLowerCase()
  const n = cs ? v : v.toLowerCase()
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) if (i === 0 || !ALNUM.test(h[i - 1]!)) return true
  return false
}
/** `hassuffix`: a term of the text ends with the value. */
function hasSuffix(text: string, v: string, cs: boolean): boolean {
  const h = cs ? text : text.toLowerCase()
  const n = cs ? v : v.toLowerCase()
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) if (i + n.length === h.length || !ALNUM.test(h[i + n.length]!)) return true
  return false
}

function stringOp(op: string): ((a: string, b: string) => boolean) | undefined {
  const neg = op.startsWith('!')
  const base = neg ? op.slice(1) : op
  const cs = base.endsWith('_cs')
  const name = cs ? base.slice(0, -3) : base
  let f: ((a: string, b: string) => boolean) | undefined
  const low = (s: string): string => (cs ? s : s.toLowerCase())
  switch (name) {
    case 'has': f = (a, b) => hasTerm(a, b, cs); break
    case 'contains': f = (a, b) => low(a).includes(low(b)); break
    case 'startswith': f = (a, b) => low(a).startsWith(low(b)); break
    case 'endswith': f = (a, b) => low(a).endsWith(low(b)); break
    case 'hasprefix': f = (a, b) => hasPrefix(a, b, cs); break
    case 'hassuffix': f = (a, b) => hasSuffix(a, b, cs); break
    default: return undefined
  }
  const g = f
  return neg ? (a, b) => !g(a, b) : g
}

class Compiler {
  constructor(private readonly query: Query) {}
  private readonly cache = new WeakMap<Expr, Map<string, Fn>>()

  /** An expression compiled once per input schema (runs on every record reuse it). */
  expr(e: Expr, scope: Scope): Fn {
    let bySig = this.cache.get(e)
    if (!bySig) this.cache.set(e, (bySig = new Map()))
    let f = bySig.get(scope.sig)
    if (!f) bySig.set(scope.sig, (f = this.compileExpr(e, scope)))
    return f
  }

  private compileExpr(e: Expr, scope: Scope): Fn {
    switch (e.k) {
      case 'lit':
        return constant(e.v)
      case 'name': {
        if (scope.columns.has(e.name)) {
          const n = e.name
          return (row) => row[n] ?? null
        }
        const s = scope.scalars.get(e.name)
        if (s) return s
        if (scope.open) {
          const n = e.name
          return (row) => row[n] ?? null
        }
        throw new KqlError('runtime', `unknown column or name '${e.name}'`, e.at)
      }
      case 'member': {
        const o = this.expr(e.obj, scope)
        const n = e.name
        return (row, r) => {
          const v = o(row, r)
          return isBag(v) ? (v[n] ?? null) : null
        }
      }
      case 'index': {
        const o = this.expr(e.obj, scope)
        const i = this.expr(e.index, scope)
        return (row, r) => {
          const v = o(row, r)
          const k = i(row, r)
          if (Array.isArray(v) && typeof k === 'number' && Number.isInteger(k)) return v[k < 0 ? v.length + k : k] ?? null
          if (isBag(v) && typeof k === 'string') return v[k] ?? null
          return null
        }
      }
      case 'neg': {
        const x = this.expr(e.e, scope)
        return (row, r) => {
          const v = x(row, r)
          return typeof v === 'number' ? -v + 0 : v instanceof KReal ? new KReal(-v.v) : v instanceof KTimespan ? new KTimespan(-v.ms) : null
        }
      }
      case 'between': {
        const l = this.expr(e.l, scope)
        const lo = this.expr(e.lo, scope)
        const hi = this.expr(e.hi, scope)
        return (row, r) => {
          const v = l(row, r)
          const a = lo(row, r)
          let b = hi(row, r)
          if (a instanceof KDateTime && b instanceof KTimespan) b = new KDateTime(a.ms + b.ms)
          const c1 = kCompare(v, a)
          const c2 = kCompare(v, b)
          if (c1 === null || c2 === null) return null
          const inside = c1 >= 0 && c2 <= 0
          return e.neg ? !inside : inside
        }
      }
      case 'list':
        return this.list(e, scope)
      case 'bin':
        return this.binary(e, scope)
      case 'call':
        return this.call(e, scope)
    }
  }

  private list(e: Extract<Expr, { k: 'list' }>, scope: Scope): Fn {
    const l = this.expr(e.l, scope)
    let items: (row: Row, r: Run) => unknown[]
    if (e.sub) {
      const sub = e.sub
      let cache: { run: Run; values: unknown[] } | undefined
      items = (_row, r) => {
        if (cache?.run !== r) {
          const t = this.tabular(sub, r)
          const first = t.columns[0]
          cache = { run: r, values: first === undefined ? [] : t.rows.map((x) => x[first] ?? null) }
        }
        return cache.values
      }
    } else if (e.items.every((i) => i.k === 'lit')) {
      // A constant list (the usual case) is built once, not once per row.
      const list = flattenList(e.items.map((i) => (i as { v: unknown }).v))
      items = () => list
    } else {
      const fs = e.items.map((i) => this.expr(i, scope))
      items = (row, r) => flattenList(fs.map((f) => f(row, r)))
    }
    const op = e.op
    switch (op) {
      case 'in':
      case '!in':
        return (row, r) => {
          const v = l(row, r)
          if (v === null) return op === '!in' ? null : false
          const hit = items(row, r).some((x) => kEquals(v, x) === true)
          return op === 'in' ? hit : !hit
        }
      case 'in~':
      case '!in~':
        if (!e.sub && e.items.every((i) => i.k === 'lit')) {
          const lowered = new Set(items({}, undefined as unknown as Run).filter((x) => x !== null).map((x) => toKString(x).toLowerCase()))
          return (row, r) => {
            const t = textOf(l(row, r))
            if (t === null) return op === '!in~' ? null : false
            const hit = lowered.has(t.toLowerCase())
            return op === 'in~' ? hit : !hit
          }
        }
        return (row, r) => {
          const t = textOf(l(row, r))
          if (t === null) return op === '!in~' ? null : false
          const lt = t.toLowerCase()
          const hit = items(row, r).some((x) => x !== null && toKString(x).toLowerCase() === lt)
          return op === 'in~' ? hit : !hit
        }
      case 'has_any':
        return (row, r) => {
          const t = textOf(l(row, r)) ?? ''
          return items(row, r).some((x) => x !== null && hasTerm(t, toKString(x), false))
        }
      case 'has_all':
        return (row, r) => {
          const t = textOf(l(row, r)) ?? ''
          return items(row, r).every((x) => x !== null && hasTerm(t, toKString(x), false))
        }
    }
    throw unsupported(op, e.at)
  }

  private binary(e: Extract<Expr, { k: 'bin' }>, scope: Scope): Fn {
    const l = this.expr(e.l, scope)
    const r = this.expr(e.r, scope)
    switch (e.op) {
      case 'and':
        return (row, x) => {
          const a = three(l(row, x))
          if (a === false) return false
          const b = three(r(row, x))
          if (b === false) return false
          return a === null || b === null ? null : true
        }
      case 'or':
        return (row, x) => {
          const a = three(l(row, x))
          if (a === true) return true
          const b = three(r(row, x))
          if (b === true) return true
          return a === null || b === null ? null : false
        }
      case '==':
        return (row, x) => kEquals(l(row, x), r(row, x))
      case '!=':
        return (row, x) => { const q = kEquals(l(row, x), r(row, x)); return q === null ? null : !q }
      case '=~':
      case '!~':
        return (row, x) => {
          const a = textOf(l(row, x))
          const b = textOf(r(row, x))
          if (a === null || b === null) return null
          const eq = a.toLowerCase() === b.toLowerCase()
          return e.op === '=~' ? eq : !eq
        }
      case '<': return (row, x) => { const c = kCompare(l(row, x), r(row, x)); return c === null ? null : c < 0 }
      case '>': return (row, x) => { const c = kCompare(l(row, x), r(row, x)); return c === null ? null : c > 0 }
      case '<=': return (row, x) => { const c = kCompare(l(row, x), r(row, x)); return c === null ? null : c <= 0 }
      case '>=': return (row, x) => { const c = kCompare(l(row, x), r(row, x)); return c === null ? null : c >= 0 }
      case '+': case '-': case '*': case '/': case '%': {
        const op = e.op
        return (row, x) => arith(op, l(row, x), r(row, x))
      }
      case 'matches regex': {
        const regex = (v: unknown): ReturnType<typeof cachedRegex> => {
          try {
            return cachedRegex(v)
          } catch (err) {
            throw new KqlError('runtime', `matches regex: ${(err as Error).message}`, e.r.at)
          }
        }
        if (e.r.k === 'lit') regex(e.r.v)
        return (row, x) => {
          const t = textOf(l(row, x)) ?? ''
          const re = regex(r(row, x))
          return re ? re.test(t) : null
        }
      }
    }
    const f = stringOp(e.op)
    if (!f) throw unsupported(e.op, e.at)
    return (row, x) => f(textOf(l(row, x)) ?? '', textOf(r(row, x)) ?? '')
  }

  private call(e: Extract<Expr, { k: 'call' }>, scope: Scope): Fn {
    const name = e.name
    if (name === 'case') {
      if (e.args.length < 3 || e.args.length % 2 === 0) throw new KqlError('syntax', 'case() takes predicate/value pairs and an else value', e.at)
      const fs = e.args.map((a) => this.expr(a, scope))
      return (row, r) => {
        for (let i = 0; i + 1 < fs.length; i += 2) if (toBool(fs[i]!(row, r)) === true) return fs[i + 1]!(row, r)
        return fs[fs.length - 1]!(row, r)
      }
    }
    if (name === 'column_ifexists' || name === 'columnifexists') {
      const col = e.args[0]
      if (col?.k !== 'lit' || typeof col.v !== 'string' || !e.args[1]) throw new KqlError('syntax', 'column_ifexists(name, default) takes a constant name', e.at)
      if (scope.columns.has(col.v) || scope.open) {
        const n = col.v
        return (row) => row[n] ?? null
      }
      return this.expr(e.args[1], scope)
    }
    if (name in AGGREGATE_FUNCTIONS || name in ARG_FUNCTIONS) throw new KqlError('runtime', `${name}() is an aggregation: it belongs in summarize`, e.at)
    const f = SCALAR_FUNCTIONS[name]
    if (!f || !Object.hasOwn(SCALAR_FUNCTIONS, name)) throw unsupported(`${name}()`, e.at)
    if (e.args.length < f.min || e.args.length > f.max) throw new KqlError('syntax', `${name}() takes ${f.min === f.max ? f.min : `${f.min} to ${f.max}`} arguments, not ${e.args.length}`, e.at)
    const fs = e.args.map((a) => this.expr(a, scope))
    const fn = f.fn
    // A bad argument (an invalid regex, …) is an error at the call, not a crash.
    const guarded = (args: unknown[], r: Run): unknown => {
      try {
        return fn(args, r)
      } catch (err) {
        throw new KqlError('runtime', `${name}(): ${(err as Error).message}`, e.at)
      }
    }
    // Constant arguments are checked once, at compile time (a literal regex that does not compile).
    if (e.args.every((a) => a.k === 'lit')) guarded(e.args.map((a) => (a as { v: unknown }).v), { now: new KDateTime(0) } as Run)
    const regexArg = REGEX_ARGUMENT[name]
    const pattern = regexArg === undefined ? undefined : e.args[regexArg]
    if (pattern?.k === 'lit' && typeof pattern.v === 'string') {
      try {
        cachedRegex(pattern.v)
      } catch (err) {
        throw new KqlError('runtime', `${name}(): ${(err as Error).message}`, pattern.at)
      }
    }
    if (fs.length === 1) {
      const a = fs[0]!
      return (row, r) => guarded([a(row, r)], r)
    }
    return (row, r) => guarded(fs.map((g) => g(row, r)), r)
  }

  // Tabular evaluation.
  tabular(t: Tabular, r: Run): Table {
    switch (t.k) {
      case 'source':
        return this.source(t.name, t.at, r)
      case 'datatable': {
        const cols = t.columns.map((c) => c.name)
        const s = this.scope(r, new Set(), false)
        const vals = t.values.map((v) => this.expr(v, s)({}, r))
        const rows: Row[] = []
        for (let i = 0; i < vals.length; i += cols.length) {
          const row: Row = {}
          cols.forEach((c, j) => (row[c] = coerce(t.columns[j]!.type, vals[i + j])))
          rows.push(row)
        }
        return table(cols, rows)
      }
      case 'union':
        return unionOf(t.sources.map((s) => this.tabular(s, r)))
      case 'pipe':
        return this.op(t.op, this.tabular(t.input, r), r)
    }
  }

  private source(name: string, at: number, r: Run): Table {
    const memo = r.memo.get(name)
    if (memo) return memo
    const let_ = this.lets.get(name)
    if (let_) {
      const t = this.tabular(let_, r)
      r.memo.set(name, t)
      return t
    }
    const t = r.ctx.tables.get(name) ?? r.ctx.emptyTable?.(name)
    if (t) return t
    if (r.ctx.missingTables === 'empty') return table([], [], true)
    throw new KqlError('runtime', `unknown table '${name}'`, at)
  }

  private lazyLets: Map<string, Tabular> | undefined
  private get lets(): Map<string, Tabular> {
    if (!this.lazyLets) {
      this.lazyLets = new Map()
      for (const s of this.query.statements) if (s.k === 'let-tabular') this.lazyLets.set(s.name, s.query)
    }
    return this.lazyLets
  }

  private scope(r: Run, columns: ReadonlySet<string>, open: boolean): Scope {
    // Scalar lets are read from the run (their values depend on its `now`), so compiled code is reusable.
    const scalars = new Map<string, Fn>()
    for (const k of r.scalars.keys()) scalars.set(k, (_row, run) => run.scalars.get(k) ?? null)
    return { sig: `${open ? 1 : 0}\u0000${[...r.scalars.keys()].join(',')}\u0000${[...columns].join('\u0000')}`, columns, open, scalars, lets: this.lets }
  }

  /**
   * Per operator, what was compiled for the last input schema (the same column array, as runs on
   * record after record hand over): its scope and, for extend/project, the compiled items and
   * output columns, so the next operator sees the same array again.
   */
  private readonly opCache = new WeakMap<Op, { columns: string[]; open: boolean; lets: number; scope: Scope; items?: { name: string; fn: Fn }[]; out?: string[] }>()

  private opState(op: Op, input: Table, r: Run): { scope: Scope; items?: { name: string; fn: Fn }[]; out?: string[] } {
    const open = input.open ?? false
    const c = this.opCache.get(op)
    if (c && c.columns === input.columns && c.open === open && c.lets === r.scalars.size) return c
    const fresh = { columns: input.columns, open, lets: r.scalars.size, scope: this.scope(r, new Set(input.columns), open) }
    this.opCache.set(op, fresh)
    return fresh
  }

  private op(op: Op, input: Table, r: Run): Table {
    const st = this.opState(op, input, r)
    const s = st.scope
    switch (op.k) {
      case 'where': {
        const p = this.expr(op.pred, s)
        return { ...input, rows: input.rows.filter((row) => toBool(p(row, r)) === true) }
      }
      case 'extend': {
        if (!st.items) {
          st.items = this.named(op.items, s, [...input.columns], true)
          st.out = [...input.columns]
          for (const it of st.items) if (!st.out.includes(it.name)) st.out.push(it.name)
        }
        const items = st.items
        const rows = input.rows.map((row) => {
          const out: Row = { ...row }
          // Each extend item sees the input row (Kusto evaluates them on the input).
          for (const it of items) out[it.name] = it.fn(row, r)
          return out
        })
        return table(st.out!, rows, input.open)
      }
      case 'project': {
        if (!st.items) {
          st.items = this.named(op.items, s, [], false)
          st.out = unique(st.items.map((i) => i.name))
        }
        const items = st.items
        const rows = input.rows.map((row) => {
          const out: Row = {}
          for (const it of items) out[it.name] = it.fn(row, r)
          return out
        })
        return table(st.out!, rows)
      }
      case 'project-away': {
        const drop = new Set(matchColumns(op.names, input, op.at))
        return table(input.columns.filter((c) => !drop.has(c)), input.rows.map((row) => omit(row, drop)), input.open)
      }
      case 'project-keep': {
        const keep = new Set(matchColumns(op.names, input, op.at))
        return table(input.columns.filter((c) => keep.has(c)), input.rows.map((row) => pick(row, keep)))
      }
      case 'project-reorder': {
        const first = matchColumns(op.names, input, op.at)
        return table([...first, ...input.columns.filter((c) => !first.includes(c))], input.rows, input.open)
      }
      case 'project-rename': {
        for (const [, old] of op.pairs) if (!input.columns.includes(old) && !input.open) throw new KqlError('runtime', `unknown column '${old}'`, op.at)
        const map = new Map(op.pairs.map(([n, o]) => [o, n]))
        const rows = input.rows.map((row) => {
          const out: Row = {}
          for (const [k, v] of Object.entries(row)) out[map.get(k) ?? k] = v
          return out
        })
        return table(input.columns.map((c) => map.get(c) ?? c), rows, input.open)
      }
      case 'summarize':
        return this.summarize(op, input, s, r)
      case 'sort':
        return { ...input, rows: sortRows(input.rows, op.keys.map((k) => ({ ...k, fn: this.expr(k.expr, s) })), r) }
      case 'top': {
        const n = toNumber(this.expr(op.n, s)({}, r), true) ?? 0
        return { ...input, rows: sortRows(input.rows, [{ ...op.key, fn: this.expr(op.key.expr, s) }], r).slice(0, Math.max(0, n)) }
      }
      case 'take': {
        const n = toNumber(this.expr(op.n, s)({}, r), true) ?? 0
        return { ...input, rows: input.rows.slice(0, Math.max(0, n)) }
      }
      case 'distinct': {
        const items = op.star ? input.columns.map((c) => ({ name: c, fn: ((row: Row) => row[c] ?? null) as Fn })) : this.named(op.items, s, [], false)
        const seen = new Set<string>()
        const rows: Row[] = []
        for (const row of input.rows) {
          const out: Row = {}
          for (const it of items) out[it.name] = it.fn(row, r)
          const k = items.map((it) => keyOf(out[it.name])).join('\u0000')
          if (!seen.has(k)) {
            seen.add(k)
            rows.push(out)
          }
        }
        return table(items.map((i) => i.name), rows, op.star && input.open)
      }
      case 'mv-expand':
        return this.mvExpand(op, input, s, r)
      case 'parse':
        return this.parse(op.source, op.parts, input, s, r)
      case 'join':
      case 'lookup':
        return join(op.k, op.kind, input, this.tabular(op.right, r), op.on, op.at)
      case 'union':
        return unionOf([input, ...op.sources.map((x) => this.tabular(x, r))])
      case 'count':
        return table(['Count'], [{ Count: input.rows.length }])
      case 'as':
        r.memo.set(op.name, input)
        return input
    }
  }

  private named(items: Named[], s: Scope, existing: string[], extend: boolean): { name: string; fn: Fn }[] {
    let n = 0
    const taken = new Set(existing)
    return items.map((it) => {
      let name = it.name ?? columnNameOf(it.expr)
      if (name === undefined || (extend && it.name === undefined && it.expr.k !== 'name' && taken.has(name) && it.expr.k === 'call')) {
        do name = `Column${++n}`
        while (taken.has(name))
      }
      taken.add(name)
      return { name, fn: this.expr(it.expr, s) }
    })
  }

  private summarize(op: Extract<Op, { k: 'summarize' }>, input: Table, s: Scope, r: Run): Table {
    const by = this.named(op.by, s, [], false)
    type Agg = { name: string; create: () => Accumulator; args: Fn[] } | { name: string; arg: true; sign: 1 | -1; key: Fn; cols: { name: string; fn: Fn }[]; star: boolean }
    const aggs: Agg[] = []
    let n = 0
    for (const it of op.aggs) {
      const e = it.expr
      if (e.k !== 'call' || !(Object.hasOwn(AGGREGATE_FUNCTIONS, e.name) || Object.hasOwn(ARG_FUNCTIONS, e.name))) {
        if (e.k === 'call' && !SCALAR_FUNCTIONS[e.name]) throw unsupported(`${e.name}()`, e.at)
        throw unsupported('an expression around an aggregation in summarize', it.at)
      }
      if (e.name === 'arg_max' || e.name === 'arg_min') {
        const [key, ...rest] = e.args
        if (!key) throw new KqlError('syntax', `${e.name}() needs an expression`, e.at)
        const cols = rest.map((x) => ({ name: columnNameOf(x) ?? `Column${++n}`, fn: this.expr(x, s) }))
        aggs.push({ name: it.name ?? columnNameOf(key) ?? `Column${++n}`, arg: true, sign: ARG_FUNCTIONS[e.name].sign, key: this.expr(key, s), cols, star: e.star === true })
        continue
      }
      if ((e.name === 'any' || e.name === 'take_any') && (e.args.length > 1 || e.star)) {
        // take_any(a, b, …) / take_any(*): one column per argument, named after it, all from one row.
        if (e.star) throw unsupported(`${e.name}(*)`, e.at)
        for (const a of e.args) {
          const f = this.expr(a, s)
          aggs.push({ name: columnNameOf(a) ?? `Column${++n}`, create: () => AGGREGATE_FUNCTIONS.take_any!.create([]), args: [f] })
        }
        continue
      }
      const def = AGGREGATE_FUNCTIONS[e.name]!
      if (e.args.length < def.min || e.args.length > def.max) throw new KqlError('syntax', `${e.name}() takes ${def.min === def.max ? def.min : `${def.min} to ${def.max}`} arguments`, e.at)
      const args = e.args.map((a) => this.expr(a, s))
      const consts = e.args.map((a) => (a.k === 'lit' ? a.v : undefined))
      aggs.push({ name: it.name ?? def.column(e.args[0] ? columnNameOf(e.args[0]) : undefined), create: () => def.create(consts), args })
    }
    const groups = new Map<string, { keys: unknown[]; accs: (Accumulator | { best: unknown; row: Row | undefined })[] }>()
    for (const row of input.rows) {
      const keys = by.map((b) => b.fn(row, r))
      const k = keys.map(keyOf).join('\u0000')
      let g = groups.get(k)
      if (!g) {
        g = { keys, accs: aggs.map((a) => ('arg' in a ? { best: null, row: undefined } : a.create())) }
        groups.set(k, g)
      }
      aggs.forEach((a, i) => {
        const acc = g!.accs[i]!
        if ('arg' in a) {
          const st = acc as { best: unknown; row: Row | undefined }
          const v = a.key(row, r)
          if (v === null || v === undefined) {
            st.row ??= undefined
            return
          }
          if (st.row === undefined || (kCompare(v, st.best) ?? 0) * a.sign > 0) {
            st.best = v
            st.row = row
          }
        } else (acc as Accumulator).add(a.args.map((f) => f(row, r)), row)
      })
    }
    // With no `by`, summarize returns one row even for no input.
    if (by.length === 0 && groups.size === 0) groups.set('', { keys: [], accs: aggs.map((a) => ('arg' in a ? { best: null, row: undefined } : a.create())) })
    const columns: string[] = by.map((b) => b.name)
    for (const a of aggs) {
      columns.push(a.name)
      if ('arg' in a) {
        for (const c of a.cols) columns.push(c.name)
        if (a.star) for (const c of input.columns) if (!columns.includes(c)) columns.push(c)
      }
    }
    const rows: Row[] = []
    for (const g of groups.values()) {
      const out: Row = {}
      by.forEach((b, i) => (out[b.name] = g.keys[i] ?? null))
      aggs.forEach((a, i) => {
        const acc = g.accs[i]!
        if ('arg' in a) {
          const st = acc as { best: unknown; row: Row | undefined }
          out[a.name] = st.best ?? null
          for (const c of a.cols) out[c.name] = st.row ? c.fn(st.row, r) : null
          if (a.star) for (const c of input.columns) if (!(c in out)) out[c] = st.row ? (st.row[c] ?? null) : null
        } else out[a.name] = (acc as Accumulator).result()
      })
      rows.push(out)
    }
    // arg_max(…, *) of a table with an open schema keeps every column, known or not.
    return table(unique(columns), rows, (input.open ?? false) && aggs.some((a) => 'arg' in a && a.star))
  }

  private mvExpand(op: Extract<Op, { k: 'mv-expand' }>, input: Table, s: Scope, r: Run): Table {
    const items = this.named(op.items, s, [], false).map((it, i) => {
      const src = op.items[i]!.expr
      // `to typeof(T)` wrapped the expression in a conversion: expand first, convert each element.
      const conv = src.k === 'call' && (src as { mvType?: boolean }).mvType ? { name: src.name, inner: this.expr(src.args[0]!, s) } : undefined
      return { name: it.name, fn: conv ? conv.inner : it.fn, conv: conv?.name }
    })
    const limit = op.limit ? (toNumber(this.expr(op.limit, s)({}, r), true) ?? Infinity) : Infinity
    const rows: Row[] = []
    for (const row of input.rows) {
      const lists = items.map((it) => {
        const v = it.fn(row, r)
        if (Array.isArray(v)) return v
        if (isBag(v)) return Object.entries(v).map(([k, x]) => ({ [k]: x }))
        return [v]
      })
      const len = Math.min(limit, Math.max(...lists.map((l) => l.length)))
      for (let i = 0; i < len; i++) {
        const out: Row = { ...row }
        items.forEach((it, j) => {
          const v = lists[j]![i] ?? null
          out[it.name] = it.conv ? SCALAR_FUNCTIONS[it.conv]?.fn([v], r) ?? v : v
        })
        rows.push(out)
      }
    }
    const cols = [...input.columns]
    for (const it of items) if (!cols.includes(it.name)) cols.push(it.name)
    return table(cols, rows, input.open)
  }

  private parse(source: Expr, parts: ParsePart[], input: Table, s: Scope, r: Run): Table {
    const src = this.expr(source, s)
    let pattern = '^'
    const cols: { name: string; type: string }[] = []
    parts.forEach((p, i) => {
      if ('text' in p) pattern += p.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      else {
        const last = !parts.slice(i + 1).some((q) => 'text' in q)
        const grp = p.type === 'long' || p.type === 'int' ? '(-?\\d+)' : p.type === 'real' || p.type === 'double' ? '(-?\\d+(?:\\.\\d+)?)' : last && i === parts.length - 1 ? '(.*)' : '(.*?)'
        if (p.column === '*') pattern += '.*?'
        else {
          pattern += grp
          cols.push({ name: p.column, type: p.type })
        }
      }
    })
    // RE2: linear in the text however many columns the pattern has.
    const re = cachedRegex(`(?s)${pattern}`)!
    const rows = input.rows.map((row) => {
      const out: Row = { ...row }
      const m = re.exec(textOf(src(row, r)) ?? '')
      cols.forEach((c, i) => (out[c.name] = m ? coerce(c.type, m[i + 1] ?? '') : c.type === 'string' ? '' : null))
      return out
    })
    const outCols = [...input.columns]
    for (const c of cols) if (!outCols.includes(c.name)) outCols.push(c.name)
    return table(outCols, rows, input.open)
  }
}

function coerce(type: string, v: unknown): unknown {
  switch (type) {
    case 'string': return v === null || v === undefined ? '' : toKString(v)
    case 'long': case 'int': return toNumber(v, true)
    case 'real': case 'double': case 'decimal': return toReal(v)
    case 'bool': case 'boolean': return toBool(v)
    case 'datetime': case 'date': return toDateTime(v)
    case 'timespan': case 'time': return toTimespan(v)
    default: return v ?? null
  }
}

function keyOf(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (v instanceof KDateTime) return `dt:${v.ms}`
  if (v instanceof KTimespan) return `ts:${v.ms}`
  if (v instanceof KReal) return `real:${v.v}`
  return `${typeof v === 'number' && !Number.isInteger(v) ? 'real' : typeof v}:${toKString(v)}`
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

function omit(row: Row, drop: ReadonlySet<string>): Row {
  const out: Row = {}
  for (const [k, v] of Object.entries(row)) if (!drop.has(k)) out[k] = v
  return out
}

function pick(row: Row, keep: ReadonlySet<string>): Row {
  const out: Row = {}
  for (const k of keep) out[k] = row[k] ?? null
  return out
}

function matchColumns(names: string[], input: Table, at: number): string[] {
  const out: string[] = []
  for (const n of names) {
    if (n.includes('*')) {
      const re = new RegExp(`^${n.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
      out.push(...input.columns.filter((c) => re.test(c)))
    } else if (input.columns.includes(n) || input.open) out.push(n)
    else throw new KqlError('runtime', `unknown column '${n}'`, at)
  }
  return unique(out)
}

function sortRows(rows: Row[], keys: (SortKey & { fn: Fn })[], r: Run): Row[] {
  const decorated = rows.map((row, i) => ({ row, i, ks: keys.map((k) => k.fn(row, r)) }))
  decorated.sort((a, b) => {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!
      const x = a.ks[j]
      const y = b.ks[j]
      const xn = x === null || x === undefined
      const yn = y === null || y === undefined
      if (xn || yn) {
        if (xn && yn) continue
        return (xn ? -1 : 1) * (k.nullsFirst ? 1 : -1)
      }
      const c = kCompare(x, y) ?? 0
      if (c !== 0) return k.desc ? -c : c
    }
    return a.i - b.i
  })
  return decorated.map((d) => d.row)
}

function unionOf(tables: Table[]): Table {
  const cols = unique(tables.flatMap((t) => t.columns))
  const rows = tables.flatMap((t) => t.rows.map((row) => {
    const out: Row = {}
    for (const c of cols) out[c] = row[c] ?? null
    return { ...row, ...out }
  }))
  return table(cols, rows, tables.some((t) => t.open))
}

function join(which: 'join' | 'lookup', kind: string, left: Table, right: Table, on: JoinKey[], at: number): Table {
  for (const k of on) {
    if (!left.columns.includes(k.left) && !left.open) throw new KqlError('runtime', `unknown join key '${k.left}' on the left`, at)
    if (!right.columns.includes(k.right) && !right.open) throw new KqlError('runtime', `unknown join key '${k.right}' on the right`, at)
  }
  const keyOfRow = (row: Row, side: 'left' | 'right'): string | undefined => {
    const vs = on.map((k) => row[side === 'left' ? k.left : k.right] ?? null)
    if (vs.some((v) => v === null)) return undefined
    return vs.map(keyOf).join('\u0000')
  }
  const index = new Map<string, Row[]>()
  for (const row of right.rows) {
    const k = keyOfRow(row, 'right')
    if (k === undefined) continue
    const list = index.get(k)
    if (list) list.push(row)
    else index.set(k, [row])
  }
  const rightKeys = new Set(on.filter((k) => k.left === k.right).map((k) => k.right))
  // Right columns: lookup drops the key columns; join renames clashes with a suffix.
  const rename = new Map<string, string>()
  const rightCols: string[] = []
  for (const c of right.columns) {
    if (which === 'lookup' && rightKeys.has(c)) continue
    let n = c
    if (left.columns.includes(c)) {
      let i = 1
      while (left.columns.includes(`${c}${i}`) || right.columns.includes(`${c}${i}`)) i++
      n = which === 'lookup' ? c : `${c}${i}`
    }
    rename.set(c, n)
    rightCols.push(n)
  }
  const merged = (l: Row | undefined, rr: Row | undefined): Row => {
    const out: Row = {}
    for (const c of left.columns) out[c] = l ? (l[c] ?? null) : null
    for (const c of right.columns) {
      const n = rename.get(c)
      if (n !== undefined && !(which === 'lookup' && n in out && l)) out[n] = rr ? (rr[c] ?? null) : (out[n] ?? null)
    }
    return out
  }
  const both = unique([...left.columns, ...rightCols])
  const rows: Row[] = []
  switch (kind) {
    case 'leftsemi':
    case 'leftanti':
      for (const l of left.rows) {
        const k = keyOfRow(l, 'left')
        const hit = k !== undefined && index.has(k)
        if (hit === (kind === 'leftsemi')) rows.push(l)
      }
      return table(left.columns, rows, left.open)
    case 'rightsemi':
    case 'rightanti': {
      const leftKeys = new Set(left.rows.map((l) => keyOfRow(l, 'left')).filter((k): k is string => k !== undefined))
      for (const rr of right.rows) {
        const k = keyOfRow(rr, 'right')
        const hit = k !== undefined && leftKeys.has(k)
        if (hit === (kind === 'rightsemi')) rows.push(rr)
      }
      return table(right.columns, rows, right.open)
    }
  }
  const seenLeft = new Set<string>()
  const usedRight = new Set<Row>()
  for (const l of left.rows) {
    const k = keyOfRow(l, 'left')
    if (kind === 'innerunique' && k !== undefined) {
      if (seenLeft.has(k)) continue
      seenLeft.add(k)
    }
    const matches = k === undefined ? [] : (index.get(k) ?? [])
    for (const m of matches) {
      rows.push(merged(l, m))
      usedRight.add(m)
    }
    if (matches.length === 0 && (kind === 'leftouter' || kind === 'fullouter')) rows.push(merged(l, undefined))
  }
  if (kind === 'rightouter' || kind === 'fullouter') for (const m of right.rows) if (!usedRight.has(m)) rows.push(merged(undefined, m))
  const open = (left.open ?? false) || (right.open ?? false)
  if (kind === 'rightouter') return table(both, rows.filter((row) => on.every((k) => row[rename.get(k.right) ?? k.right] !== null)), open)
  return table(both, rows, open)
}

/** A parsed query ready to run on tables. */
export interface CompiledQuery {
  run(ctx: EvalContext): Table
}

export function compileQuery(query: Query): CompiledQuery {
  const c = new Compiler(query)
  const final = [...query.statements].reverse().find((s) => s.k === 'query')
  if (!final || final.k !== 'query') throw new KqlError('syntax', 'the query has no tabular expression to run', 0)
  return {
    run(ctx) {
      const r: Run = { ctx, now: ctx.now, memo: new Map(), scalars: new Map() }
      for (const st of query.statements) {
        if (st.k === 'let-scalar') {
          const scope: Scope = { sig: `let\u0000${[...r.scalars.keys()].join(',')}`, columns: new Set(), open: false, scalars: new Map([...r.scalars.keys()].map((k) => [k, ((_row: Row, run: Run) => run.scalars.get(k) ?? null) as Fn])), lets: new Map() }
          r.scalars.set(st.name, c.expr(st.expr, scope)({}, r))
        } else if (st.k === 'let-tabular') r.memo.delete(st.name)
      }
      return c.tabular(final.query, r)
    },
  }
}
