/**
 * Running `|re` values without letting a pattern hang the run. Patterns RE2 can express run on
 * re2js (a pure-JS port of RE2: linear time in the text, no native build); the rest
 * (lookarounds, back-references, a few escapes) run on the JavaScript engine in a worker thread
 * under a time budget, and an evaluation that exceeds it throws `RegexBudgetError`, which the
 * callers report as that event's error.
 *
 * Both engines read the same translation of the Python pattern (regex.ts): the RE2 source is
 * derived from the JavaScript one, construct by construct, and anything whose meaning could
 * differ between the two falls back to the JavaScript engine. Texts holding surrogate pairs go
 * to the JavaScript engine too (it reads UTF-16 code units, RE2 code points).
 */
import { Worker } from 'node:worker_threads'
import { RE2JS } from 're2js'
import { RegexTranslationError, translatePythonRegex } from './regex.js'

export interface SigmaRegex {
  test(text: string): boolean
  /** Which engine runs the pattern on texts without surrogate pairs. */
  readonly engine: 're2' | 'backtracking'
  readonly pattern: string
}

/** An evaluation of a backtracking-only pattern that ran over its time budget. */
export class RegexBudgetError extends Error {
  constructor(
    readonly pattern: string,
    readonly budgetMs: number,
  ) {
    super(`regex '${pattern}' did not finish within ${budgetMs} ms on this event (it needs the backtracking engine: RE2 cannot run it)`)
    this.name = 'RegexBudgetError'
  }
}

let budgetMs = 1000

/** The time one evaluation of a backtracking-only pattern may take (ms). */
export function setRegexBudget(ms: number): void {
  budgetMs = ms
}

export function regexBudget(): number {
  return budgetMs
}

const SURROGATE = /[\uD800-\uDFFF]/
// JavaScript's \s (RE2's is ASCII only), as class content.
const JS_SPACE = '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}'
// What translatePythonRegex writes for anchors, and their RE2 spelling.
const ANCHORS: [string, string][] = [
  ['(?<![\\s\\S])', '\\A'],
  ['(?![\\s\\S])', '\\z'],
  ['(?=\\n|(?![\\s\\S]))', '$'],
  ['(?<![^\\n])', '^'],
]
const PY_DOLLAR = '(?=\\n?(?![\\s\\S]))'

/**
 * The RE2 spelling of a translated (JavaScript) source, or undefined where a construct has no
 * RE2 equivalent with the same meaning.
 */
export function re2Source(source: string): string | undefined {
  let out = ''
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string
    const code = c.charCodeAt(0)
    if (code >= 0xd800 && code <= 0xdfff) return undefined
    if (c === '\\') {
      const n = source[i + 1]
      if (n === undefined) return undefined
      i++
      if ('dDwWnrtfv'.includes(n) || (!inClass && 'bB'.includes(n))) out += '\\' + n
      else if (n === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`
      else if (n === 'S' && !inClass) out += `[^${JS_SPACE}]`
      else if (n === 'x' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
        out += `\\x{${source.slice(i + 1, i + 3)}}`
        i += 2
      } else if (n === 'u' && /^[0-9A-Fa-f]{4}$/.test(source.slice(i + 1, i + 5))) {
        const hi = parseInt(source.slice(i + 1, i + 5), 16)
        i += 4
        if (hi >= 0xdc00 && hi <= 0xdfff) return undefined
        if (hi >= 0xd800 && hi <= 0xdbff) {
          // A pair written as two escapes (regex.ts groups it): one code point for RE2.
          const m = /^\\u([dD][c-fC-F][0-9A-Fa-f]{2})/.exec(source.slice(i + 1))
          if (!m || inClass) return undefined
          const lo = parseInt(m[1] as string, 16)
          out += `\\x{${(((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000).toString(16)}}`
          i += 6
        } else out += `\\x{${hi.toString(16)}}`
      } else if (/[A-Za-z0-9]/.test(n)) return undefined // back-references, \c, \k, \p, \0, \b in a class…
      else out += '\\' + n // escaped punctuation is literal in both
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      out += c
      continue
    }
    if (c === '[') {
      if (source[i + 1] === ']' || source.startsWith('^]', i + 1)) return undefined
      inClass = true
      out += c
      if (source[i + 1] === '^') {
        out += '^'
        i++
      }
      continue
    }
    if (c === '(' && source[i + 1] === '?') {
      const anchor = ANCHORS.find(([js]) => source.startsWith(js, i))
      if (anchor) {
        out += anchor[1]
        i += anchor[0].length - 1
        continue
      }
      if (source.startsWith(PY_DOLLAR, i)) {
        // Python's `$` (end, or before a final newline) is a lookahead; consuming the newline
        // means the same only where nothing follows but closing groups.
        if (!/^\)*$/.test(source.slice(i + PY_DOLLAR.length))) return undefined
        out += '(?:\\n?\\z)'
        i += PY_DOLLAR.length - 1
        continue
      }
      if (source.startsWith('(?:', i)) {
        out += '(?:'
        i += 2
        continue
      }
      const named = /^\(\?<([A-Za-z_]\w*)>/.exec(source.slice(i))
      if (named) {
        out += `(?P<${named[1]}>`
        i += named[0].length - 1
        continue
      }
      return undefined // lookarounds
    }
    if (c === '$') return undefined
    out += c
  }
  return inClass ? undefined : out
}

/**
 * Compiles a Sigma `|re` value (Python syntax; `extraFlags` from the i/m/s modifiers). Throws
 * RegexTranslationError for patterns that do not compile, as `compileRegex` does. `fastPath:
 * false` (tests) sends every text to RE2 or the guarded worker.
 */
export function compileSigmaRegex(pattern: string, extraFlags: string, options: { fastPath?: boolean } = {}): SigmaRegex {
  const t = translatePythonRegex(pattern, extraFlags)
  let js: RegExp
  try {
    // No `u` flag: several SigmaHQ regexes use identity escapes (`\"`, `\-`) that `u` rejects.
    js = new RegExp(t.source, t.flags)
  } catch (err) {
    throw new RegexTranslationError((err as Error).message)
  }
  // Fast path: V8's engine where its worst case on this text is provably small (see backtrackingBound).
  const maxLength = options.fastPath === false ? -1 : backtrackingBound(t.source)
  const guarded = (text: string) => (text.length <= maxLength ? js.test(text) : budgetedTest(js, pattern, text))
  const source = re2Source(t.source)
  if (source === undefined) return { test: guarded, engine: 'backtracking', pattern }
  let flags = 0
  if (t.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE
  if (t.flags.includes('m')) flags |= RE2JS.MULTILINE
  if (t.flags.includes('s')) flags |= RE2JS.DOTALL
  let re2: RE2JS | undefined
  if (maxLength !== Infinity) {
    try {
      re2 = RE2JS.compile(source, flags)
    } catch {
      // RE2 limits (repetition over 1000, …): the JavaScript engine under the budget.
      return { test: guarded, engine: 'backtracking', pattern }
    }
  }
  const linear = re2
  if (linear === undefined) return { test: (text) => js.test(text), engine: 're2', pattern } // every text takes the fast path
  return {
    test: (text) => (text.length <= maxLength ? js.test(text) : SURROGATE.test(text) ? budgetedTest(js, pattern, text) : linear.test(text)),
    engine: 're2',
    pattern,
  }
}

/** Steps a backtracking run may take on the fast path (order of magnitude: a millisecond or so). */
const FAST_STEPS = 1e6

/**
 * The longest text on which V8's backtracking engine is sure to finish within about FAST_STEPS
 * steps, or -1 where no length is safe. A pattern with a quantified group that holds a quantifier
 * or an alternation (`(a+)+`, `(a|a)*`) can take exponential time: -1. Otherwise each of the k
 * unbounded quantifiers (`*`, `+`, `{n,}`, `{n,m}` with m > 16) tries at most n lengths at each of n
 * starts: n^(k+1) steps, so texts up to FAST_STEPS^(1/(k+1)) characters run there (every text
 * when k = 0). Conservative: anything it does not understand is -1.
 */
export function backtrackingBound(source: string): number {
  // For each open group: whether it holds a quantifier or an alternation.
  const groups: boolean[] = []
  let unbounded = 0
  let lastGroup: boolean | undefined // the group just closed (a quantifier may follow)
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string
    let atomGroup: boolean | undefined
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return -1 // back-references: no bound
      i++
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++
    } else if (c === '(') {
      groups.push(false)
      // Group syntax, not quantifiers: (?:  (?=  (?!  (?<=  (?<!  (?<name>
      const syntax = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_]\w*>)/.exec(source.slice(i))
      if (syntax) i += syntax[0].length - 1
      else if (source[i + 1] === '?') return -1
      continue
    } else if (c === ')') {
      const inner = groups.pop()
      if (inner === undefined) return -1
      atomGroup = inner
    } else if (c === '|') {
      if (groups.length > 0) groups[groups.length - 1] = true
      continue
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let unboundedHere = c === '*' || c === '+'
      if (c === '{') {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(source.slice(i))
        if (!m) continue // a literal brace
        unboundedHere = m[2] === ',' && (m[3] === '' || Number(m[3]) > 16)
        i += m[0].length - 1
      }
      if (source[i + 1] === '?') i++ // lazy
      const repeats = c !== '?' && !/^\{0?,?1?\}/.test(source.slice(i))
      // A group that repeats, holding a quantifier or an alternation: exponential at worst.
      if (lastGroup === true && repeats) return -1
      if (unboundedHere) unbounded++
      if (groups.length > 0) groups[groups.length - 1] = true
      lastGroup = undefined
      continue
    }
    lastGroup = atomGroup
  }
  if (groups.length > 0) return -1
  return unbounded === 0 ? Infinity : Math.floor(FAST_STEPS ** (1 / (unbounded + 1)))
}

// The worker that runs backtracking patterns: the main thread waits for its answer with a
// timeout, and a worker stuck in a regex is terminated and replaced.
const WORKER = `
const { parentPort } = require('node:worker_threads')
const cache = new Map()
parentPort.on('message', ({ source, flags, text, shared }) => {
  const view = new Int32Array(shared)
  Atomics.store(view, 1, 1)
  Atomics.notify(view, 1)
  let re = cache.get(flags + '/' + source)
  if (re === undefined) {
    re = new RegExp(source, flags)
    if (cache.size < 1000) cache.set(flags + '/' + source, re)
  }
  Atomics.store(view, 0, re.test(text) ? 1 : 2)
  Atomics.notify(view, 0)
})
`
let worker: Worker | undefined

/** Runs a backtracking-only pattern in the worker; throws RegexBudgetError past the budget. */
function budgetedTest(re: RegExp, pattern: string, text: string): boolean {
  if (text.length === 0) return re.test(text) // nothing to backtrack over
  worker ??= new Worker(WORKER, { eval: true })
  worker.unref()
  const shared = new SharedArrayBuffer(8)
  const view = new Int32Array(shared)
  worker.postMessage({ source: re.source, flags: re.flags, text, shared })
  // The worker's start-up (first call) does not count against the budget: wait until it runs the test.
  Atomics.wait(view, 1, 0, 30_000)
  if (Atomics.wait(view, 0, 0, budgetMs) === 'timed-out' && Atomics.load(view, 0) === 0) {
    void worker.terminate()
    worker = undefined
    throw new RegexBudgetError(pattern, budgetMs)
  }
  return Atomics.load(view, 0) === 1
}
