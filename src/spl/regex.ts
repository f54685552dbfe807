/**
 * Regular expressions of a search (`rex`, `regex`, `match()`, `mvfind()`, `replace()`): PCRE
 * read as JavaScript, run so that a pattern cannot hang the run. A pattern RE2 can express runs on
 * re2js (linear time) on texts longer than V8's backtracking is sure to finish on quickly (the
 * bound and the RE2 spelling are the Sigma engine's, src/sigma/values/regex-engine.ts); one that
 * needs backtracking (lookarounds, back-references) runs on V8 only on texts that short, and on a
 * longer text is a located error rather than an hours-long run.
 */
import { RE2JS } from 're2js'
import { backtrackingBound, re2Source } from '../sigma/values/regex-engine.js'
import { SplError } from './errors.js'

/** A PCRE pattern as a JS RegExp: `(?P<n>` named groups, a leading `(?i)`/`(?s)`/`(?m)`. */
export function pcre(pattern: string, at: number): RegExp {
  let flags = ''
  let p = pattern.replace(/\(\?P</g, '(?<')
  const lead = /^\(\?([imsx]+)\)/.exec(p)
  if (lead) {
    if (lead[1]!.includes('x')) throw new SplError('unsupported', 'the (?x) regular expression flag is not evaluated', at)
    flags += lead[1]
    p = p.slice(lead[0].length)
  }
  if (/\(\?[imsx-]+[:)]/.test(p)) throw new SplError('unsupported', 'inline regular expression flags after the start are not evaluated', at)
  if (/\\[AZz]/.test(p)) p = p.replace(/\\A/g, '^').replace(/\\[Zz]/g, '$')
  try {
    return new RegExp(p, flags)
  } catch (e) {
    throw new SplError('unsupported', `regular expression not readable as JavaScript: ${(e as Error).message}`, at)
  }
}

export interface SplRegex {
  test(text: string): boolean
  /** The named groups of the first match, or undefined when there is none. */
  groups(text: string): Record<string, string | undefined> | undefined
  /** Every match replaced; `\N` in the replacement is group N. */
  replace(text: string, replacement: string): string
}

/** The JS source with `$` (end of input without the m flag) spelled as the anchor RE2 reads as `\z`. */
function dollarsAsEnd(source: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      out += c + (source[i + 1] ?? '')
      i++
    } else if (inClass) {
      if (c === ']') inClass = false
      out += c
    } else if (c === '[') {
      inClass = true
      out += c
    } else out += c === '$' ? '(?![\\s\\S])' : c
  }
  return out
}

function re2Of(js: RegExp): RE2JS | undefined {
  if (js.flags.includes('m')) return undefined // line anchors differ (JS also breaks at \r, \u2028, \u2029)
  const source = re2Source(dollarsAsEnd(js.source))
  if (source === undefined) return undefined
  let flags = 0
  if (js.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE
  if (js.flags.includes('s')) flags |= RE2JS.DOTALL
  try {
    return RE2JS.compile(source, flags)
  } catch {
    return undefined
  }
}

function substitute(replacement: string, group: (n: number) => string | null | undefined): string {
  return replacement.replace(/\\(\d)/g, (_m, d: string) => group(Number(d)) ?? '')
}

function compile(pattern: string, at: number): SplRegex {
  const js = pcre(pattern, at)
  const global = new RegExp(js.source, js.flags + 'g')
  const groupCount = new RegExp(`${js.source}|`, js.flags).exec('')!.length - 1
  const bound = backtrackingBound(js.source)
  const re2 = bound === Infinity ? undefined : re2Of(js)
  const fast = (text: string): boolean => text.length <= bound
  const tooLong = (text: string): never => {
    throw new SplError('runtime', `regular expression ${JSON.stringify(pattern)} needs backtracking (RE2 cannot run it) and the text is ${text.length} characters: not evaluated, it could run for hours (it runs on texts up to ${Math.max(0, Math.floor(bound))})`, at)
  }
  return {
    test(text) {
      if (fast(text)) return js.test(text)
      return re2 ? re2.test(text) : tooLong(text)
    },
    groups(text) {
      if (fast(text)) return js.exec(text)?.groups ?? undefined
      if (!re2) return tooLong(text)
      const m = re2.matcher(text)
      if (!m.find()) return undefined
      const out: Record<string, string | undefined> = {}
      for (const name of Object.keys(re2.namedGroups())) out[name] = m.group(name) ?? undefined
      return out
    },
    replace(text, replacement) {
      if (fast(text)) return text.replace(global, (...args: unknown[]) => substitute(replacement, (n) => (n <= groupCount ? (args[n] as string | undefined) : undefined)))
      if (!re2) return tooLong(text)
      const m = re2.matcher(text)
      let out = ''
      let last = 0
      while (m.find()) {
        out += text.slice(last, m.start()) + substitute(replacement, (n) => m.group(n))
        last = m.end()
      }
      return out + text.slice(last)
    },
  }
}

const cache = new Map<string, SplRegex>()
/** The search's regex for a pattern (compiled once; a pattern that does not compile throws a located SplError). */
export function splRegex(pattern: string, at: number): SplRegex {
  // Keyed by place too: an error names the place of the pattern that caused it.
  const key = `${at}\u0000${pattern}`
  let r = cache.get(key)
  if (!r) {
    r = compile(pattern, at)
    if (cache.size > 1000) cache.clear()
    cache.set(key, r)
  }
  return r
}
