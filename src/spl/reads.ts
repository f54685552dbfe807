/**
 * The event fields a search reads: what can change its results. Field names are followed back
 * through the pipeline — `rename` (wildcards too), `eval`, `stats … as`, `rex`, `spath`, `lookup`
 * outputs — to the event fields they came from, and subsearches add theirs. Reading is taken
 * broadly: a field a later command filters or groups on is read; a field only shown is not.
 */
import type { Command, EvalExpr, Pipeline, SearchExpr } from './ast.js'
import { nameGlob } from './glob.js'

export interface SearchReads {
  /** Splunk field names of the indexed event (`objectRef.resource`, `sourceIPs{}`, `source`). */
  fields: string[]
  /** Free text, `_raw` or a whole-event extraction: any part of the record may change the results. */
  raw: boolean
  /** `_time`, `earliest`/`latest`, `now()`: the event's time (and the clock derived from it). */
  time: boolean
}

const CLOCK_FUNCTIONS = new Set(['now', 'time', 'relative_time'])

function evalFields(e: EvalExpr, out: Set<string>, flags: { raw: boolean; time: boolean }): void {
  switch (e.t) {
    case 'field':
      out.add(e.name)
      return
    case 'call':
      if (CLOCK_FUNCTIONS.has(e.fn)) flags.time = true
      // searchmatch() runs search terms (free text among them) on the whole event.
      if (e.fn === 'searchmatch') flags.raw = true
      e.args.forEach((a) => evalFields(a, out, flags))
      return
    case 'bin':
      evalFields(e.left, out, flags)
      evalFields(e.right, out, flags)
      return
    case 'not':
    case 'neg':
      evalFields(e.item, out, flags)
      return
    default:
      return
  }
}


export function searchReads(pipeline: Pipeline): SearchReads {
  const read = new Set<string>()
  const flags = { raw: false, time: false }
  run(pipeline, read, flags)
  if (read.has('_raw')) flags.raw = true
  if (read.has('_time')) flags.time = true
  read.delete('_raw')
  read.delete('_time')
  return { fields: [...read].sort(), ...flags }
}

function run(pipeline: Pipeline, read: Set<string>, flags: { raw: boolean; time: boolean }): void {
  // What each field made by the pipeline so far was made from (event fields); any other name is an event field.
  const origin = new Map<string, Set<string>>()
  const renames: { from: string; to: string }[] = []
  // `upto`: the wildcard renames that came before (a name renamed by one is looked up among the earlier ones only).
  const resolve = (name: string, upto = renames.length): Set<string> => {
    const made = origin.get(name)
    if (made) return made
    const out = new Set([name])
    for (let i = upto - 1; i >= 0; i--) {
      const r = renames[i]!
      const m = nameGlob(r.to).captures(name)
      if (!m) continue
      let k = 0
      const from = r.from.replace(/\*/g, () => m[k++] ?? '')
      for (const f of resolve(from, i)) out.add(f)
      break
    }
    return out
  }
  const readField = (name: string): void => {
    for (const f of resolve(name)) read.add(f)
  }
  const readExpr = (e: EvalExpr): Set<string> => {
    const names = new Set<string>()
    evalFields(e, names, flags)
    const out = new Set<string>()
    for (const n of names) for (const f of resolve(n)) out.add(f)
    return out
  }
  const searchExpr = (e: SearchExpr): void => {
    switch (e.t) {
      case 'and':
      case 'or':
        e.items.forEach(searchExpr)
        return
      case 'not':
        searchExpr(e.item)
        return
      case 'term':
        if (e.value !== '*') flags.raw = true
        return
      case 'in':
        readField(e.field)
        return
      case 'cmp': {
        const f = e.field.toLowerCase()
        if ((f === 'earliest' || f === 'latest') && e.op === '=') flags.time = true
        else readField(e.field)
        return
      }
    }
  }
  const made = (field: string, from: Iterable<string>): void => {
    origin.set(field, new Set(from))
  }

  for (const c of pipeline.commands) command(c)

  function command(c: Command): void {
    switch (c.c) {
      case 'search':
        if (c.expr) searchExpr(c.expr)
        return
      case 'where':
        for (const f of readExpr(c.expr)) read.add(f)
        return
      case 'eval':
        for (const a of c.assignments) made(a.field, readExpr(a.expr))
        return
      case 'stats':
      case 'eventstats':
      case 'streamstats': {
        // A result needs every by field: they are read. Aggregates are made of what they aggregate.
        c.by.forEach(readField)
        for (const a of c.aggs) {
          const from = a.expr !== undefined ? readExpr(a.expr) : a.field !== undefined ? resolve(a.field) : new Set<string>()
          // Named as evaluate names it (an unnamed fn(eval(…)) is left out: nothing can refer to it by hand).
          const name = a.as ?? (a.expr !== undefined ? undefined : a.field === undefined ? a.fn : `${a.fn}(${a.field})`)
          if (name !== undefined) made(name, from)
        }
        return
      }
      case 'rename':
        for (const p of c.pairs) {
          if (p.from.includes('*')) renames.push({ from: p.from, to: p.to })
          else made(p.to, resolve(p.from))
        }
        return
      case 'dedup':
      case 'mvexpand':
        // Both drop results that lack the field.
        ;(c.c === 'dedup' ? c.fields : [c.field]).forEach(readField)
        return
      case 'sort':
        c.keys.forEach((k) => readField(k.field))
        return
      case 'rex': {
        const from = resolve(c.field)
        for (const m of c.regex.matchAll(/\(\?P?<([A-Za-z_]\w*)>/g)) made(m[1]!, from)
        return
      }
      case 'regex':
        readField(c.field)
        return
      case 'spath':
        // Every field spath makes comes from its input: reading the input covers them.
        readField(c.input)
        if (c.path !== undefined) made(c.output ?? c.path, resolve(c.input))
        return
      case 'bin':
      case 'convert':
      case 'makemv': {
        const pairs = c.c === 'convert' ? c.conversions.map((v) => [v.field, v.as ?? v.field] as const) : c.c === 'bin' ? [[c.field, c.as ?? c.field] as const] : [[c.field, c.field] as const]
        for (const [from, to] of pairs) made(to, resolve(from))
        return
      }
      case 'lookup': {
        const keys = new Set<string>()
        for (const m of c.match) for (const f of resolve(m.as ?? m.field)) keys.add(f)
        keys.forEach((k) => read.add(k))
        for (const o of c.outputs) made(o.as ?? o.field, keys)
        return
      }
      case 'join':
        c.fields.forEach(readField)
        run(c.sub, read, flags)
        return
      case 'append':
        run(c.sub, read, flags)
        return
      case 'fillnull':
      case 'table':
      case 'fields':
      case 'head':
      case 'tail':
      case 'inputlookup':
        return
    }
  }
}
