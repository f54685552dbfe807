/**
 * A parser for the SPL that detection searches use: a pipeline of commands, the search language
 * of `search`, the expression language of `eval`/`where`, and the argument forms of the commands
 * in COMMANDS. Anything else is an `unsupported` SplError at its offset — never a guess.
 */
import type { Aggregation, Command, CompareOp, EvalExpr, EvalOp, Pipeline, SearchExpr, SortKey } from './ast.js'
import { boundedParse } from '../shared/depth.js'
import { SplError } from './errors.js'

/** Commands ruleproof evaluates, with what each does (docs/spl.md is generated from this table). */
export const COMMANDS: Readonly<Record<string, string>> = {
  search: 'search terms: field=value (case-insensitive, * wildcards), !=, <, >, <=, >=, IN (…), NOT, OR, AND, parentheses, free text on _raw tokens, index/source/sourcetype/host, earliest/latest',
  where: 'keeps results whose eval expression is true',
  eval: 'sets fields from eval expressions (functions in FUNCTIONS)',
  fillnull: 'fills missing fields (the given ones, or every field of the results) with value= (default 0)',
  stats: 'aggregates by fields (functions in AGGREGATIONS); a result needs every by field',
  eventstats: 'adds the aggregates of each by group to every result',
  streamstats: 'adds running aggregates (so far, in order) to every result',
  rename: 'renames fields, with * wildcards',
  table: 'keeps the listed fields (wildcards), in order',
  fields: 'keeps (+, default) or removes (-) the listed fields',
  dedup: 'keeps the first N (default 1) results of each combination of the fields',
  sort: 'sorts by fields (- descending), numbers before strings; a leading count limits',
  head: 'keeps the first N (default 10) results',
  tail: 'keeps the last N (default 10) results',
  rex: 'extracts named groups of a regular expression from field= (default _raw)',
  regex: 'keeps results whose field= (default _raw) matches (or, with !=, does not match) a regular expression',
  spath: 'extracts JSON paths (input=, output=, path=; all of them when no path)',
  bin: 'buckets _time (or a number) by span=',
  bucket: 'same as bin',
  convert: 'ctime(), mktime(), num(), dur2sec() with timeformat=',
  makemv: 'splits a field into a multivalue field by delim=',
  mvexpand: 'one result per value of a multivalue field',
  lookup: 'adds fields from a CSV of lookups/ (OUTPUT / OUTPUTNEW)',
  inputlookup: 'the rows of a CSV of lookups/ as results',
  join: 'joins with a subsearch over the same events by fields (type=inner or left)',
  append: 'appends the results of a subsearch over the same events',
}

/** Commands that exist in SPL but that ruleproof does not evaluate, with why. */
export const UNSUPPORTED_COMMANDS: Readonly<Record<string, string>> = {
  tstats: 'tstats reads accelerated data models, not the events of one source: ruleproof cannot evaluate it',
  mstats: 'mstats reads metric indexes, not events',
  datamodel: 'data models are not evaluated',
  from: 'from datamodel/savedsearch is not evaluated',
  outputlookup: 'outputlookup writes lookups: not evaluated in a test',
  iplocation: 'iplocation needs MaxMind data that ruleproof does not have',
  apply: 'apply runs MLTK models',
  map: 'map runs a search per result',
  transaction: 'transaction is not evaluated',
  foreach: 'foreach is not evaluated',
  appendpipe: 'appendpipe is not evaluated',
  xmlkv: 'xmlkv is not evaluated',
  collect: 'collect writes to an index',
  sendalert: 'sendalert has side effects',
}

export interface ParseOptions {
  /** Whether the search is a subsearch (ends at `]`). */
  sub?: boolean
}

const isWs = (ch: string | undefined): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r'
const WORD_STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '|', '[', ']', ',', '=', '"'])

class Parser {
  i = 0
  constructor(readonly src: string) {}

  err(message: string, at = this.i): never {
    throw new SplError('syntax', message, at)
  }
  ws(): void {
    while (isWs(this.src[this.i])) this.i++
  }
  peek(): string | undefined {
    this.ws()
    return this.src[this.i]
  }
  /** End of the current command: `|`, the subsearch's `]`, or the end. */
  atEnd(sub: boolean): boolean {
    const ch = this.peek()
    return ch === undefined || ch === '|' || (sub && ch === ']')
  }
  eat(s: string): boolean {
    this.ws()
    if (this.src.startsWith(s, this.i)) {
      this.i += s.length
      return true
    }
    return false
  }
  expect(s: string): void {
    if (!this.eat(s)) this.err(`expected '${s}'`)
  }
  /** A double-quoted string (backslash escapes `"` and `\`). */
  quoted(): string {
    const start = this.i
    this.i++
    let out = ''
    while (this.i < this.src.length) {
      const ch = this.src[this.i]!
      if (ch === '\\' && (this.src[this.i + 1] === '"' || this.src[this.i + 1] === '\\')) {
        out += this.src[this.i + 1]
        this.i += 2
        continue
      }
      if (ch === '"') {
        this.i++
        return out
      }
      out += ch
      this.i++
    }
    return this.err('unterminated quoted string', start)
  }
  /** A bare word: up to whitespace or punctuation. */
  word(stop: Set<string> = WORD_STOP): string {
    this.ws()
    const start = this.i
    while (this.i < this.src.length) {
      const ch = this.src[this.i]!
      if (ch === '\\' && this.i + 1 < this.src.length) {
        this.i += 2
        continue
      }
      if (stop.has(ch) || (ch === '!' && this.src[this.i + 1] === '=') || ch === '<' || ch === '>') break
      this.i++
    }
    return this.src.slice(start, this.i)
  }
  /** A field name or value: quoted or bare. */
  token(): { text: string; quoted: boolean; at: number } {
    this.ws()
    const at = this.i
    if (this.src[this.i] === '"') return { text: this.quoted(), quoted: true, at }
    const text = this.word()
    if (text === '') this.err(this.src[this.i] === undefined ? 'unexpected end of search' : `unexpected '${this.src[this.i]}'`)
    return { text, quoted: false, at }
  }
  fieldName(): string {
    return this.token().text
  }
  /** A field list: names separated by spaces or commas, up to the end of the command or a keyword. */
  fieldList(sub: boolean, until: (w: string) => boolean = () => false): string[] {
    const out: string[] = []
    for (;;) {
      while (this.eat(','));
      if (this.atEnd(sub)) break
      const save = this.i
      const t = this.token()
      if (!t.quoted && until(t.text)) {
        this.i = save
        break
      }
      out.push(t.text)
    }
    return out
  }
  /** `key=value` options at the head of a command. */
  options(keys: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {}
    for (;;) {
      this.ws()
      const save = this.i
      const m = /^([A-Za-z_]+)\s*=/.exec(this.src.slice(this.i))
      if (!m || !keys.includes(m[1]!.toLowerCase())) {
        this.i = save
        return out
      }
      this.i += m[0].length
      out[m[1]!.toLowerCase()] = this.token().text
    }
  }

  // ---- pipeline ----

  pipeline(sub: boolean): Pipeline {
    const at = (this.ws(), this.i)
    const commands: Command[] = []
    if (this.peek() === '|') (this.i++, commands.push(this.command(sub)))
    else {
      // A leading `search` keyword is the implicit search written out (as subsearches do).
      if (/^search(?=\s|$)/i.test(this.src.slice(this.i))) this.i += 6
      commands.push(this.searchCommand(at, sub))
    }
    for (;;) {
      if (this.atEnd(sub) && this.peek() !== '|') break
      if (!this.eat('|')) break
      commands.push(this.command(sub))
    }
    if (this.peek() === '|' && commands.length > 0) this.err('empty command')
    return { commands, at }
  }

  command(sub: boolean): Command {
    this.ws()
    const at = this.i
    if (this.src[this.i] === '`') this.err('a macro that was not expanded', at)
    const name = this.word().toLowerCase()
    if (name === '') return this.err('expected a command after |')
    if (name in UNSUPPORTED_COMMANDS) throw new SplError('unsupported', `unsupported command '${name}': ${UNSUPPORTED_COMMANDS[name]}`, at)
    if (!(name in COMMANDS)) throw new SplError('unsupported', `unsupported command '${name}' (ruleproof evaluates ${Object.keys(COMMANDS).join(', ')})`, at)
    switch (name) {
      case 'search':
        return this.searchCommand(at, sub)
      case 'where':
        return { c: 'where', expr: this.expr(sub), at }
      case 'eval': {
        const assignments: { field: string; expr: EvalExpr }[] = []
        do {
          const field = this.evalFieldName()
          this.expect('=')
          assignments.push({ field, expr: this.expr(sub) })
        } while (this.eat(','))
        return { c: 'eval', assignments, at }
      }
      case 'fillnull': {
        const o = this.options(['value'])
        return { c: 'fillnull', value: o.value ?? '0', fields: this.fieldList(sub), at }
      }
      case 'stats':
      case 'eventstats':
      case 'streamstats':
        return this.stats(name, at, sub)
      case 'rename': {
        const pairs: { from: string; to: string }[] = []
        while (!this.atEnd(sub)) {
          const from = this.fieldName()
          const as = this.word()
          if (as.toLowerCase() !== 'as') this.err("expected 'as'")
          pairs.push({ from, to: this.fieldName() })
          this.eat(',')
        }
        if (pairs.length === 0) this.err('rename needs a field', at)
        return { c: 'rename', pairs, at }
      }
      case 'table':
        return { c: 'table', fields: this.fieldList(sub), remove: false, at }
      case 'fields': {
        let remove = false
        if (this.peek() === '-' && isWs(this.src[this.i + 1])) (this.i++, (remove = true))
        else if (this.peek() === '+' && isWs(this.src[this.i + 1])) this.i++
        return { c: 'fields', fields: this.fieldList(sub), remove, at }
      }
      case 'dedup': {
        this.ws()
        const m = /^\d+(?=\s)/.exec(this.src.slice(this.i))
        let count = 1
        if (m) (count = Number(m[0]), (this.i += m[0].length))
        const fields = this.fieldList(sub, (w) => /^(keepempty|consecutive|sortby|keepevents)/i.test(w))
        if (!this.atEnd(sub)) throw new SplError('unsupported', 'dedup options other than a count and fields are not evaluated', this.i)
        if (fields.length === 0) this.err('dedup needs a field', at)
        return { c: 'dedup', count, fields, at }
      }
      case 'sort': {
        this.ws()
        let limit: number | undefined
        const lim = /^(?:limit\s*=\s*)?(\d+)(?=\s)/.exec(this.src.slice(this.i))
        if (lim) (limit = Number(lim[1]), (this.i += lim[0].length))
        const keys: SortKey[] = []
        let desc = false
        while (!this.atEnd(sub)) {
          this.eat(',')
          this.ws()
          let d: boolean = desc
          if (this.src[this.i] === '-' || this.src[this.i] === '+') {
            d = this.src[this.i] === '-'
            this.i++
            if (isWs(this.src[this.i])) desc = d
          }
          const f = this.token()
          if (!f.quoted && /^(num|str|ip|auto)$/i.test(f.text) && this.src[this.i] === '(') {
            this.i++
            const inner = this.fieldName()
            this.expect(')')
            keys.push({ field: inner, desc: d, as: f.text.toLowerCase() as SortKey['as'] })
          } else keys.push({ field: f.text, desc: d })
        }
        if (keys.length === 0) this.err('sort needs a field', at)
        return { c: 'sort', limit, keys, at }
      }
      case 'head':
      case 'tail': {
        const o = this.options(['limit'])
        let n = o.limit ?? (this.atEnd(sub) ? '10' : this.word())
        if (!/^\d+$/.test(n)) throw new SplError('unsupported', `${name} takes a count (an expression is not evaluated)`, at)
        return { c: name, n: Number(n), at }
      }
      case 'rex': {
        const keys = ['field', 'max_match', 'mode', 'offset_field']
        const o = this.options(keys)
        this.ws()
        if (this.src[this.i] !== '"') this.err('rex needs a quoted regular expression')
        const regex = this.quoted()
        // Options may also follow the expression.
        Object.assign(o, this.options(keys))
        if (o.mode !== undefined || (o.max_match !== undefined && o.max_match !== '1') || o.offset_field !== undefined) throw new SplError('unsupported', 'rex mode=sed, max_match other than 1 and offset_field are not evaluated', at)
        return { c: 'rex', field: o.field ?? '_raw', regex, at }
      }
      case 'regex': {
        this.ws()
        let field = '_raw'
        let negate = false
        const m = /^([^\s="!]+)\s*(!?=)\s*/.exec(this.src.slice(this.i))
        if (m) (field = m[1]!, (negate = m[2] === '!='), (this.i += m[0].length))
        this.ws()
        const regex = this.src[this.i] === '"' ? this.quoted() : this.word()
        return { c: 'regex', field, negate, regex, at }
      }
      case 'spath': {
        const o = this.options(['input', 'output', 'path'])
        let path = o.path
        if (path === undefined && !this.atEnd(sub)) path = this.token().text
        Object.assign(o, this.options(['input', 'output']))
        return { c: 'spath', input: o.input ?? '_raw', output: o.output, path, at }
      }
      case 'bin':
      case 'bucket': {
        let o = this.options(['span', 'bins', 'minspan', 'start', 'end', 'aligntime'])
        const field = this.fieldName()
        let as: string | undefined
        if (this.eatKeyword('as')) as = this.fieldName()
        o = { ...o, ...this.options(['span', 'bins', 'minspan', 'start', 'end', 'aligntime']) }
        if (o.span === undefined) throw new SplError('unsupported', 'bin without span= is not evaluated', at)
        if (Object.keys(o).length > 1) throw new SplError('unsupported', 'bin options other than span= are not evaluated', at)
        return { c: 'bin', field, span: o.span, as, at }
      }
      case 'convert': {
        const o = this.options(['timeformat'])
        const conversions: { fn: string; field: string; as: string | undefined }[] = []
        while (!this.atEnd(sub)) {
          const fnAt = (this.ws(), this.i)
          const fn = this.word().toLowerCase()
          if (!['ctime', 'mktime', 'num', 'dur2sec', 'none'].includes(fn)) throw new SplError('unsupported', `convert function '${fn}' is not evaluated`, fnAt)
          this.expect('(')
          const field = this.fieldName()
          this.expect(')')
          const as = this.eatKeyword('as') ? this.fieldName() : undefined
          conversions.push({ fn, field, as })
          this.eat(',')
        }
        return { c: 'convert', timeformat: o.timeformat, conversions, at }
      }
      case 'makemv': {
        const o = this.options(['delim', 'allowempty', 'setsv', 'tokenizer'])
        if (o.tokenizer !== undefined) throw new SplError('unsupported', 'makemv tokenizer= is not evaluated', at)
        return { c: 'makemv', delim: o.delim ?? ' ', field: this.fieldName(), at }
      }
      case 'mvexpand': {
        const field = this.fieldName()
        this.options(['limit'])
        return { c: 'mvexpand', field, at }
      }
      case 'lookup': {
        this.options(['local', 'update', 'event_time_field'])
        const table = this.fieldName()
        const pairs = (): { field: string; as: string | undefined }[] => {
          const out: { field: string; as: string | undefined }[] = []
          while (!this.atEnd(sub)) {
            const save = this.i
            const f = this.token()
            if (!f.quoted && /^(output|outputnew)$/i.test(f.text)) {
              this.i = save
              break
            }
            out.push({ field: f.text, as: this.eatKeyword('as') ? this.fieldName() : undefined })
            this.eat(',')
          }
          return out
        }
        const match = pairs()
        let outputNew = false
        let outputs: { field: string; as: string | undefined }[] = []
        if (!this.atEnd(sub)) {
          outputNew = this.word().toLowerCase() === 'outputnew'
          outputs = pairs()
        }
        if (match.length === 0) this.err('lookup needs a field to match', at)
        return { c: 'lookup', table, match, outputNew, outputs, at }
      }
      case 'inputlookup': {
        this.options(['append', 'start', 'max'])
        const table = this.fieldName()
        if (!this.atEnd(sub)) throw new SplError('unsupported', 'inputlookup where … is not evaluated', this.i)
        return { c: 'inputlookup', table, at }
      }
      case 'join': {
        const o = this.options(['type', 'max', 'usetime', 'earlier', 'overwrite'])
        const type = (o.type ?? 'inner').toLowerCase()
        if (type !== 'inner' && type !== 'left') throw new SplError('unsupported', `join type=${type} is not evaluated`, at)
        const fields: string[] = []
        while (this.peek() !== '[') {
          if (this.atEnd(sub)) this.err('join needs a subsearch in [ ]')
          Object.assign(o, this.options(['type', 'max', 'usetime', 'earlier', 'overwrite']))
          if (this.peek() === '[') break
          fields.push(this.fieldName())
          this.eat(',')
        }
        const kind = (o.type ?? 'inner').toLowerCase()
        if (kind !== 'inner' && kind !== 'left') throw new SplError('unsupported', `join type=${kind} is not evaluated`, at)
        return { c: 'join', type: kind, fields, sub: this.subsearch(), at }
      }
      case 'append':
        this.options(['extendtimerange', 'maxtime', 'maxout', 'timeout'])
        return { c: 'append', sub: this.subsearch(), at }
    }
    return this.err(`unknown command '${name}'`, at)
  }

  subsearch(): Pipeline {
    this.expect('[')
    const p = this.pipeline(true)
    this.expect(']')
    return p
  }

  eatKeyword(k: string): boolean {
    this.ws()
    const re = new RegExp(`^${k}(?=[\\s(,"]|$)`, 'i')
    const m = re.exec(this.src.slice(this.i))
    if (!m) return false
    this.i += m[0].length
    return true
  }

  stats(name: 'stats' | 'eventstats' | 'streamstats', at: number, sub: boolean): Command {
    const aggs: Aggregation[] = []
    const by: string[] = []
    this.options(['allnum', 'delim', 'partitions', 'current', 'window', 'global', 'reset_on_change', 'time_window'])
    while (!this.atEnd(sub)) {
      this.eat(',')
      this.ws()
      const aAt = this.i
      if (this.eatKeyword('by')) {
        by.push(...this.fieldList(sub))
        break
      }
      const fn = this.word(new Set([...WORD_STOP])).toLowerCase()
      if (fn === '') this.err('expected a stats function')
      if (!(fn in AGGREGATIONS)) throw new SplError('unsupported', `unsupported stats function '${fn}' (ruleproof evaluates ${Object.keys(AGGREGATIONS).join(', ')})`, aAt)
      let field: string | undefined
      if (this.src[this.i] === '(') {
        this.i++
        if (this.peek() !== ')') {
          this.ws()
          const ev = /^eval\s*\(/i.exec(this.src.slice(this.i))
          if (ev) {
            this.i += ev[0].length
            const expr = this.orExpr()
            this.expect(')')
            this.expect(')')
            const as = this.eatKeyword('as') ? this.fieldName() : undefined
            aggs.push({ fn, expr, as, at: aAt })
            continue
          }
          field = this.fieldName()
        }
        this.expect(')')
      }
      if (fn !== 'count' && field === undefined) this.err(`${fn} needs a field`, aAt)
      const as = this.eatKeyword('as') ? this.fieldName() : undefined
      aggs.push({ fn, field, as, at: aAt })
    }
    if (aggs.length === 0) this.err(`${name} needs a function`, at)
    return { c: name, aggs, by, at }
  }

  // ---- search ----

  searchCommand(at: number, sub: boolean): Command {
    if (this.atEnd(sub)) return { c: 'search', expr: null, at }
    return { c: 'search', expr: this.searchOr(sub), at }
  }

  searchOr(sub: boolean): SearchExpr {
    const at = (this.ws(), this.i)
    const items = [this.searchAnd(sub)]
    while (this.keyword('OR')) items.push(this.searchAnd(sub))
    return items.length === 1 ? items[0]! : { t: 'or', items, at }
  }

  /** An uppercase search keyword (lowercase `or` is a term, as in Splunk). */
  keyword(k: 'OR' | 'AND' | 'NOT' | 'IN'): boolean {
    this.ws()
    if (this.src.startsWith(k, this.i) && (isWs(this.src[this.i + k.length]) || this.src[this.i + k.length] === '(' || this.src[this.i + k.length] === '"')) {
      this.i += k.length
      return true
    }
    return false
  }

  searchAnd(sub: boolean): SearchExpr {
    const at = (this.ws(), this.i)
    const items: SearchExpr[] = []
    for (;;) {
      this.keyword('AND')
      const ch = this.peek()
      if (ch === undefined || ch === ')' || ch === '|' || (sub && ch === ']')) break
      if (this.src.startsWith('OR', this.i) && (isWs(this.src[this.i + 2]) || this.src[this.i + 2] === '(')) break
      items.push(this.searchNot(sub))
    }
    if (items.length === 0) this.err('expected a search term')
    return items.length === 1 ? items[0]! : { t: 'and', items, at }
  }

  searchNot(sub: boolean): SearchExpr {
    const at = (this.ws(), this.i)
    if (this.keyword('NOT')) return { t: 'not', item: this.searchNot(sub), at }
    if (this.src[this.i] === '(') {
      this.i++
      const e = this.searchOr(sub)
      this.expect(')')
      return e
    }
    if (this.src[this.i] === '[') throw new SplError('unsupported', 'subsearches in search terms are not evaluated', at)
    const first = this.token()
    this.ws()
    const opm = /^(!=|<=|>=|==|=|<|>)/.exec(this.src.slice(this.i))
    if (opm) {
      this.i += opm[0].length
      const op = (opm[0] === '==' ? '=' : opm[0]) as CompareOp
      this.ws()
      const v = this.src[this.i] === '"' ? { text: this.quoted(), quoted: true } : { text: this.word(new Set([' ', '\t', '\n', '\r', ')', '|', ...(sub ? [']'] : [])])), quoted: false }
      return { t: 'cmp', field: first.text, op, value: v.text, quoted: v.quoted, at }
    }
    if (this.keyword('IN')) {
      this.expect('(')
      const values: { value: string; quoted: boolean }[] = []
      while (this.peek() !== ')') {
        if (this.peek() === undefined) this.err("expected ')'")
        if (this.eat(',')) continue
        const t = this.token()
        values.push({ value: t.text, quoted: t.quoted })
        this.eat(',')
      }
      this.i++
      return { t: 'in', field: first.text, values, at }
    }
    if (first.text.toUpperCase() === 'IN' && !first.quoted && this.src[this.i] === '(') this.err('IN needs a field before it', at)
    return { t: 'term', value: first.text, quoted: first.quoted, at }
  }

  // ---- eval expressions ----

  evalFieldName(): string {
    this.ws()
    if (this.src[this.i] === '{') throw new SplError('unsupported', 'eval {field} (a field named by another field\'s value) is not evaluated', this.i)
    if (this.src[this.i] === "'") return this.singleQuoted()
    if (this.src[this.i] === '"') return this.quoted()
    const m = /^[A-Za-z_@][\w.{}:@-]*/.exec(this.src.slice(this.i))
    if (!m) this.err('expected a field name')
    this.i += m[0].length
    return m[0]
  }
  singleQuoted(): string {
    const start = this.i
    const end = this.src.indexOf("'", this.i + 1)
    if (end < 0) this.err('unterminated quoted field name', start)
    this.i = end + 1
    return this.src.slice(start + 1, end)
  }

  expr(sub: boolean): EvalExpr {
    const e = this.orExpr()
    if (!this.atEnd(sub) && this.peek() !== ',') this.err(`unexpected '${this.src[this.i]}' in an expression`)
    return e
  }
  binLevel(ops: readonly string[], next: () => EvalExpr, words = false): EvalExpr {
    let left = next()
    for (;;) {
      this.ws()
      const at = this.i
      const op = ops.find((o) => (words ? new RegExp(`^${o}(?=[\\s("'])`, 'i').test(this.src.slice(this.i)) : this.src.startsWith(o, this.i) && !(o === '=' && this.src[this.i + 1] === '=') && !((o === '<' || o === '>') && this.src[this.i + 1] === '=')))
      if (!op) return left
      this.i += op.length
      left = { t: 'bin', op: op.toUpperCase() as EvalOp, left, right: next(), at }
    }
  }
  orExpr = (): EvalExpr => this.binLevel(['OR'], this.xorExpr, true)
  xorExpr = (): EvalExpr => this.binLevel(['XOR'], this.andExpr, true)
  andExpr = (): EvalExpr => this.binLevel(['AND'], this.notExpr, true)
  notExpr = (): EvalExpr => {
    this.ws()
    const at = this.i
    if (/^NOT(?=[\s(])/i.test(this.src.slice(this.i))) {
      this.i += 3
      return { t: 'not', item: this.notExpr(), at }
    }
    return this.cmpExpr()
  }
  cmpExpr = (): EvalExpr => this.binLevel(['==', '!=', '<=', '>=', '=', '<', '>'], this.inExpr)
  /** `x IN ("a", "b")` in eval/where: the in() function. */
  inExpr = (): EvalExpr => {
    const left = this.likeExpr()
    this.ws()
    const at = this.i
    if (/^IN\s*\(/i.test(this.src.slice(this.i))) {
      this.i = this.src.indexOf('(', this.i) + 1
      const args: EvalExpr[] = [left]
      if (this.peek() !== ')') {
        do args.push(this.orExpr())
        while (this.eat(','))
      }
      this.expect(')')
      return { t: 'call', fn: 'in', args, at }
    }
    return left
  }
  likeExpr = (): EvalExpr => this.binLevel(['LIKE'], this.addExpr, true)
  addExpr = (): EvalExpr => this.binLevel(['+', '-', '.'], this.mulExpr)
  mulExpr = (): EvalExpr => this.binLevel(['*', '/', '%'], this.unary)
  unary = (): EvalExpr => {
    this.ws()
    const at = this.i
    if (this.src[this.i] === '-' && !/\d/.test(this.src[this.i + 1] ?? '')) {
      this.i++
      return { t: 'neg', item: this.unary(), at }
    }
    return this.primary()
  }
  primary(): EvalExpr {
    this.ws()
    const at = this.i
    const ch = this.src[this.i]
    if (ch === undefined) this.err('unexpected end of expression')
    if (ch === '(') {
      this.i++
      const e = this.orExpr()
      this.expect(')')
      return e
    }
    if (ch === '"') return { t: 'str', value: this.quoted(), at }
    if (ch === "'") return { t: 'field', name: this.singleQuoted(), at }
    const num = /^-?(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)/.exec(this.src.slice(this.i))
    if (num && !/[A-Za-z_]/.test(this.src[this.i + num[0].length] ?? '')) {
      this.i += num[0].length
      return { t: 'num', value: Number(num[0]), text: num[0], at }
    }
    const id = /^[A-Za-z_@][\w.{}:@]*/.exec(this.src.slice(this.i))
    if (!id) this.err(`unexpected '${ch}' in an expression`)
    let name = id[0]
    // A trailing '.' is the concatenation operator, not part of the name.
    while (name.endsWith('.')) name = name.slice(0, -1)
    this.i += name.length
    const paren = /^\s*\(/.exec(this.src.slice(this.i))
    if (paren && (this.src[this.i] === '(' || name.toLowerCase() in FUNCTIONS)) {
      this.i += paren[0].length - 1
      const fn = name.toLowerCase()
      if (!(fn in FUNCTIONS)) throw new SplError('unsupported', `unsupported eval function '${name}' (ruleproof evaluates ${Object.keys(FUNCTIONS).join(', ')})`, at)
      this.i++
      const args: EvalExpr[] = []
      if (this.peek() !== ')') {
        do args.push(this.orExpr())
        while (this.eat(','))
      }
      this.expect(')')
      return { t: 'call', fn, args, at }
    }
    return { t: 'field', name, at }
  }
}

/** Eval functions ruleproof evaluates: name → [min args, max args, what it does]. */
export const FUNCTIONS: Readonly<Record<string, readonly [number, number, string]>> = {
  if: [3, 3, 'if(cond, then, else)'],
  case: [2, 64, 'case(cond1, v1, cond2, v2, …): the value of the first true condition, else null'],
  coalesce: [1, 64, 'the first argument that is not null'],
  like: [2, 2, 'like(text, pattern): SQL LIKE with % and _ (case-sensitive)'],
  match: [2, 2, 'match(text, regex): whether the regular expression matches'],
  lower: [1, 1, 'lower case'],
  upper: [1, 1, 'upper case'],
  len: [1, 1, 'length in characters'],
  substr: [2, 3, 'substr(text, start (1-based; negative from the end), length)'],
  replace: [3, 3, 'replace(text, regex, replacement) with \\1 groups'],
  split: [2, 2, 'split(text, delimiter): a multivalue field'],
  mvcount: [1, 1, 'number of values (null for a missing field)'],
  mvindex: [2, 3, 'mvindex(mv, start, end): values by 0-based index (negative from the end)'],
  mvjoin: [2, 2, 'mvjoin(mv, delimiter)'],
  mvfilter: [1, 1, 'mvfilter(cond): the values for which cond (over the one field it names) is true'],
  mvappend: [1, 64, 'values of every argument, in order'],
  mvdedup: [1, 1, 'distinct values, in order'],
  isnull: [1, 1, 'whether the value is null'],
  isnotnull: [1, 1, 'whether the value is not null'],
  null: [0, 0, 'null'],
  true: [0, 0, 'true'],
  false: [0, 0, 'false'],
  tostring: [1, 2, 'tostring(v, "hex"|"commas"|"duration")'],
  tonumber: [1, 2, 'tonumber(text, base)'],
  strftime: [2, 2, 'strftime(epoch, format) in UTC'],
  strptime: [2, 2, 'strptime(text, format) in UTC'],
  relative_time: [2, 2, 'relative_time(epoch, "-1d@d")'],
  now: [0, 0, 'the test\'s now (epoch seconds)'],
  time: [0, 0, 'the test\'s now (epoch seconds)'],
  cidrmatch: [2, 2, 'cidrmatch("10.0.0.0/8", ip) for IPv4'],
  spath: [2, 2, 'spath(json, path): a value (or multivalue) of a JSON text'],
  json_extract: [1, 64, 'json_extract(json, path…): the value at a path, JSON text for objects'],
  round: [1, 2, 'round(x, digits)'],
  abs: [1, 1, 'absolute value'],
  trim: [1, 2, 'trim(text, chars)'],
  ltrim: [1, 2, 'ltrim(text, chars)'],
  rtrim: [1, 2, 'rtrim(text, chars)'],
  urldecode: [1, 1, 'percent-decoding'],
  in: [2, 64, 'in(field, v1, v2, …): exact membership'],
  searchmatch: [1, 1, 'searchmatch("search terms") on the result'],
  typeof: [1, 1, 'Number, String, Boolean, Invalid, Multivalue'],
  mvfind: [2, 2, 'mvfind(mv, regex): 0-based index of the first matching value, else null'],
  mvzip: [2, 3, 'mvzip(mv1, mv2, delimiter (default ",")): pairs of values joined'],
  pow: [2, 2, 'pow(x, y)'],
  sqrt: [1, 1, 'square root'],
  floor: [1, 1, 'floor'],
  ceiling: [1, 1, 'ceiling'],
  ceil: [1, 1, 'ceiling'],
  max: [1, 64, 'the largest argument (numbers before strings)'],
  min: [1, 64, 'the smallest argument'],
}

/** Stats functions ruleproof evaluates, with what each returns. */
export const AGGREGATIONS: Readonly<Record<string, string>> = {
  count: 'number of results (with a field: its values; with eval(expression): events where it is true or a value)',
  dc: 'number of distinct values',
  distinct_count: 'same as dc',
  values: 'distinct values, sorted lexicographically',
  list: 'every value, in order (at most 100)',
  min: 'smallest value (numeric when every value is a number)',
  max: 'largest value (numeric when every value is a number)',
  sum: 'sum of numeric values',
  avg: 'mean of numeric values',
  earliest: 'the value at the earliest _time',
  latest: 'the value at the latest _time',
  first: 'the value of the first result',
  last: 'the value of the last result',
  stdev: 'sample standard deviation of numeric values',
  stdevp: 'population standard deviation of numeric values',
  var: 'sample variance of numeric values',
  varp: 'population variance of numeric values',
  range: 'max - min of numeric values',
  median: 'the middle numeric value (the lower one of an even count, as Splunk)',
  mode: 'the most frequent value',
}

/** Parses a search (macros already expanded). Throws SplError. */
export function parseSpl(text: string): Pipeline {
  return boundedParse(() => {
    const p = new Parser(text)
    const pipeline = p.pipeline(false)
    p.ws()
    if (p.i < text.length) p.err(`unexpected '${text[p.i]}'`)
    if (pipeline.commands.length === 0) p.err('empty search', 0)
    return pipeline
  }, (message) => new SplError('syntax', message, 0))
}
