/** Prints a parsed search back to SPL; parsing the output gives the same tree (positions aside). */
import type { Command, EvalExpr, Pipeline, SearchExpr } from './ast.js'

const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
/** A name or value bare when the parser would read it back whole, else quoted. */
const bare = (s: string): string => (/^[^\s()|[\],="!<>`']+$/.test(s) && !/^(OR|AND|NOT|IN|by|as)$/i.test(s) ? s : q(s))
const evalName = (s: string): string => (/^[A-Za-z_@][\w.{}:@]*$/.test(s) && !s.endsWith('.') && !/^(OR|AND|XOR|NOT|LIKE)$/i.test(s) ? s : `'${s}'`)

export function printSearch(e: SearchExpr): string {
  return search(e)
}

function search(e: SearchExpr): string {
  switch (e.t) {
    case 'and':
      return e.items.map((i) => (i.t === 'or' || i.t === 'and' ? `(${search(i)})` : search(i))).join(' ')
    case 'or':
      return e.items.map((i) => (i.t === 'and' || i.t === 'or' ? `(${search(i)})` : search(i))).join(' OR ')
    case 'not':
      return `NOT ${e.item.t === 'and' || e.item.t === 'or' ? `(${search(e.item)})` : search(e.item)}`
    case 'cmp':
      return `${bare(e.field)}${e.op}${e.quoted ? q(e.value) : e.value}`
    case 'in':
      return `${bare(e.field)} IN (${e.values.map((v) => (v.quoted ? q(v.value) : v.value)).join(', ')})`
    case 'term':
      return e.quoted ? q(e.value) : e.value
  }
}

export function printEval(e: EvalExpr): string {
  switch (e.t) {
    case 'num':
      return e.text
    case 'str':
      return q(e.value)
    case 'bool':
      return e.value ? 'true()' : 'false()'
    case 'field':
      return evalName(e.name)
    case 'call':
      return `${e.fn}(${e.args.map(printEval).join(', ')})`
    case 'bin':
      return `(${printEval(e.left)} ${e.op} ${printEval(e.right)})`
    case 'not':
      return `NOT (${printEval(e.item)})`
    case 'neg':
      return `-(${printEval(e.item)})`
  }
}

function command(c: Command): string {
  switch (c.c) {
    case 'search':
      return c.expr ? `search ${search(c.expr)}` : 'search'
    case 'where':
      return `where ${printEval(c.expr)}`
    case 'eval':
      return `eval ${c.assignments.map((a) => `${evalName(a.field)}=${printEval(a.expr)}`).join(', ')}`
    case 'fillnull':
      return ['fillnull', `value=${q(c.value)}`, ...c.fields.map(bare)].join(' ')
    case 'stats':
    case 'eventstats':
    case 'streamstats': {
      const aggs = c.aggs.map((a) => `${a.fn}${a.expr !== undefined ? `(eval(${printEval(a.expr)}))` : a.field !== undefined ? `(${bare(a.field)})` : ''}${a.as !== undefined ? ` as ${bare(a.as)}` : ''}`)
      return [c.c, ...aggs, ...(c.by.length ? ['by', ...c.by.map(bare)] : [])].join(' ')
    }
    case 'rename':
      return `rename ${c.pairs.map((p) => `${bare(p.from)} as ${bare(p.to)}`).join(', ')}`
    case 'table':
      return ['table', ...c.fields.map(bare)].join(' ')
    case 'fields':
      return ['fields', c.remove ? '-' : '+', ...c.fields.map(bare)].join(' ')
    case 'dedup':
      return ['dedup', String(c.count), ...c.fields.map(bare)].join(' ')
    case 'sort':
      return ['sort', ...(c.limit !== undefined ? [String(c.limit)] : []), c.keys.map((k) => `${k.desc ? '-' : '+'}${k.as ? `${k.as}(${bare(k.field)})` : bare(k.field)}`).join(', ')].join(' ')
    case 'head':
    case 'tail':
      return `${c.c} ${c.n}`
    case 'rex':
      return `rex field=${bare(c.field)} ${q(c.regex)}`
    case 'regex':
      return `regex ${bare(c.field)}${c.negate ? '!=' : '='}${q(c.regex)}`
    case 'spath':
      return ['spath', `input=${bare(c.input)}`, ...(c.output !== undefined ? [`output=${bare(c.output)}`] : []), ...(c.path !== undefined ? [`path=${bare(c.path)}`] : [])].join(' ')
    case 'bin':
      return `bin span=${bare(c.span)} ${bare(c.field)}${c.as !== undefined ? ` as ${bare(c.as)}` : ''}`
    case 'convert':
      return ['convert', ...(c.timeformat !== undefined ? [`timeformat=${q(c.timeformat)}`] : []), ...c.conversions.map((v) => `${v.fn}(${bare(v.field)})${v.as !== undefined ? ` as ${bare(v.as)}` : ''}`)].join(' ')
    case 'makemv':
      return `makemv delim=${q(c.delim)} ${bare(c.field)}`
    case 'mvexpand':
      return `mvexpand ${bare(c.field)}`
    case 'lookup': {
      const pairs = (ps: { field: string; as: string | undefined }[]): string[] => ps.map((p) => `${bare(p.field)}${p.as !== undefined ? ` as ${bare(p.as)}` : ''}`)
      return ['lookup', bare(c.table), ...pairs(c.match), ...(c.outputs.length || c.outputNew ? [c.outputNew ? 'OUTPUTNEW' : 'OUTPUT', ...pairs(c.outputs)] : [])].join(' ')
    }
    case 'inputlookup':
      return `inputlookup ${bare(c.table)}`
    case 'join':
      return ['join', `type=${c.type}`, ...c.fields.map(bare), `[${printSpl(c.sub)}]`].join(' ')
    case 'append':
      return `append [${printSpl(c.sub)}]`
  }
}

/** A pipeline a line per command (`| command` after the first): how a mutant's change is shown. */
export function printSplLines(p: Pipeline): string[] {
  return p.commands.map((c, i) => (i === 0 && c.c === 'search' ? (c.expr ? search(c.expr) : 'search') : `| ${command(c)}`))
}

export function printSpl(p: Pipeline): string {
  return p.commands.map((c, i) => (i === 0 && c.c === 'search' ? (c.expr ? search(c.expr) : 'search') : `| ${command(c)}`)).join(' ')
}
