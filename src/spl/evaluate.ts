/** Runs a parsed search over in-memory events (rows with `_raw`, `_time` and extracted fields). */
import type { Aggregation, Command, Pipeline, SearchExpr } from './ast.js'
import { SplError } from './errors.js'
import { evaluate, jsonPath, type EvalContext } from './functions.js'
import { splRegex } from './regex.js'
import { printEval } from './print.js'
import { parseSpl } from './parser.js'
import { spanSeconds, strftime, strptime } from './time.js'
import { compareScalars, matcherFor } from './match.js'
import { nameGlob } from './glob.js'
import { extractJson, LazyEvent, newRow, norm, num, str, valuesOf, type Row, type Scalar, type Value } from './values.js'

export interface RunContext {
  /**
   * The events the search reads, streamed through its first `search` (only the kept ones are held);
   * subsearches read them again, so an iterable must restart with each iteration (an array does).
   */
  events: Iterable<Row | LazyEvent>
  /** Epoch seconds that `now()` and relative `earliest=`/`latest=` read. */
  now: number
  /** Rows of a lookup table by name, or undefined when there is no such table. */
  lookup?: (name: string) => Row[] | undefined
}

/** Whether a row satisfies search terms. */
export function matches(e: SearchExpr, row: Row | LazyEvent, ctx: RunContext): boolean {
  return matcherFor(e)(row, ctx)
}

function aggName(a: Aggregation): string {
  return a.as ?? (a.expr !== undefined ? `${a.fn}(eval(${printEval(a.expr)}))` : a.field === undefined ? a.fn : `${a.fn}(${a.field})`)
}

/** The value an aggregation reads from a row: its field, or its eval expression (true counts; false and null do not). */
function aggValues(a: Aggregation, r: Row, ctx: EvalContext): Scalar[] {
  if (a.expr === undefined) return valuesOf(r[a.field!])
  const v = evaluate(a.expr, r, ctx)
  return v === false || v === null ? [] : valuesOf(v)
}

function aggregate(a: Aggregation, rows: readonly Row[], ctx: EvalContext = { now: 0 }): Value {
  if (a.fn === 'count' && a.field === undefined && a.expr === undefined) return rows.length
  const vals = (): Scalar[] => rows.flatMap((r) => aggValues(a, r, ctx))
  switch (a.fn) {
    case 'count':
      return vals().length
    case 'dc':
    case 'distinct_count':
      return new Set(vals().map(str)).size
    case 'values':
      return norm([...new Set(vals().map(str))].sort())
    case 'list':
      return norm(vals().slice(0, 100))
    case 'min':
    case 'max': {
      const vs = vals()
      if (vs.length === 0) return null
      const nums = vs.map(num).filter((x): x is number => x !== undefined)
      if (nums.length > 0) return a.fn === 'min' ? Math.min(...nums) : Math.max(...nums)
      const ss = vs.map(str).sort()
      return a.fn === 'min' ? ss[0]! : ss[ss.length - 1]!
    }
    case 'sum':
    case 'avg': {
      const nums = vals().map(num).filter((x): x is number => x !== undefined)
      if (nums.length === 0) return null
      const sum = nums.reduce((x, y) => x + y, 0)
      return a.fn === 'sum' ? sum : sum / nums.length
    }
    case 'stdev':
    case 'stdevp':
    case 'var':
    case 'varp': {
      const nums = vals().map(num).filter((x): x is number => x !== undefined)
      const n = nums.length
      const sample = a.fn === 'stdev' || a.fn === 'var'
      if (n === 0 || (sample && n < 2)) return sample && n === 1 ? 0 : null
      const mean = nums.reduce((x, y) => x + y, 0) / n
      const v = nums.reduce((acc, x) => acc + (x - mean) ** 2, 0) / (sample ? n - 1 : n)
      return a.fn.startsWith('var') ? v : Math.sqrt(v)
    }
    case 'range':
    case 'median': {
      const nums = vals().map(num).filter((x): x is number => x !== undefined).sort((x, y) => x - y)
      if (nums.length === 0) return null
      return a.fn === 'range' ? nums[nums.length - 1]! - nums[0]! : nums[Math.floor((nums.length - 1) / 2)]!
    }
    case 'mode': {
      const counts = new Map<string, number>()
      for (const v of vals()) counts.set(str(v), (counts.get(str(v)) ?? 0) + 1)
      let best: string | null = null
      let n = 0
      for (const [k, c] of counts) if (c > n) (best = k), (n = c)
      return best
    }
    case 'first':
    case 'last': {
      const with_ = rows.map((r) => aggValues(a, r, ctx)).filter((v) => v.length > 0)
      const v = a.fn === 'first' ? with_[0] : with_[with_.length - 1]
      return v ? norm(v) : null
    }
    case 'earliest':
    case 'latest': {
      let best: Row | undefined
      let bestT = 0
      for (const r of rows) {
        if (aggValues(a, r, ctx).length === 0) continue
        const t = num(valuesOf(r._time)[0] ?? null) ?? 0
        if (!best || (a.fn === 'earliest' ? t < bestT : t >= bestT)) (best = r), (bestT = t)
      }
      return best ? norm(aggValues(a, best, ctx)) : null
    }
  }
  throw new SplError('unsupported', `stats function ${a.fn} is not evaluated`, a.at)
}

/** The group keys of a row: one per combination of by values (a multivalue by field splits), none when one is missing. */
function groupKeys(row: Row, by: readonly string[]): Scalar[][] {
  const single: Scalar[] = []
  let combos: Scalar[][] | undefined
  for (const f of by) {
    const v = row[f]
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return []
    if (!combos && !Array.isArray(v)) {
      single.push(v)
      continue
    }
    combos ??= [single]
    const vs = valuesOf(v)
    combos = combos.flatMap((c) => vs.map((x) => [...c, x]))
  }
  return combos ?? [single]
}

function wildcardFields(patterns: readonly string[], row: Row): string[] {
  const out: string[] = []
  for (const p of patterns) {
    if (!p.includes('*')) {
      if (!out.includes(p)) out.push(p)
      continue
    }
    const g = nameGlob(p)
    for (const k of Object.keys(row)) if (g.test(k) && !out.includes(k)) out.push(k)
  }
  return out
}

function renameField(name: string, from: string, to: string): string | undefined {
  if (!from.includes('*')) return name === from ? to : undefined
  const m = nameGlob(from).captures(name)
  if (!m) return undefined
  let i = 0
  return to.replace(/\*/g, () => m[i++] ?? '')
}

function runStats(c: Extract<Command, { c: 'stats' | 'eventstats' | 'streamstats' }>, rows: Row[], ec: EvalContext): Row[] {
  if (c.c === 'streamstats') {
    const seen = new Map<string, Row[]>()
    return rows.map((r) => {
      const out = Object.assign(newRow(), r)
      for (const key of groupKeys(r, c.by).slice(0, 1)) {
        const k = JSON.stringify(key)
        const g = seen.get(k) ?? []
        g.push(r)
        seen.set(k, g)
        for (const a of c.aggs) out[aggName(a)] = aggregate(a, g, ec)
      }
      return out
    })
  }
  const groups = new Map<string, { key: Scalar[]; rows: Row[] }>()
  const rowKeys = new Map<Row, string[]>()
  for (const r of rows) {
    const keys: string[] = []
    for (const key of groupKeys(r, c.by)) {
      // Splunk groups case-sensitively on the string form of each value.
      let k = ''
      for (const v of key) {
        const t = str(v)
        k += `${t.length}:${t}`
      }
      let g = groups.get(k)
      if (!g) groups.set(k, (g = { key, rows: [] }))
      g.rows.push(r)
      keys.push(k)
    }
    if (c.c === 'eventstats') rowKeys.set(r, keys)
  }
  if (c.c === 'eventstats') {
    const results = new Map<string, Row>()
    for (const [k, g] of groups) {
      const res = newRow()
      for (const a of c.aggs) res[aggName(a)] = aggregate(a, g.rows, ec)
      results.set(k, res)
    }
    return rows.map((r) => {
      const k = rowKeys.get(r)?.[0]
      return k ? Object.assign(newRow(), r, results.get(k)) : r
    })
  }
  if (c.by.length === 0 && groups.size === 0) {
    const res = newRow()
    for (const a of c.aggs) res[aggName(a)] = a.fn === 'count' || a.fn === 'dc' || a.fn === 'distinct_count' ? 0 : null
    return [res]
  }
  // stats sorts its groups by the by fields, as Splunk does.
  const sorted = [...groups.values()].sort((x, y) => {
    for (let i = 0; i < x.key.length; i++) {
      const d = compareScalars(x.key[i]!, y.key[i]!)
      if (d !== 0) return d
    }
    return 0
  })
  return sorted.map((g) => {
    const res = newRow()
    c.by.forEach((f, i) => (res[f] = g.key[i]!))
    for (const a of c.aggs) {
      const v = aggregate(a, g.rows, ec)
      if (v !== null) res[aggName(a)] = v
    }
    return res
  })
}

function fieldsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>()
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k)
  return [...seen]
}

function evalCtx(ctx: RunContext): EvalContext {
  return {
    get now() {
      return ctx.now
    },
    searchmatch: (terms, row, at) => {
      const p = parseSpl(terms)
      const first = p.commands[0]
      if (p.commands.length !== 1 || first?.c !== 'search') throw new SplError('syntax', 'searchmatch() takes search terms only', at)
      return first.expr === null || matches(first.expr, row, ctx)
    },
  }
}

function runCommand(c: Command, rows: Row[], ctx: RunContext): Row[] {
  switch (c.c) {
    case 'search':
      return c.expr === null ? rows : rows.filter((r) => matches(c.expr!, r, ctx))
    case 'where': {
      const ec = evalCtx(ctx)
      return rows.filter((r) => evaluate(c.expr, r, ec) === true)
    }
    case 'eval': {
      const ec = evalCtx(ctx)
      return rows.map((r) => {
        const out = Object.assign(newRow(), r)
        for (const a of c.assignments) {
          const v = evaluate(a.expr, out, ec)
          if (v === null) delete out[a.field]
          else out[a.field] = v
        }
        return out
      })
    }
    case 'fillnull': {
      const fields = c.fields.length > 0 ? c.fields : fieldsOf(rows)
      // A row with every field already set is kept as it is (rows are never changed in place).
      return rows.map((r) => {
        if (!fields.some((f) => r[f] === undefined || r[f] === null)) return r
        const out = Object.assign(newRow(), r)
        for (const f of fields) if (out[f] === undefined || out[f] === null) out[f] = c.value
        return out
      })
    }
    case 'stats':
    case 'eventstats':
    case 'streamstats':
      return runStats(c, rows, evalCtx(ctx))
    case 'rename':
      return rows.map((r) => {
        const out = newRow()
        for (const [k, v] of Object.entries(r)) {
          let name = k
          for (const p of c.pairs) {
            const to = renameField(name, p.from, p.to)
            if (to !== undefined) name = to
          }
          out[name] = v
        }
        return out
      })
    case 'table':
      return rows.map((r) => {
        const out = newRow()
        for (const f of wildcardFields(c.fields, r)) if (r[f] !== undefined && r[f] !== null) out[f] = r[f]!
        return out
      })
    case 'fields':
      return rows.map((r) => {
        const named = new Set(wildcardFields(c.fields, r))
        const out = newRow()
        for (const [k, v] of Object.entries(r)) if (named.has(k) !== c.remove || (!c.remove && k.startsWith('_') && (k === '_raw' || k === '_time'))) out[k] = v
        return out
      })
    case 'dedup': {
      const seen = new Map<string, number>()
      return rows.filter((r) => {
        const vs = c.fields.map((f) => valuesOf(r[f]).map(str))
        if (vs.some((v) => v.length === 0)) return false
        const k = JSON.stringify(vs)
        const n = seen.get(k) ?? 0
        seen.set(k, n + 1)
        return n < c.count
      })
    }
    case 'sort': {
      const sorted = [...rows].sort((a, b) => {
        for (const k of c.keys) {
          const x = valuesOf(a[k.field])[0]
          const y = valuesOf(b[k.field])[0]
          if (x === undefined && y === undefined) continue
          if (x === undefined) return 1
          if (y === undefined) return -1
          const d = k.as === 'str' ? (str(x) < str(y) ? -1 : str(x) > str(y) ? 1 : 0) : compareScalars(x, y)
          if (d !== 0) return k.desc ? -d : d
        }
        return 0
      })
      return sorted.slice(0, c.limit === undefined || c.limit === 0 ? 10_000 : c.limit)
    }
    case 'head':
      return rows.slice(0, c.n)
    case 'tail':
      return rows.slice(Math.max(0, rows.length - c.n)).reverse()
    case 'rex': {
      const re = splRegex(c.regex, c.at)
      const names = [...c.regex.matchAll(/\(\?P?<([A-Za-z_][\w]*)>/g)].map((m) => m[1]!)
      return rows.map((r) => {
        const v = valuesOf(r[c.field])[0]
        if (v === undefined) return r
        const groups = re.groups(str(v))
        if (!groups) return r
        const out = Object.assign(newRow(), r)
        for (const n of names) if (groups[n] !== undefined) out[n] = groups[n]!
        return out
      })
    }
    case 'regex': {
      const re = splRegex(c.regex, c.at)
      return rows.filter((r) => valuesOf(r[c.field]).some((v) => re.test(str(v))) !== c.negate)
    }
    case 'spath':
      return rows.map((r) => {
        const v = valuesOf(r[c.input])[0]
        if (v === undefined) return r
        let json: unknown
        try {
          json = JSON.parse(str(v))
        } catch {
          return r
        }
        const out = Object.assign(newRow(), r)
        if (c.path === undefined) {
          extractJson(json, out)
          return out
        }
        const got = jsonPath(json, c.path)
        if (got !== null) out[c.output ?? c.path] = got
        return out
      })
    case 'bin': {
      const span = spanSeconds(c.span) ?? (c.field === '_time' ? undefined : num(c.span))
      if (span === undefined || span <= 0) throw new SplError('unsupported', `span=${c.span} is not evaluated`, c.at)
      return rows.map((r) => {
        const x = num(valuesOf(r[c.field])[0] ?? null)
        if (x === undefined) return r
        const out = Object.assign(newRow(), r)
        out[c.as ?? c.field] = Math.floor(x / span) * span
        return out
      })
    }
    case 'convert':
      return rows.map((r) => {
        const out = Object.assign(newRow(), r)
        for (const v of c.conversions) {
          const names = wildcardFields([v.field], r)
          for (const f of names) {
            const conv = valuesOf(r[f]).map((x): Scalar | undefined => {
              switch (v.fn) {
                case 'ctime': {
                  const t = num(x)
                  return t === undefined ? x : strftime(t, c.timeformat ?? '%m/%d/%Y %H:%M:%S')
                }
                case 'mktime':
                  return strptime(str(x), c.timeformat ?? '%m/%d/%Y %H:%M:%S') ?? x
                case 'num':
                  return num(x)
                case 'dur2sec': {
                  const m = /^(?:(\d+)\+)?(\d+):(\d\d):(\d\d)$/.exec(str(x))
                  return m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : x
                }
                default:
                  return x
              }
            })
            const kept = conv.filter((x): x is Scalar => x !== undefined)
            const target = v.as ?? f
            if (kept.length === 0) delete out[target]
            else out[target] = norm(kept)
          }
        }
        return out
      })
    case 'makemv':
      return rows.map((r) => {
        const v = valuesOf(r[c.field])[0]
        if (v === undefined) return r
        return Object.assign(newRow(), r, { [c.field]: norm(str(v).split(c.delim).filter((x) => x !== '')) })
      })
    case 'mvexpand':
      return rows.flatMap((r) => {
        const vs = valuesOf(r[c.field])
        return vs.length === 0 ? [] : vs.map((v) => Object.assign(newRow(), r, { [c.field]: v }))
      })
    case 'lookup': {
      const table = ctx.lookup?.(c.table)
      if (!table) throw new SplError('runtime', `lookup table '${c.table}' not found (ruleproof reads lookups/${c.table}.csv or the lookups/*.yml that names it)`, c.at)
      return rows.map((r) => {
        const hit = table.find((t) => c.match.every((m) => {
          const v = valuesOf(r[m.as ?? m.field])
          return v.length > 0 && v.some((x) => str(x) === str(valuesOf(t[m.field])[0] ?? ''))
        }))
        if (!hit) return r
        const out = Object.assign(newRow(), r)
        const outputs = c.outputs.length > 0 ? c.outputs : Object.keys(hit).filter((k) => !c.match.some((m) => m.field === k)).map((field) => ({ field, as: undefined }))
        for (const o of outputs) {
          const target = o.as ?? o.field
          if (c.outputNew && out[target] !== undefined && out[target] !== null) continue
          const v = hit[o.field]
          if (v !== undefined && v !== null && v !== '') out[target] = v
        }
        return out
      })
    }
    case 'inputlookup': {
      const table = ctx.lookup?.(c.table)
      if (!table) throw new SplError('runtime', `lookup table '${c.table}' not found (ruleproof reads lookups/${c.table}.csv or the lookups/*.yml that names it)`, c.at)
      return [...rows, ...table.map((t) => Object.assign(newRow(), t))]
    }
    case 'join': {
      const sub = runPipeline(c.sub, ctx)
      return rows.flatMap((r) => {
        const hit = sub.find((s) => c.fields.every((f) => {
          const a = valuesOf(r[f]).map(str)
          const b = valuesOf(s[f]).map(str)
          return a.length > 0 && a.length === b.length && a.every((x, i) => x === b[i])
        }))
        if (!hit) return c.type === 'left' ? [r] : []
        return [Object.assign(newRow(), r, hit)]
      })
    }
    case 'append':
      return [...rows, ...runPipeline(c.sub, ctx)]
  }
}

/** The results of a search over the context's events. */
export function runPipeline(p: Pipeline, ctx: RunContext): Row[] {
  const first = p.commands[0]
  if (first?.c !== 'search') {
    let rows: Row[] = []
    for (const c of p.commands) rows = runCommand(c, rows, ctx)
    return rows
  }
  // The first search reads its fields straight from each event; only kept events are extracted.
  const match = first.expr === null ? undefined : matcherFor(first.expr)
  let rows: Row[] = []
  for (const ev of ctx.events) {
    if (match && !match(ev, ctx)) continue
    rows.push(ev instanceof LazyEvent ? ev.row() : ev)
  }
  for (let i = 1; i < p.commands.length; i++) {
    const c = p.commands[i]!
    // Most events fail the first search: what cannot make results from none (nor fail on none) is skipped.
    if (rows.length === 0 && emptyStaysEmpty(c)) continue
    rows = runCommand(c, rows, ctx)
  }
  return rows
}

/** Whether a command gives no results for no results and checks nothing before reading one (stats with no by gives a row of zeros). */
export function emptyStaysEmpty(c: Command): boolean {
  return EMPTY_STAYS_EMPTY.has(c.c) && !(c.c === 'stats' && c.by.length === 0)
}

const EMPTY_STAYS_EMPTY: ReadonlySet<Command['c']> = new Set<Command['c']>([
  'search', 'where', 'eval', 'fillnull', 'stats', 'eventstats', 'streamstats', 'rename', 'table', 'fields', 'dedup',
  'sort', 'head', 'tail', 'spath', 'convert', 'makemv', 'mvexpand',
])
