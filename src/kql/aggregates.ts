import { isReal, kCompare, kEquals, KTimespan, numberOf, real, toBool, toKString } from './values.js'

/** One running aggregate over the rows of a group. */
export interface Accumulator {
  add(args: unknown[], row: Record<string, unknown>): void
  result(): unknown
}

export interface AggregateFunction {
  min: number
  max: number
  doc: string
  /** Default output column name for the argument's name. */
  column(arg: string | undefined): string
  create(constArgs: unknown[]): Accumulator
}

function keyOf(v: unknown): string {
  return `${typeof v}:${toKString(v)}`
}

function extreme(sign: 1 | -1): AggregateFunction['create'] {
  return () => {
    let best: unknown = null
    return {
      add([v]) {
        if (v === null || v === undefined) return
        if (best === null || (kCompare(v, best) ?? 0) * sign > 0) best = v
      },
      result: () => best,
    }
  }
}

function collect(unique: boolean, conditional: boolean): AggregateFunction['create'] {
  return (constArgs) => {
    const limit = typeof constArgs[conditional ? 2 : 1] === 'number' ? (constArgs[conditional ? 2 : 1] as number) : 1_048_576
    const out: unknown[] = []
    const seen = new Set<string>()
    return {
      add([v, c]) {
        if (conditional && toBool(c) !== true) return
        if (v === null || v === undefined || out.length >= limit) return
        const items = unique && Array.isArray(v) ? v : [v]
        for (const item of items) {
          if (unique) {
            const k = keyOf(item)
            if (seen.has(k)) continue
            seen.add(k)
          }
          if (out.length < limit) out.push(item)
        }
      },
      result: () => out,
    }
  }
}

/** Aggregation functions of `summarize` (docs/kql.md lists them from here). */
export const AGGREGATE_FUNCTIONS: Record<string, AggregateFunction> = {
  count: { min: 0, max: 0, doc: 'rows in the group', column: () => 'count_', create: () => { let n = 0; return { add: () => { n++ }, result: () => n } } },
  countif: { min: 1, max: 1, doc: 'rows where the predicate is true', column: () => 'countif_', create: () => { let n = 0; return { add: ([p]) => { if (toBool(p) === true) n++ }, result: () => n } } },
  dcount: {
    min: 1, max: 2, doc: 'distinct non-null values (exact, where Kusto estimates)', column: (a) => `dcount_${a ?? ''}`,
    create: () => { const s = new Set<string>(); return { add: ([v]) => { if (v !== null && v !== undefined) s.add(keyOf(v)) }, result: () => s.size } },
  },
  dcountif: {
    min: 2, max: 3, doc: 'distinct values where the predicate is true', column: (a) => `dcountif_${a ?? ''}`,
    create: () => { const s = new Set<string>(); return { add: ([v, p]) => { if (toBool(p) === true && v !== null && v !== undefined) s.add(keyOf(v)) }, result: () => s.size } },
  },
  sum: {
    min: 1, max: 1, doc: 'sum of non-null values', column: (a) => `sum_${a ?? ''}`,
    create: () => {
      // The sum has its input's type: a real column's sum stays real when integral.
      let s: number | KTimespan | null = null
      let reals = false
      return {
        add([v]) {
          const n = numberOf(v)
          if (n !== undefined) {
            s = (typeof s === 'number' ? s : 0) + n
            reals ||= isReal(v)
          } else if (v instanceof KTimespan) s = new KTimespan((s instanceof KTimespan ? s.ms : 0) + v.ms)
        },
        result: () => (reals && typeof s === 'number' ? real(s) : s),
      }
    },
  },
  sumif: {
    min: 2, max: 2, doc: 'sum where the predicate is true', column: (a) => `sumif_${a ?? ''}`,
    create: () => {
      let s: number | null = null
      let reals = false
      return {
        add: ([v, p]) => {
          const n = numberOf(v)
          if (toBool(p) !== true || n === undefined) return
          s = (s ?? 0) + n
          reals ||= isReal(v)
        },
        result: () => (reals && s !== null ? real(s) : s),
      }
    },
  },
  avg: {
    min: 1, max: 1, doc: 'mean of non-null values', column: (a) => `avg_${a ?? ''}`,
    // Always a real: avg of 2 and 4 is 3.0.
    create: () => { let s = 0; let n = 0; return { add: ([v]) => { const x = numberOf(v); if (x !== undefined) { s += x; n++ } }, result: () => (n ? real(s / n) : null) } },
  },
  stdev: {
    min: 1, max: 1, doc: 'sample standard deviation of non-null numbers', column: (a) => `stdev_${a ?? ''}`,
    create: () => {
      const xs: number[] = []
      return {
        add: ([v]) => { const x = numberOf(v); if (x !== undefined) xs.push(x) },
        result: () => {
          if (xs.length < 2) return xs.length === 1 ? real(0) : null
          const mean = xs.reduce((s, x) => s + x, 0) / xs.length
          return real(Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)))
        },
      }
    },
  },
  min: { min: 1, max: 1, doc: 'least non-null value', column: (a) => `min_${a ?? ''}`, create: extreme(-1) },
  max: { min: 1, max: 1, doc: 'greatest non-null value', column: (a) => `max_${a ?? ''}`, create: extreme(1) },
  make_set: { min: 1, max: 2, doc: 'distinct values as an array (arrays flattened), optional size limit', column: (a) => `set_${a ?? ''}`, create: collect(true, false) },
  make_list: { min: 1, max: 2, doc: 'values as an array, optional size limit', column: (a) => `list_${a ?? ''}`, create: collect(false, false) },
  makeset: { min: 1, max: 2, doc: 'deprecated name of make_set', column: (a) => `set_${a ?? ''}`, create: collect(true, false) },
  makelist: { min: 1, max: 2, doc: 'deprecated name of make_list', column: (a) => `list_${a ?? ''}`, create: collect(false, false) },
  make_set_if: { min: 2, max: 3, doc: 'make_set where the predicate is true', column: (a) => `set_${a ?? ''}`, create: collect(true, true) },
  make_list_if: { min: 2, max: 3, doc: 'make_list where the predicate is true', column: (a) => `list_${a ?? ''}`, create: collect(false, true) },
  any: { min: 1, max: 64, doc: 'a value of some row (the first one seen)', column: (a) => `any_${a ?? ''}`, create: firstRow },
  take_any: { min: 1, max: 64, doc: 'same as any', column: (a) => `any_${a ?? ''}`, create: firstRow },
}

function firstRow(): Accumulator {
  let got: unknown[] | undefined
  return { add: (args) => { got ??= args }, result: () => got?.[0] ?? null }
}

/** arg_max / arg_min: the row with the extreme value of the first argument. */
export const ARG_FUNCTIONS = {
  arg_max: { sign: 1 as const, doc: 'the row (or listed columns) with the greatest value' },
  arg_min: { sign: -1 as const, doc: 'the row (or listed columns) with the least value' },
}

export { kEquals }
