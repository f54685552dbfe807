import { boundedParse } from '../shared/depth.js'
import type { Expr, JoinKey, Named, Op, ParsePart, Query, SortKey, Statement, Tabular } from './ast.js'
import { KqlError, unsupported } from './errors.js'
import { tokenize, type Token } from './lexer.js'
import { KDateTime, KTimespan, parseDateTime, parseTimespan, real } from './values.js'

/** Tabular operators ruleproof's engine evaluates (docs/kql.md lists them from here). */
export const SUPPORTED_OPERATORS = [
  'where', 'filter', 'extend', 'project', 'project-away', 'project-keep', 'project-rename', 'project-reorder',
  'summarize', 'sort', 'order', 'top', 'take', 'limit', 'distinct', 'mv-expand', 'parse', 'join',
  'lookup', 'union', 'count', 'as', 'serialize', 'mvexpand',
] as const

/** Binary string/comparison operators the engine evaluates. */
export const SUPPORTED_BINARY = [
  '==', '!=', '<>', '=~', '!~', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', 'and', 'or',
  'has', '!has', 'has_cs', '!has_cs', 'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
  'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs', 'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs',
  'matches regex',
] as const

export const SUPPORTED_LIST = ['in', '!in', 'in~', '!in~', 'has_any', 'has_all', 'between', '!between'] as const

const STRING_OPS: ReadonlySet<string> = new Set<string>(SUPPORTED_BINARY.filter((o) => /^!?[a-z]/.test(o) && o !== 'and' && o !== 'or' && o !== 'matches regex'))
/** String operators Kusto has and ruleproof does not evaluate: reported, not misread. */
const UNSUPPORTED_STRING_OPS = new Set(['like', 'notlike', 'has_any_cs', 'in_cs', 'has_all_cs', 'contains_any'])

/** Tables a bare name can mean, beyond those the parser learns from `let`. */
export interface ParseOptions {
  knownTables?: ReadonlySet<string>
}

class Parser {
  private i = 0
  private readonly tabularLets = new Set<string>()
  private readonly scalarLets = new Set<string>()
  readonly tables = new Map<string, number>()

  constructor(
    private readonly text: string,
    private readonly toks: Token[],
    private readonly known: ReadonlySet<string>,
  ) {}

  private peek(n = 0): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!
  }
  private next(): Token {
    const t = this.peek()
    if (this.i < this.toks.length - 1) this.i++
    return t
  }
  private is(text: string, n = 0): boolean {
    const t = this.peek(n)
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text
  }
  private accept(text: string): boolean {
    if (this.is(text)) {
      this.next()
      return true
    }
    return false
  }
  private fail(message: string, t: Token = this.peek()): never {
    throw new KqlError('syntax', t.kind === 'eof' ? `${message}, found the end of the query` : `${message}, found '${this.text.slice(t.offset, t.end)}'`, t.offset)
  }
  private expect(text: string): Token {
    if (!this.is(text)) this.fail(`expected '${text}'`)
    return this.next()
  }
  private ident(what = 'a name'): Token {
    const t = this.peek()
    if (t.kind === 'ident') return this.next()
    // ['quoted name'] / ["quoted name"]
    if (this.is('[') && this.peek(1).kind === 'string' && this.is(']', 2)) {
      this.next()
      const s = this.next()
      this.next()
      return { ...s, kind: 'ident' }
    }
    return this.fail(`expected ${what}`)
  }

  query(): Query {
    const statements: Statement[] = []
    while (this.peek().kind !== 'eof') {
      if (this.accept(';')) continue
      statements.push(this.statement())
      if (this.peek().kind !== 'eof') this.expect(';')
    }
    if (!statements.some((s) => s.k === 'query')) throw new KqlError('syntax', 'the query has no tabular expression to run', this.text.length)
    return { statements, tables: this.tables }
  }

  private statement(): Statement {
    const t = this.peek()
    if (t.kind === 'ident' && t.text === 'let') {
      this.next()
      const name = this.ident().text
      this.expect('=')
      // let F = () { … } — a function without parameters is a tabular let.
      if (this.is('(') && this.is(')', 1) && this.is('{', 2)) {
        this.next(), this.next(), this.next()
        const query = this.tabular()
        this.expect('}')
        this.tabularLets.add(name)
        return { k: 'let-tabular', name, query, at: t.offset }
      }
      if (this.is('(') && this.peek(1).kind === 'ident' && this.is(':', 2)) throw unsupported('let function with parameters', this.peek().offset)
      if (this.is('view')) throw unsupported('view', this.peek().offset)
      if (this.isTabularStart()) {
        const query = this.tabular()
        this.tabularLets.add(name)
        this.scalarLets.delete(name)
        return { k: 'let-tabular', name, query, at: t.offset }
      }
      const expr = this.expr()
      this.scalarLets.add(name)
      this.tabularLets.delete(name)
      return { k: 'let-scalar', name, expr, at: t.offset }
    }
    if (t.kind === 'ident' && ['set', 'declare', 'alias', 'pattern', 'restrict'].includes(t.text) && this.peek(1).kind === 'ident') throw unsupported(t.text, t.offset)
    return { k: 'query', query: this.tabular(), at: t.offset }
  }

  private isTabularStart(n = 0): boolean {
    const t = this.peek(n)
    if (this.is('(', n)) return this.isTabularStart(n + 1)
    if (t.kind !== 'ident') return false
    if (['datatable', 'union', 'materialize', 'range', 'print', 'find', 'search', 'externaldata', 'evaluate', 'workspace', 'app', 'cluster', 'database', 'table'].includes(t.text)) return true
    if (this.scalarLets.has(t.text)) return false
    if (this.tabularLets.has(t.text) || this.known.has(t.text)) return true
    const after = this.peek(n + 1)
    return after.kind === 'punct' && after.text === '|'
  }

  tabular(): Tabular {
    let input = this.source()
    while (this.is('|')) {
      this.next()
      input = { k: 'pipe', input, op: this.operator(), at: this.peek().offset }
    }
    return input
  }

  private source(): Tabular {
    const t = this.peek()
    if (this.accept('(')) {
      const q = this.tabular()
      this.expect(')')
      return q
    }
    if (t.kind !== 'ident') this.fail('expected a table name')
    switch (t.text) {
      case 'datatable':
        return this.datatable()
      case 'union':
        this.next()
        return { k: 'union', sources: this.unionSources(), at: t.offset }
      case 'materialize': {
        // materialize(T) evaluates T once: the same rows.
        this.next()
        this.expect('(')
        const q = this.tabular()
        this.expect(')')
        return q
      }
      case 'range': case 'print': case 'find': case 'search': case 'externaldata': case 'evaluate': case 'workspace': case 'app': case 'cluster': case 'database': case 'table': case 'external_table':
        if (this.is('(', 1) || t.text === 'print' || t.text === 'range' || t.text === 'search' || t.text === 'find' || t.text === 'evaluate' || t.text === 'externaldata') throw unsupported(t.text, t.offset)
    }
    this.next()
    if (this.is('(') && this.is(')', 1)) {
      this.next(), this.next()
    } else if (this.is('(')) throw unsupported(`${t.text}(…) function call`, t.offset)
    if (!this.tabularLets.has(t.text) && !this.tables.has(t.text)) this.tables.set(t.text, t.offset)
    return { k: 'source', name: t.text, at: t.offset }
  }

  private unionSources(): Tabular[] {
    while (this.peek().kind === 'ident' && this.is('=', 1)) {
      const opt = this.next()
      this.next()
      const v = this.next()
      if (opt.text === 'isfuzzy' || (opt.text === 'kind' && v.text === 'outer')) continue
      throw unsupported(`union ${opt.text}=${v.text}`, opt.offset)
    }
    const sources = [this.unionSource()]
    while (this.accept(',')) sources.push(this.unionSource())
    return sources
  }

  private unionSource(): Tabular {
    const t = this.peek()
    if (t.kind === 'ident' && /\*/.test(this.text.slice(t.end, t.end + 1))) throw unsupported('union with a wildcard table name', t.offset)
    return this.source()
  }

  private datatable(): Tabular {
    const at = this.next().offset
    this.expect('(')
    const columns: { name: string; type: string }[] = []
    do {
      const name = this.ident('a column name').text
      this.expect(':')
      const type = this.ident('a type').text
      columns.push({ name, type })
    } while (this.accept(','))
    this.expect(')')
    this.expect('[')
    const values: Expr[] = []
    if (!this.is(']')) {
      do {
        if (this.is(']')) break
        values.push(this.expr())
      } while (this.accept(','))
    }
    this.expect(']')
    if (values.length % columns.length !== 0) throw new KqlError('syntax', `datatable: ${values.length} values do not fill rows of ${columns.length} columns`, at)
    return { k: 'datatable', columns, values, at }
  }

  private operator(): Op {
    const t = this.peek()
    if (t.kind !== 'ident') this.fail('expected a query operator')
    const name = t.text
    const at = t.offset
    switch (name) {
      case 'where':
      case 'filter':
        this.next()
        return { k: 'where', pred: this.expr(), at }
      case 'extend':
        this.next()
        return { k: 'extend', items: this.namedList(), at }
      case 'project':
        this.next()
        return { k: 'project', items: this.namedList(), at }
      case 'project-away':
      case 'project-keep':
      case 'project-reorder': {
        this.next()
        const names = this.nameList()
        if (name === 'project-reorder') {
          if (this.is('asc') || this.is('desc') || this.is('granny-asc')) throw unsupported('project-reorder with an order', this.peek().offset)
          return { k: 'project-reorder', names, at }
        }
        return { k: name, names, at }
      }
      case 'project-rename': {
        this.next()
        const pairs: [string, string][] = []
        do {
          const n = this.ident().text
          this.expect('=')
          pairs.push([n, this.ident().text])
        } while (this.accept(','))
        return { k: 'project-rename', pairs, at }
      }
      case 'summarize':
        return this.summarize()
      case 'sort':
      case 'order':
        this.next()
        this.expect('by')
        return { k: 'sort', keys: this.sortKeys(), at }
      case 'top': {
        this.next()
        const n = this.expr()
        this.expect('by')
        const key = this.sortKey()
        if (this.is(',')) throw unsupported('top by several keys', this.peek().offset)
        return { k: 'top', n, key, at }
      }
      case 'take':
      case 'limit':
        this.next()
        return { k: 'take', n: this.expr(), at }
      case 'distinct': {
        this.next()
        if (this.accept('*')) return { k: 'distinct', items: [], star: true, at }
        return { k: 'distinct', items: this.namedList(), star: false, at }
      }
      case 'mv-expand':
      case 'mvexpand':
        return this.mvExpand()
      case 'serialize':
        // serialize only marks the rows' order as kept; window functions (prev, next, row_number) are not supported.
        this.next()
        if (this.peek().kind === 'ident' && !this.is('|', 0)) throw unsupported('serialize with columns', this.peek().offset)
        return { k: 'take', n: { k: 'lit', v: Number.MAX_SAFE_INTEGER, at }, at }
      case 'parse':
        return this.parseOp()
      case 'join':
      case 'lookup':
        return this.join(name)
      case 'union':
        this.next()
        return { k: 'union', sources: this.unionSources(), at }
      case 'count':
        this.next()
        return { k: 'count', at }
      case 'as':
        this.next()
        while (this.peek().kind === 'ident' && this.is('=', 1)) {
          this.next(), this.next(), this.next()
        }
        {
          const n = this.ident().text
          this.tabularLets.add(n)
          return { k: 'as', name: n, at }
        }
      default:
        throw unsupported(name, at)
    }
  }

  private nameList(): string[] {
    const names: string[] = []
    do {
      const t = this.ident('a column name')
      let n = t.text
      // Wildcards: Col*, *Col
      while (this.is('*') && this.peek().offset === this.toks[this.i - 1]!.end) {
        n += '*'
        this.next()
        if (this.peek().kind === 'ident' && this.peek().offset === this.toks[this.i - 1]!.end) n += this.next().text
      }
      names.push(n)
    } while (this.accept(','))
    return names
  }

  private namedList(): Named[] {
    const items: Named[] = []
    do items.push(this.named())
    while (this.accept(','))
    return items
  }

  private named(): Named {
    const at = this.peek().offset
    if (this.is('(') && this.peek(1).kind === 'ident' && this.is(',', 2)) throw unsupported('tuple assignment (A, B) = …', at)
    if ((this.peek().kind === 'ident' || (this.is('[') && this.peek(1).kind === 'string')) && (this.is('=', 1) || this.is('=', 3))) {
      const save = this.i
      const n = this.ident()
      if (this.accept('=')) return { name: n.text, expr: this.expr(), at }
      this.i = save
    }
    return { expr: this.expr(), at }
  }

  private summarize(): Op {
    const at = this.next().offset
    while (this.peek().kind === 'ident' && this.peek().text.startsWith('hint') && this.is('.', 1)) {
      throw unsupported('summarize hints', this.peek().offset)
    }
    const aggs: Named[] = []
    if (!this.is('by')) aggs.push(...this.namedList())
    const by: Named[] = []
    if (this.accept('by')) by.push(...this.namedList())
    return { k: 'summarize', aggs, by, at }
  }

  private sortKeys(): SortKey[] {
    const keys = [this.sortKey()]
    while (this.accept(',')) keys.push(this.sortKey())
    return keys
  }

  private sortKey(): SortKey {
    const expr = this.expr()
    let desc = true
    if (this.accept('asc')) desc = false
    else this.accept('desc')
    // Kusto's default: nulls last when descending, first when ascending.
    let nullsFirst = !desc
    if (this.accept('nulls')) {
      if (this.accept('first')) nullsFirst = true
      else {
        this.expect('last')
        nullsFirst = false
      }
    }
    return { expr, desc, nullsFirst }
  }

  private mvExpand(): Op {
    const at = this.next().offset
    while (this.peek().kind === 'ident' && this.is('=', 1) && ['kind', 'bagexpansion', 'with_itemindex'].includes(this.peek().text)) {
      const o = this.next()
      this.next()
      const v = this.next()
      if (!(o.text === 'kind' && v.text === 'array') && !(o.text === 'bagexpansion' && v.text === 'bag')) throw unsupported(`mv-expand ${o.text}=${v.text}`, o.offset)
    }
    const items: Named[] = []
    do {
      items.push(this.named())
      if (this.accept('to')) {
        this.expect('typeof')
        this.expect('(')
        const type = this.ident('a type').text
        this.expect(')')
        const last = items[items.length - 1]!
        last.expr = { k: 'call', name: `to${type === 'string' ? 'string' : type === 'int' ? 'int' : type === 'long' ? 'long' : type === 'real' || type === 'double' ? 'real' : type === 'bool' ? 'bool' : type === 'datetime' ? 'datetime' : type === 'dynamic' ? 'dynamic' : type}`, args: [last.expr], at: last.at, ...({ mvType: true } as object) }
      }
    } while (this.accept(','))
    let limit: Expr | undefined
    if (this.accept('limit')) limit = this.expr()
    return limit ? { k: 'mv-expand', items, limit, at } : { k: 'mv-expand', items, at }
  }

  private parseOp(): Op {
    const at = this.next().offset
    if (this.is('kind') && this.is('=', 1)) {
      const k = this.peek(2)
      if (k.text !== 'simple') throw unsupported(`parse kind=${k.text}`, this.peek().offset)
      this.next(), this.next(), this.next()
    }
    const source = this.expr()
    this.expect('with')
    const parts: ParsePart[] = []
    for (;;) {
      const t = this.peek()
      if (t.kind === 'string') {
        parts.push({ text: this.next().text })
      } else if (this.is('*')) {
        this.next()
        parts.push({ column: '*', type: 'string' })
      } else if (t.kind === 'ident' && !this.is('|') ) {
        const column = this.next().text
        let type = 'string'
        if (this.accept(':')) type = this.ident('a type').text
        parts.push({ column, type })
      } else break
      if (this.peek().kind === 'eof' || this.is('|') || this.is(';') || this.is(')') || this.is('}')) break
    }
    if (parts.length === 0) this.fail('expected a parse pattern')
    return { k: 'parse', source, parts, at }
  }

  private join(name: 'join' | 'lookup'): Op {
    const at = this.next().offset
    let kind = name === 'join' ? 'innerunique' : 'leftouter'
    while (this.peek().kind === 'ident' && this.is('=', 1)) {
      const o = this.next()
      this.next()
      const v = this.next()
      if (o.text === 'kind') kind = v.text
      else if (!o.text.startsWith('hint')) throw unsupported(`${name} ${o.text}=`, o.offset)
    }
    const supported = name === 'join' ? ['innerunique', 'inner', 'leftouter', 'leftanti', 'anti', 'leftantisemi', 'leftsemi', 'rightsemi', 'rightanti', 'rightantisemi', 'fullouter', 'rightouter'] : ['leftouter', 'inner']
    if (!supported.includes(kind)) throw unsupported(`${name} kind=${kind}`, at)
    let right: Tabular
    if (this.is('(')) {
      this.next()
      right = this.tabular()
      this.expect(')')
    } else right = this.source()
    if (!this.is('on')) this.fail(`expected 'on'`)
    const onTok = this.next()
    const on: JoinKey[] = []
    do {
      if (this.is('$left') || this.is('$right')) {
        const a = this.sideKey()
        this.expect('==')
        const b = this.sideKey()
        if (a.side === b.side) throw new KqlError('syntax', 'a join condition compares $left with $right', onTok.offset)
        on.push(a.side === 'left' ? { left: a.name, right: b.name } : { left: b.name, right: a.name })
      } else {
        const n = this.ident('a join key').text
        on.push({ left: n, right: n })
      }
    } while (this.accept(',') || this.accept('and'))
    return { k: name, kind: kind === 'anti' || kind === 'leftantisemi' ? 'leftanti' : kind === 'rightantisemi' ? 'rightanti' : kind, right, on, at }
  }

  private sideKey(): { side: 'left' | 'right'; name: string } {
    const s = this.next().text
    this.expect('.')
    return { side: s === '$left' ? 'left' : 'right', name: this.ident().text }
  }

  // Expressions, lowest precedence first.
  expr(): Expr {
    let l = this.and()
    while (this.is('or')) {
      const at = this.next().offset
      l = { k: 'bin', op: 'or', l, r: this.and(), at }
    }
    return l
  }

  private and(): Expr {
    let l = this.comparison()
    while (this.is('and')) {
      const at = this.next().offset
      l = { k: 'bin', op: 'and', l, r: this.comparison(), at }
    }
    return l
  }

  /** The operator at the cursor as text (`!has`, `in~`, `matches regex`, …), without consuming it. */
  private peekOp(): { op: string; len: number } | undefined {
    const t = this.peek()
    if (t.kind === 'punct') {
      if (['==', '!=', '<>', '=~', '!~', '<', '>', '<=', '>='].includes(t.text)) return { op: t.text, len: 1 }
      if (t.text === '!' && this.peek(1).kind === 'ident' && this.peek(1).offset === t.end) {
        const w = this.peek(1).text
        if (w === 'in' && this.is('~', 2)) return { op: '!in~', len: 3 }
        return { op: `!${w}`, len: 2 }
      }
      return undefined
    }
    if (t.kind !== 'ident') return undefined
    if (t.text === 'in' && this.is('~', 1)) return { op: 'in~', len: 2 }
    if (t.text === 'matches' && this.is('regex', 1)) return { op: 'matches regex', len: 2 }
    if (STRING_OPS.has(t.text) || UNSUPPORTED_STRING_OPS.has(t.text) || ['in', 'has_any', 'has_all', 'between'].includes(t.text)) return { op: t.text, len: 1 }
    return undefined
  }

  private comparison(): Expr {
    const l = this.additive()
    const o = this.peekOp()
    if (!o) return l
    const at = this.peek().offset
    if (UNSUPPORTED_STRING_OPS.has(o.op) || !(STRING_OPS.has(o.op) || (SUPPORTED_LIST as readonly string[]).includes(o.op) || (SUPPORTED_BINARY as readonly string[]).includes(o.op))) throw unsupported(o.op, at)
    for (let n = 0; n < o.len; n++) this.next()
    if (o.op === 'between' || o.op === '!between') {
      this.expect('(')
      const lo = this.additive()
      this.expect('..')
      const hi = this.additive()
      this.expect(')')
      return { k: 'between', l, lo, hi, neg: o.op === '!between', at }
    }
    if ((SUPPORTED_LIST as readonly string[]).includes(o.op)) {
      this.expect('(')
      if (this.isTabularStart() && !this.scalarLets.has(this.peek().text) && (this.is('|', 1) || this.tabularLets.has(this.peek().text))) {
        const sub = this.tabular()
        this.expect(')')
        return { k: 'list', op: o.op, l, items: [], sub, at }
      }
      const items: Expr[] = []
      if (!this.is(')')) {
        do items.push(this.expr())
        while (this.accept(','))
      }
      this.expect(')')
      return { k: 'list', op: o.op, l, items, at }
    }
    const r = this.additive()
    return { k: 'bin', op: o.op === '<>' ? '!=' : o.op, l, r, at }
  }

  private additive(): Expr {
    let l = this.multiplicative()
    while ((this.is('+') || this.is('-')) ) {
      const t = this.next()
      l = { k: 'bin', op: t.text, l, r: this.multiplicative(), at: t.offset }
    }
    return l
  }

  private multiplicative(): Expr {
    let l = this.unary()
    while (this.is('*') || this.is('/') || this.is('%')) {
      const t = this.next()
      l = { k: 'bin', op: t.text, l, r: this.unary(), at: t.offset }
    }
    return l
  }

  private unary(): Expr {
    if (this.is('-')) {
      const at = this.next().offset
      return { k: 'neg', e: this.unary(), at }
    }
    if (this.is('+')) this.next()
    return this.postfix(this.primary())
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.is('.')) {
        const at = this.next().offset
        const t = this.peek()
        if (t.kind === 'ident') {
          this.next()
          e = { k: 'member', obj: e, name: t.text, at }
        } else if (this.is('[')) {
          this.next()
          const s = this.next()
          if (s.kind !== 'string') this.fail('expected a quoted member name', s)
          this.expect(']')
          e = { k: 'member', obj: e, name: s.text, at }
        } else this.fail('expected a member name')
      } else if (this.is('[')) {
        const at = this.next().offset
        const index = this.expr()
        this.expect(']')
        e = { k: 'index', obj: e, index, at }
      } else return e
    }
  }

  private primary(): Expr {
    const t = this.peek()
    switch (t.kind) {
      case 'string': {
        this.next()
        let v = t.text
        // Adjacent string literals concatenate.
        while (this.peek().kind === 'string') v += this.next().text
        return { k: 'lit', v, at: t.offset }
      }
      case 'number':
        this.next()
        // `7.0` and `1e3` are reals even when integral; `7` and `0x1F` are longs.
        return { k: 'lit', v: /^0x/i.test(t.text) || !/[.eE]/.test(t.text) ? t.value! : real(t.value!), at: t.offset }
      case 'timespan':
        this.next()
        return { k: 'lit', v: new KTimespan(t.value!), at: t.offset }
      case 'punct':
        if (t.text === '(') {
          this.next()
          if (this.isTabularStart() && this.is('|', 1)) throw unsupported('tabular expression used as a scalar', t.offset)
          const e = this.expr()
          this.expect(')')
          return e
        }
        if (t.text === '[' && this.peek(1).kind === 'string' && this.is(']', 2)) return { k: 'name', name: this.ident().text, at: t.offset }
        if (t.text === '*') this.fail('unexpected *')
        return this.fail('expected an expression')
      case 'ident':
        break
      default:
        return this.fail('expected an expression')
    }
    this.next()
    const name = t.text
    if (name === 'true' || name === 'false') return { k: 'lit', v: name === 'true', at: t.offset }
    if (name === 'null') return { k: 'lit', v: null, at: t.offset }
    if (this.is('(')) {
      switch (name) {
        case 'dynamic': {
          this.next()
          const v = this.dynamicLiteral()
          this.expect(')')
          return { k: 'lit', v, at: t.offset }
        }
        case 'datetime':
        case 'timespan':
        case 'time':
        case 'bool':
        case 'boolean':
        case 'long':
        case 'int':
        case 'real':
        case 'double':
        case 'guid':
        case 'decimal':
          return this.typedLiteral(name, t)
        case 'toscalar':
          throw unsupported('toscalar', t.offset)
      }
      this.next()
      const args: Expr[] = []
      let star = false
      if (!this.is(')')) {
        do {
          if (this.is('*')) {
            this.next()
            star = true
          } else args.push(this.named().expr)
        } while (this.accept(','))
      }
      this.expect(')')
      return star ? { k: 'call', name, args, at: t.offset, star } : { k: 'call', name, args, at: t.offset }
    }
    return { k: 'name', name, at: t.offset }
  }

  /** datetime(2024-01-01 10:00), timespan(1d), long(5), …: the raw text between the parentheses. */
  private typedLiteral(name: string, t: Token): Expr {
    const open = this.next()
    let depth = 1
    let close = open
    while (depth > 0) {
      close = this.next()
      if (close.kind === 'eof') this.fail(`expected ')'`, close)
      if (close.text === '(' && close.kind === 'punct') depth++
      if (close.text === ')' && close.kind === 'punct') depth--
    }
    const raw = this.text.slice(open.end, close.offset).trim()
    const at = t.offset
    if (raw === 'null') return { k: 'lit', v: null, at }
    switch (name) {
      case 'datetime': {
        const d = parseDateTime(raw.replace(/^["']|["']$/g, ''))
        if (!d) throw new KqlError('syntax', `not a datetime literal: ${raw}`, open.end)
        return { k: 'lit', v: d, at }
      }
      case 'timespan':
      case 'time': {
        const m = /^(-?[0-9.]+)\s*([a-z]*)$/i.exec(raw)
        if (m) {
          const toks = tokenize(raw)
          const tok = toks[0]!
          if (tok.kind === 'timespan') return { k: 'lit', v: new KTimespan(tok.value!), at }
          if (tok.kind === 'number') return { k: 'lit', v: new KTimespan(tok.value! * 86_400_000), at }
        }
        const s = parseTimespan(raw)
        if (!s) throw new KqlError('syntax', `not a timespan literal: ${raw}`, open.end)
        return { k: 'lit', v: s, at }
      }
      case 'bool':
      case 'boolean':
        return { k: 'lit', v: raw === 'true' || raw === '1', at }
      case 'guid':
        return { k: 'lit', v: raw, at }
      default: {
        const isReal = name === 'real' || name === 'double'
        const special = isReal ? REAL_SPECIALS[raw.toLowerCase()] : undefined
        const n = special ?? Number(raw)
        if (Number.isNaN(n) && special === undefined) throw new KqlError('syntax', `not a ${name} literal: ${raw}`, open.end)
        return { k: 'lit', v: name === 'long' || name === 'int' ? Math.trunc(n) : isReal ? real(n) : n, at }
      }
    }
  }

  private dynamicLiteral(): unknown {
    const t = this.peek()
    if (this.accept('[')) {
      const out: unknown[] = []
      if (!this.is(']')) {
        do {
          if (this.is(']')) break
          out.push(this.dynamicLiteral())
        } while (this.accept(','))
      }
      this.expect(']')
      return out
    }
    if (this.accept('{')) {
      const out: Record<string, unknown> = {}
      if (!this.is('}')) {
        do {
          const k = this.next()
          if (k.kind !== 'string' && k.kind !== 'ident') this.fail('expected a property name', k)
          this.expect(':')
          out[k.text] = this.dynamicLiteral()
        } while (this.accept(','))
      }
      this.expect('}')
      return out
    }
    if (this.is('-') && this.peek(1).kind === 'number') {
      this.next()
      return -this.next().value!
    }
    if (t.kind === 'string' || t.kind === 'number') {
      this.next()
      return t.kind === 'string' ? t.text : t.value
    }
    if (t.kind === 'ident' && (t.text === 'true' || t.text === 'false' || t.text === 'null')) {
      this.next()
      return t.text === 'null' ? null : t.text === 'true'
    }
    if (t.kind === 'ident' && (t.text === 'datetime' || t.text === 'timespan')) {
      const e = this.typedLiteral(t.text, this.next())
      return e.k === 'lit' ? e.v : null
    }
    return this.fail('expected a dynamic literal value')
  }
}

/** `real(nan)`, `real(+inf)`, `real(-inf)`: the real literals that are not numbers. */
const REAL_SPECIALS: Record<string, number> = { nan: NaN, '+inf': Infinity, inf: Infinity, '-inf': -Infinity }

/** Parses a query of ruleproof's KQL subset. Throws KqlError (syntax or unsupported) at an offset. */
export function parseKql(text: string, options: ParseOptions = {}): Query {
  return boundedParse(() => new Parser(text, tokenize(text), options.knownTables ?? new Set()).query(), (message) => new KqlError('syntax', message, 0))
}

export { KDateTime }
