/** Eval functions and operators with Splunk's semantics: null propagates, numeric strings compare as numbers. */
import type { EvalExpr } from './ast.js'
import { likeGlob } from './glob.js'
import { splRegex } from './regex.js'
import { SplError } from './errors.js'
import { FUNCTIONS } from './parser.js'
import { relativeTime, strftime, strptime } from './time.js'
import { extractJson, newRow, norm, num, str, valuesOf, type Row, type Scalar, type Value } from './values.js'

export interface EvalContext {
  now: number
  /** Runs `searchmatch`'s search terms on a row. */
  searchmatch?: (terms: string, row: Row, at: number) => boolean
}

const truthy = (v: Value): boolean => v === true



function compare(a: Scalar, b: Scalar): number {
  const x = num(a)
  const y = num(b)
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0
  const s = str(a)
  const t = str(b)
  return s < t ? -1 : s > t ? 1 : 0
}

function cmpOp(op: string, l: Value, r: Value): Value {
  if (l === null || r === null) return null
  const ls = valuesOf(l)
  const rs = valuesOf(r)
  const test = (a: Scalar, b: Scalar): boolean => {
    if (typeof a === 'boolean' || typeof b === 'boolean') return op === '!=' ? a !== b : op === '=' || op === '==' ? a === b : false
    const c = compare(a, b)
    switch (op) {
      case '=': case '==': return c === 0
      case '!=': return c !== 0
      case '<': return c < 0
      case '>': return c > 0
      case '<=': return c <= 0
      default: return c >= 0
    }
  }
  // A multivalue field compares true when one of its values does (as `where` reads it).
  return ls.some((a) => rs.some((b) => test(a, b)))
}

function arith(op: string, l: Value, r: Value, at: number): Value {
  if (l === null || r === null) return null
  const a = Array.isArray(l) ? l[0]! : l
  const b = Array.isArray(r) ? r[0]! : r
  if (op === '.') return str(a) + str(b)
  const x = num(a)
  const y = num(b)
  if (op === '+' && (x === undefined || y === undefined)) return str(a) + str(b)
  if (x === undefined || y === undefined) throw new SplError('runtime', `'${op}' needs numbers, got ${JSON.stringify(a)} and ${JSON.stringify(b)}`, at)
  switch (op) {
    case '+': return x + y
    case '-': return x - y
    case '*': return x * y
    case '/': return y === 0 ? null : x / y
    default: return y === 0 ? null : x % y
  }
}

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim())
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return undefined
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!
}

export function cidrmatch(cidr: string, ip: string): boolean {
  const [base, bits = '32'] = cidr.split('/')
  const b = ipv4(base ?? '')
  const a = ipv4(ip)
  const n = Number(bits)
  if (a === undefined || b === undefined || !(n >= 0 && n <= 32)) return false
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0
  return ((a & mask) >>> 0) === ((b & mask) >>> 0)
}

/** The value at a JSON path (`a.b{}.c`, `a{0}`) of a parsed JSON value, as Splunk's spath returns it. */
export function jsonPath(value: unknown, path: string): Value {
  let cur: unknown[] = [value]
  for (const seg of path.split('.')) {
    const m = /^([^{}]*)((?:\{\d*\})*)$/.exec(seg)
    if (!m) return null
    const next: unknown[] = []
    for (const c of cur) {
      let v: unknown[] = m[1] === '' ? [c] : c !== null && typeof c === 'object' && !Array.isArray(c) && m[1]! in c ? [(c as Record<string, unknown>)[m[1]!]] : []
      for (const idx of m[2]!.match(/\{\d*\}/g) ?? []) {
        const i = idx.slice(1, -1)
        v = v.flatMap((x) => (Array.isArray(x) ? (i === '' ? x : x[Number(i)] !== undefined ? [x[Number(i)]] : []) : []))
      }
      next.push(...v)
    }
    cur = next
  }
  const out = cur.filter((x) => x !== undefined && x !== null).map((x) => (typeof x === 'object' ? JSON.stringify(x) : typeof x === 'string' ? x : String(x)))
  return norm(out)
}

function parseJson(text: Value): unknown {
  if (text === null) return undefined
  try {
    return JSON.parse(str(Array.isArray(text) ? text[0]! : text))
  } catch {
    return undefined
  }
}

export function evaluate(e: EvalExpr, row: Row, ctx: EvalContext): Value {
  switch (e.t) {
    case 'num':
      return e.value
    case 'str':
      return e.value
    case 'bool':
      return e.value
    case 'field':
      return row[e.name] ?? null
    case 'neg': {
      const v = evaluate(e.item, row, ctx)
      return v === null ? null : arith('-', 0, v, e.at)
    }
    case 'not': {
      const v = evaluate(e.item, row, ctx)
      return v === null ? null : !truthy(v)
    }
    case 'bin': {
      if (e.op === 'AND') {
        const l = evaluate(e.left, row, ctx)
        if (l !== null && !truthy(l)) return false
        const r = evaluate(e.right, row, ctx)
        return l === null || r === null ? (r !== null && !truthy(r) ? false : null) : truthy(r)
      }
      if (e.op === 'OR') {
        const l = evaluate(e.left, row, ctx)
        if (truthy(l)) return true
        const r = evaluate(e.right, row, ctx)
        return truthy(r) ? true : l === null || r === null ? null : false
      }
      const l = evaluate(e.left, row, ctx)
      const r = evaluate(e.right, row, ctx)
      if (e.op === 'XOR') return l === null || r === null ? null : truthy(l) !== truthy(r)
      if (e.op === 'LIKE') return l === null || r === null ? null : valuesOf(l).some((v) => likeGlob(str(valuesOf(r)[0]!)).test(str(v)))
      if (['=', '==', '!=', '<', '>', '<=', '>='].includes(e.op)) return cmpOp(e.op, l, r)
      return arith(e.op, l, r, e.at)
    }
    case 'call':
      return call(e, row, ctx)
  }
}

function one(v: Value): Scalar | null {
  return v === null ? null : Array.isArray(v) ? v[0]! : v
}

function call(e: Extract<EvalExpr, { t: 'call' }>, row: Row, ctx: EvalContext): Value {
  const spec = FUNCTIONS[e.fn]!
  if (e.args.length < spec[0] || e.args.length > spec[1]) {
    throw new SplError('syntax', `${e.fn}() takes ${spec[0] === spec[1] ? spec[0] : `${spec[0]} to ${spec[1]}`} arguments, got ${e.args.length}`, e.at)
  }
  const arg = (i: number): Value => evaluate(e.args[i]!, row, ctx)
  const sarg = (i: number): string | null => {
    const v = one(arg(i))
    return v === null ? null : str(v)
  }
  switch (e.fn) {
    case 'if': {
      const c = arg(0)
      return truthy(c) ? arg(1) : arg(2)
    }
    case 'case':
      for (let i = 0; i + 1 < e.args.length; i += 2) if (truthy(arg(i))) return arg(i + 1)
      return null
    case 'coalesce':
      for (let i = 0; i < e.args.length; i++) {
        const v = arg(i)
        if (v !== null) return v
      }
      return null
    case 'like': {
      const v = arg(0)
      const p = sarg(1)
      return v === null || p === null ? null : valuesOf(v).some((x) => likeGlob(p).test(str(x)))
    }
    case 'match': {
      const v = arg(0)
      const p = sarg(1)
      if (v === null || p === null) return null
      const re = splRegex(p, e.args[1]!.at)
      return valuesOf(v).some((x) => re.test(str(x)))
    }
    case 'lower':
    case 'upper': {
      const v = arg(0)
      if (v === null) return null
      const f = (x: Scalar): Scalar => (typeof x === 'string' ? (e.fn === 'lower' ? x.toLowerCase() : x.toUpperCase()) : x)
      return Array.isArray(v) ? v.map(f) : f(v)
    }
    case 'len': {
      const v = sarg(0)
      return v === null ? null : [...v].length
    }
    case 'substr': {
      const s = sarg(0)
      const start = num(one(arg(1)))
      if (s === null || start === undefined) return null
      const chars = [...s]
      const from = start > 0 ? start - 1 : start < 0 ? Math.max(0, chars.length + start) : 0
      const len = e.args.length > 2 ? num(one(arg(2))) : undefined
      return chars.slice(from, len === undefined ? undefined : from + Math.max(0, len)).join('')
    }
    case 'replace': {
      const s = sarg(0)
      const p = sarg(1)
      const r = sarg(2)
      if (s === null || p === null || r === null) return null
      return splRegex(p, e.args[1]!.at).replace(s, r)
    }
    case 'split': {
      const s = sarg(0)
      const d = sarg(1)
      if (s === null || d === null) return null
      return norm(d === '' ? [...s] : s.split(d))
    }
    case 'mvcount': {
      const v = arg(0)
      return v === null ? null : valuesOf(v).length
    }
    case 'mvindex': {
      const vs = valuesOf(arg(0))
      const n = vs.length
      const s = num(one(arg(1)))
      if (s === undefined || n === 0) return null
      const start = s < 0 ? n + s : s
      if (start < 0 || start >= n) return null
      if (e.args.length < 3) return vs[start]!
      const en = num(one(arg(2)))
      if (en === undefined) return null
      const end = en < 0 ? n + en : en
      return norm(vs.slice(start, Math.min(end, n - 1) + 1))
    }
    case 'mvjoin': {
      const v = arg(0)
      const d = sarg(1)
      return v === null || d === null ? null : valuesOf(v).map(str).join(d)
    }
    case 'mvfilter': {
      const fields = new Set<string>()
      const walk = (x: EvalExpr): void => {
        if (x.t === 'field') fields.add(x.name)
        else if (x.t === 'call') x.args.forEach(walk)
        else if (x.t === 'bin') (walk(x.left), walk(x.right))
        else if (x.t === 'not' || x.t === 'neg') walk(x.item)
      }
      walk(e.args[0]!)
      if (fields.size !== 1) throw new SplError('syntax', 'mvfilter() must name exactly one field', e.at)
      const [field] = [...fields] as [string]
      const out = valuesOf(row[field] ?? null).filter((v) => {
        const one: Row = Object.assign(newRow(), row, { [field]: v })
        return truthy(evaluate(e.args[0]!, one, ctx))
      })
      return norm(out)
    }
    case 'mvappend':
      return norm(e.args.flatMap((_, i) => valuesOf(arg(i))))
    case 'mvdedup':
      return norm([...new Set(valuesOf(arg(0)))])
    case 'isnull':
      return arg(0) === null
    case 'isnotnull':
      return arg(0) !== null
    case 'null':
      return null
    case 'true':
      return true
    case 'false':
      return false
    case 'tostring': {
      const v = one(arg(0))
      if (v === null) return null
      const fmt = e.args.length > 1 ? sarg(1) : null
      const n = num(v)
      if (fmt === 'hex' && n !== undefined) return `0x${Math.trunc(n).toString(16).toUpperCase()}`
      if (fmt === 'commas' && n !== undefined) return (Math.round(n * 100) / 100).toLocaleString('en-US')
      if (fmt === 'duration' && n !== undefined) {
        const s = Math.trunc(n)
        const days = Math.floor(s / 86400)
        const hms = `${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
        return days > 0 ? `${days}+${hms}` : hms
      }
      return typeof v === 'boolean' ? (v ? 'True' : 'False') : str(v)
    }
    case 'tonumber': {
      const v = one(arg(0))
      if (v === null) return null
      const base = e.args.length > 1 ? num(one(arg(1))) ?? 10 : 10
      if (base === 10) return num(v) ?? null
      const s = str(v).trim().replace(/^0x/i, '')
      const n = parseInt(s, base)
      return Number.isNaN(n) || !new RegExp(`^[0-9a-z]+$`, 'i').test(s) ? null : n
    }
    case 'strftime': {
      const t = num(one(arg(0)))
      const f = sarg(1)
      return t === undefined || f === null ? null : strftime(t, f)
    }
    case 'strptime': {
      const s = sarg(0)
      const f = sarg(1)
      return s === null || f === null ? null : strptime(s, f) ?? null
    }
    case 'relative_time': {
      const t = num(one(arg(0)))
      const m = sarg(1)
      return t === undefined || m === null ? null : relativeTime(t, m) ?? null
    }
    case 'now':
    case 'time':
      return ctx.now
    case 'cidrmatch': {
      const c = sarg(0)
      const ip = arg(1)
      return c === null || ip === null ? null : valuesOf(ip).some((x) => cidrmatch(c, str(x)))
    }
    case 'spath':
      return jsonPath(parseJson(arg(0)), sarg(1) ?? '')
    case 'json_extract': {
      const json = parseJson(arg(0))
      if (json === undefined) return null
      if (e.args.length === 1) return JSON.stringify(json)
      const out = e.args.slice(1).map((_, i) => jsonPath(json, sarg(i + 1) ?? ''))
      return out.length === 1 ? out[0]! : norm(out.flatMap(valuesOf))
    }
    case 'round': {
      const n = num(one(arg(0)))
      const d = e.args.length > 1 ? num(one(arg(1))) ?? 0 : 0
      return n === undefined ? null : Math.round(n * 10 ** d) / 10 ** d
    }
    case 'abs': {
      const n = num(one(arg(0)))
      return n === undefined ? null : Math.abs(n)
    }
    case 'trim':
    case 'ltrim':
    case 'rtrim': {
      const s = sarg(0)
      if (s === null) return null
      const chars = e.args.length > 1 ? sarg(1) ?? ' \t' : ' \t'
      const set = `[${chars.replace(/[\]\\^-]/g, '\\$&')}]*`
      let out = s
      if (e.fn !== 'rtrim') out = out.replace(new RegExp(`^${set}`), '')
      if (e.fn !== 'ltrim') out = out.replace(new RegExp(`${set}$`), '')
      return out
    }
    case 'urldecode': {
      const s = sarg(0)
      if (s === null) return null
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '))
      } catch {
        return s
      }
    }
    case 'in': {
      const v = arg(0)
      if (v === null) return false
      const set = e.args.slice(1).map((_, i) => sarg(i + 1))
      return valuesOf(v).some((x) => set.includes(str(x)))
    }
    case 'searchmatch': {
      const terms = sarg(0)
      if (terms === null || !ctx.searchmatch) return null
      return ctx.searchmatch(terms, row, e.at)
    }
    case 'typeof': {
      const v = arg(0)
      return v === null ? 'Invalid' : Array.isArray(v) ? 'Multivalue' : typeof v === 'number' || num(v) !== undefined ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'String'
    }
    case 'mvfind': {
      const p = sarg(1)
      if (p === null) return null
      const re = splRegex(p, e.args[1]!.at)
      const i = valuesOf(arg(0)).findIndex((x) => re.test(str(x)))
      return i < 0 ? null : i
    }
    case 'mvzip': {
      const a = valuesOf(arg(0))
      const b = valuesOf(arg(1))
      const d = e.args.length > 2 ? sarg(2) ?? ',' : ','
      return norm(a.slice(0, Math.min(a.length, b.length)).map((x, i) => `${str(x)}${d}${str(b[i]!)}`))
    }
    case 'pow':
    case 'sqrt':
    case 'floor':
    case 'ceiling':
    case 'ceil': {
      const x = num(one(arg(0)))
      if (x === undefined) return null
      if (e.fn === 'pow') {
        const y = num(one(arg(1)))
        return y === undefined ? null : x ** y
      }
      return e.fn === 'sqrt' ? Math.sqrt(x) : e.fn === 'floor' ? Math.floor(x) : Math.ceil(x)
    }
    case 'max':
    case 'min': {
      const vs = e.args.flatMap((_, i) => valuesOf(arg(i)))
      if (vs.length === 0) return null
      const sorted = [...vs].sort(compare)
      return e.fn === 'min' ? sorted[0]! : sorted[sorted.length - 1]!
    }
  }
  throw new SplError('unsupported', `eval function ${e.fn}() is not evaluated`, e.at)
}

export { extractJson }
