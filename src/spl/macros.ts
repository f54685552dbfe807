/**
 * Search macros: `` `name` `` and `` `name(a,b)` `` with `$arg$` substitution, as Splunk expands them
 * before parsing. The expansion keeps, for every character, the offset in the written search it
 * comes from, so an error in expanded text points at the macro call that brought it in.
 */
import { SplError } from './errors.js'

export interface MacroDefinition {
  name: string
  args: string[]
  definition: string
  /** Where it was defined (`file:line`), for messages. */
  from?: string
}

export type MacroTable = ReadonlyMap<string, MacroDefinition>

/** The key of a macro: its name, with `(n)` for n arguments (Splunk's own naming). */
export const macroKey = (name: string, arity: number): string => (arity === 0 ? name : `${name}(${arity})`)

export interface Expanded {
  text: string
  /** For each character of `text`, its offset in the written search. */
  origin: number[]
  /** Macros used (keys), in order of first use. */
  used: string[]
}

/**
 * Helper macros security_content's searches call but that live in other apps (Splunk_SA_CIM, ES)
 * or in its own macros/ with a definition ruleproof reads the same way. Used when no macros/ folder
 * or config defines them.
 */
export const BUILTIN_MACROS: readonly MacroDefinition[] = [
  { name: 'security_content_ctime', args: ['field'], definition: 'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)', from: 'ruleproof (security_content macros/security_content_ctime.yml)' },
  { name: 'drop_dm_object_name', args: ['object'], definition: 'rename $object$.* AS *', from: 'ruleproof (Splunk_SA_CIM)' },
  { name: 'security_content_summariesonly', args: [], definition: 'summariesonly=false allow_old_summaries=true fillnull_value=null', from: 'ruleproof (security_content macros/security_content_summariesonly.yml with its defaults)' },
]

/** A `_filter` macro that is not defined: security_content defines each as `search *`. */
const DEFAULT_FILTER = 'search *'
const MAX_DEPTH = 20

function splitArgs(inner: string): string[] {
  const out: string[] = []
  let cur = ''
  let depth = 0
  let quote = false
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!
    if (quote) {
      cur += ch
      if (ch === '\\' && i + 1 < inner.length) cur += inner[++i]
      else if (ch === '"') quote = false
      continue
    }
    if (ch === '"') quote = true
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      out.push(cur.trim())
      cur = ''
      continue
    }
    cur += ch
  }
  out.push(cur.trim())
  // A quoted argument is substituted without its quotes.
  return out.map((a) => (/^".*"$/s.test(a) ? a.slice(1, -1).replace(/\\"/g, '"') : a))
}

const BUILTIN: MacroTable = new Map(BUILTIN_MACROS.map((m) => [macroKey(m.name, m.args.length), m]))

export function expandMacros(search: string, macros: MacroTable, unreadable: readonly string[] = []): Expanded {
  const text: string[] = []
  const origin: number[] = []
  const used: string[] = []
  const walk = (src: string, depth: number, fixed: number | undefined, chain: string[]): void => {
    let i = 0
    while (i < src.length) {
      const ch = src[i]!
      if (ch === '\\' && i + 1 < src.length) {
        // An escaped character (`\"` in a bare term) is text, never a string or macro delimiter.
        text.push(ch, src[i + 1]!)
        origin.push(fixed ?? i, fixed ?? i + 1)
        i += 2
        continue
      }
      if (ch === '"') {
        // Backticks inside a quoted string are text.
        let j = i + 1
        while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1
        for (let k = i; k <= Math.min(j, src.length - 1); k++) (text.push(src[k]!), origin.push(fixed ?? k))
        i = j + 1
        continue
      }
      if (src.startsWith('```', i)) {
        // A comment: ```text```, nothing of the search.
        const end = src.indexOf('```', i + 3)
        if (end < 0) throw new SplError('macro', 'unterminated comment (``` without its closing ```)', fixed ?? i)
        text.push(' ')
        origin.push(fixed ?? i)
        i = end + 3
        continue
      }
      if (ch !== '`') {
        text.push(ch)
        origin.push(fixed ?? i)
        i++
        continue
      }
      const at = fixed ?? i
      const end = src.indexOf('`', i + 1)
      if (end < 0) throw new SplError('macro', 'unterminated macro call (a ` without its closing `)', at)
      const call = src.slice(i + 1, end).trim()
      const m = /^([A-Za-z0-9_.:-]+)\s*(?:\(([\s\S]*)\))?$/.exec(call)
      if (!m) throw new SplError('macro', `not a macro call: \`${call}\``, at)
      const name = m[1]!
      const args = m[2] === undefined ? [] : splitArgs(m[2])
      const key = macroKey(name, args.length)
      let body: string
      const def = macros.get(key) ?? BUILTIN.get(key)
      if (def) {
        if (chain.includes(key)) throw new SplError('macro', `macro \`${key}\` calls itself (${[...chain, key].join(' → ')})`, at)
        body = def.definition
        def.args.forEach((a, k) => {
          body = body.split(`$${a}$`).join(args[k]!)
        })
      } else if (args.length === 0 && name.endsWith('_filter')) {
        body = DEFAULT_FILTER
      } else {
        const other = [...macros.keys()].filter((k) => k === name || k.startsWith(`${name}(`))
        const hint = unreadable.length ? `; macro files that could not be read: ${unreadable.join('; ')}` : ''
        throw new SplError('macro', `unknown macro \`${key}\`${other.length ? ` (defined: ${other.join(', ')})` : ''}${hint}`, at)
      }
      if (!used.includes(key)) used.push(key)
      if (depth >= MAX_DEPTH) throw new SplError('macro', `macros nested deeper than ${MAX_DEPTH}`, at)
      walk(body, depth + 1, at, [...chain, key])
      i = end + 1
    }
  }
  walk(search, 0, undefined, [])
  return { text: text.join(''), origin, used }
}

/** The written-search offset of an offset in expanded text. */
export function originOf(e: Expanded, offset: number): number {
  if (e.origin.length === 0) return 0
  return e.origin[Math.min(Math.max(0, offset), e.origin.length - 1)]!
}
